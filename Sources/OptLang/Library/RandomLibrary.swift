/// Random numbers from the runtime's MT19937 generator, numpy's legacy
/// `RandomState` to the bit. Every run starts seeded with 0.
enum RandomLibrary {
  static var builtins: [Builtin] {
    [
      Builtin(
        "seed", "seed(n)", "Restarts the random numbers from seed n (a whole number 0 to 2**32-1), as np.random.seed.",
        parameters: ["n"],
        .general { args in
          try args.check(min: 1, max: 1)
          let n = try args.whole(0, "n")
          guard n >= 0 && n <= Int(UInt32.max) else {
            throw OptError(.valueError, "seed() needs a whole number from 0 to 2**32-1, not \(n)")
          }
          args.runtime.random.seed(UInt32(n))
          return .none
        }),
      Builtin(
        "rand", "rand() or rand(n)", "A uniform random number in [0, 1), or an array of n of them (np.random.rand).",
        parameters: ["n"], .general { args in try sample(args) { $0.nextDouble() } }),
      Builtin(
        "random", "random() or random(n)", "The same as rand (np.random.random).",
        parameters: ["n"], .general { args in try sample(args) { $0.nextDouble() } }),
      Builtin(
        "randn", "randn() or randn(n)", "A standard normal random number, or an array of n (np.random.randn).",
        parameters: ["n"], .general { args in try sample(args) { $0.nextGaussian() } }),
      Builtin(
        "uniform", "uniform(a=0, b=1, n=None)",
        "A uniform random number in [a, b), or an array of n (np.random.uniform).",
        parameters: ["a", "b", "n"],
        .general { args in
          try args.check(min: 0, max: 3, keywords: ["low", "high", "size", "a", "b", "n"])
          let low =
            try args.optional(0, "low").map { _ in try args.number(0, "low") } ?? args.keyword("a")?.asNumber ?? 0
          let high =
            try args.optional(1, "high").map { _ in try args.number(1, "high") } ?? args.keyword("b")?.asNumber ?? 1
          let size = args.optional(2, "size") ?? args.keyword("n")
          return try draw(args.runtime, size, "uniform") { low + (high - low) * $0.nextDouble() }
        }),
      Builtin(
        "normal", "normal(loc=0, scale=1, size=None)", "A normal random number, or an array (np.random.normal).",
        parameters: ["loc", "scale", "size"],
        .general { args in
          try args.check(min: 0, max: 3, keywords: ["loc", "scale", "size"])
          let loc = args.optional(0, "loc") == nil ? 0 : try args.number(0, "loc")
          let scale = args.optional(1, "scale") == nil ? 1 : try args.number(1, "scale")
          return try draw(args.runtime, args.optional(2, "size"), "normal") { loc + scale * $0.nextGaussian() }
        }),
    ]
  }

  private static func sample(_ args: Arguments, _ next: (inout MersenneTwister) -> Double) throws -> Value {
    try args.check(min: 0, max: 1, keywords: ["size"])
    return try draw(args.runtime, args.optional(0, "size"), args.callee, next)
  }

  private static func draw(
    _ runtime: Runtime, _ size: Value?, _ name: String,
    _ next: (inout MersenneTwister) -> Double
  ) throws -> Value {
    guard let size, !size.isNone else { return .number(next(&runtime.random)) }
    let n = try ArrayLibrary.length(size, name)
    var values = [Double]()
    values.reserveCapacity(n)
    for k in 0..<n {
      if k & 0xFFFF == 0 { try Interrupt.check() }
      values.append(next(&runtime.random))
    }
    return .array(NumArray(values))
  }
}
