# Random numbers: numpy's legacy RandomState, the same draws for the same seed.
import numpy as np


def show(label, a):
    print(label, a.shape, " ".join([f"{v:.17g}" for v in a.ravel()]))


np.random.seed(42)
show("rand", np.random.rand(2, 3))
show("randn", np.random.randn(3))
print(f"{np.random.rand():.17g} {np.random.randn():.17g}")
show("random", np.random.random((2, 2)))
show("uniform", np.random.uniform(-1, 1, size=(2, 2)))
show("normal", np.random.normal(0, 0.1, size=3))
show("randint", np.random.randint(0, 100, size=(2, 4)))
print(np.random.randint(6))
show("permutation", np.random.permutation(8))
idx = np.random.permutation(5)
X = np.arange(10).reshape(5, 2)
show("rows", X[idx])
v = np.arange(6)
np.random.shuffle(v)
show("shuffle", v)
show("choice", np.random.choice(10, 4, replace=False))
show("choice-p", np.random.choice(np.array([1.0, 2.0, 3.0]), size=5, p=[0.5, 0.25, 0.25]))
np.random.seed(0)
W1 = np.random.randn(4, 3) * np.sqrt(2 / 3)
show("he-init", W1)
