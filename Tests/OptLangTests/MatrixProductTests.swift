import Testing

@testable import OptLang

/// The matrix product's kernels (`ArrayMath.multiply`: the C kernel with AVX2
/// where the processor has it, Swift's SIMD loop elsewhere) against the plain
/// triple loop: every element is the same sum in the same order, bit for bit.
@Suite struct MatrixProductTests {
  /// `sum += a[i,p] * b[p,j]` for p in order: the definition both kernels keep.
  static func tripleLoop(_ a: [Double], _ b: [Double], n: Int, k: Int, m: Int) -> [Double] {
    var out = [Double](repeating: 0, count: n * m)
    for i in 0..<n {
      for j in 0..<m {
        var sum = 0.0
        for p in 0..<k { sum += a[i * k + p] * b[p * m + j] }
        out[i * m + j] = sum
      }
    }
    return out
  }

  /// Numbers whose products and sums round differently in another order.
  static func numbers(_ count: Int, seed: Double) -> [Double] {
    (0..<count).map { i in (Double(i) * seed).truncatingRemainder(dividingBy: 1.7) * 1e3 - 850.123456789 }
  }

  // Shapes with every remainder: rows not a multiple of 4, columns not a
  // multiple of 8, k = 0 and 1, a 1-row and a 1-column product.
  @Test(arguments: [
    (1, 1, 1), (4, 3, 8), (5, 7, 9), (7, 64, 32), (13, 5, 17), (3, 0, 8), (4, 1, 15), (1, 64, 10), (9, 33, 1),
    (64, 64, 64),
  ])
  func theKernelAddsInTheTripleLoopsOrder(_ shape: (Int, Int, Int)) {
    let (n, k, m) = shape
    let a = Self.numbers(n * k, seed: 0.7071)
    let b = Self.numbers(k * m, seed: 0.3183)
    let expected = Self.tripleLoop(a, b, n: n, k: k, m: m)
    let got = ArrayMath.multiply(a, b, n: n, k: k, m: m)
    #expect(got.map(\.bitPattern) == expected.map(\.bitPattern), "\(n)x\(k) @ \(k)x\(m)")
  }
}
