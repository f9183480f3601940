import Foundation

/// Samples a function of one number for drawing, so that the picture is the
/// function's and not an artefact of where it was sampled: evenly spaced
/// samples first (evenly in log10(x) on a log axis), then, between samples,
/// every local extremum is found (a golden-section search in the two
/// intervals around the extreme sample, Kiefer 1953) and every jump is
/// located (bisection of the interval where the value changes far more than
/// in the intervals beside it) and drawn as a vertical edge: a step
/// schedule's breakpoints and a warm restart's jump fall where they are, and
/// a dip or a peak between samples is drawn at its true depth.
struct Sampler {
  /// Evaluates the function; nil for "no finite value" is left to the caller (NaN).
  let f: (Double) throws -> Double
  let log: Bool

  /// The samples, sorted by x.
  func sample(_ a: Double, _ b: Double, count: Int) throws -> (xs: [Double], ys: [Double]) {
    let n = max(count, 3)
    let (ua, ub) = log ? (log10(a), log10(b)) : (a, b)
    func x(_ u: Double) -> Double { log ? pow(10, u) : u }
    var us = (0..<n).map { i in i == n - 1 ? ub : ua + (ub - ua) * Double(i) / Double(n - 1) }
    let ys = try us.map { try f(x($0)) }
    if log { us[0] = ua }
    var extra: [(u: Double, y: Double)] = []
    for i in 1..<(n - 1) {
      let (l, m, r) = (ys[i - 1], ys[i], ys[i + 1])
      guard l.isFinite, m.isFinite, r.isFinite else { continue }
      if (m < l && m <= r) || (m > l && m >= r) {
        extra.append(try extremum(us[i - 1], us[i + 1], minimum: m < l, x: x))
      }
    }
    for i in 0..<(n - 1) {
      let d = abs(ys[i + 1] - ys[i])
      guard d.isFinite, d > 0 else { continue }
      let before = i > 0 ? abs(ys[i] - ys[i - 1]) : 0
      let after = i + 2 < n ? abs(ys[i + 2] - ys[i + 1]) : 0
      // A jump stands out from both neighbours (and from rounding noise).
      guard d > 4 * max(before, after), d > 1e-12 * max(abs(ys[i]), abs(ys[i + 1])) else { continue }
      extra += try jump(us[i], ys[i], us[i + 1], ys[i + 1], x: x)
    }
    var points = zip(us, ys).map { (u: $0, y: $1) } + extra
    points.sort { $0.u < $1.u }
    return (points.map { x($0.u) }, points.map(\.y))
  }

  /// The lowest (or highest) point of f between `lo` and `hi` (in sample
  /// coordinates): golden-section search to a millionth of the interval.
  private func extremum(_ lo: Double, _ hi: Double, minimum: Bool, x: (Double) -> Double) throws -> (
    u: Double, y: Double
  ) {
    let ratio = (sqrt(5) - 1) / 2
    var (a, b) = (lo, hi)
    func better(_ p: Double, _ q: Double) -> Bool { minimum ? p < q : p > q }
    var c = b - ratio * (b - a)
    var d = a + ratio * (b - a)
    var fc = try f(x(c))
    var fd = try f(x(d))
    while b - a > (hi - lo) * 1e-6 {
      if better(fc, fd) || (fc == fd) {
        (b, d, fd) = (d, c, fc)
        c = b - ratio * (b - a)
        fc = try f(x(c))
      } else {
        (a, c, fc) = (c, d, fd)
        d = a + ratio * (b - a)
        fd = try f(x(d))
      }
    }
    return better(fc, fd) || fc == fd ? (c, fc) : (d, fd)
  }

  /// The two sides of a jump between `lo` and `hi`: the interval is halved,
  /// keeping the half whose ends differ more, to a billionth of its width.
  private func jump(_ lo: Double, _ ylo: Double, _ hi: Double, _ yhi: Double, x: (Double) -> Double) throws
    -> [(u: Double, y: Double)]
  {
    var (a, fa, b, fb) = (lo, ylo, hi, yhi)
    while b - a > (hi - lo) * 1e-9 {
      let m = (a + b) / 2
      let fm = try f(x(m))
      guard fm.isFinite else { return [] }
      if abs(fm - fa) >= abs(fb - fm) { (b, fb) = (m, fm) } else { (a, fa) = (m, fm) }
    }
    return [(a, fa), (b, fb)]
  }
}
