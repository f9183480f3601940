# Shapes: reshape (with -1), ravel, flatten, .T, transpose, squeeze,
# expand_dims, newaxis, concatenate, stack, vstack, hstack.
import numpy as np


def show(label, a):
    print(label, a.shape, " ".join([f"{v:.12g}" for v in a.ravel()]))


a = np.arange(12)
show("reshape", a.reshape(3, 4))
show("reshape-1", a.reshape((2, -1)))
show("np.reshape", np.reshape(a, (-1, 6)))
b = a.reshape(2, 3, 2)
show("ravel", b.ravel())
show("flatten", b.flatten())
show("T", b.T)
show("transpose", np.transpose(b, (1, 0, 2)))
show("squeeze", np.squeeze(np.ones((1, 3, 1))))
show("squeeze0", np.squeeze(np.ones((1, 3, 1)), axis=0))
show("expand0", np.expand_dims(np.arange(3), 0))
show("expand1", np.expand_dims(np.arange(3), axis=1))
v = np.arange(3)
show("newaxis", v[:, np.newaxis])
show("None", v[None, :])
m = np.arange(4).reshape(2, 2)
show("concat0", np.concatenate([m, m + 10]))
show("concat1", np.concatenate((m, m + 10), axis=1))
show("stack", np.stack([v, v * 2]))
show("stack1", np.stack([v, v * 2], axis=1))
show("vstack", np.vstack([v, v + 1, v + 2]))
show("hstack", np.hstack([v, v]))
show("hstack2", np.hstack([m, m]))
print(m.shape, m.ndim, m.size, m.T.shape, len(b))
