import Foundation

/// One axis of a plot: its limits, linear or logarithmic, and its tick values.
struct Axis: Equatable {
  var lo: Double
  var hi: Double
  var log: Bool
  var ticks: [Double]

  /// Where `v` falls between the limits: 0 at `lo`, 1 at `hi`; NaN if it
  /// cannot be shown (a value ≤ 0 on a log axis, a NaN).
  @inline(__always) func fraction(_ v: Double) -> Double {
    if log {
      guard v > 0 else { return .nan }
      return (log10(v) - log10(lo)) / (log10(hi) - log10(lo))
    }
    return (v - lo) / (hi - lo)
  }

  /// An axis for data from `lo` to `hi`. `tight` keeps those limits (a
  /// function's interval, a contour's window); otherwise they may widen to the
  /// nearest ticks when that wastes little room, so the frame's ends are labelled.
  static func make(lo: Double, hi: Double, log: Bool, tight: Bool, maxTicks: Int) -> Axis {
    var (lo, hi) = (lo, hi)
    if log {
      if !(lo > 0) { lo = hi > 0 ? hi / 10 : 1 }
      if !(hi > 0) { hi = 10 }
      if lo == hi {
        lo /= 2
        hi *= 2
      }
      return logAxis(lo: lo, hi: hi, tight: tight, maxTicks: maxTicks)
    }
    if lo == hi {
      let d = lo == 0 ? 1 : abs(lo) / 2
      lo -= d
      hi += d
    }
    // The smallest nice step that gives no more than `maxTicks` ticks; the
    // limits widen to its multiples when that costs at most 15% of the height.
    let target = max(maxTicks, 2)
    var step = niceStep((hi - lo) / Double(4 * target))
    var previous: [Double] = []
    for _ in 0..<40 {
      let looseLo = (lo / step).rounded(.down) * step
      let looseHi = (hi / step).rounded(.up) * step
      let looseCount = Int(((looseHi - looseLo) / step).rounded()) + 1
      if !tight && looseHi - looseLo <= 1.15 * (hi - lo) && looseCount <= target {
        return Axis(lo: looseLo, hi: looseHi, log: false, ticks: linearTicks(looseLo, looseHi, step))
      }
      let ticks = linearTicks(lo, hi, step)
      if ticks.count <= target && ticks.count >= 2 {
        return Axis(lo: lo, hi: hi, log: false, ticks: ticks)
      }
      if ticks.count < 2 {
        // Fewer than two ticks: one more than asked for is better.
        return Axis(lo: lo, hi: hi, log: false, ticks: previous.count >= 2 ? previous : ticks)
      }
      previous = ticks
      step = niceStep(step * 1.0001)
    }
    return Axis(lo: lo, hi: hi, log: false, ticks: previous)
  }

  /// Multiples of `step` from `lo` to `hi` (with room for rounding).
  static func linearTicks(_ lo: Double, _ hi: Double, _ step: Double) -> [Double] {
    let slack = step * 1e-9
    let first = ((lo - slack) / step).rounded(.up)
    let last = ((hi + slack) / step).rounded(.down)
    guard first <= last, last - first < 1000 else { return [] }
    return stride(from: first, through: last, by: 1).map { k in
      let v = k * step
      return v == 0 ? 0 : v  // no -0
    }
  }

  /// The nice number (1, 2, 2.5 or 5 times a power of ten) at or above `raw`.
  static func niceStep(_ raw: Double) -> Double {
    guard raw > 0, raw.isFinite else { return 1 }
    let e = floor(log10(raw))
    let p = pow(10, e)
    let f = raw / p
    let n: Double = f <= 1 + 1e-9 ? 1 : f <= 2 + 1e-9 ? 2 : f <= 2.5 + 1e-9 ? 2.5 : f <= 5 + 1e-9 ? 5 : 10
    return n * p
  }

  private static func logAxis(lo: Double, hi: Double, tight: Bool, maxTicks: Int) -> Axis {
    var (lo, hi) = (lo, hi)
    let l0 = log10(lo)
    let l1 = log10(hi)
    if !tight {
      let d0 = floor(l0 + 1e-9)
      let d1 = ceil(l1 - 1e-9)
      if d1 - d0 <= 1.15 * (l1 - l0) {
        lo = pow(10, d0)
        hi = pow(10, d1)
      }
    }
    let a = log10(lo)
    let b = log10(hi)
    let decades = Int(floor(b + 1e-9)) - Int(ceil(a - 1e-9)) + 1
    var ticks: [Double] = []
    if decades >= 2 {
      // Powers of ten, every k-th one if there are too many.
      let k = max(1, Int((Double(decades) / Double(max(maxTicks, 2))).rounded(.up)))
      var e = Int(ceil(a - 1e-9))
      while Double(e) <= b + 1e-9 {
        ticks.append(pow(10, Double(e)))
        e += k
      }
      if ticks.count < 3 && decades == 2 {
        ticks = mantissaTicks(lo, hi, [1, 2, 5], limit: maxTicks) ?? ticks
      }
    } else {
      ticks = mantissaTicks(lo, hi, [1, 2, 5], limit: maxTicks) ?? []
      if ticks.count < 2 {
        // Less than a decade: nice linear steps inside.
        let step = niceStep((hi - lo) / Double(max(maxTicks, 2) - 1))
        ticks = linearTicks(lo, hi, step).filter { $0 > 0 }
      }
    }
    return Axis(lo: lo, hi: hi, log: true, ticks: ticks)
  }

  /// 1, 2, 5 × powers of ten inside [lo, hi], if there are no more than `limit`.
  private static func mantissaTicks(_ lo: Double, _ hi: Double, _ mantissas: [Double], limit: Int) -> [Double]? {
    var ticks: [Double] = []
    var e = floor(log10(lo)) - 1
    while pow(10, e) <= hi * 10 {
      for m in mantissas {
        let v = m * pow(10, e)
        if v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9) { ticks.append(v) }
      }
      e += 1
    }
    return ticks.count <= max(limit, 2) ? ticks : nil
  }

  /// The tick labels: as few digits as show every tick exactly (`0`, `0.5`,
  /// `1`), with an exponent for very large or very small values (`1e-05`).
  var labels: [String] { ticks.map { Axis.label($0, among: ticks) } }

  static func label(_ v: Double, among ticks: [Double]) -> String {
    if v == 0 { return "0" }
    let magnitude = ticks.map { abs($0) }.max() ?? abs(v)
    if abs(v) >= 1e5 || magnitude >= 1e6 || abs(v) < 1e-3 {
      return exponential(v)
    }
    for digits in 0...10 {
      let s = String(format: "%.\(digits)f", v)
      if let back = Double(s), abs(back - v) <= abs(v) * 1e-9 {
        return s == "-0" ? "0" : s
      }
    }
    return String(format: "%g", v)
  }

  /// `2.5e-05`, `1e+06`: Python's way of writing an exponent.
  static func exponential(_ v: Double) -> String {
    for digits in 0...6 {
      let s = String(format: "%.\(digits)e", v)
      if let back = Double(s), abs(back - v) <= abs(v) * 1e-9 { return s }
    }
    return String(format: "%.3e", v)
  }
}

/// A short number for a legend: three significant digits (`0.0412`, `1.23e+03`).
func shortNumber(_ v: Double) -> String {
  guard v.isFinite else { return v.isNaN ? "nan" : (v > 0 ? "inf" : "-inf") }
  if v == 0 { return "0" }
  if abs(v) >= 1e5 || abs(v) < 1e-3 { return String(format: "%.2e", v).replacingOccurrences(of: ".00e", with: "e") }
  var s = String(format: "%.3g", v)
  if s.contains("e") { s = String(format: "%.4f", v) }
  if s.contains(".") {
    while s.hasSuffix("0") { s.removeLast() }
    if s.hasSuffix(".") { s.removeLast() }
  }
  return s
}
