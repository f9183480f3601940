/// The modules `import` binds: `numpy` (with `random` and `linalg`) and
/// `math`. Their members are the same objects as the bare built-ins.
enum Modules {
  static func make() -> [Module] {
    let catalogue = Library.catalogue
    func function(_ name: String) -> Value { .function(catalogue[name]!) }

    let random = Module(name: "numpy.random", doc: "Random numbers, numpy's legacy generator (MT19937).")
    for name in ["seed", "rand", "randn", "uniform", "random", "normal", "randint", "permutation", "shuffle", "choice"]
    { random.add(name, function(name)) }
    random.add("random_sample", function("random"))

    let linalg = Module(name: "numpy.linalg", doc: "Linear algebra: norm, inv, solve, det.")
    for name in ["norm", "inv", "solve", "det"] { linalg.add(name, function(name)) }

    let numpy = Module(name: "numpy", doc: "Numerical arrays of any shape and element-wise mathematics (Float64).")
    let numpyNames = [
      "sqrt", "exp", "log", "log10", "log2", "log1p", "expm1", "sin", "cos", "tan", "tanh", "sinh", "cosh", "arcsin",
      "arccos", "arctan", "arctan2", "hypot", "fmod", "floor", "ceil", "trunc", "abs", "square", "sign", "isnan",
      "isfinite", "isinf", "maximum", "minimum", "round", "clip", "array", "zeros", "ones", "full", "zeros_like",
      "ones_like", "linspace", "arange", "dot", "argmin", "argmax", "where", "cumsum", "std", "var", "mean",
      "append", "concatenate", "copy", "amax", "amin", "empty", "full_like", "eye", "identity", "reshape", "ravel",
      "transpose", "squeeze", "expand_dims", "stack", "vstack", "hstack", "outer", "meshgrid", "matmul",
      "sort", "argsort", "unique", "nonzero", "count_nonzero", "unravel_index", "isclose", "allclose",
      "loadtxt", "savetxt",
    ]
    for name in numpyNames { numpy.add(name, function(name)) }
    numpy.add("power", function("pow"))
    numpy.add("absolute", function("abs"))
    numpy.add("fabs", function("abs"))
    numpy.add("max", function("amax"))
    numpy.add("min", function("amin"))
    numpy.add("sum", function("npsum"))
    numpy.add("any", function("npany"))
    numpy.add("all", function("npall"))
    numpy.add("prod", function("prod"))
    numpy.add("shape", function("npshape"))
    numpy.add("ndim", function("npndim"))
    numpy.add("size", function("npsize"))
    numpy.add("asarray", function("array"))
    numpy.add("newaxis", .none)
    numpy.add("random", .object(random))
    numpy.add("linalg", .object(linalg))
    for (name, value) in Library.constants { numpy.add(name, .number(value)) }

    let math = Module(name: "math", doc: "Mathematical functions of numbers (also element-wise on arrays here).")
    let mathNames = [
      "sqrt", "exp", "log", "log10", "log2", "log1p", "expm1", "sin", "cos", "tan", "tanh", "sinh", "cosh", "floor",
      "ceil", "trunc", "pow", "isnan", "isfinite", "isinf", "hypot", "fmod",
    ]
    for name in mathNames { math.add(name, function(name)) }
    math.add("fabs", function("abs"))
    math.add("asin", function("arcsin"))
    math.add("acos", function("arccos"))
    math.add("atan", function("arctan"))
    math.add("atan2", function("arctan2"))
    math.add("fsum", function("fsum"))
    for (name, value) in Library.constants { math.add(name, .number(value)) }

    return [numpy, math]
  }
}
