#!/usr/bin/env python3
"""Independent derivation of the key numbers of lessons/warm-restarts.opt.

Plain Python 3 + numpy. The schedules are written from their definitions:
the lecture's warm restart formula, torch's CosineAnnealingWarmRestarts as
its step() computes it (T_cur counts up and wraps, T_i grows by T_mult),
torch's LinearLR, and the transformer's schedule of Vaswani et al. (2017).
The mini-batch experiment is the lecture's sigmoid neuron, with the same
data as the lesson (np.random.seed(0)). Prints `name value` per key number.
"""
import math
import numpy as np

eta_max, eta_min, T = 1.0, 0.1, 50


def lecture_restarts(t):
    return eta_min + (eta_max - eta_min) / 2 * (1 + math.cos(math.pi * (t % (T + 1)) / T))


def torch_warm_restarts(eta_max, eta_min, T0, mult=1):
    # torch.optim.lr_scheduler.CosineAnnealingWarmRestarts, stepped once per step.
    def lr(k):
        T_cur, T_i = k, T0
        while T_cur >= T_i:
            T_cur -= T_i
            T_i *= mult
        return eta_min + (eta_max - eta_min) * (1 + math.cos(math.pi * T_cur / T_i)) / 2
    return lr


def cosine(eta_max, eta_min, T):
    return lambda k: eta_min + (eta_max - eta_min) * (1 + math.cos(math.pi * k / T)) / 2


def restart_steps(f, n):
    return [k for k in range(1, n) if f(k) > f(k - 1)]


out = {}
tr = torch_warm_restarts(eta_max, eta_min, T)
out["lecture_at_50"] = lecture_restarts(50)
out["lecture_at_51"] = lecture_restarts(51)
out["torch_at_49"] = tr(49)
out["torch_at_50"] = tr(50)
out["lecture_restart_list[2]"] = restart_steps(lecture_restarts, 200)[2]
out["torch_restart_list[2]"] = restart_steps(tr, 200)[2]
out["wr_mult_restarts[3]"] = restart_steps(torch_warm_restarts(1.0, 0.1, 10, 2), 200)[3]

# The lecture's data and neuron.
np.random.seed(0)
X = np.random.randn(500)
X = np.where(np.random.rand(500) < 0.8, 0, X)


def f(w, b, x):
    return 1 / (1 + np.exp(-(w * x + b)))


Y = f(1.5, 0.5, X) + 0.1 * np.random.randn(500)


def error(w, b):
    return 0.5 * np.sum((f(w, b, X) - Y) ** 2)


def grads(w, b, x, y):
    fx = f(w, b, x)
    d = (fx - y) * fx * (1 - fx)
    return np.sum(d * x), np.sum(d)


w, b = -2.0, -2.0
for i in range(1000):
    dw, db = grads(w, b, X, Y)
    w, b = w - 0.03 * dw, b - 0.03 * db
L_star = error(w, b)
out["L_star"] = L_star

Xb = [X[i * 25:(i + 1) * 25] for i in range(20)]
Yb = [Y[i * 25:(i + 1) * 25] for i in range(20)]


def final_excess(schedule, steps=600):
    w, b = -2.0, -2.0
    for k in range(steps):
        j = k % 20
        dw, db = grads(w, b, Xb[j], Yb[j])
        eta = schedule(k)
        w, b = w - eta * dw, b - eta * db
    return error(w, b) - L_star


out["final_excess_const"] = final_excess(lambda k: 1.0)
out["final_excess_cosine"] = final_excess(cosine(1.0, 0.0, 600))
out["final_excess_restarts"] = final_excess(torch_warm_restarts(1.0, 0.0, 100))

# torch LinearLR(start_factor=0.1, total_iters=10) on lr 0.1, at k = 5.
out["warmup_at_5"] = 0.1 * (0.1 + (1 - 0.1) * min(5, 10) / 10)

# Noam: d^-0.5 * min(s^-0.5, s * w^-1.5), s = k + 1; find the peak by scanning.
d, wu = 512, 4000
noam = [d ** -0.5 * min((k + 1) ** -0.5, (k + 1) * wu ** -1.5) for k in range(10000)]
k_peak = int(np.argmax(noam))
out["noam_peak_k"] = k_peak
out["noam_peak"] = noam[k_peak]
out["noam_peak_formula"] = 1 / math.sqrt(d * wu)

for k, v in out.items():
    print(k, repr(float(v)))
