"""Independent derivation of the key numbers of lessons/bias-correction.opt.

Plain Python 3 + numpy, from the formulas: Adam's bias correction, the
lecture's two-step example (beta2 = 0.999, gradients 0.1 then 0), the slides'
rounded denominator 0.0019, the Adam-No-BC / Adam step ratio, Adam-No-BC on
the sigmoid neuron (same data via np.random.seed), and the noisy-signal
example. Prints `name value` lines.
"""
import numpy as np

# The two-step example.
beta2 = 0.999
v1 = (1 - beta2) * 0.1**2
v2 = beta2 * v1 + (1 - beta2) * 0.0**2
print("rate1_uncorrected", repr(float(1 / np.sqrt(v1))))
print("rate1_corrected", repr(float(1 / np.sqrt(v1 / (1 - beta2)))))
print("rate2_uncorrected", repr(float(1 / np.sqrt(v2))))
print("rate2_corrected", repr(float(1 / np.sqrt(v2 / (1 - beta2**2)))))
print("slides_rate2", repr(float(1 / np.sqrt(v2 / 0.0019))))

# The step of Adam-No-BC relative to Adam's: (1 - beta1^t) / sqrt(1 - beta2^t).
beta1 = 0.9
ratios = [(1 - beta1**t) / np.sqrt(1 - beta2**t) for t in range(1, 1001)]
print("nobc_ratio_peak", repr(float(max(ratios))), "at t =", int(np.argmax(ratios)) + 1)

# The lecture's data: 500 points, about 80% of the x set to 0.
np.random.seed(0)
X = 0.25 * np.random.rand(500)
X = np.where(np.random.rand(500) < 0.8, 0.0, X)
W_TRUE, B_TRUE = 3.0, -1.5
Y = 1 / (1 + np.exp(-(W_TRUE * X + B_TRUE)))
def f(w, b, x):
    return 1 / (1 + np.exp(-(w * x + b)))

def grads(w, b):
    fx = f(w, b, X)
    d = (fx - Y) * fx * (1 - fx)
    return np.sum(d * X), np.sum(d)

# Adam without bias correction (eta = 0.1, eps = 1e-8), full batch, 150 steps.
eta, eps = 0.1, 1e-8
w, b = -4.0, -4.0
m = np.zeros(2); v = np.zeros(2)
ws = [w]
for t in range(1, 151):
    g = np.array(grads(w, b))
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g * g
    step = eta * m / (np.sqrt(v) + eps)
    w, b = w - step[0], b - step[1]
    ws.append(w)
print("nobc_first_step_w", repr(float(ws[1] - ws[0])))
print("nobc_max_w", repr(float(max(ws))))

# The noisy signal, estimated with and without correction (beta = 0.9).
np.random.seed(2)
T = 60
steps = np.arange(1, T + 1)
truth = 1 + 0.5 * np.sin(steps / 8)
observed = truth + 0.3 * np.random.randn(T)
beta = 0.9
m = 0.0
raw, corrected = [], []
for t in range(1, T + 1):
    m = beta * m + (1 - beta) * observed[t - 1]
    raw.append(m)
    corrected.append(m / (1 - beta**t))
print("err10_raw", repr(float(np.mean(np.abs(np.array(raw[:10]) - truth[:10])))))
print("err10_corrected", repr(float(np.mean(np.abs(np.array(corrected[:10]) - truth[:10])))))
