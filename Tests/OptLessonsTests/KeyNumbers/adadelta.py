#!/usr/bin/env python3
"""Independent derivation of the key numbers of lessons/adadelta.opt.

Plain Python 3 + numpy: the lecture's sparse data (numpy's legacy generator,
seed 0) and AdaDelta written out from Zeiler's five steps, with the
lecture's do_adadelta settings (start (-4, -4), beta 0.99, eps 1e-4):
  v = beta*v + (1-beta)*g^2;  d = sqrt(u+eps)/sqrt(v+eps)*g;
  u = beta*u + (1-beta)*d^2;  w = w - d.
RMSProp (eta 0.013, same beta and eps) for the comparison. Prints
`name value` lines: the EXPECTED column of adadelta.txt.
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


def adadelta(epochs, beta=0.99, eps=1e-4, w=-4.0, b=-4.0):
    p = np.array([w, b])
    v = np.zeros(2)
    u = np.zeros(2)
    path, rates, vs, us = [tuple(p)], [], [], []
    for _ in range(epochs):
        g = np.array(grads(*p))
        v = beta * v + (1 - beta) * g * g
        rate = np.sqrt(u + eps) / np.sqrt(v + eps)
        d = rate * g
        u = beta * u + (1 - beta) * d * d
        p = p - d
        path.append(tuple(p))
        rates.append(rate)
        vs.append(v.copy())
        us.append(u.copy())
    return path, np.array(rates), np.array(vs), np.array(us)


def rmsprop(epochs, eta, beta=0.99, eps=1e-4, w=-4.0, b=-4.0):
    p = np.array([w, b])
    v = np.zeros(2)
    path = [tuple(p)]
    for _ in range(epochs):
        g = np.array(grads(*p))
        v = beta * v + (1 - beta) * g * g
        p = p - eta * g / (np.sqrt(v) + eps)
        path.append(tuple(p))
    return path


# first update by the closed formula (u_{-1} = 0, v_0 = (1-beta) g0^2)
gw0, gb0 = grads(-4.0, -4.0)
first = lambda g: -np.sqrt(1e-4) / np.sqrt(0.01 * g * g + 1e-4) * g

path, rates, vs, us = adadelta(400)
assert abs(path[1][0] - path[0][0] - first(gw0)) < 1e-15

out = [
    ("factor_09", 1 / np.sqrt(0.1)),
    ("delta_w0", first(gw0)),
    ("delta_b0", first(gb0)),
    ("adadelta_reach", reach(path)),
    ("rmsprop_reach", reach(rmsprop(1000, 0.013))),
    ("rate_w_min", rates[:, 0].min()),
    ("rate_b_min", rates[:, 1].min()),
    ("rate_b_end", rates[399, 1]),
    ("ratio_b_100", us[99, 1] / vs[99, 1]),
]
for name, value in out:
    print(name, value if isinstance(value, int) else repr(float(value)))
