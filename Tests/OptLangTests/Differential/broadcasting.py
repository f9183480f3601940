# Broadcasting: arithmetic, comparisons and element-wise functions on arrays
# of different shapes, as numpy's rules stretch them.
import numpy as np


def show(label, a):
    print(label, a.shape, " ".join([f"{v:.12g}" for v in a.ravel()]))


A = np.arange(6).reshape(2, 3) * 1.5
col = np.array([[1.0], [-2.0]])
row = np.array([10.0, 20.0, 30.0])
show("A+row", A + row)
show("A*col", A * col)
show("col+row", col + row)
show("A-2", A - 2)
show("2/A1", 2 / (A + 1))
show("pow", A ** 2)
show("rpow", 2 ** A)
show("floordiv", A // 2)
show("mod", A % 2)
show("neg", -A)
show("gt", 1 * (A > 3))
show("eq", 1 * (A == row / 10))
show("exp", np.exp(col * row / 100))
show("sqrt", np.sqrt(A))
show("maximum", np.maximum(A, row / 10))
show("minimum", np.minimum(col, row))
show("abs", np.abs(col - row))
show("sigmoid", 1 / (1 + np.exp(-(A - 3))))
show("tanh", np.tanh(A / 4))
show("clip", np.clip(A, 1, 4))
x = np.linspace(-1, 1, 5)
show("outer-ish", x[:, None] * x[None, :])
B = np.ones((2, 1, 3))
show("3d", B + np.arange(4).reshape(4, 1))
