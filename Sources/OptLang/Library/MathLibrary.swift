import Foundation

/// Mathematical built-ins. Each applies element-wise to arrays; results follow
/// IEEE 754 as numpy's do (`sqrt(-1)` is `nan`, `log(0)` is `-inf`).
enum MathLibrary {
  static var builtins: [Builtin] {
    [
      Library.elementwise("sqrt", "Square root. sqrt(-1) is nan, as in numpy.", .sqrt),
      Library.elementwise("exp", "e raised to the power x.", .exp),
      Library.elementwise("log", "Natural logarithm. log(0) is -inf, log(-1) is nan.", .log),
      Library.elementwise("log10", "Base-10 logarithm.", .log10),
      Library.elementwise("log2", "Base-2 logarithm.", .log2),
      Library.elementwise("log1p", "log(1 + x), accurate for small x.", .log1p),
      Library.elementwise("expm1", "exp(x) - 1, accurate for small x.", .expm1),
      Library.elementwise("sin", "Sine of x (radians).", .sin),
      Library.elementwise("cos", "Cosine of x (radians).", .cos),
      Library.elementwise("tan", "Tangent of x (radians).", .tan),
      Library.elementwise("tanh", "Hyperbolic tangent.", .tanh),
      Library.elementwise("sinh", "Hyperbolic sine.", .sinh),
      Library.elementwise("cosh", "Hyperbolic cosine.", .cosh),
      Library.elementwise("arcsin", "Inverse sine (math.asin).", .asin),
      Library.elementwise("arccos", "Inverse cosine (math.acos).", .acos),
      Library.elementwise("arctan", "Inverse tangent (math.atan).", .atan),
      Library.elementwise("floor", "The largest whole number <= x.", .floor),
      Library.elementwise("ceil", "The smallest whole number >= x.", .ceil),
      Library.elementwise("trunc", "x with its fraction dropped (towards zero).", .trunc),
      Library.elementwise("abs", "Absolute value; element-wise on arrays.", .abs),
      Library.elementwise("square", "x*x.", .square),
      Library.elementwise("sign", "-1, 0 or 1 by the sign of x (nan stays nan), as numpy.sign.", .sign),
      Builtin(
        "fsum", "math.fsum(xs)", "The sum of the numbers in xs, exact and then rounded once, as Python's math.fsum.",
        parameters: ["xs"],
        .unary { v in .number(try ExactSum.fsum(try Convert.numbers(v, what: "math.fsum()"))) }),
      Builtin(
        "isnan", "isnan(x)", "True if x is nan; element-wise on arrays (1 or 0).", parameters: ["x"],
        .unary { v in
          if let x = v.asNumber { return .bool(x.isNaN) }
          return try Library.mapNumbers(v, "isnan") { $0.isNaN ? 1 : 0 }
        }),
      Builtin(
        "isfinite", "isfinite(x)", "True if x is neither inf nor nan; element-wise on arrays (1 or 0).",
        parameters: ["x"],
        .unary { v in
          if let x = v.asNumber { return .bool(x.isFinite) }
          return try Library.mapNumbers(v, "isfinite") { $0.isFinite ? 1 : 0 }
        }),
      Builtin(
        "isinf", "isinf(x)", "True if x is inf or -inf; element-wise on arrays (1 or 0).", parameters: ["x"],
        .unary { v in
          if let x = v.asNumber { return .bool(x.isInfinite) }
          return try Library.mapNumbers(v, "isinf") { $0.isInfinite ? 1 : 0 }
        }),
      Library.elementwise2(
        "pow", "pow(x, y)", "x raised to the power y, the same as x**y; element-wise on arrays (np.power).", .power),
      Library.elementwise2(
        "maximum", "maximum(a, b)", "The larger of a and b, element by element (nan wins, as in numpy).", .maximum),
      Library.elementwise2(
        "minimum", "minimum(a, b)", "The smaller of a and b, element by element (nan wins, as in numpy).", .minimum),
      Library.elementwise2(
        "arctan2", "arctan2(y, x)", "The angle of the point (x, y), in radians (math.atan2).", .atan2),
      Library.elementwise2("hypot", "hypot(x, y)", "sqrt(x*x + y*y) without overflow.", .hypot),
      Library.elementwise2("fmod", "fmod(x, y)", "C's remainder: the sign of x (unlike %).", .fmod),
      Builtin(
        "round", "round(x, ndigits=0)",
        "x rounded to ndigits decimals; halves go to the even neighbour, as in Python (round(2.5) is 2).",
        parameters: ["x", "ndigits"], .general(round)),
      Builtin(
        "clip", "clip(x, lo, hi)", "x limited to [lo, hi]; element-wise on arrays.", parameters: ["x", "lo", "hi"],
        .general { args in
          try args.check(min: 3, max: 3)
          let lo = try args.number(1, "lo")
          let hi = try args.number(2, "hi")
          return try Library.mapNumbers(args.positional[0], "clip") { Swift.min(Swift.max($0, lo), hi) }
        }),
    ]
  }

  /// Python's `round`: to the nearest even at halves, judged on the exact
  /// binary value (so round(2.675, 2) is 2.67, as in Python).
  static func round(_ args: Arguments) throws -> Value {
    try args.check(min: 1, max: 2, keywords: ["ndigits"])
    let digitsValue = args.optional(1, "ndigits")
    let digits: Int? = try digitsValue.flatMap { $0.isNone ? nil : try args.whole(1, "ndigits") }
    func roundOne(_ x: Double) -> Double {
      // round(x) gives a whole number, which (as Python's int) has no negative zero.
      guard let digits, x.isFinite else { return x.rounded(.toNearestOrEven) + 0.0 }
      if digits >= 0 {
        // printf rounds the exact binary value correctly, half to even.
        return Double(String(format: "%.*f", Swift.min(digits, 340), x)) ?? x
      }
      let scale = Foundation.pow(10, Double(-digits))
      return (x / scale).rounded(.toNearestOrEven) * scale
    }
    return try Library.mapNumbers(args.positional[0], "round", roundOne)
  }
}
