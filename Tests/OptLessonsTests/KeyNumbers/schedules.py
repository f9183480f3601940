#!/usr/bin/env python3
"""Independent derivation of the key numbers of lessons/schedules.opt.

Plain Python 3 + numpy: the schedules are written out from their definitions
(torch's StepLR / ExponentialLR, Keras 2's time-based decay, Smith's
triangular CLR as the lecture writes it) and the saddle-point runs are plain
gradient descent loops. Prints `name value` for every key number.
"""
import math
import numpy as np


def step_decay(eta, every, gamma=0.1):
    return lambda k: eta * gamma ** (k // every)


def exp_decay(eta, gamma):
    return lambda k: eta * gamma ** k


def time_decay(eta, decay):
    return lambda k: eta / (1 + decay * k)


def cyclic(base, max_lr, step):
    # The lecture's cyclic_lr(iteration, max_lr, base_lr, step_size).
    def f(k):
        cycle = np.floor(1 + k / (2 * step))
        x = np.abs(k / step - 2 * cycle + 1)
        return base + (max_lr - base) * np.maximum(0, 1 - x)
    return f


def constant(eta):
    return lambda k: eta


out = {}
out["clr_t20"] = cyclic(0.01, 0.5, 20)(20)
out["step_at_150"] = step_decay(0.1, 30, 0.5)(150)
out["exp_at_150"] = exp_decay(0.1, 0.5 ** (1 / 30))(150)
out["time_at_150"] = time_decay(0.1, 1 / 30)(150)
out["keras_lr_5000"] = time_decay(0.003, 0.0002)(5000)

# The saddle L(w, b) = w^2 + b^4/4 - b^2/2, gradient (2w, b^3 - b),
# gradient descent from (-2, 1e-4) for 300 steps; the step index k = t - 1.
def run(schedule, steps=300):
    w, b = -2.0, 0.0001
    escaped = -1
    for k in range(steps):
        eta = schedule(k)
        dw, db = 2 * w, b ** 3 - b
        w, b = w - eta * dw, b - eta * db
        if escaped < 0 and abs(b) > 0.5:
            escaped = k + 1
    return w, b, escaped

w_exp, b_exp, e_exp = run(exp_decay(0.1, 0.97))
w_cyc, b_cyc, e_cyc = run(cyclic(0.001, 0.1, 30))
w_c, b_c, e_const = run(constant(0.1))
out["b_exp"] = b_exp
out["escape_exp"] = e_exp
out["escape_cyclic"] = e_cyc
out["escape_const"] = e_const
out["b_cyc"] = b_cyc
total_exp = 0.1 / (1 - 0.97)
out["bound_exp"] = 0.0001 * math.exp(total_exp)
out["total_cyclic_300"] = sum(cyclic(0.001, 0.1, 30)(k) for k in range(300))

for k, v in out.items():
    print(k, repr(float(v)))
