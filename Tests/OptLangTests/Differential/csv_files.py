# CSV out and back in: np.savetxt then np.loadtxt, with a header, delimiter,
# skiprows and usecols.
import numpy as np

path = "/tmp/optrepl-differential-csv_files.csv"
np.random.seed(3)
X = np.random.rand(4, 3)
np.savetxt(path, X, delimiter=",", header="a,b,c", comments="")
Y = np.loadtxt(path, delimiter=",", skiprows=1)
print(Y.shape, bool(np.all(X == Y)))
Z = np.loadtxt(path, delimiter=",", skiprows=1, usecols=(0, 2))
print(Z.shape, f"{Z[3, 1]:.17g}")
np.savetxt(path, X, fmt="%.4f")
print(" ".join([f"{v:g}" for v in np.loadtxt(path)[0]]))
