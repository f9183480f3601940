# dicts: literals, d[k], d[k] = v, in, len, keys/values/items, get, update,
# iteration in insertion order, printing as Python's.
import numpy as np

hp = {"eta": 0.1, "beta1": 0.9, "beta2": 0.999}
print(hp)
print(hp["eta"], len(hp), "eps" in hp, "eta" in hp)
hp["eps"] = 1e-8
hp["eta"] = 0.01
print(hp)
print(list(hp.keys()), list(hp.values()))
for k, v in hp.items():
    print(f"{k}={v:g}")
for k in hp:
    print(k, end=" ")
print()
print(hp.get("beta1"), hp.get("momentum"), hp.get("momentum", 0.5))
hp.update({"momentum": 0.9, "eta": 0.05})
print(hp)
counts = {}
for word in ["a", "b", "a", "c", "a"]:
    counts[word] = counts.get(word, 0) + 1
print(counts)
grid = {(0, 1): "x", 2: "y"}
print(grid[(0, 1)], grid[2])
params = {"W": np.ones((2, 2)), "b": np.zeros(2)}
grads = {"W": np.full((2, 2), 0.5), "b": np.array([1.0, -1.0])}
for name in params:
    params[name] = params[name] - 0.1 * grads[name]
print(" ".join([f"{v:g}" for v in params["W"].ravel()]), " ".join([f"{v:g}" for v in params["b"]]))
copy = dict(hp)
copy["eta"] = 1.0
print(f"{hp['eta']:g} {copy['eta']:g}")
