#!/usr/bin/env python3
"""Writes the `# expect:` lines of a golden program from CPython and numpy.

The golden programs about arrays (Tests/OptLangTests/Programs/arrays_*.opt) are
also valid Python. This runs one under CPython with numpy, prints each value by
optrepl's printing rule (SPEC §3: shortest round-trip text, whole numbers
without a fraction; arrays in numpy's layout, see ArrayFormat.swift), and puts
the lines after the `print` that made them, so that the expected values come
from numpy, not from optrepl:

    python3 scripts/numpy_expectations.py Tests/OptLangTests/Programs/arrays_matmul.opt
"""
import builtins
import math
import sys

import numpy as np


def number(x):
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "-inf" if x < 0 else "inf"
    if x == int(x) and abs(x) < 1e15:
        if x == 0:
            return "-0" if math.copysign(1, x) < 0 else "0"
        return str(int(x))
    return repr(x)


def element(x, is_bool):
    return ("True" if x else "False") if is_bool else number(x)


def array(a):
    is_bool = a.dtype == np.bool_
    if a.ndim == 0:
        return "array(" + element(a.item(), is_bool) + ")"
    if a.size == 0:
        return "array([])" if a.ndim == 1 else "array([], shape=%s)" % (tuple(a.shape),)
    summarise = a.size > 1000
    shown = [list(range(n)) if not (summarise and n > 6) else [0, 1, 2, None, n - 3, n - 2, n - 1] for n in a.shape]
    width = 0
    if a.ndim > 1:
        for idx in np.ndindex(*[len([k for k in s if k is not None]) for s in shown]):
            real = tuple([k for k in shown[d] if k is not None][i] for d, i in enumerate(idx))
            width = max(width, len(element(a[real], is_bool)))

    def fmt(axis, prefix, indent):
        if axis == a.ndim - 1:
            items = ["..." if k is None else element(a[prefix + (k,)], is_bool).rjust(width) for k in shown[axis]]
            return "[" + ", ".join(items) + "]"
        sep = "," + "\n" * (a.ndim - axis - 1) + indent + " "
        rows = ["..." if k is None else fmt(axis + 1, prefix + (k,), indent + " ") for k in shown[axis]]
        return "[" + sep.join(rows) + "]"

    return "array(" + fmt(0, (), " " * 6) + ")"


def text(v, top=True):
    if isinstance(v, str):
        return v if top else repr(v)
    if isinstance(v, (bool, np.bool_)):
        return "True" if v else "False"
    if v is None:
        return "None"
    if isinstance(v, (int, float, np.integer, np.floating)):
        return number(v)
    if isinstance(v, np.ndarray):
        return array(v)
    if isinstance(v, list):
        return "[" + ", ".join(text(x, False) for x in v) + "]"
    if isinstance(v, tuple):
        inner = ", ".join(text(x, False) for x in v)
        return "(" + inner + ("," if len(v) == 1 else "") + ")"
    if isinstance(v, dict):
        return "{" + ", ".join(text(k, False) + ": " + text(x, False) for k, x in v.items()) + "}"
    return repr(v)


def main(path):
    source = [line for line in open(path).read().splitlines() if not line.startswith("# expect:")]
    out = []
    printed = []

    def capture(*values, sep=" ", end="\n"):
        printed.append(sep.join(text(v) for v in values) + end)

    # Run statement by statement so each print's lines follow it.
    blocks, current = [], []
    for line in source:
        if current and not line.startswith((" ", "\t")) and line.strip():
            blocks.append(current)
            current = []
        current.append(line)
    if current:
        blocks.append(current)
    scope = {"print": capture, "__builtins__": builtins}
    for block in blocks:
        code = "\n".join(block)
        printed.clear()
        exec(compile(code, path, "exec"), scope)
        out.extend(block)
        for line in "".join(printed).splitlines():
            out.append("# expect: " + line)
    open(path, "w").write("\n".join(out) + "\n")


if __name__ == "__main__":
    for p in sys.argv[1:]:
        main(p)
