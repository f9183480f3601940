import Foundation
import Testing

@testable import OptPlot

/// Functions are drawn from their true shape: extrema and jumps between the
/// evenly spaced samples are found. Expected values from Python (float64).
@Suite struct SamplingTests {
  /// Keras' lr_t = 0.001·√(1−0.999^t)/(1−0.9^t) on [1, 5000]: 600 even samples
  /// are 8.3 apart, but the dip is found: a scan of t in steps of 1e-4 in
  /// Python gives the minimum 1.5224121190e-4 at t = 12.0199.
  @Test func theKerasDipIsFoundBetweenSamples() throws {
    let f: (Double) -> Double = { t in 0.001 * (1 - pow(0.999, t)).squareRoot() / (1 - pow(0.9, t)) }
    let (xs, ys) = try Sampler(f: f, log: false).sample(1, 5000, count: 600)
    let k = ys.indices.min { ys[$0] < ys[$1] }!
    #expect(abs(ys[k] - 1.5224121190e-4) < 1e-13, "\(ys[k])")
    #expect(abs(xs[k] - 12.0199) < 0.01, "\(xs[k])")
    #expect(xs.first == 1 && xs.last == 5000)
    #expect(zip(xs, xs.dropFirst()).allSatisfy { $0 <= $1 })
  }

  /// The lecture's triangular cyclic rate (base 0.001, max 0.1, 30 steps up):
  /// its peaks at k = 30 and 90 fall between samples and still reach 0.1.
  @Test func cyclicPeaksReachTheirMaximum() throws {
    let f: (Double) -> Double = { k in
      let cycle = floor(1 + k / 60)
      let x = abs(k / 30 - 2 * cycle + 1)
      return 0.001 + (0.1 - 0.001) * max(0, 1 - x)
    }
    let (xs, ys) = try Sampler(f: f, log: false).sample(0, 150, count: 600)
    #expect(abs(ys.max()! - 0.1) < 1e-8, "\(ys.max()!)")
    for peak in [30.0, 90.0] {
      #expect(xs.contains { abs($0 - peak) < 1e-4 }, "no sample near \(peak)")
    }
  }

  /// step_decay(0.1, 30): 0.1·0.1^floor(k/30). Each breakpoint is bracketed
  /// by two samples a billionth of the interval apart, one on each level.
  @Test func stepBreakpointsAreLocated() throws {
    let f: (Double) -> Double = { k in 0.1 * pow(0.1, floor(k / 30)) }
    let (xs, ys) = try Sampler(f: f, log: false).sample(0, 150, count: 600)
    for (edge, before, after) in [(30.0, 0.1, 0.01), (60, 0.01, 0.001), (90, 0.001, 0.0001), (120, 0.0001, 1e-5)] {
      let i = try #require(xs.indices.last { xs[$0] < edge })
      #expect(edge - xs[i] < 1e-6 && xs[i + 1] >= edge && xs[i + 1] - edge < 1e-6, "\(xs[i]) \(xs[i + 1])")
      #expect(abs(ys[i] - before) < 1e-15 && abs(ys[i + 1] - after) < 1e-15)
    }
  }

  /// On a log axis the samples are evenly spaced in log10(x).
  @Test func logSamplesAreEvenInTheLogarithm() throws {
    let (xs, _) = try Sampler(f: { log10($0) }, log: true).sample(1, 1000, count: 4)
    #expect(xs.count == 4)
    for (x, e) in zip(xs, [1.0, 10, 100, 1000]) { #expect(abs(x - e) < 1e-9 * e, "\(x)") }
  }

  /// Through the language: the schedule is called just either side of its breakpoint.
  @Test func plotCallsTheScheduleAtItsBreakpoints() throws {
    let out = try run(
      """
      seen = []
      sd = step_decay(0.1, 30)
      def f(k):
          seen.append(k)
          return sd(k)
      plot(f, 0, 60, style="stairs", width=30, height=5)
      print(len([k for k in seen if abs(k - 30) < 1e-6]) >= 2)
      """)
    #expect(out.hasSuffix("True\n"))
  }
}
