# Element-wise work: the batch gradient of the lecture's sigmoid neuron over
# 10^6 points, as numpy code computes it: one array expression per line, no
# Python loop over the points. bench/arrays_sigmoid.opt and
# bench/arrays_sigmoid_np.py are the same program (one comment line differs).
# This copy is for CPython: `python3 bench/arrays_sigmoid_np.py`.
import numpy as np

# Gradient steps; bench/run --arrays also runs the program with REPEAT = 0 and
# subtracts, so the figure is the time of the steps alone.
REPEAT = 20
N = 1000000

x = np.linspace(-2, 2, N)
y = 1 / (1 + np.exp(-(0.9 * x + 0.4))) + 0.05 * np.sin(37 * x)
w, b, eta = -2.0, -2.0, 0.5
for step in range(REPEAT):
    fx = 1 / (1 + np.exp(-(w * x + b)))
    g = (fx - y) * fx * (1 - fx)
    w = w - eta * np.mean(g * x)
    b = b - eta * np.mean(g)
print(w, b)
