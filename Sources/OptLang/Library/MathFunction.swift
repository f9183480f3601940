import Foundation

/// The functions of one number the numeric fast path calls directly, without
/// a closure: `np.exp(x)` in a hot loop costs a switch and the `exp` itself.
public enum MathFunction1: Sendable {
  case sqrt, exp, log, log10, log2, log1p, expm1, sin, cos, tan, tanh, sinh, cosh, asin, acos, atan
  case floor, ceil, trunc, abs, square, sign

  @inline(__always) public func apply(_ x: Double) -> Double {
    switch self {
    case .sqrt: return x.squareRoot()
    case .exp: return Foundation.exp(x)
    case .log: return Foundation.log(x)
    case .log10: return Foundation.log10(x)
    case .log2: return Foundation.log2(x)
    case .log1p: return Foundation.log1p(x)
    case .expm1: return Foundation.expm1(x)
    case .sin: return Foundation.sin(x)
    case .cos: return Foundation.cos(x)
    case .tan: return Foundation.tan(x)
    case .tanh: return Foundation.tanh(x)
    case .sinh: return Foundation.sinh(x)
    case .cosh: return Foundation.cosh(x)
    case .asin: return Foundation.asin(x)
    case .acos: return Foundation.acos(x)
    case .atan: return Foundation.atan(x)
    case .floor: return x.rounded(.down)
    case .ceil: return x.rounded(.up)
    case .trunc: return x.rounded(.towardZero)
    case .abs: return Swift.abs(x)
    case .square: return x * x
    // numpy's sign: nan stays nan.
    case .sign: return x.isNaN ? .nan : x > 0 ? 1 : x < 0 ? -1 : 0
    }
  }
}

/// The functions of two numbers the numeric fast path calls directly.
public enum MathFunction2: Sendable {
  case power, maximum, minimum, atan2, hypot, fmod

  @inline(__always) public func apply(_ x: Double, _ y: Double) -> Double {
    switch self {
    case .power: return Operators.power(x, y)
    // numpy's maximum and minimum propagate nan.
    case .maximum: return x.isNaN || y.isNaN ? .nan : Swift.max(x, y)
    case .minimum: return x.isNaN || y.isNaN ? .nan : Swift.min(x, y)
    case .atan2: return Foundation.atan2(x, y)
    case .hypot: return Foundation.hypot(x, y)
    case .fmod: return Foundation.fmod(x, y)
    }
  }
}
