# Matrix products: @, np.dot and np.matmul for 1-D and 2-D operands, np.outer.
import numpy as np


def show(label, a):
    print(label, a.shape, " ".join([f"{v:.12g}" for v in a.ravel()]))


A = np.arange(6).reshape(2, 3) * 0.5
B = np.arange(12).reshape(3, 4) - 5.0
x = np.array([1.0, -2.0, 3.0])
y = np.array([0.5, 4.0])
show("A@B", A @ B)
show("A@x", A @ x)
show("y@A", y @ A)
print(f"{x @ x:g} {np.dot(x, x):g}")
show("dot", np.dot(A, B))
show("matmul", np.matmul(A, x))
show("outer", np.outer(x, y))
show("AtA", A.T @ A)
show("gram", A @ A.T)
W = np.linspace(-1, 1, 12).reshape(4, 3)
h = np.tanh(W @ x)
show("layer", h)
show("grad", np.outer(h, x))
