import Foundation
import Testing

@testable import OptLang

/// The built-in library against numpy and CPython. Every expected number was
/// printed by numpy 2.4 / CPython 3.11 with `repr(float(v))`, or is exact by
/// hand; each test says which.
@Suite struct LibraryTests {

  // MARK: numpySum: numpy's pairwise summation, bit for bit

  /// The test data, computed the same way in Python:
  ///   x_i = ((i * 7919) % 1000 - 500) / 37.0 * [0.001, 0.01, 0.1, 1.0, 10.0, 100.0, 1000.0][i % 7]
  /// (only correctly rounded operations, so both languages get the same bits).
  static func data(_ n: Int) -> [Double] {
    let scale = [0.001, 0.01, 0.1, 1.0, 10.0, 100.0, 1000.0]
    return (0..<n).map { i in
      let numerator = Double((i * 7919) % 1000 - 500)
      return numerator / 37.0 * scale[i % 7]
    }
  }

  /// numpy: repr(float(np.sum(x))) and repr(float(np.mean(x))) for x = data(n).
  /// For n >= 127 pairwise summation differs from adding left to right
  /// (13267.182513513533 for n = 127, for one), so these pin the algorithm.
  static let numpySums: [(n: Int, sum: Double, mean: Double)] = [
    (0, 0.0, .nan),
    (1, -0.013513513513513514, -0.013513513513513514),
    (7, 690.6618918918919, 98.66598455598455),
    (8, 690.660081081081, 86.33251013513512),
    (9, 690.620081081081, 76.73556456456456),
    (127, 13267.182513513513, 104.46600404341349),
    (128, 13267.240081081083, 103.65031313344596),
    (129, 13267.596837837846, 102.84958789021586),
    (1000, 19960.235378378376, 19.960235378378375),
    (10000, -25564.55437837839, -2.556455437837839),
  ]

  // Regression test (a bug found and fixed): numpy 2.4's np.add.reduce on a float64 array
  // starts from the identity 0.0 and adds the pairwise sum of all n elements
  // (0.0 + pairwise(a[0..<n])); summing a[0] + pairwise(a[1..<n]) groups the additions
  // differently once the pairwise blocks start (n >= 9): 690.6200810810811 instead of
  // numpy's 690.620081081081 for n = 9.
  @Test(arguments: 0..<10)
  func numpySumMatchesNumpy(row: Int) throws {
    let (n, sum, mean) = Self.numpySums[row]
    let xs = Self.data(n)
    #expect(Library.numpySum(xs).bitPattern == sum.bitPattern, "np.sum, n = \(n)")
    // Through the language: np.sum and mean.
    let interpreter = Interpreter(output: { _ in })
    interpreter.runtime.globals["xs"] = .array(NumArray(xs))
    try interpreter.run("import numpy as np\ns = np.sum(xs)\nm = mean(xs)\nm2 = np.mean(xs)\n", name: "sum.opt")
    #expect(interpreter.runtime.globals["s"]?.asNumber?.bitPattern == sum.bitPattern, "np.sum in .opt, n = \(n)")
    for name in ["m", "m2"] {
      let m = try #require(interpreter.runtime.globals[name]?.asNumber)
      #expect(mean.isNaN ? m.isNaN : m.bitPattern == mean.bitPattern, "mean, n = \(n)")
    }
  }

  @Test func numpySumOfNegativeZerosIsZero() {
    // numpy 2.4: np.sum(np.array([-0.0])) and np.sum(np.array([-0.0] * 9)) are 0.0 (the identity is 0.0).
    #expect(Library.numpySum([-0.0]).bitPattern == (0.0).bitPattern)
    #expect(Library.numpySum([Double](repeating: -0.0, count: 9)).bitPattern == (0.0).bitPattern)
  }

  @Test func sumAddsLeftToRightAsPython311() throws {
    // CPython 3.11: sum([0.1] * 10) == 0.9999999999999999 (left to right; 3.12 changed sum()).
    #expect(try Opt.numbers(after: "r = sum([0.1] * 10)\n") == [0.9999999999999999])
    #expect(try Opt.numbers(after: "r = sum([1, 2, 3], 10)\n") == [16])
    #expect(try Opt.output("print(sum([[1], [2]], []))\n") == "[1, 2]\n")
  }

  @Test func varianceAndStandardDeviation() throws {
    // numpy: np.var / np.std of [3,1,4,1,5,9,2,6] -> 6.609375, 2.5708704751503917;
    // np.mean([0.1, 0.7, 0.2, 0.9, 0.35]) -> 0.45; np.cumsum -> [0.1, 0.7999999999999999, 1.0, 1.9, 2.25].
    #expect(try Opt.numbers(after: "r = var([3, 1, 4, 1, 5, 9, 2, 6])\n") == [6.609375])
    #expect(try Opt.numbers(after: "r = std([3, 1, 4, 1, 5, 9, 2, 6])\n") == [2.5708704751503917])
    #expect(try Opt.numbers(after: "r = mean([0.1, 0.7, 0.2, 0.9, 0.35])\n") == [0.45])
    #expect(
      try Opt.bits(Opt.numbers(after: "r = cumsum([0.1, 0.7, 0.2, 0.9, 0.35])\n"))
        == Opt.bits([0.1, 0.7999999999999999, 1.0, 1.9, 2.25]))
  }

  // MARK: Floor division and modulo: Python's (and numpy's) float rules, bit for bit

  /// CPython 3.11 `x // y` and `x % y` for every pair of
  ///   x in [7, -7, 7.5, -7.5, 0, -0, 1, -1, 3, 1e-300, 1e300, 0.3, 5, 2**53, 6, -6]
  ///   y in [2, -2, 3, -3, 0.1, -0.1, 1.5, 0.7, 1e-300, inf, -inf, 5e-324];
  /// numpy's np.floor_divide / np.remainder give the same bits for all of them.
  /// Each line: x, y, x // y, x % y as bit patterns.
  static let floorTable = """
    401c000000000000 4000000000000000 4008000000000000 3ff0000000000000
    401c000000000000 c000000000000000 c010000000000000 bff0000000000000
    401c000000000000 4008000000000000 4000000000000000 3ff0000000000000
    401c000000000000 c008000000000000 c008000000000000 c000000000000000
    401c000000000000 3fb999999999999a 4051400000000000 3fb999999999997e
    401c000000000000 bfb999999999999a c051800000000000 bcbc000000000000
    401c000000000000 3ff8000000000000 4010000000000000 3ff0000000000000
    401c000000000000 3fe6666666666666 4024000000000000 3cc0000000000000
    401c000000000000 01a56e1fc2f8f359 7e64e7b4f70066e8 018781da09e952d0
    401c000000000000 7ff0000000000000 0000000000000000 401c000000000000
    401c000000000000 fff0000000000000 bff0000000000000 fff0000000000000
    401c000000000000 0000000000000001 7ff0000000000000 0000000000000000
    c01c000000000000 4000000000000000 c010000000000000 3ff0000000000000
    c01c000000000000 c000000000000000 4008000000000000 bff0000000000000
    c01c000000000000 4008000000000000 c008000000000000 4000000000000000
    c01c000000000000 c008000000000000 4000000000000000 bff0000000000000
    c01c000000000000 3fb999999999999a c051800000000000 3cbc000000000000
    c01c000000000000 bfb999999999999a 4051400000000000 bfb999999999997e
    c01c000000000000 3ff8000000000000 c014000000000000 3fe0000000000000
    c01c000000000000 3fe6666666666666 c026000000000000 3fe6666666666662
    c01c000000000000 01a56e1fc2f8f359 fe64e7b4f70066e8 019f1b5280fd3d4a
    c01c000000000000 7ff0000000000000 bff0000000000000 7ff0000000000000
    c01c000000000000 fff0000000000000 0000000000000000 c01c000000000000
    c01c000000000000 0000000000000001 fff0000000000000 0000000000000000
    401e000000000000 4000000000000000 4008000000000000 3ff8000000000000
    401e000000000000 c000000000000000 c010000000000000 bfe0000000000000
    401e000000000000 4008000000000000 4000000000000000 3ff8000000000000
    401e000000000000 c008000000000000 c008000000000000 bff8000000000000
    401e000000000000 3fb999999999999a 4052800000000000 3fb999999999997c
    401e000000000000 bfb999999999999a c052c00000000000 bcbe000000000000
    401e000000000000 3ff8000000000000 4014000000000000 0000000000000000
    401e000000000000 3fe6666666666666 4024000000000000 3fe0000000000004
    401e000000000000 01a56e1fc2f8f359 7e6665f8bf806e42 019ef63dbeb6f3ce
    401e000000000000 7ff0000000000000 0000000000000000 401e000000000000
    401e000000000000 fff0000000000000 bff0000000000000 fff0000000000000
    401e000000000000 0000000000000001 7ff0000000000000 0000000000000000
    c01e000000000000 4000000000000000 c010000000000000 3fe0000000000000
    c01e000000000000 c000000000000000 4008000000000000 bff8000000000000
    c01e000000000000 4008000000000000 c008000000000000 3ff8000000000000
    c01e000000000000 c008000000000000 4000000000000000 bff8000000000000
    c01e000000000000 3fb999999999999a c052c00000000000 3cbe000000000000
    c01e000000000000 bfb999999999999a 4052800000000000 bfb999999999997c
    c01e000000000000 3ff8000000000000 c014000000000000 0000000000000000
    c01e000000000000 3fe6666666666666 c026000000000000 3fc9999999999988
    c01e000000000000 01a56e1fc2f8f359 fe6665f8bf806e42 0187cc038e75e5c8
    c01e000000000000 7ff0000000000000 bff0000000000000 7ff0000000000000
    c01e000000000000 fff0000000000000 0000000000000000 c01e000000000000
    c01e000000000000 0000000000000001 fff0000000000000 0000000000000000
    0000000000000000 4000000000000000 0000000000000000 0000000000000000
    0000000000000000 c000000000000000 8000000000000000 8000000000000000
    0000000000000000 4008000000000000 0000000000000000 0000000000000000
    0000000000000000 c008000000000000 8000000000000000 8000000000000000
    0000000000000000 3fb999999999999a 0000000000000000 0000000000000000
    0000000000000000 bfb999999999999a 8000000000000000 8000000000000000
    0000000000000000 3ff8000000000000 0000000000000000 0000000000000000
    0000000000000000 3fe6666666666666 0000000000000000 0000000000000000
    0000000000000000 01a56e1fc2f8f359 0000000000000000 0000000000000000
    0000000000000000 7ff0000000000000 0000000000000000 0000000000000000
    0000000000000000 fff0000000000000 8000000000000000 8000000000000000
    0000000000000000 0000000000000001 0000000000000000 0000000000000000
    8000000000000000 4000000000000000 8000000000000000 0000000000000000
    8000000000000000 c000000000000000 0000000000000000 8000000000000000
    8000000000000000 4008000000000000 8000000000000000 0000000000000000
    8000000000000000 c008000000000000 0000000000000000 8000000000000000
    8000000000000000 3fb999999999999a 8000000000000000 0000000000000000
    8000000000000000 bfb999999999999a 0000000000000000 8000000000000000
    8000000000000000 3ff8000000000000 8000000000000000 0000000000000000
    8000000000000000 3fe6666666666666 8000000000000000 0000000000000000
    8000000000000000 01a56e1fc2f8f359 8000000000000000 0000000000000000
    8000000000000000 7ff0000000000000 8000000000000000 0000000000000000
    8000000000000000 fff0000000000000 0000000000000000 8000000000000000
    8000000000000000 0000000000000001 8000000000000000 0000000000000000
    3ff0000000000000 4000000000000000 0000000000000000 3ff0000000000000
    3ff0000000000000 c000000000000000 bff0000000000000 bff0000000000000
    3ff0000000000000 4008000000000000 0000000000000000 3ff0000000000000
    3ff0000000000000 c008000000000000 bff0000000000000 c000000000000000
    3ff0000000000000 3fb999999999999a 4022000000000000 3fb9999999999996
    3ff0000000000000 bfb999999999999a c024000000000000 bc90000000000000
    3ff0000000000000 3ff8000000000000 0000000000000000 3ff0000000000000
    3ff0000000000000 3fe6666666666666 3ff0000000000000 3fd3333333333334
    3ff0000000000000 01a56e1fc2f8f359 7e37e43c8800759b 01a33550b9c24a66
    3ff0000000000000 7ff0000000000000 0000000000000000 3ff0000000000000
    3ff0000000000000 fff0000000000000 bff0000000000000 fff0000000000000
    3ff0000000000000 0000000000000001 7ff0000000000000 0000000000000000
    bff0000000000000 4000000000000000 bff0000000000000 3ff0000000000000
    bff0000000000000 c000000000000000 0000000000000000 bff0000000000000
    bff0000000000000 4008000000000000 bff0000000000000 4000000000000000
    bff0000000000000 c008000000000000 0000000000000000 bff0000000000000
    bff0000000000000 3fb999999999999a c024000000000000 3c90000000000000
    bff0000000000000 bfb999999999999a 4022000000000000 bfb9999999999996
    bff0000000000000 3ff8000000000000 bff0000000000000 3fe0000000000000
    bff0000000000000 3fe6666666666666 c000000000000000 3fd9999999999998
    bff0000000000000 01a56e1fc2f8f359 fe37e43c8800759b 0171c67849b54798
    bff0000000000000 7ff0000000000000 bff0000000000000 7ff0000000000000
    bff0000000000000 fff0000000000000 0000000000000000 bff0000000000000
    bff0000000000000 0000000000000001 fff0000000000000 0000000000000000
    4008000000000000 4000000000000000 3ff0000000000000 3ff0000000000000
    4008000000000000 c000000000000000 c000000000000000 bff0000000000000
    4008000000000000 4008000000000000 3ff0000000000000 0000000000000000
    4008000000000000 c008000000000000 bff0000000000000 8000000000000000
    4008000000000000 3fb999999999999a 403d000000000000 3fb999999999998e
    4008000000000000 bfb999999999999a c03e000000000000 bca8000000000000
    4008000000000000 3ff8000000000000 4000000000000000 0000000000000000
    4008000000000000 3fe6666666666666 4010000000000000 3fc99999999999a0
    4008000000000000 01a56e1fc2f8f359 7e51eb2d66005835 019d87654ea9f100
    4008000000000000 7ff0000000000000 0000000000000000 4008000000000000
    4008000000000000 fff0000000000000 bff0000000000000 fff0000000000000
    4008000000000000 0000000000000001 7ff0000000000000 0000000000000000
    01a56e1fc2f8f359 4000000000000000 0000000000000000 01a56e1fc2f8f359
    01a56e1fc2f8f359 c000000000000000 bff0000000000000 c000000000000000
    01a56e1fc2f8f359 4008000000000000 0000000000000000 01a56e1fc2f8f359
    01a56e1fc2f8f359 c008000000000000 bff0000000000000 c008000000000000
    01a56e1fc2f8f359 3fb999999999999a 0000000000000000 01a56e1fc2f8f359
    01a56e1fc2f8f359 bfb999999999999a bff0000000000000 bfb999999999999a
    01a56e1fc2f8f359 3ff8000000000000 0000000000000000 01a56e1fc2f8f359
    01a56e1fc2f8f359 3fe6666666666666 0000000000000000 01a56e1fc2f8f359
    01a56e1fc2f8f359 01a56e1fc2f8f359 3ff0000000000000 0000000000000000
    01a56e1fc2f8f359 7ff0000000000000 0000000000000000 01a56e1fc2f8f359
    01a56e1fc2f8f359 fff0000000000000 bff0000000000000 fff0000000000000
    01a56e1fc2f8f359 0000000000000001 44c56e1fc2f8f359 0000000000000000
    7e37e43c8800759c 4000000000000000 7e27e43c8800759c 0000000000000000
    7e37e43c8800759c c000000000000000 fe27e43c8800759c 8000000000000000
    7e37e43c8800759c 4008000000000000 7e1fdafb60009cd0 0000000000000000
    7e37e43c8800759c c008000000000000 fe1fdafb60009cd0 8000000000000000
    7e37e43c8800759c 3fb999999999999a 7e6ddd4baa009303 3f1d66e81bc37800
    7e37e43c8800759c bfb999999999999a fe6ddd4baa009303 bfb9923fdf92a8bc
    7e37e43c8800759c 3ff8000000000000 7e2fdafb60009cd0 0000000000000000
    7e37e43c8800759c 3fe6666666666666 7e4110bd85b72f70 3fd842746bf971d4
    7e37e43c8800759c 01a56e1fc2f8f359 7ff0000000000000 0194f722a6f79f9c
    7e37e43c8800759c 7ff0000000000000 0000000000000000 7e37e43c8800759c
    7e37e43c8800759c fff0000000000000 bff0000000000000 fff0000000000000
    7e37e43c8800759c 0000000000000001 7ff0000000000000 0000000000000000
    3fd3333333333333 4000000000000000 0000000000000000 3fd3333333333333
    3fd3333333333333 c000000000000000 bff0000000000000 bffb333333333333
    3fd3333333333333 4008000000000000 0000000000000000 3fd3333333333333
    3fd3333333333333 c008000000000000 bff0000000000000 c00599999999999a
    3fd3333333333333 3fb999999999999a 4000000000000000 3fb9999999999998
    3fd3333333333333 bfb999999999999a c008000000000000 bc80000000000000
    3fd3333333333333 3ff8000000000000 0000000000000000 3fd3333333333333
    3fd3333333333333 3fe6666666666666 0000000000000000 3fd3333333333333
    3fd3333333333333 01a56e1fc2f8f359 7e1cab7bd666f387 017e6b28649fcc18
    3fd3333333333333 7ff0000000000000 0000000000000000 3fd3333333333333
    3fd3333333333333 fff0000000000000 bff0000000000000 fff0000000000000
    3fd3333333333333 0000000000000001 7ff0000000000000 0000000000000000
    4014000000000000 4000000000000000 4000000000000000 3ff0000000000000
    4014000000000000 c000000000000000 c008000000000000 bff0000000000000
    4014000000000000 4008000000000000 3ff0000000000000 4000000000000000
    4014000000000000 c008000000000000 c000000000000000 bff0000000000000
    4014000000000000 3fb999999999999a 4048800000000000 3fb9999999999986
    4014000000000000 bfb999999999999a c049000000000000 bcb4000000000000
    4014000000000000 3ff8000000000000 4008000000000000 3fe0000000000000
    4014000000000000 3fe6666666666666 401c000000000000 3fb99999999999b0
    4014000000000000 01a56e1fc2f8f359 7e5ddd4baa009302 0194a42929cf4d34
    4014000000000000 7ff0000000000000 0000000000000000 4014000000000000
    4014000000000000 fff0000000000000 bff0000000000000 fff0000000000000
    4014000000000000 0000000000000001 7ff0000000000000 0000000000000000
    4340000000000000 4000000000000000 4330000000000000 0000000000000000
    4340000000000000 c000000000000000 c330000000000000 8000000000000000
    4340000000000000 4008000000000000 4325555555555554 4000000000000000
    4340000000000000 c008000000000000 c325555555555556 bff0000000000000
    4340000000000000 3fb999999999999a 4374000000000000 3c80000000000000
    4340000000000000 bfb999999999999a c374000000000000 bfb9999999999998
    4340000000000000 3ff8000000000000 4335555555555555 3fe0000000000000
    4340000000000000 3fe6666666666666 4346db6db6db6db7 3fd7c57c57c57c58
    4340000000000000 01a56e1fc2f8f359 7ff0000000000000 01a290f67c45db06
    4340000000000000 7ff0000000000000 0000000000000000 4340000000000000
    4340000000000000 fff0000000000000 bff0000000000000 fff0000000000000
    4340000000000000 0000000000000001 7ff0000000000000 0000000000000000
    4018000000000000 4000000000000000 4008000000000000 0000000000000000
    4018000000000000 c000000000000000 c008000000000000 8000000000000000
    4018000000000000 4008000000000000 4000000000000000 0000000000000000
    4018000000000000 c008000000000000 c000000000000000 8000000000000000
    4018000000000000 3fb999999999999a 404d800000000000 3fb9999999999982
    4018000000000000 bfb999999999999a c04e000000000000 bcb8000000000000
    4018000000000000 3ff8000000000000 4010000000000000 0000000000000000
    4018000000000000 3fe6666666666666 4020000000000000 3fd99999999999a0
    4018000000000000 01a56e1fc2f8f359 7e61eb2d66005835 0190328b1761fb4e
    4018000000000000 7ff0000000000000 0000000000000000 4018000000000000
    4018000000000000 fff0000000000000 bff0000000000000 fff0000000000000
    4018000000000000 0000000000000001 7ff0000000000000 0000000000000000
    c018000000000000 4000000000000000 c008000000000000 0000000000000000
    c018000000000000 c000000000000000 4008000000000000 8000000000000000
    c018000000000000 4008000000000000 c000000000000000 0000000000000000
    c018000000000000 c008000000000000 4000000000000000 8000000000000000
    c018000000000000 3fb999999999999a c04e000000000000 3cb8000000000000
    c018000000000000 bfb999999999999a 404d800000000000 bfb9999999999982
    c018000000000000 3ff8000000000000 c010000000000000 0000000000000000
    c018000000000000 3fe6666666666666 c022000000000000 3fd333333333332c
    c018000000000000 01a56e1fc2f8f359 fe61eb2d66005835 019aa9b46e8feb64
    c018000000000000 7ff0000000000000 bff0000000000000 7ff0000000000000
    c018000000000000 fff0000000000000 0000000000000000 c018000000000000
    c018000000000000 0000000000000001 fff0000000000000 0000000000000000
    """

  @Test func floorDivisionAndModuloMatchPython() throws {
    var rows: [(Double, Double, Double, Double)] = []
    for line in Self.floorTable.split(separator: "\n") {
      let v = line.split(separator: " ").compactMap { UInt64($0, radix: 16) }.map(Double.init(bitPattern:))
      rows.append((v[0], v[1], v[2], v[3]))
    }
    #expect(rows.count == 192)
    for (x, y, quotient, remainder) in rows {
      let q = Operators.floorDivide(x, y)
      let m = Operators.modulo(x, y)
      #expect(q.isNaN ? quotient.isNaN : q.bitPattern == quotient.bitPattern, "\(x) // \(y): \(q), not \(quotient)")
      #expect(m.isNaN ? remainder.isNaN : m.bitPattern == remainder.bitPattern, "\(x) % \(y): \(m), not \(remainder)")
    }
    // The same through the language, on arrays (element-wise) and in a function (the numeric fast path).
    let interpreter = Interpreter(output: { _ in })
    interpreter.runtime.globals["xs"] = .array(NumArray(rows.map(\.0)))
    interpreter.runtime.globals["ys"] = .array(NumArray(rows.map(\.1)))
    let source = """
      q = xs // ys
      m = xs % ys
      def fq(a, b):
          return a // b + 0
      q2 = array([fq(xs[i], ys[i]) for i in range(len(xs))])
      """
    try interpreter.run(source, name: "floor.opt")
    for (name, expected) in [("q", rows.map(\.2)), ("m", rows.map(\.3))] {
      let got = try #require(Opt.doubles(interpreter.runtime.globals[name]))
      for (g, e) in zip(got, expected) {
        #expect(g.isNaN ? e.isNaN : g.bitPattern == e.bitPattern, "\(name): \(g), not \(e)")
      }
    }
    // a // b + 0 turns -0 into 0, as in Python.
    let q2 = try #require(Opt.doubles(interpreter.runtime.globals["q2"]))
    for (g, e) in zip(q2, rows.map { $0.2 + 0 }) {
      #expect(g.isNaN ? e.isNaN : g.bitPattern == e.bitPattern, "q2: \(g), not \(e)")
    }
  }

  @Test func divisionByZeroIsIEEEAsInNumpy() throws {
    // numpy (np.errstate(all='ignore')): np.floor_divide(5., 0.) = inf, (-5., 0.) = -inf, (0., 0.) = nan;
    // np.remainder(x, 0.) = nan; 1/0 = inf.
    #expect(try Opt.output("print(5 // 0, -5 // 0, 0 // 0, 5 % 0, 1 / 0, -1 / 0)\n") == "inf -inf nan nan inf -inf\n")
  }

  // MARK: Sequences of numbers

  @Test func linspaceMatchesNumpy() throws {
    // numpy: np.linspace(...) with repr(float(v)) for each element.
    let cases: [(String, [Double])] = [
      ("linspace(0, 1, 5)", [0.0, 0.25, 0.5, 0.75, 1.0]),
      (
        "linspace(0, 1, 7)",
        [0.0, 0.16666666666666666, 0.3333333333333333, 0.5, 0.6666666666666666, 0.8333333333333333, 1.0]
      ),
      (
        "linspace(-3.3, 7.1, 11)",
        [
          -3.3, -2.26, -1.2200000000000002, -0.1800000000000006, 0.8599999999999994, 1.8999999999999995,
          2.9399999999999986, 3.9799999999999986, 5.019999999999999, 6.059999999999998, 7.1,
        ]
      ),
      ("linspace(1, 0, 4)", [1.0, 0.6666666666666667, 0.33333333333333337, 0.0]),
      ("linspace(0, 0.3, 4)", [0.0, 0.09999999999999999, 0.19999999999999998, 0.3]),
      ("linspace(2, 3, 1)", [2.0]),
      ("linspace(0, 1, 0)", []),
      ("np.linspace(0, 1, num=3)", [0, 0.5, 1]),
    ]
    for (call, expected) in cases {
      #expect(try Opt.bits(Opt.numbers(after: "import numpy as np\nr = \(call)\n")) == Opt.bits(expected), "\(call)")
    }
    // Default num is 50; np.linspace(0, 1)[1] == 0.02040816326530612.
    let fifty = try Opt.numbers(after: "r = linspace(0, 1)\n")
    #expect(fifty.count == 50)
    #expect(fifty[1] == 0.02040816326530612)
  }

  @Test func arangeMatchesNumpy() throws {
    // numpy: np.arange(...), repr(float(v)) for each element.
    let cases: [(String, [Double])] = [
      ("arange(5)", [0, 1, 2, 3, 4]),
      ("arange(0.5, 3)", [0.5, 1.5, 2.5]),
      ("arange(10, 0, -3)", [10, 7, 4, 1]),
      ("arange(3, 1)", []),
      (
        "arange(0, 1, 0.1)",
        [0.0, 0.1, 0.2, 0.30000000000000004, 0.4, 0.5, 0.6000000000000001, 0.7000000000000001, 0.8, 0.9]
      ),
      ("arange(0.1, 0.5, 0.1)", [0.1, 0.2, 0.30000000000000004, 0.4]),
    ]
    for (call, expected) in cases {
      #expect(try Opt.bits(Opt.numbers(after: "r = \(call)\n")) == Opt.bits(expected), "\(call)")
    }
  }

  @Test func arangeWithANonZeroStartMatchesNumpy() throws {
    // Regression test (a bug found and fixed): numpy fills an arange as start + i*delta with delta = (start +
    // step) - start, not start + i*step (numpy's PyArray_Arange: the first two elements, then DOUBLE_fill).
    // With start = 1, step = 0.1: delta = 0.10000000000000009, so np.arange(1, 2, 0.1)[2] is
    // 1.2000000000000002, where 1 + 2*0.1 gives 1.2.
    let cases: [(String, [Double])] = [
      (
        "arange(1, 2, 0.1)",
        [
          1.0, 1.1, 1.2000000000000002, 1.3000000000000003, 1.4000000000000004, 1.5000000000000004,
          1.6000000000000005, 1.7000000000000006, 1.8000000000000007, 1.9000000000000008,
        ]
      ),
      (
        "arange(-1, 1, 0.3)",
        [
          -1.0, -0.7, -0.3999999999999999, -0.09999999999999987, 0.20000000000000018, 0.5000000000000002,
          0.8000000000000003,
        ]
      ),
    ]
    for (call, expected) in cases {
      #expect(try Opt.bits(Opt.numbers(after: "r = \(call)\n")) == Opt.bits(expected), "\(call)")
    }
  }

  @Test func rangeListsAndSlices() throws {
    // CPython: list(range(10, 0, -3)), list(range(5))[1:4], 'adam'[::-1], [1,2,3,4,5][-2:],
    // [1,2,3,4,5][::2], [1,2,3][5:], (1,2,3)[1:]
    let source = """
      print(list(range(10, 0, -3)), list(range(5))[1:4], 'adam'[::-1], [1, 2, 3, 4, 5][-2:])
      print([1, 2, 3, 4, 5][::2], [1, 2, 3][5:], (1, 2, 3)[1:], len(range(0, 10, 3)), range(3)[-1])
      """
    try Opt.expectOutput(source, "[10, 7, 4, 1] [1, 2, 3] mada [4, 5]\n[1, 3, 5] [] (2, 3) 4 2\n")
  }

  // MARK: Rounding and conversions

  @Test func roundIsPythonsRound() throws {
    // CPython 3.11: round(x) / round(x, n), as floats.
    let cases: [(String, Double)] = [
      ("round(2.5)", 2), ("round(3.5)", 4), ("round(-2.5)", -2), ("round(0.5)", 0), ("round(1.5)", 2),
      ("round(2.675, 2)", 2.67), ("round(0.125, 2)", 0.12), ("round(0.375, 2)", 0.38), ("round(1234.5, -1)", 1230),
      ("round(1235, -1)", 1240), ("round(15, -1)", 20), ("round(25, -1)", 20), ("round(-1.005, 2)", -1.0),
      ("round(1e300, 2)", 1e300), ("round(123.456, -2)", 100), ("round(5e-324, 3)", 0),
      ("round(0.1 + 0.2, 15)", 0.3),
    ]
    for (call, expected) in cases {
      #expect(try Opt.bits(Opt.numbers(after: "r = \(call)\n")) == Opt.bits([expected]), "\(call)")
    }
  }

  @Test func intAndFloatConvertAsPython() throws {
    // CPython: int(-2.7) == -2, int(' 7 ') == 7, float(' inf '), float('1e-3'), float('-nan') is nan.
    try Opt.expectOutput(
      "print(int(-2.7), int(2.7), int(' 7 '), int(True), float(' inf '), float('1e-3'), float('-Infinity'))\n",
      "-2 2 7 1 inf 0.001 -inf\n")
    #expect(Opt.error("int('abc')\n")?.kind == .valueError)
    #expect(Opt.error("float('1.5e')\n")?.kind == .valueError)
    #expect(Opt.error("int(nan)\n")?.kind == .valueError)
    #expect(Opt.error("int(inf)\n")?.kind == .overflowError)
  }

  @Test func intOfANegativeFractionIsZeroNotMinusZero() throws {
    // Regression test (a bug found and fixed): Python's int(-0.5) is 0 (an int has no
    // negative zero), not -0.
    try Opt.expectOutput("print(int(-0.5), int(-0.0))\n", "0 0\n")
  }

  // MARK: Element-wise math and reductions

  @Test func elementwiseFunctions() throws {
    // numpy: np.abs([-1.5, 2]) = [1.5, 2]; np.maximum([1, 5], 3) = [3, 5]; np.minimum(2, [1, 5]) = [1, 2];
    // np.power([2, 3], 2) = [4, 9]; np.power(2, [0.5, -1]) = [1.4142135623730951, 0.5];
    // np.sign([-2, 0, 3]) = [-1, 0, 1]; np.floor([-1.5, 1.5]) = [-2, 1]; np.ceil([-1.5, 1.5]) = [-1, 2];
    // np.clip([-2, 0.5, 3], 0, 1) = [0, 0.5, 1]; np.where([1, 0, 1], [1, 2, 3], -1) = [1, -1, 3].
    let cases: [(String, [Double])] = [
      ("abs(array([-1.5, 2]))", [1.5, 2]),
      ("maximum(array([1, 5]), 3)", [3, 5]),
      ("minimum(2, array([1, 5]))", [1, 2]),
      ("pow(array([2, 3]), 2)", [4, 9]),
      ("np.power(2, array([0.5, -1]))", [1.4142135623730951, 0.5]),
      ("sign(array([-2, 0, 3]))", [-1, 0, 1]),
      ("floor(array([-1.5, 1.5]))", [-2, 1]),
      ("ceil(array([-1.5, 1.5]))", [-1, 2]),
      ("clip(array([-2, 0.5, 3]), 0, 1)", [0, 0.5, 1]),
      ("where(array([1, 0, 1]), array([1, 2, 3]), -1)", [1, -1, 3]),
      ("sqrt([4, 9])", [2, 3]),
      ("zeros(3)", [0, 0, 0]),
      ("ones(2)", [1, 1]),
      ("full(3, 7)", [7, 7, 7]),
      ("array(range(3))", [0, 1, 2]),
      ("array((1, True))", [1, 1]),
    ]
    for (call, expected) in cases {
      #expect(try Opt.bits(Opt.numbers(after: "import numpy as np\nr = \(call)\n")) == Opt.bits(expected), "\(call)")
    }
  }

  @Test func nanPropagatesAsInNumpy() throws {
    // numpy: np.maximum(1, nan) is nan; np.minimum(nan, 1) is nan; np.sign(nan) is nan;
    // np.argmax([1, nan, 3]) == 1 (the first nan); np.max([1, nan]) is nan.
    try Opt.expectOutput(
      "import numpy as np\nprint(maximum(1, nan), minimum(nan, 1), sign(nan), argmax([1, nan, 3]), np.max(array([1, nan])))\n",
      "nan nan nan 1 nan\n")
  }

  @Test func arrayMaxAndMinMethodsPropagateNanAsNumpy() throws {
    // Regression test (a bug found and fixed): numpy: np.array([1.0, np.nan]).max() and .min() are nan, like
    // np.max and np.min; here the methods call the Python-style built-ins max/min, which skip nan and give 1.
    try Opt.expectOutput("a = array([1, nan])\nprint(a.max(), a.min())\n", "nan nan\n")
  }

  @Test func reductionsAndSearches() throws {
    // numpy: np.argmin([3, 1, 1]) == 1 and np.argmax([1, 3, 3]) == 1 (the first of ties);
    // np.linalg.norm([1, 2, 2]) == 3; norm([3, -4], 1) == 7; norm([1, -5, 2], inf) == 5;
    // np.dot([1.5, 2, -0.5], [2, 4, 8]) == 7 (exact).
    let source = """
      import numpy as np
      print(argmin([3, 1, 1]), argmax([1, 3, 3]), norm([1, 2, 2]), np.linalg.norm(array([3, -4]), 1), norm([1, -5, 2], inf))
      print(dot([1.5, 2, -0.5], [2, 4, 8]), array([1, 2]).dot(array([3, 4])), np.max(array([2, 7, 1])), np.min(array([2, 7, 1])))
      """
    try Opt.expectOutput(source, "1 1 3 7 5\n7 11 7 1\n")
  }

  @Test func pythonBuiltinsOnSequences() throws {
    // CPython 3.11.
    let source = """
      print(min([3, 1, 2]), max(3, 7, 5), min(['b', 'a']), max([1, 5, 3], key=lambda v: -v))
      print(sorted([3, 1, 2], reverse=True), sorted(['bb', 'a', 'ccc'], key=len), list(reversed([1, 2, 3])))
      print(list(zip([1, 2, 3], 'ab')), list(enumerate('ab', start=1)), any([0, '', 1]), all([1, []]))
      print(len('adam'), len([1, 2]), len(array([1, 2, 3])), len(range(10**9)), len(()))
      """
    try Opt.expectOutput(
      source,
      """
      1 7 a 1
      [3, 2, 1] ['a', 'bb', 'ccc'] [3, 2, 1]
      [(1, 'a'), (2, 'b')] [(1, 'a'), (2, 'b')] True False
      4 2 3 1000000000 0

      """)
  }

  @Test func stringsAreSequencesOfCodePointsAsInPython() throws {
    // Regression test (a bug found and fixed): CPython: len('e\u0301') == 2, len('a\r\nb') == 4, 'a\r\nb'[1]
    // == '\r', list('e\u0301') == ['e', '\u0301'].
    try Opt.expectOutput(
      "print(len('e\\u0301'), len('a\\r\\nb'), repr('a\\r\\nb'[1]), len(list('e\\u0301')))\n", "2 4 '\\r' 2\n")
  }

  @Test func arraysCombineElementwise() throws {
    // numpy: np.array([1, 2]) + [3, 4] == [4, 6]; 2 ** np.array([1, 2]) == [2, 4]; -np.array([1, -2]) == [-1, 2].
    let cases: [(String, [Double])] = [
      ("array([1, 2]) + [3, 4]", [4, 6]),
      ("[3, 4] - array([1, 2])", [2, 2]),
      ("2 ** array([1, 2])", [2, 4]),
      ("-array([1, -2])", [-1, 2]),
      ("array([1, 2]) * array([3, 4])", [3, 8]),
      ("array([1, 2]) / 0", [.infinity, .infinity]),
    ]
    for (expression, expected) in cases {
      #expect(try Opt.bits(Opt.numbers(after: "r = \(expression)\n")) == Opt.bits(expected), "\(expression)")
    }
    let error = try #require(Opt.error("a = array([1, 2]) + array([1, 2, 3])\n"))
    #expect(error.kind == .valueError)
    #expect(error.message == "cannot combine with '+' arrays of shapes (2,) and (3,)")
  }

  @Test func hugeAllocationsAreMemoryErrorsNotCrashes() throws {
    #expect(Opt.error("a = zeros(10**12)\n")?.kind == .memoryError)
    #expect(Opt.error("xs = list(range(10**12))\n")?.kind == .memoryError)
    #expect(Opt.error("s = 'ab' * 10**12\n")?.kind == .memoryError)
    #expect(Opt.error("a = arange(0, 1, 1e-15)\n")?.kind == .memoryError)
  }

  @Test func constants() throws {
    // math.pi, math.e; numpy's np.pi is the same double.
    #expect(try Opt.numbers(after: "r = pi\n") == [Double.pi])
    #expect(try Opt.numbers(after: "import math\nr = math.e\n") == [2.718281828459045])
    #expect(try Opt.numbers(after: "import numpy as np\nr = np.pi\n") == [3.141592653589793])
    #expect(try Opt.output("print(inf, -inf, nan, isnan(nan), isfinite(inf))\n") == "inf -inf nan True False\n")
  }
}
