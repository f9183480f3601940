# Indexing, reading and writing: integers, negative indexes, slices with
# steps, ..., [:, j], boolean masks, integer arrays (fancy indexing).
import numpy as np


def show(label, a):
    print(label, a.shape, " ".join([f"{v:.12g}" for v in a.ravel()]))


X = np.arange(20).reshape(4, 5) * 1.0
print(f"{X[1, 2]:g} {X[-1, -1]:g} {X[2][3]:g}")
show("row", X[1])
show("col", X[:, 0])
show("slice", X[1:3, ::2])
show("neg-step", X[::-1, -2:])
show("ellipsis", X[..., 1])
show("newaxis", X[:, 1, None])
show("mask", X[X > 14])
show("fancy", X[[0, 2, 3]])
show("fancy2", X[[0, 1], [4, 3]])
show("fancy-col", X[:, [1, 3]])
show("bool-rows", X[np.array([True, False, True, False])])
Y = X.copy()
Y[0] = -1
Y[1, 1] = 100
Y[:, 4] += 0.5
Y[2:, :2] = np.array([7, 8])
Y[Y > 15] = 0
Y[[3, 3], [2, 3]] = -5
show("Y", Y)
show("X", X)
W = np.zeros((2, 3))
W[:, 0] += 1
W[:3] = W[:3] + 2
W[..., -1] = 9
show("W", W)
v = np.arange(6) * 1.0
v[::2] = 0
v[v > 2] *= 10
show("v", v)
Z = np.arange(8).reshape(2, 2, 2)
show("Z01", Z[0, 1])
show("Z:1", Z[:, 1, :])
show("Zmask", Z[Z % 3 == 0])
