#!/usr/bin/env python3
"""Independent derivation of the key numbers of lessons/adagrad.opt.

Plain Python 3 + numpy: the lecture's sparse data (numpy's legacy generator,
seed 0), the sigmoid neuron's summed squared error, and AdaGrad written out
from its formula (v = v + g^2; w -= eta*g/(sqrt(v) + eps), eps = 1e-8, the
lecture's do_adagrad). Prints `name value` lines: the EXPECTED column of
adagrad.txt.
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
    last_outside = -1
    for t, (w, b) in enumerate(path):
        if np.hypot(w - W_TRUE, b - B_TRUE) >= radius:
            last_outside = t
    return last_outside + 1


def adagrad(epochs, w=-2.0, b=-2.0, eta=0.1, eps=1e-8):
    vw = vb = 0.0
    path, rw, rb = [(w, b)], [], []
    for _ in range(epochs):
        dw, db = grads(w, b)
        vw += dw * dw
        vb += db * db
        w -= eta * dw / (np.sqrt(vw) + eps)
        b -= eta * db / (np.sqrt(vb) + eps)
        path.append((w, b))
        rw.append(eta / np.sqrt(vw + eps))
        rb.append(eta / np.sqrt(vb + eps))
    return path, rw, rb


def gd(epochs, w=-2.0, b=-2.0, eta=0.1):
    path = [(w, b)]
    for _ in range(epochs):
        dw, db = grads(w, b)
        w, b = w - eta * dw, b - eta * db
        path.append((w, b))
    return path


_, rw, rb = adagrad(300)
dw0, db0 = grads(-2.0, -2.0)
far_path, _, far_rb = adagrad(1000, w=-4.0, b=4.0)

out = [
    ("eta_w0", 0.1 / np.sqrt(dw0 ** 2 + 1e-8)),
    ("eta_b0", 0.1 / np.sqrt(db0 ** 2 + 1e-8)),
    ("slides_eta_w0", 0.1 / np.sqrt(0.019)),
    ("slides_eta_b0", 0.1 / np.sqrt(84.45)),
    ("rate_w_300", rw[299]),
    ("rate_b_300", rb[299]),
    ("gd_reach", reach(gd(3000))),
    ("ada_reach", reach(adagrad(3000)[0])),
    ("far_b_1000", far_path[1000][1]),
    ("far_rate_b_1000", far_rb[999]),
]
for name, value in out:
    print(name, value if isinstance(value, int) else repr(float(value)))
