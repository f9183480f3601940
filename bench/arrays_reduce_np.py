# Reductions over 10^6 elements: the whole-array sum and mean, and a
# 1000x1000 matrix reduced along each axis (column means, row maxima, a std).
# bench/arrays_reduce.opt and bench/arrays_reduce_np.py are the same program.
# This copy is for CPython: `python3 bench/arrays_reduce_np.py`.
import numpy as np

# Passes; bench/run --arrays also runs the program with REPEAT = 0 and subtracts.
REPEAT = 20
N = 1000000

X = np.sin(np.arange(N) * 0.001).reshape(1000, 1000)
total = 0.0
for step in range(REPEAT):
    total = total + np.sum(X) + np.mean(X)
    total = total + np.sum(np.mean(X, axis=0)) + np.sum(np.max(X, axis=1)) + np.std(X)
print(total)
