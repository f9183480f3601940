# Reductions with axis= (a number or a tuple) and keepdims=, cumsum, argmin/argmax.
import numpy as np


def show(label, a):
    print(label, a.shape, " ".join([f"{v:.12g}" for v in a.ravel()]))


A = np.array([[1.5, -2.0, 3.25, 0.5], [4.0, 5.5, -6.0, 2.0], [0.1, 0.2, 0.3, 0.4]])
print(f"{np.sum(A):.12g} {np.mean(A):.12g} {np.std(A):.12g} {np.var(A):.12g}")
print(f"{A.max():g} {A.min():g} {np.prod(A):.12g} {np.argmax(A)} {np.argmin(A)}")
for axis in [0, 1, -1]:
    show(f"sum{axis}", np.sum(A, axis=axis))
    show(f"mean{axis}", np.mean(A, axis=axis))
    show(f"std{axis}", np.std(A, axis=axis))
    show(f"var{axis}", A.var(axis=axis))
    show(f"max{axis}", np.max(A, axis=axis))
    show(f"min{axis}", A.min(axis=axis))
    show(f"prod{axis}", np.prod(A, axis=axis))
    show(f"argmax{axis}", np.argmax(A, axis=axis))
    show(f"argmin{axis}", np.argmin(A, axis=axis))
    show(f"cumsum{axis}", np.cumsum(A, axis=axis))
show("keep0", np.sum(A, axis=0, keepdims=True))
show("keep1", np.mean(A, axis=1, keepdims=True))
show("keepall", np.max(A, keepdims=True))
B = np.arange(24).reshape(2, 3, 4) * 0.5
show("tuple01", np.sum(B, axis=(0, 1)))
show("tuple02", np.mean(B, axis=(0, 2), keepdims=True))
show("tuple12", B.max(axis=(1, 2)))
show("cumsum", np.cumsum(B))
print(f"{np.any(A > 5)} {np.all(A > -7)} {np.any(A > 10)}")
show("any0", 1 * np.any(A > 3, axis=0))
show("all1", 1 * np.all(A > 0, axis=1))
x = np.linspace(0, 1, 1001)
print(f"{np.sum(x):.17g} {np.mean(x ** 2):.17g}")
big = ((np.arange(1000000) * 7919) % 1000 * 0.001 - 0.3).reshape(1000, 1000)
print(f"{np.sum(big):.17g} {np.mean(big):.17g} {np.std(big):.17g} {big.sum(axis=1).sum():.17g}")
# Along leading and middle axes (folded a row at a time, in numpy's order), to the last bit.
print(f"{big.sum(axis=0)[7]:.17g} {big.mean(axis=0).sum():.17g} {np.std(big, axis=0)[999]:.17g}")
print(f"{np.var(big, axis=0).max():.17g} {big.max(axis=0).sum():.17g} {big.min(axis=0).sum():.17g}")
C = np.sin(np.arange(4 * 50 * 6) * 0.37).reshape(4, 50, 6)
show("mid1", np.mean(C, axis=1) * 1e6)
print(f"{np.std(C, axis=(0, 1))[5]:.17g} {np.sum(C, axis=(0, 1))[2]:.17g} {np.prod(C + 2, axis=1)[3, 4]:.17g}")
N = np.array([[1.0, np.nan, 3.0], [4.0, 5.0, np.nan], [0.5, 9.0, -1.0]])
show("nanmax0", np.max(N, axis=0))
show("nanmin0", np.min(N, axis=0))
show("nanmax1", np.max(N, axis=1))
print(f"{np.max(N[:, 0]):g} {np.max(np.arange(40.0) % 7):g} {np.min(-np.arange(40.0) % 11):g}")
print(f"{np.max(np.where(np.arange(40.0) == 33, np.nan, 1.0)):g} {np.min(np.arange(40.0)[::-1]):g}")
