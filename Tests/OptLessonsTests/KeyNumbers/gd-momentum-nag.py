#!/usr/bin/env python3
"""Independent derivation of the key numbers of lessons/gd-momentum-nag.opt.

Plain Python 3 + numpy: the same data (numpy's legacy generator, seed 0),
the lecture's sigmoid neuron and squared error, and the three optimizers
written out from their formulas. Prints `name value` lines; the values are
the EXPECTED column of gd-momentum-nag.txt.
"""
import numpy as np


def f(w, b, x):
    return 1.0 / (1.0 + np.exp(-(w * x + b)))


np.random.seed(0)
X = 0.25 * np.random.rand(500)
X = np.where(np.random.rand(500) < 0.8, 0.0, X)
W_TRUE, B_TRUE = 3.0, -1.5
Y = f(W_TRUE, B_TRUE, X)


def grads(w, b):
    fx = f(w, b, X)
    d = (fx - Y) * fx * (1 - fx)
    return float(np.sum(d * X)), float(np.sum(d))


def reach(path, radius=0.05):
    """First epoch from which on the path stays within radius of the minimum."""
    last_outside = -1
    for t, (w, b) in enumerate(path):
        if np.hypot(w - W_TRUE, b - B_TRUE) >= radius:
            last_outside = t
    return last_outside + 1


def gd(epochs, eta=0.1):
    w, b = -2.0, -2.0
    path = [(w, b)]
    for _ in range(epochs):
        dw, db = grads(w, b)
        w, b = w - eta * dw, b - eta * db
        path.append((w, b))
    return path


def heavy_ball(epochs, eta=0.1, beta=0.9):
    w, b, uw, ub = -2.0, -2.0, 0.0, 0.0
    path = [(w, b)]
    for _ in range(epochs):
        dw, db = grads(w, b)
        uw, ub = beta * uw + dw, beta * ub + db
        w, b = w - eta * uw, b - eta * ub
        path.append((w, b))
    return path


def nesterov(epochs, eta=0.1, beta=0.9):
    """Classic look-ahead NAG: gradient at w - beta*eta*u."""
    w, b, uw, ub = -2.0, -2.0, 0.0, 0.0
    path = [(w, b)]
    for _ in range(epochs):
        dw, db = grads(w - beta * eta * uw, b - beta * eta * ub)
        uw, ub = beta * uw + dw, beta * ub + db
        w, b = w - eta * uw, b - eta * ub
        path.append((w, b))
    return path


dw0, db0 = grads(-2.0, -2.0)

# Hessian of the error at the minimum; the residuals are zero there, so it
# is the Gauss-Newton matrix sum (f(1-f))^2 [[x^2, x], [x, 1]].
fx = f(W_TRUE, B_TRUE, X)
s = (fx * (1 - fx)) ** 2
H = np.array([[np.sum(s * X * X), np.sum(s * X)], [np.sum(s * X), np.sum(s)]])
lam_min, lam_max = np.linalg.eigvalsh(H)

mom = heavy_ball(300)
nag = nesterov(300)

out = [
    ("n_nonzero", int(np.count_nonzero(X))),
    ("dw0", dw0),
    ("db0", db0),
    ("lam_max", lam_max),
    ("lam_min", lam_min),
    ("gd_reach", reach(gd(3000))),
    ("mom_reach", reach(mom)),
    ("nag_reach", reach(nag)),
    ("mom_max_w", max(p[0] for p in mom)),
    ("nag_max_w", max(p[0] for p in nag)),
]
for name, value in out:
    print(name, repr(float(value)) if not isinstance(value, int) else value)
