import Testing

@testable import OptLang

/// The random generator is numpy's legacy `RandomState` (MT19937) to the bit
/// (SPEC §3: the same numbers for the same seed on every machine; each run
/// starts seeded with 0). Every expected value below was printed by numpy
/// 2.4 with `repr(float(v))`; the comment above each table says how.
@Suite struct RandomTests {
  /// numpy, for each seed s in (0, 1, 42, 2**32-1):
  ///   np.random.seed(s); np.random.rand(5)
  ///   np.random.seed(s); np.random.randn(5); then np.random.randn() (the cached second normal of the 3rd pair)
  ///   np.random.seed(s); np.random.uniform(-2.5, 4.0, 5)
  static let table: [(seed: UInt32, rand: [Double], randn: [Double], next: Double, uniform: [Double])] = [
    (
      0,
      [0.5488135039273248, 0.7151893663724195, 0.6027633760716439, 0.5448831829968969, 0.4236547993389047],
      [1.764052345967664, 0.4001572083672233, 0.9787379841057392, 2.240893199201458, 1.8675579901499675],
      -0.977277879876411,
      [1.067287775527611, 2.148730881420726, 1.4179619444656852, 1.0417406894798296, 0.25375619570288066]
    ),
    (
      1,
      [0.417022004702574, 0.7203244934421581, 0.00011437481734488664, 0.30233257263183977, 0.14675589081711304],
      [1.6243453636632417, -0.6117564136500754, -0.5281717522634557, -1.0729686221561705, 0.8654076293246785],
      -2.3015386968802827,
      [0.21064303056673106, 2.182109207374028, -2.499256563687258, -0.5348382778930416, -1.5460867096887652]
    ),
    (
      42,
      [0.3745401188473625, 0.9507143064099162, 0.7319939418114051, 0.5986584841970366, 0.15601864044243652],
      [0.4967141530112327, -0.13826430117118466, 0.6476885381006925, 1.5230298564080254, -0.23415337472333597],
      -0.23413695694918055,
      [-0.0654892274921437, 3.679642991664455, 2.2579606217741333, 1.391280147280738, -1.4858788371241627]
    ),
    (
      4_294_967_295,
      [0.0976320289940138, 0.9123828453026218, 0.78903530185164, 0.7800035981134678, 0.01793967398674523],
      [0.6484086742306527, 0.6693235306338161, -1.0805437227474493, 0.2845010447986309, 0.11388773652167104],
      0.8676218937929382,
      [-1.8653918115389103, 3.430488494467042, 2.6287294620356594, 2.5700233877375407, -2.383392119086156]
    ),
  ]

  // MARK: The generator itself

  @Test func rawOutputsMatchTheMT19937Reference() {
    // The reference MT19937 (init_genrand(5489)) and numpy:
    //   np.random.RandomState(5489).randint(0, 2**32, size=5, dtype=np.uint32)
    var mt = MersenneTwister(seed: 5489)
    #expect(
      (0..<5).map { _ in mt.next32() } == [3_499_211_612, 581_869_302, 3_890_346_734, 3_586_334_585, 545_404_204])
    // np.random.RandomState(0).randint(0, 2**32, size=5, dtype=np.uint32)
    var zero = MersenneTwister(seed: 0)
    #expect(
      (0..<5).map { _ in zero.next32() } == [2_357_136_044, 2_546_248_239, 3_071_714_933, 3_626_093_760, 2_588_848_963])
  }

  @Test(arguments: [0, 1, 2, 3])
  func uniformDoublesMatchNumpy(row: Int) {
    let entry = Self.table[row]
    var mt = MersenneTwister(seed: entry.seed)
    #expect(Opt.bits((0..<5).map { _ in mt.nextDouble() }) == Opt.bits(entry.rand), "seed \(entry.seed)")
  }

  @Test(arguments: [0, 1, 2, 3])
  func gaussiansMatchNumpyIncludingTheCachedSecondValue(row: Int) {
    let entry = Self.table[row]
    var mt = MersenneTwister(seed: entry.seed)
    #expect(
      Opt.bits((0..<6).map { _ in mt.nextGaussian() }) == Opt.bits(entry.randn + [entry.next]), "seed \(entry.seed)")
  }

  @Test func seedingForgetsTheCachedGaussian() {
    // numpy: np.random.seed(0); np.random.randn(); np.random.seed(0); np.random.randn() -> 1.764052345967664
    var mt = MersenneTwister(seed: 0)
    _ = mt.nextGaussian()
    mt.seed(0)
    #expect(mt.nextGaussian() == 1.764052345967664)
  }

  @Test func theCachedGaussianSurvivesUniformDraws() {
    // numpy: np.random.seed(0); randn(), rand(), randn(), randn()
    //   -> 1.764052345967664, 0.6027633760716439, 0.4001572083672233, -2.268328201180374
    var mt = MersenneTwister(seed: 0)
    let values = [mt.nextGaussian(), mt.nextDouble(), mt.nextGaussian(), mt.nextGaussian()]
    #expect(
      Opt.bits(values) == Opt.bits([1.764052345967664, 0.6027633760716439, 0.4001572083672233, -2.268328201180374]))
  }

  @Test func theThousandthDrawAfterSeedZero() {
    // numpy: np.random.seed(0); np.random.rand(1000)[-1] -> 0.6771411441114241 (crosses a state twist)
    var mt = MersenneTwister(seed: 0)
    var last = 0.0
    for _ in 0..<1000 { last = mt.nextDouble() }
    #expect(last.bitPattern == 0.6771411441114241.bitPattern)
  }

  @Test func boundedWholeNumbersMatchNumpysLegacyRandint() {
    // numpy 2.1.3: np.random.RandomState(5).randint(0, 10, 5) -> [3, 6, 6, 0, 9] (32-bit masked rejection)
    var small = MersenneTwister(seed: 5)
    #expect((0..<5).map { _ in small.bounded(0, range: 9) } == [3, 6, 6, 0, 9])
    // np.random.RandomState(5).randint(-3, 2**33, 3) -> [4206684230, 385778401, 7084371940] (64-bit draws)
    var large = MersenneTwister(seed: 5)
    #expect(
      (0..<3).map { _ in large.bounded(-3, range: (1 << 33) + 2) } == [4_206_684_230, 385_778_401, 7_084_371_940])
    // np.random.RandomState(5).randint(0, 2**32, 3) -> [953453411, 236996814, 3739766767] (the raw 32 bits)
    var full = MersenneTwister(seed: 5)
    #expect((0..<3).map { _ in full.bounded(0, range: 0xFFFF_FFFF) } == [953_453_411, 236_996_814, 3_739_766_767])
  }

  @Test func shuffleOrderMatchesNumpysLegacyPermutation() throws {
    // numpy 2.1.3: np.random.RandomState(5).permutation(10) -> [9, 5, 2, 4, 7, 1, 0, 8, 6, 3]
    var mt = MersenneTwister(seed: 5)
    #expect(try RandomLibrary.order(10, &mt) == [9, 5, 2, 4, 7, 1, 0, 8, 6, 3])
  }

  // MARK: Through the language

  @Test(arguments: [0, 1, 2, 3])
  func languageFunctionsMatchNumpy(row: Int) throws {
    let entry = Self.table[row]
    let s = entry.seed
    #expect(try Opt.bits(Opt.numbers(after: "seed(\(s))\nr = rand(5)\n")) == Opt.bits(entry.rand))
    #expect(
      try Opt.bits(Opt.numbers(after: "import numpy as np\nnp.random.seed(\(s))\nr = np.random.rand(5)\n"))
        == Opt.bits(entry.rand))
    #expect(try Opt.bits(Opt.numbers(after: "seed(\(s))\nr = randn(5)\n")) == Opt.bits(entry.randn))
    #expect(try Opt.bits(Opt.numbers(after: "seed(\(s))\nr = randn(5)\nr = randn()\n")) == Opt.bits([entry.next]))
    #expect(try Opt.bits(Opt.numbers(after: "seed(\(s))\nr = uniform(-2.5, 4.0, 5)\n")) == Opt.bits(entry.uniform))
    #expect(
      try Opt.bits(Opt.numbers(after: "seed(\(s))\nr = [rand() for i in range(5)]\nr = array(r)\n"))
        == Opt.bits(entry.rand))
  }

  @Test func everyRunStartsSeededWithZero() throws {
    // numpy: np.random.seed(0); np.random.rand() -> 0.5488135039273248
    #expect(try Opt.numbers(after: "r = rand()\n") == [0.5488135039273248])
    #expect(try Opt.numbers(after: "import numpy as np\nr = np.random.random()\n") == [0.5488135039273248])
    #expect(try Opt.numbers(after: "r = randn()\n") == [1.764052345967664])
  }

  @Test func otherDistributionsAndKeywords() throws {
    // numpy: np.random.seed(7); np.random.normal(3.0, 0.5, 3)
    #expect(
      try Opt.bits(Opt.numbers(after: "import numpy as np\nnp.random.seed(7)\nr = np.random.normal(3.0, 0.5, 3)\n"))
        == Opt.bits([3.845262851900178, 2.7670313147295835, 3.0164100818392923]))
    // numpy: np.random.seed(7); np.random.uniform(low=1.0, high=2.0); np.random.uniform(low=0.0, high=10.0, size=2)
    let source = """
      import numpy as np
      np.random.seed(7)
      a = np.random.uniform(low=1.0, high=2.0)
      r = np.random.uniform(low=0.0, high=10.0, size=2)
      r = array([a, r[0], r[1]])
      """
    #expect(
      try Opt.bits(Opt.numbers(after: source)) == Opt.bits([1.0763082893739573, 7.7991879224011464, 4.384092314408935]))
  }

  @Test func bareAndNumpyFunctionsShareOneGenerator() throws {
    // numpy: np.random.seed(1); np.random.rand(2) -> 0.417022004702574, 0.7203244934421581.
    let source = """
      import numpy as np
      seed(1)
      a = rand()
      b = np.random.rand()
      r = array([a, b])
      """
    #expect(try Opt.bits(Opt.numbers(after: source)) == Opt.bits([0.417022004702574, 0.7203244934421581]))
  }

  @Test func resetReseedsWithZero() throws {
    let interpreter = Interpreter(output: { _ in })
    try interpreter.run("seed(5)\nx = rand(3)\n", name: "a.opt")
    interpreter.reset()
    try interpreter.run("r = rand()\n", name: "b.opt")
    #expect(interpreter.runtime.globals["r"].flatMap { $0.asNumber } == 0.5488135039273248)
  }

  @Test func badSeedsAreValueErrors() throws {
    for source in ["seed(-1)\n", "seed(2**32)\n", "seed(1.5)\n"] {
      let error = try #require(Opt.error(source))
      #expect(error.kind == .valueError, "\(source)")
    }
    #expect(try Opt.numbers(after: "seed(2**32 - 1)\nr = rand()\n") == [0.0976320289940138])
    #expect(Opt.error("r = rand(-1)\n")?.kind == .valueError)
    #expect(Opt.error("r = rand(2.5)\n")?.kind == .valueError)
  }
}
