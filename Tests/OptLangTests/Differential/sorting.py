# Sorting and searching: sort, argsort (stable), unique, where, nonzero,
# count_nonzero, unravel_index, isclose, allclose.
import numpy as np


def show(label, a):
    print(label, a.shape, " ".join([f"{v:.12g}" for v in a.ravel()]))


a = np.array([0.5, -1.0, 3.0, 0.5, 2.0])
show("sort", np.sort(a))
show("argsort", np.argsort(a, kind="stable"))
M = np.array([[3.0, 1.0, 2.0], [9.0, 7.0, 8.0]])
show("sort-1", np.sort(M))
show("sort0", np.sort(M, axis=0))
show("argsort1", np.argsort(M, axis=1))
show("unique", np.unique(np.array([3, 1, 3, 2, 1])))
show("where3", np.where(M > 2.5, M, 0))
r, c = np.where(M > 2.5)
show("where1r", r)
show("where1c", c)
show("nonzero", np.nonzero(np.array([0, 3, 0, 4]))[0])
print(np.count_nonzero(M > 2.5))
i, j = np.unravel_index(np.argmax(M), M.shape)
print(f"{i} {j}")
print(f"{np.allclose(M, M + 1e-9)} {np.isclose(0.1 + 0.2, 0.3)}")
