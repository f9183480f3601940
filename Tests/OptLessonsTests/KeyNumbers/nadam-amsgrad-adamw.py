"""Independent derivation of the key numbers of lessons/nadam-amsgrad-adamw.opt.

Plain Python 3 + numpy, from the formulas of torch.optim.Adam / NAdam / AdamW
(as documented in torch's source), Reddi et al. (2018) and optax.amsgrad, on
the lecture's data, built as the lessons build it (legacy numpy generator,
seed 0). Prints NAME VALUE.
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


def batch_grad(w, b):
    fx = f(w, b, X)
    common = (fx - Y) * fx * (1 - fx)
    return float(np.sum(common * X)), float(np.sum(common))


out = {}


# torch NAdam's momentum schedule.
def mu(t, b1=0.9, psi=0.004):
    return b1 * (1 - 0.5 * 0.96 ** (t * psi))


out["nadam_mu_1"] = mu(1)
out["nadam_mu_10000"] = mu(10000)


class Adam:
    """torch.optim.Adam (amsgrad=False), weight_decay added to the gradient."""
    def __init__(self, n, lr, b1=0.9, b2=0.999, eps=1e-8, wd=0.0, decoupled=False):
        self.lr, self.b1, self.b2, self.eps, self.wd, self.dec = lr, b1, b2, eps, wd, decoupled
        self.m = np.zeros(n)
        self.v = np.zeros(n)
        self.t = 0

    def step(self, p, g):
        p = np.array(p, dtype=float)
        g = np.array(g, dtype=float)
        self.t += 1
        if self.dec:
            p = p * (1 - self.lr * self.wd)          # AdamW: decay the weight itself
        elif self.wd:
            g = g + self.wd * p                       # Adam: L2 term in the gradient
        self.m = self.b1 * self.m + (1 - self.b1) * g
        self.v = self.b2 * self.v + (1 - self.b2) * g * g
        bc1 = 1 - self.b1 ** self.t
        bc2 = 1 - self.b2 ** self.t
        return p - self.lr / bc1 * self.m / (np.sqrt(self.v) / np.sqrt(bc2) + self.eps)


class NAdam:
    """torch.optim.NAdam (Dozat's momentum schedule)."""
    def __init__(self, n, lr, b1=0.9, b2=0.999, eps=1e-8, psi=0.004):
        self.lr, self.b1, self.b2, self.eps, self.psi = lr, b1, b2, eps, psi
        self.m = np.zeros(n)
        self.v = np.zeros(n)
        self.prod = 1.0
        self.t = 0

    def step(self, p, g):
        p = np.array(p, dtype=float)
        g = np.array(g, dtype=float)
        self.t += 1
        t = self.t
        mu_t = mu(t, self.b1, self.psi)
        mu_next = mu(t + 1, self.b1, self.psi)
        self.prod *= mu_t
        self.m = self.b1 * self.m + (1 - self.b1) * g
        self.v = self.b2 * self.v + (1 - self.b2) * g * g
        denom = np.sqrt(self.v / (1 - self.b2 ** t)) + self.eps
        p = p - self.lr * (1 - mu_t) / (1 - self.prod) * g / denom
        p = p - self.lr * mu_next / (1 - self.prod * mu_next) * self.m / denom
        return p


def batch(opt, epochs):
    p = np.array([-4.0, -4.0])
    errs = [error(*p)]
    for _ in range(epochs):
        p = opt.step(p, batch_grad(*p))
        errs.append(error(*p))
    return errs


out["nadam_error_40"] = batch(NAdam(2, 0.1), 40)[40]
out["adam_error_40"] = batch(Adam(2, 0.1), 40)[40]


# Reddi et al.'s problem: loss C*x every third step, -x otherwise, x in [-1, 1];
# beta1 = 0, beta2 = 1/(1+C^2), eta_t = 0.1/sqrt(t); torch's bias-corrected Adam
# and torch's AMSGrad (max of the raw v, then the correction).
def reddi(amsgrad, steps=3000, C=3.0):
    b2 = 1 / (1 + C ** 2)
    x, v, vmax = 0.0, 0.0, 0.0
    for t in range(1, steps + 1):
        g = C if t % 3 == 1 else -1.0
        v = b2 * v + (1 - b2) * g * g
        vmax = max(vmax, v)
        vv = vmax if amsgrad else v
        lr = 0.1 / np.sqrt(t)
        x = x - lr * g / (np.sqrt(vv) / np.sqrt(1 - b2 ** t) + 1e-8)
        x = min(1.0, max(-1.0, x))
    return x


out["reddi_x_adam"] = reddi(False)
out["reddi_x_amsgrad"] = reddi(True)

# The stream 1, 0 with beta2 = 0.999: torch keeps max(v_1, v_2) = v_1 = 0.001 and
# divides by 1 - 0.999^2; optax keeps max(v_1/(1-0.999), v_2/(1-0.999^2)) = 1.
b2 = 0.999
v1 = (1 - b2) * 1.0
v2 = b2 * v1
out["amsgrad_torch_rate_2"] = 1 / np.sqrt(max(v1, v2) / (1 - b2 ** 2))
out["amsgrad_optax_rate_2"] = 1 / np.sqrt(max(v1 / (1 - b2), v2 / (1 - b2 ** 2)))


# Two weights, quiet (gradient 0) and busy (+10, -10, ...), 200 steps, eta = 0.01.
def two_weights(opt, steps=200):
    p = np.array([1.0, 1.0])
    for k in range(steps):
        p = opt.step(p, [0.0, 10.0 if k % 2 == 0 else -10.0])
    return p


base = two_weights(Adam(2, 0.01))
out["adam_l2_quiet_moved"] = (two_weights(Adam(2, 0.01, wd=0.01)) - base)[0]
out["adamw_quiet_moved"] = (two_weights(Adam(2, 0.01, wd=0.01, decoupled=True)) - base)[0]

for k, v in out.items():
    print(k, repr(float(v)))
