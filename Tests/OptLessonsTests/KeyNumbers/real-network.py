#!/usr/bin/env python3
"""Independent derivation of the key numbers of lessons/real-network.opt.

Plain Python 3 + numpy (2.x). The data are lessons/data/digits.csv (the same
numbers as scikit-learn's load_digits). The network, the loss, backprop and
the optimizers are written out here from their definitions: softmax
cross-entropy, tanh hidden layer; SGD, Adam, RAdam and AdamW as
torch.optim computes them (single-tensor path, see torch/optim/*.py), each
array of the parameter dict with its own state; Adam without bias correction
as the lecture writes it; Keras' time-based decay eta/(1 + decay*k) and a
linear warm-up eta*min(k, W)/W, at step index k = t - 1. The random numbers
are numpy's legacy RandomState (np.random.seed), as optrepl's are.

Prints `name value` for every key number. Run from the repository root or
anywhere: the data file is found relative to this script.
"""
import math
import os
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
data = np.loadtxt(os.path.join(HERE, "..", "..", "..", "lessons", "data", "digits.csv"), delimiter=",")
pixels, labels = data[:, :64], data[:, 64].astype(int)

np.random.seed(0)
perm = np.random.permutation(1797)
tr, te = perm[:1347], perm[1347:]
Xtr, ytr = pixels[tr] / 16, labels[tr]
Xte, yte = pixels[te] / 16, labels[te]
onehot = np.zeros((1347, 10))
onehot[np.arange(1347), ytr] = 1

np.random.seed(1)
P0 = {"W1": np.random.randn(64, 32) / 8.0, "b1": np.zeros(32),
      "W2": np.random.randn(32, 10) / math.sqrt(32), "b2": np.zeros(10)}


def probabilities(p, x):
    hidden = np.tanh(x @ p["W1"] + p["b1"])
    logits = hidden @ p["W2"] + p["b2"]
    logits = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(logits)
    return hidden, e / e.sum(axis=1, keepdims=True)


def cross_entropy(p, x, labels_):
    _, prob = probabilities(p, x)
    return -np.mean(np.log(prob[np.arange(len(x)), labels_]))


def accuracy(p, x, labels_):
    _, prob = probabilities(p, x)
    return np.mean(prob.argmax(axis=1) == labels_)


def backprop(p, x, labels_):
    hidden, prob = probabilities(p, x)
    d_logits = prob.copy()
    d_logits[np.arange(len(x)), labels_] -= 1
    d_logits /= len(x)
    d_pre = (d_logits @ p["W2"].T) * (1 - hidden * hidden)
    return {"W1": x.T @ d_pre, "b1": d_pre.sum(axis=0), "W2": hidden.T @ d_logits, "b2": d_logits.sum(axis=0)}


class Optimizer:
    """One state dict per parameter array; `lr` may be a function of k = t - 1."""

    def __init__(self, rule, lr, **options):
        self.rule, self.lr, self.options, self.t, self.state = rule, lr, options, 0, {}

    def step(self, params, grads):
        self.t += 1
        lr = self.lr(self.t - 1) if callable(self.lr) else self.lr
        return {k: self.rule(params[k], grads[k], self.t, self.state.setdefault(k, {}), lr, **self.options)
                for k in params}


def sgd_rule(w, g, t, s, lr, momentum=0.0):
    if momentum:
        s["buf"] = g if t == 1 else momentum * s["buf"] + g
        g = s["buf"]
    return w - lr * g


def adam_rule(w, g, t, s, lr, b1=0.9, b2=0.999, eps=1e-8, correct=True, decoupled=0.0):
    if decoupled:
        w = w * (1 - lr * decoupled)
    s["m"] = s.get("m", 0.0) + (1 - b1) * (g - s.get("m", 0.0))
    s["v"] = b2 * s.get("v", 0.0) + (1 - b2) * g * g
    if not correct:
        return w - lr * (s["m"] / (np.sqrt(s["v"]) + eps))
    return w - (lr / (1 - b1 ** t)) * (s["m"] / (np.sqrt(s["v"]) / math.sqrt(1 - b2 ** t) + eps))


def radam_rule(w, g, t, s, lr, b1=0.9, b2=0.999, eps=1e-8):
    s["m"] = s.get("m", 0.0) + (1 - b1) * (g - s.get("m", 0.0))
    s["v"] = b2 * s.get("v", 0.0) + (1 - b2) * g * g
    m_hat = s["m"] / (1 - b1 ** t)
    rho_inf = 2 / (1 - b2) - 1
    rho = rho_inf - 2 * t * b2 ** t / (1 - b2 ** t)
    if rho > 5:
        r = math.sqrt((rho - 4) * (rho - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho))
        return w - m_hat * lr * (math.sqrt(1 - b2 ** t) / (np.sqrt(s["v"]) + eps)) * r
    return w - m_hat * lr


def fit(opt, epochs):
    np.random.seed(2)
    p = P0
    hist = {"loss": [cross_entropy(p, Xtr, ytr)], "test": [accuracy(p, Xte, yte)]}
    for _ in range(epochs):
        shuffled = np.random.permutation(1347)
        for i in range(0, 1347, 32):
            rows = shuffled[i:i + 32]
            p = opt.step(p, backprop(p, Xtr[rows], ytr[rows]))
        hist["loss"].append(cross_entropy(p, Xtr, ytr))
        hist["test"].append(accuracy(p, Xte, yte))
    return hist


def numeric_check(f, analytic, params, h=1e-6, rtol=1e-5, atol=1e-7):
    """Central differences on every entry; the entry furthest outside atol + rtol*|n|."""
    worst_ratio, worst = -1.0, None
    for k in params:
        flat = params[k].ravel()
        for i in range(flat.size):
            up, down = dict(params), dict(params)
            a = flat.copy(); a[i] += h; up[k] = a.reshape(params[k].shape)
            b = flat.copy(); b[i] -= h; down[k] = b.reshape(params[k].shape)
            n = (f(up) - f(down)) / (2 * h)
            g = analytic[k].ravel()[i]
            ratio = abs(g - n) / (atol + rtol * abs(n))
            if ratio > worst_ratio:
                worst_ratio, worst = ratio, (g, n)
    g, n = worst
    return worst_ratio <= 1, abs(g - n) / max(abs(g), abs(n))


out = {}
out["start_loss"] = cross_entropy(P0, Xtr, ytr)
out["steps_per_epoch"] = math.ceil(1347 / 32)

# gradcheck of the backprop above, and of one that forgets tanh's derivative
x10, y10 = Xtr[:10], ytr[:10]
ok, _ = numeric_check(lambda q: cross_entropy(q, x10, y10), backprop(P0, x10, y10), P0)
assert ok
hidden, prob = probabilities(P0, x10)
d = prob.copy(); d[np.arange(10), y10] -= 1; d /= 10
d_pre = d @ P0["W2"].T
wrong = {"W1": x10.T @ d_pre, "b1": d_pre.sum(axis=0), "W2": hidden.T @ d, "b2": d.sum(axis=0)}
ok, out["broken_error"] = numeric_check(lambda q: cross_entropy(q, x10, y10), wrong, P0)
assert not ok

# the tuning exercise: Adam's eta with the lowest training loss after 2 epochs
etas = [0.001, 0.003, 0.01, 0.03, 0.1]
tuned = [fit(Optimizer(adam_rule, eta), 2)["loss"][-1] for eta in etas]
print("# tuning losses:", tuned)
assert etas[int(np.argmin(tuned))] == 0.03

# the race
race = {"SGD": Optimizer(sgd_rule, 0.1), "momentum": Optimizer(sgd_rule, 0.1, momentum=0.9),
        "Adam": Optimizer(adam_rule, 0.03), "RAdam": Optimizer(radam_rule, 0.03),
        "AdamW": Optimizer(adam_rule, 0.03, decoupled=0.01)}
results = {name: fit(opt, 20) for name, opt in race.items()}
finals = [results[n]["test"][-1] for n in race]
out["winner_index"] = int(np.argmax(finals))
out["winner_test"] = max(finals)
out["names.index(lowest_loss)"] = int(np.argmin([results[n]["loss"][-1] for n in race]))
out["momentum_test"] = results["momentum"]["test"][-1]
out["adam_test"] = results["Adam"]["test"][-1]
out["adam_loss"] = results["Adam"]["loss"][-1]
out["momentum_loss"] = results["momentum"]["loss"][-1]
out["sgd_test"] = results["SGD"]["test"][-1]
out["radam_loss"] = results["RAdam"]["loss"][-1]
out["radam_test_1"] = results["RAdam"]["test"][1]
out["adam_test_1"] = results["Adam"]["test"][1]
for n in race:
    print("#", n, results[n]["loss"][-1], results[n]["test"][-1])


# Adam's first 40 steps with and without bias correction, eta = 0.001
def largest_changes(opt, steps):
    np.random.seed(2)
    p = P0
    rows = np.random.permutation(1347)
    sizes, losses = [], [cross_entropy(p, Xtr, ytr)]
    for s in range(steps):
        b = rows[32 * s:32 * s + 32]
        q = opt.step(p, backprop(p, Xtr[b], ytr[b]))
        sizes.append(max(np.abs(q[k] - p[k]).max() for k in q))
        p = q
        losses.append(cross_entropy(p, Xtr, ytr))
    return np.array(sizes), losses


with_bc, loss_bc = largest_changes(Optimizer(adam_rule, 0.001), 40)
without_bc, loss_no_bc = largest_changes(Optimizer(adam_rule, 0.001, correct=False), 40)
out["bc_largest"] = with_bc.max() / 0.001
out["no_bc_largest"] = without_bc.max() / 0.001
out["no_bc_first"] = without_bc[0] / 0.001
out["loss_bc[40]"] = loss_bc[40]
out["loss_no_bc[40]"] = loss_no_bc[40]
out["lr_t_lowest"] = min(math.sqrt(1 - 0.999 ** t) / (1 - 0.9 ** t) for t in range(1, 41))


# the first 150 updates at eta = 0.03: Adam, RAdam, Adam with a 100-step warm-up
def start_of_run(opt, steps):
    np.random.seed(2)
    p = P0
    losses = [cross_entropy(p, Xtr, ytr)]
    rows, at = np.random.permutation(1347), 0
    for _ in range(steps):
        if at >= 1347:
            rows, at = np.random.permutation(1347), 0
        b = rows[at:at + 32]
        at += 32
        p = opt.step(p, backprop(p, Xtr[b], ytr[b]))
        losses.append(cross_entropy(p, Xtr, ytr))
    return np.array(losses)


adam_start = start_of_run(Optimizer(adam_rule, 0.03), 150)
radam_start = start_of_run(Optimizer(radam_rule, 0.03), 150)
warm_start = start_of_run(Optimizer(adam_rule, lambda k: 0.03 * min(k, 100) / 100), 150)
rises = {name: np.diff(L) for name, L in [("adam", adam_start), ("radam", radam_start), ("warm", warm_start)]}
# every change of the loss is exactly 0 (the warm-up's first step, at rate 0)
# or far from 0, so the counts of rises cannot flip on rounding
print("# smallest nonzero |change| of the loss:", min(np.abs(r[r != 0]).min() for r in rises.values()))
out["adam_rises"] = int((rises["adam"] > 0).sum())
out["radam_rises"] = int((rises["radam"] > 0).sum())
out["warm_rises"] = int((rises["warm"] > 0).sum())
out["adam_peak"] = adam_start.max()
out["adam_biggest_rise"] = rises["adam"].max()
out["radam_loss_150"] = radam_start[150]
out["adam_loss_150"] = adam_start[150]

# Keras' decay=1e-4 over the race's 20 epochs of 43 updates
updates = 20 * 43
out["last_factor"] = 1 / (1 + 1e-4 * (updates - 1))
decayed = fit(Optimizer(adam_rule, lambda k: 0.03 / (1 + 1e-4 * k)), 20)
out["decay_loss"] = decayed["loss"][-1]
out["decay_test"] = decayed["test"][-1]

for k, v in out.items():
    print(k, repr(float(v)))
