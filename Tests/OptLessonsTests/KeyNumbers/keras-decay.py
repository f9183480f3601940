"""Independent derivation of the key numbers of lessons/keras-decay.opt.

Plain Python 3 + numpy, from the formulas: Keras 2's `decay`,
lr_k = lr0/(1 + decay*k) with k the number of updates done before this one,
and Keras' Adam (lr_t = lr*sqrt(1-beta2^t)/(1-beta1^t), eps = 1e-7 on the raw
sqrt(v)) trained one point per update on the lecture's sigmoid neuron (same
data via np.random.seed), with and without the decay. Prints `name value`.
"""
import math
import numpy as np

lr0, decay = 0.003, 0.0002
def lr_at(k, lr0=lr0, decay=decay):
    return lr0 / (1 + decay * k)

print("lr_after_one_update", repr(lr_at(1)))
print("lr_after_one_epoch", repr(lr_at(500)))
print("lr_after_10_epochs", repr(lr_at(5000)))
print("lr_after_50_epochs", repr(lr_at(25000)))
print("lr_if_per_epoch_50", repr(lr_at(50)))
print("updates_to_halve_lr", math.ceil(1 / decay))
print("misread_lr", repr(lr0 / decay))

# The lecture's data: 500 points, about 80% of the x set to 0.
np.random.seed(0)
X = 0.25 * np.random.rand(500)
X = np.where(np.random.rand(500) < 0.8, 0.0, X)
W_TRUE, B_TRUE = 3.0, -1.5
Y = 1 / (1 + np.exp(-(W_TRUE * X + B_TRUE)))
def f(w, b, x):
    return 1 / (1 + np.exp(-(w * x + b)))
def error(w, b):
    return 0.5 * np.sum((f(w, b, X) - Y) ** 2)

def keras_adam_per_point(use_decay, epochs=10, beta1=0.9, beta2=0.999, eps=1e-7):
    w, b = -4.0, -4.0
    m = [0.0, 0.0]; v = [0.0, 0.0]
    t = 0
    for e in range(epochs):
        for x, y in zip(X.tolist(), Y.tolist()):
            fx = 1 / (1 + math.exp(-(w * x + b)))
            d = (fx - y) * fx * (1 - fx)
            g = [d * x, d]
            lr = lr_at(t) if use_decay else lr0      # t updates done before this one
            t += 1
            lr_t = lr * math.sqrt(1 - beta2**t) / (1 - beta1**t)
            p = [w, b]
            for i in range(2):
                m[i] = beta1 * m[i] + (1 - beta1) * g[i]
                v[i] = beta2 * v[i] + (1 - beta2) * g[i] ** 2
                p[i] = p[i] - lr_t * m[i] / (math.sqrt(v[i]) + eps)
            w, b = p
    return float(error(w, b))

print("loss_constant_10", repr(keras_adam_per_point(False)))
print("loss_decay_10", repr(keras_adam_per_point(True)))
