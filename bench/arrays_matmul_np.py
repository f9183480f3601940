# The matrix product of a two-layer network's first layer on the digits data
# set's shape: a 1797x64 batch times 64x32 weights (736 million multiply-adds
# over 200 repeats). bench/arrays_matmul.opt and bench/arrays_matmul_np.py are
# the same program. This copy is for CPython: `python3 bench/arrays_matmul_np.py`.
import numpy as np

# Products; bench/run --arrays also runs the program with REPEAT = 0 and subtracts.
REPEAT = 200

X = np.sin(np.arange(1797 * 64) * 0.01).reshape(1797, 64)
W = np.cos(np.arange(64 * 32) * 0.1).reshape(64, 32) * 0.1
total = 0.0
for step in range(REPEAT):
    H = X @ W
    total = total + np.sum(H)
print(total)
