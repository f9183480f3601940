"""Independent derivation of the key numbers of lessons/max-norm.opt.

Plain Python 3 + numpy, from the formulas (the Adam paper's section 7, the
lecture, torch.optim.Adam / Adamax as documented), on the lecture's data,
built as the lessons build it (legacy numpy generator, seed 0). Prints one line per key number:
NAME VALUE.
"""
import numpy as np

np.random.seed(0)
X = 0.25 * np.random.rand(500)
X = np.where(np.random.rand(500) < 0.8, 0.0, X)
W_TRUE, B_TRUE = 3.0, -1.5
Y = 1 / (1 + np.exp(-(W_TRUE * X + B_TRUE)))


def f(w, b, x):
    return 1 / (1 + np.exp(-(w * x + b)))


def error(w, b):
    return float(np.sum(0.5 * (f(w, b, X) - Y) ** 2))


def grads(w, b, x, y):
    fx = f(w, b, x)
    common = (fx - y) * fx * (1 - fx)
    return common * x, common


out = {}

# L^64 norm of [3, -4, 1, 2], straight from the definition.
x = np.array([3.0, -4.0, 1.0, 2.0])
out["lp_x_p64"] = float(np.sum(np.abs(x) ** 64) ** (1 / 64))

# The p -> infinity limit of Kingma & Ba's v_t^(1/p): max_tau beta2^(t-tau) |g_tau|.
beta2 = 0.999
gs = [0.5, -1.0, 0.3, 0.8, -0.1]
T = len(gs)
out["u_closed"] = max(beta2 ** (T - t) * abs(gs[t - 1]) for t in range(1, T + 1))


# Sparse stream: 1 then zeros. Adam's 1/sqrt(v_hat) in closed form,
# v_t = (1-b2) b2^(t-1), v_hat = v_t/(1-b2^t); the max-norm u_t = b2^(t-1).
def adam_rate(t, b2):
    return 1 / np.sqrt((1 - b2) * b2 ** (t - 1) / (1 - b2 ** t))


def max_rate(t, b2):
    return 1 / b2 ** (t - 1)


out["adam_rate_after_zero"] = adam_rate(2, beta2)
out["max_rate_after_zero"] = max_rate(2, beta2)
out["adam_rate_after_10_zeros"] = adam_rate(11, beta2)
out["max_rate_after_10_zeros"] = max_rate(11, beta2)


# torch.optim.Adamax and Adam, for a list of parameters.
class Adamax:
    def __init__(self, lr, b1, b2, eps):
        self.lr, self.b1, self.b2, self.eps = lr, b1, b2, eps
        self.t = 0
        self.m = [0.0, 0.0]
        self.u = [0.0, 0.0]

    def step(self, ps, gs):
        self.t += 1
        new = []
        for i, (p, g) in enumerate(zip(ps, gs)):
            self.m[i] = self.b1 * self.m[i] + (1 - self.b1) * g
            self.u[i] = max(self.b2 * self.u[i], abs(g) + self.eps)
            new.append(p - self.lr / (1 - self.b1 ** self.t) * self.m[i] / self.u[i])
        return new


class Adam:
    def __init__(self, lr, b1, b2, eps):
        self.lr, self.b1, self.b2, self.eps = lr, b1, b2, eps
        self.t = 0
        self.m = [0.0, 0.0]
        self.v = [0.0, 0.0]

    def step(self, ps, gs):
        self.t += 1
        new = []
        for i, (p, g) in enumerate(zip(ps, gs)):
            self.m[i] = self.b1 * self.m[i] + (1 - self.b1) * g
            self.v[i] = self.b2 * self.v[i] + (1 - self.b2) * g * g
            m_hat = self.m[i] / (1 - self.b1 ** self.t)
            denom = np.sqrt(self.v[i]) / np.sqrt(1 - self.b2 ** self.t) + self.eps
            new.append(p - self.lr * m_hat / denom)
        return new


def batch(opt, epochs):
    w, b = -4.0, -4.0
    errs = [error(w, b)]
    for _ in range(epochs):
        dw, db = grads(w, b, X, Y)
        w, b = opt.step([w, b], [float(np.sum(dw)), float(np.sum(db))])
        errs.append(error(w, b))
    return errs


out["batch_error_adamax_50"] = batch(Adamax(0.1, 0.9, 0.99, 1e-10), 50)[50]
out["batch_error_adam_50"] = batch(Adam(0.1, 0.9, 0.99, 1e-10), 50)[50]


def sgd(opt, passes):
    """Per-point updates; the error and the size of w's step after each."""
    w, b = -4.0, -4.0
    errs, steps = [], []
    for _ in range(passes):
        for xi, yi in zip(X, Y):
            dw, db = grads(w, b, xi, yi)
            w_before = w
            w, b = opt.step([w, b], [float(dw), float(db)])
            errs.append(error(w, b))
            steps.append(abs(w - w_before))
    return errs, steps


errs_adamax, steps_adamax = sgd(Adamax(0.1, 0.9, 0.99, 1e-10), 3)
errs_adam, steps_adam = sgd(Adam(0.1, 0.9, 0.99, 1e-10), 3)
out["sgd_mean_error_adamax"] = float(np.mean(errs_adamax[1000:]))
out["sgd_mean_error_adam"] = float(np.mean(errs_adam[1000:]))
out["sgd_mean_step_w_adamax"] = float(np.mean(steps_adamax[1000:]))
out["sgd_mean_step_w_adam"] = float(np.mean(steps_adam[1000:]))

for k, v in out.items():
    print(k, repr(float(v)))
