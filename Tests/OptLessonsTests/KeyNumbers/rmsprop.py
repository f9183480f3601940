#!/usr/bin/env python3
"""Independent derivation of the key numbers of lessons/rmsprop.opt.

Plain Python 3 + numpy: the lecture's sparse data (numpy's legacy generator,
seed 0), RMSProp as in the lecture's do_rmsprop (v = beta*v + (1-beta)*g^2;
w -= eta*g/(sqrt(v) + eps), start (-4, 4), beta 0.5, eps 1e-4), the
end-game experiment started next to the minimum, and the threshold
2*eps/lambda_max from the Hessian at the minimum (numpy.linalg.eigvalsh).
Prints `name value` lines: the EXPECTED column of rmsprop.txt.
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


def rmsprop_bs(epochs, eta, w, b, beta=0.5, eps=1e-4):
    vw = vb = 0.0
    bs = []
    for _ in range(epochs):
        dw, db = grads(w, b)
        vw = beta * vw + (1 - beta) * dw * dw
        vb = beta * vb + (1 - beta) * db * db
        w -= eta * dw / (np.sqrt(vw) + eps)
        b -= eta * db / (np.sqrt(vb) + eps)
        bs.append(b)
    return bs


def swing(eta):
    """ptp of b over the last 20 of 400 epochs of do_rmsprop from (-4, 4)."""
    last = rmsprop_bs(400, eta, -4.0, 4.0)[-20:]
    return max(last) - min(last)


fx = f(W_TRUE, B_TRUE, X)
s = (fx * (1 - fx)) ** 2
H = np.array([[np.sum(s * X * X), np.sum(s * X)], [np.sum(s * X), np.sum(s)]])
lam_max = np.linalg.eigvalsh(H)[1]
eta_star = 2 * 1e-4 / lam_max

# The experiment that defines the threshold: start next to the minimum.
def end_swing(eta):
    last = rmsprop_bs(400, eta, W_TRUE, B_TRUE + 1e-5)[-20:]
    return max(last) - min(last)
assert end_swing(0.99 * eta_star) <= 1e-8 < end_swing(1.01 * eta_star)

out = [
    ("weight_2", 0.1 * 0.9 ** 2),
    ("weight_3", 0.1 * 0.9 ** 3),
    ("wobble_01", swing(0.1)),
    ("wobble_005", swing(0.05)),
    ("wobble_06", swing(0.6)),
    ("eta_star", eta_star),
    ("steep_06", 0.6 / np.sqrt(1.25)),
    ("flat_06", 0.6 / np.sqrt(0.1)),
    ("steep_01", 0.1 / np.sqrt(1.25)),
    ("flat_01", 0.1 / np.sqrt(0.1)),
]
for name, value in out:
    print(name, repr(float(value)))
