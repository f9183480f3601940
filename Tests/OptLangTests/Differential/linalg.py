# np.linalg: norm (with ord, axis and keepdims), inv, solve.
import numpy as np


def show(label, a):
    print(label, a.shape, " ".join([f"{round(v, 9) + 0.0:.9g}" for v in a.ravel()]))


v = np.array([3.0, 4.0])
print(f"{np.linalg.norm(v):g} {np.linalg.norm(v, 1):g} {np.linalg.norm(v, np.inf):g}")
A = np.array([[2.0, 1.0], [1.0, 3.0]])
print(f"{np.linalg.norm(A):.12g}")
show("norm0", np.linalg.norm(A, axis=0))
show("norm1k", np.linalg.norm(A, axis=1, keepdims=True))
show("inv", np.linalg.inv(A))
show("solve", np.linalg.solve(A, np.array([3.0, 5.0])))
show("check", A @ np.linalg.solve(A, np.array([3.0, 5.0])))
