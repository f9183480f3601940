/// `math.fsum`: the correctly rounded sum of floating-point numbers, as
/// Python's. The algorithm is CPython's `math_fsum` (Modules/mathmodule.c):
/// Shewchuk's exact partial sums ("Adaptive Precision Floating-Point
/// Arithmetic and Fast Robust Geometric Predicates", 1997), then a final
/// correction so that the result is rounded half to even.
enum ExactSum {
  static func fsum(_ xs: [Double]) throws -> Double {
    var partials: [Double] = []
    var specialSum = 0.0  // the sum of the infinities and nans, as CPython keeps it
    var infSum = 0.0
    for (k, value) in xs.enumerated() {
      if k & 0xFFFF == 0 { try Interrupt.check() }
      var x = value
      var i = 0
      for p in partials {
        var y = p
        if abs(x) < abs(y) { swap(&x, &y) }
        let hi = x + y
        let lo = y - (hi - x)
        if lo != 0 {
          partials[i] = lo
          i += 1
        }
        x = hi
      }
      partials.removeSubrange(i...)
      if x != 0 {
        if !x.isFinite {
          // A finite partial overflowed into an infinity: Python raises OverflowError.
          if value.isFinite {
            throw OptError(.overflowError, "math.fsum(): the sum is too large for a float (intermediate overflow)")
          }
          if value.isInfinite { infSum += value }
          specialSum += value
          partials = []
        } else {
          partials.append(x)
        }
      }
    }
    if specialSum != 0 {
      if infSum.isNaN { throw OptError(.valueError, "math.fsum(): -inf + inf is not a number") }
      return specialSum
    }
    // Sum the partials from the top, stopping when the sum is inexact, then
    // correct the rounding of a half-way case.
    var hi = 0.0
    var n = partials.count
    if n > 0 {
      n -= 1
      hi = partials[n]
      var lo = 0.0
      while n > 0 {
        let x = hi
        n -= 1
        let y = partials[n]
        hi = x + y
        let yr = hi - x
        lo = y - yr
        if lo != 0 { break }
      }
      if n > 0 && ((lo < 0 && partials[n - 1] < 0) || (lo > 0 && partials[n - 1] > 0)) {
        let y = lo * 2
        let x = hi + y
        let yr = x - hi
        if y == yr { hi = x }
      }
    }
    return hi
  }
}
