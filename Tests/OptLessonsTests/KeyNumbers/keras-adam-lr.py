"""Independent derivation of the key numbers of lessons/keras-adam-lr.opt.

Plain Python 3 + numpy, from the formulas: Keras' Adam step size
lr_t = lr*sqrt(1-beta2^t)/(1-beta1^t), Keras' epsilon rewritten in torch's
form, eps/sqrt(1-beta2^t), and the first Adam step of each framework on the
lecture's sigmoid neuron (same data via np.random.seed) with its loss scaled
by 1e-4. Prints `name value` lines.
"""
import numpy as np

lr, beta1, beta2 = 0.001, 0.9, 0.999
def factor(t):
    return np.sqrt(1 - beta2**t) / (1 - beta1**t)

factors = [factor(t) for t in range(1, 20001)]
print("factor_t1", repr(float(factor(1))))
print("lr_t10", repr(float(lr * factor(10))))
print("factor_min", repr(float(min(factors))))
print("factor_min_t", int(np.argmin(factors)) + 1)
print("factor_t1000", repr(float(factor(1000))))
print("keras_eff_eps_t1", repr(float(1e-7 / np.sqrt(1 - beta2))))

# The lecture's data: 500 points, about 80% of the x set to 0.
np.random.seed(0)
X = 0.25 * np.random.rand(500)
X = np.where(np.random.rand(500) < 0.8, 0.0, X)
W_TRUE, B_TRUE = 3.0, -1.5
Y = 1 / (1 + np.exp(-(W_TRUE * X + B_TRUE)))
def f(w, b, x):
    return 1 / (1 + np.exp(-(w * x + b)))
fx = f(-4.0, -4.0, X)
gw = 1e-4 * np.sum((fx - Y) * fx * (1 - fx) * X)   # dw at (-4, -4), loss scaled by 1e-4

# First step, torch: m_hat = g, v_hat = g^2, w -= lr*m_hat/(sqrt(v_hat) + 1e-8).
m = (1 - beta1) * gw; v = (1 - beta2) * gw**2
torch_step = lr * (m / (1 - beta1)) / (np.sqrt(v / (1 - beta2)) + 1e-8)
# First step, Keras: w -= lr_1 * m/(sqrt(v) + 1e-7).
keras_step = lr * factor(1) * m / (np.sqrt(v) + 1e-7)
print("torch_tiny_first_step_w", repr(float(-torch_step)))
print("keras_tiny_first_step_w", repr(float(-keras_step)))
