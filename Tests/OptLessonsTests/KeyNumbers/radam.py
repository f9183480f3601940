"""Independent derivation of the key numbers of lessons/radam.opt.

Plain Python 3 + numpy, from the formulas of Liu et al. (2020) and of
torch.optim.RAdam / Adam / LinearLR as documented in torch's source, on the
lecture's data, built as the lessons build it (legacy numpy generator, seed 0
for the data, seed 1 for the simulated gradients). Prints NAME VALUE.
"""
import numpy as np

out = {}
B2 = 0.999
RHO_INF = 2 / (1 - B2) - 1


def rho(t, b2=B2):
    return (2 / (1 - b2) - 1) - 2 * t * b2 ** t / (1 - b2 ** t)


def r(t, b2=B2):
    ri = 2 / (1 - b2) - 1
    p = rho(t, b2)
    return np.sqrt((p - 4) * (p - 2) * ri / ((ri - 4) * (ri - 2) * p))


out["rho_inf"] = RHO_INF
out["rho_6"] = rho(6)
out["first_rectified_torch"] = next(t for t in range(1, 100) if rho(t) > 5)
out["first_rectified_paper"] = next(t for t in range(1, 100) if rho(t) > 4)
out["r_6"] = r(6)

# Variance of psi_t = sqrt((1-b2^t)/v_t) over 2000 parameters with N(0,1) gradients.
np.random.seed(1)
v = np.zeros(2000)
var_psi = [0.0]
for t in range(1, 501):
    g = np.random.randn(2000)
    v = B2 * v + (1 - B2) * g * g
    var_psi.append(float(np.var(np.sqrt((1 - B2 ** t) / v))))
out["sim_var_psi_100"] = var_psi[100]

# The lecture's data.
np.random.seed(0)
X = 0.25 * np.random.rand(500)
X = np.where(np.random.rand(500) < 0.8, 0.0, X)
W_TRUE, B_TRUE = 3.0, -1.5
Y = 1 / (1 + np.exp(-(W_TRUE * X + B_TRUE)))


def f(w, b, x):
    return 1 / (1 + np.exp(-(w * x + b)))


def error(p):
    return float(np.sum(0.5 * (f(p[0], p[1], X) - Y) ** 2))


def batch_grad(p):
    fx = f(p[0], p[1], X)
    c = (fx - Y) * fx * (1 - fx)
    return np.array([np.sum(c * X), np.sum(c)])


def run(kind, lr, b2, epochs, b1=0.9, eps=1e-8, warm=None):
    p = np.array([-4.0, -4.0])
    m = np.zeros(2)
    v = np.zeros(2)
    path = [p.copy()]
    for t in range(1, epochs + 1):
        g = batch_grad(p)
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        m_hat = m / (1 - b1 ** t)
        if kind == "radam":
            if rho(t, b2) > 5:
                p = p - lr * r(t, b2) * m_hat * np.sqrt(1 - b2 ** t) / (np.sqrt(v) + eps)
            else:
                p = p - lr * m_hat
        else:
            lr_t = lr if warm is None else lr * min(t - 1, warm) / warm   # LinearLR, start 0
            p = p - lr_t * m_hat / (np.sqrt(v) / np.sqrt(1 - b2 ** t) + eps)
        path.append(p.copy())
    return path


first = run("radam", 0.1, 0.999, 1)
out["radam_first_step_b"] = first[1][1] - first[0][1]
out["radam_error_50"] = error(run("radam", 0.1, 0.99, 50)[50])
out["warmup_error_50"] = error(run("adam", 0.1, 0.99, 50, warm=200)[50])
out["adam_error_50"] = error(run("adam", 0.1, 0.99, 50)[50])

for k, val in out.items():
    print(k, repr(float(val)))
