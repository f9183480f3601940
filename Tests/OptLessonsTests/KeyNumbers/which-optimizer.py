#!/usr/bin/env python3
"""Independent derivation of the key numbers of lessons/which-optimizer.opt.

Plain Python 3 + numpy. Every optimizer is written out from its update rule
as torch.optim computes it (single-tensor path; see torch/optim/*.py), or in
the lecture's form for gd, momentum and NAG; each parameter (w and b) has its
own state. The data and the sigmoid neuron are the lesson's
(np.random.seed(0)). Prints `name value` for every key number, and the whole
table of scores for comparison with the lesson's output.
"""
import math
import numpy as np


class Rule:
    """A step rule applied to a tuple of scalar parameters, one state each."""

    def __init__(self, update, **hyper):
        self.update, self.hyper, self.state, self.t = update, hyper, None, 0

    def step(self, params, grads):
        if self.state is None:
            self.state = [dict() for _ in params]
        self.t += 1
        return tuple(self.update(w, g, self.t, s, **self.hyper)
                     for w, g, s in zip(params, grads, self.state))


def gd(w, g, t, s, eta):
    return w - eta * g


def momentum(w, g, t, s, eta, beta=0.9):
    s["u"] = beta * s.get("u", 0.0) + g
    return w - eta * s["u"]


def nag(w, g, t, s, eta, beta=0.9):
    s["m"] = beta * s.get("m", 0.0) + g
    return w - eta * (beta * s["m"] + g)


def adagrad(w, g, t, s, eta=0.01, eps=1e-10):
    s["v"] = s.get("v", 0.0) + g * g
    return w - eta * (g / (math.sqrt(s["v"]) + eps))


def rmsprop(w, g, t, s, eta=0.01, beta=0.99, eps=1e-8):
    s["v"] = beta * s.get("v", 0.0) + (1 - beta) * g * g
    return w - eta * (g / (math.sqrt(s["v"]) + eps))


def adadelta(w, g, t, s, eta=1.0, beta=0.9, eps=1e-6):
    s["v"] = beta * s.get("v", 0.0) + (1 - beta) * g * g
    delta = math.sqrt(s.get("u", 0.0) + eps) / math.sqrt(s["v"] + eps) * g
    s["u"] = beta * s.get("u", 0.0) + (1 - beta) * delta * delta
    return w - eta * delta


def adam(w, g, t, s, eta=0.001, beta1=0.9, beta2=0.999, eps=1e-8, amsgrad=False):
    s["m"] = s.get("m", 0.0) + (1 - beta1) * (g - s.get("m", 0.0))   # torch's lerp
    s["v"] = beta2 * s.get("v", 0.0) + (1 - beta2) * g * g
    v = s["v"]
    if amsgrad:
        s["vmax"] = max(s.get("vmax", 0.0), s["v"])
        v = s["vmax"]
    bc1, bc2 = 1 - beta1 ** t, 1 - beta2 ** t
    denom = math.sqrt(v) / math.sqrt(bc2) + eps
    return w - (eta / bc1) * (s["m"] / denom)


def amsgrad(w, g, t, s, eta=0.001):
    return adam(w, g, t, s, eta, amsgrad=True)


def adamw(w, g, t, s, eta=0.001, weight_decay=0.01):
    w = w * (1 - eta * weight_decay)
    return adam(w, g, t, s, eta)


def adamax(w, g, t, s, eta=0.002, beta1=0.9, beta2=0.999, eps=1e-8):
    s["m"] = s.get("m", 0.0) + (1 - beta1) * (g - s.get("m", 0.0))
    s["u"] = max(beta2 * s.get("u", 0.0), abs(g) + eps)
    return w - (eta / (1 - beta1 ** t)) * (s["m"] / s["u"])


def nadam(w, g, t, s, eta=0.002, beta1=0.9, beta2=0.999, eps=1e-8, psi=0.004):
    mu = beta1 * (1 - 0.5 * 0.96 ** (t * psi))
    mu_next = beta1 * (1 - 0.5 * 0.96 ** ((t + 1) * psi))
    s["mu_product"] = s.get("mu_product", 1.0) * mu
    mp = s["mu_product"]
    s["m"] = s.get("m", 0.0) + (1 - beta1) * (g - s.get("m", 0.0))
    s["v"] = beta2 * s.get("v", 0.0) + (1 - beta2) * g * g
    denom = math.sqrt(s["v"] / (1 - beta2 ** t)) + eps
    w = w - (eta * (1 - mu) / (1 - mp)) * (g / denom)
    return w - (eta * mu_next / (1 - mp * mu_next)) * (s["m"] / denom)


def radam(w, g, t, s, eta=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    s["m"] = s.get("m", 0.0) + (1 - beta1) * (g - s.get("m", 0.0))
    s["v"] = beta2 * s.get("v", 0.0) + (1 - beta2) * g * g
    bc1, bc2 = 1 - beta1 ** t, 1 - beta2 ** t
    m_hat = s["m"] / bc1
    rho_inf = 2 / (1 - beta2) - 1
    rho_t = rho_inf - 2 * t * beta2 ** t / bc2
    if rho_t > 5:
        r = math.sqrt((rho_t - 4) * (rho_t - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho_t))
        adaptive = math.sqrt(bc2) / (math.sqrt(s["v"]) + eps)
        return w - m_hat * eta * adaptive * r
    return w - m_hat * eta


out = {}
opt = Rule(adam)
out["adam_first_move_big"] = opt.step((0.0,), (1000.0,))[0]

np.random.seed(0)
X = np.random.randn(500)
X = np.where(np.random.rand(500) < 0.8, 0, X)


def f(w, b, x):
    return 1 / (1 + np.exp(-(w * x + b)))


Y = f(1.5, 0.5, X) + 0.1 * np.random.randn(500)


def error(w, b):
    return 0.5 * np.sum((f(w, b, X) - Y) ** 2)


def grads(w, b):
    fx = f(w, b, X)
    d = (fx - Y) * fx * (1 - fx)
    return np.sum(d * X), np.sum(d)


def train(opt, epochs=100, scale=1.0):
    w, b = -2.0, -2.0
    for _ in range(epochs):
        dw, db = grads(w, b)
        w, b = opt.step((w, b), (scale * float(dw), scale * float(db)))
    return w, b


w_star, b_star = train(Rule(gd, eta=0.03), 1000)
L_star = float(error(w_star, b_star))
out["L_star"] = L_star


def excess(opt, epochs=100, scale=1.0):
    return float(error(*train(opt, epochs, scale))) - L_star


out["adam_default_excess"] = excess(Rule(adam))

names = ["gd", "momentum", "nag", "adagrad", "rmsprop", "adadelta", "adam", "amsgrad",
         "adamax", "nadam", "radam", "adamw"]
rules = [gd, momentum, nag, adagrad, rmsprop, adadelta, adam, amsgrad, adamax, nadam, radam, adamw]
grid = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0]
table = [[excess(Rule(r, eta=eta)) for eta in grid] for r in rules]
best = {n: grid[int(np.argmin(row))] for n, row in zip(names, table)}
best_excess = {n: min(row) for n, row in zip(names, table)}
for n, row in zip(names, table):
    print("#", f"{n:9s}", " ".join(f"{e:9.2e}" for e in row), "best", best[n])

out["shared_excess_nag"] = table[2][4]
out["shared_excess_gd"] = table[0][4]
out["best_eta_gd"] = best["gd"]
out["best_eta_nag"] = best["nag"]
out["best_eta_adam"] = best["adam"]
out["tuned_excess_nag"] = best_excess["nag"]
out["tuned_excess_adam"] = best_excess["adam"]
out["adam_x10"] = excess(Rule(adam, eta=0.1), scale=10)
scores = [excess(Rule(rmsprop, eta=eta, beta=0.5, eps=1e-4)) for eta in grid]
print("# which-2 answer (rmsprop beta=0.5, eps=1e-4):", grid[int(np.argmin(scores))])

# A longer budget: RMSProp at its best rate for 100 steps (0.1) stops
# settling; b swings by about eta over the last 20 of 3000 steps.
out["rms_long[2]"] = excess(Rule(rmsprop, eta=best["rmsprop"]), 1000)
opt = Rule(rmsprop, eta=best["rmsprop"])
w, b = -2.0, -2.0
bs = [b]
for _ in range(3000):
    dw, db = grads(w, b)
    w, b = opt.step((w, b), (float(dw), float(db)))
    bs.append(b)
out["rms_swing_b"] = max(bs[-20:]) - min(bs[-20:])

# The article's claims: two parameters with gradients 1000 and 0.001 for 10
# steps of Adam's defaults take steps of the same size; a gradient of 100
# after fifty 1s moves w by less than eta.
opt = Rule(adam)
params = (0.0, 0.0)
for _ in range(10):
    before = params
    params = opt.step(params, (1000.0, 0.001))
out["step_big"] = params[0] - before[0]
out["step_small"] = params[1] - before[1]
opt = Rule(adam)
w = (0.0,)
for _ in range(50):
    w = opt.step(w, (1.0,))
out["spike_step"] = opt.step(w, (100.0,))[0] - w[0]

for k, v in out.items():
    print(k, repr(float(v)))
