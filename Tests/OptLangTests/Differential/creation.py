# Creating arrays: nested lists, shapes, eye, arange, linspace, *_like, meshgrid.
import numpy as np


def show(label, a):
    print(label, a.shape, a.ndim, a.size, " ".join([f"{v:.12g}" for v in a.ravel()]))


show("array", np.array([[1, 2, 3], [4, 5, 6]]))
show("array3", np.array([[[1.5], [2]], [[3], [4]]]))
show("tuple", np.array(((1, 2), (3, 4))))
show("zeros", np.zeros((2, 3)))
show("zeros1", np.zeros(4))
show("ones", np.ones((3, 1)))
show("full", np.full((2, 2), 7.5))
print("empty", np.empty((1, 2)).shape)
show("eye", np.eye(3))
show("eye2", np.eye(2, 3))
show("identity", np.identity(2))
show("arange", np.arange(5))
show("arange2", np.arange(1, 2, 0.25))
show("linspace", np.linspace(0, 1, 5))
show("zeros_like", np.zeros_like(np.array([[1, 2], [3, 4]])))
show("ones_like", np.ones_like(np.arange(3)))
X, Y = np.meshgrid(np.array([1, 2, 3]), np.array([10, 20]))
show("meshX", X)
show("meshY", Y)
I, J = np.meshgrid(np.array([1, 2, 3]), np.array([10, 20]), indexing="ij")
show("meshI", I)
show("meshJ", J)
c = np.copy(X)
c[0, 0] = 99
show("copy", c)
show("X", X)
