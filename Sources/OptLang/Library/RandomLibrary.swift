/// Random numbers from the runtime's MT19937 generator, numpy's legacy
/// `RandomState` (numpy/random/mtrand.pyx) to the bit: the same draws, in the
/// same order, for the same seed. Every run starts seeded with 0.
///
/// A `size` is a length or a tuple of lengths; without one, a single number.
/// Whole-number results (`randint`, `permutation`, `choice` of a count) are
/// Float64 arrays holding whole numbers, as every array here is.
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
        "rand", "rand(d0, d1, ...)",
        "Uniform random numbers in [0, 1): one number, or an array of shape (d0, d1, ...) (np.random.rand).",
        parameters: ["d0"], .general { args in try dimensions(args) { $0.nextDouble() } }),
      Builtin(
        "randn", "randn(d0, d1, ...)",
        "Standard normal random numbers: one, or an array of shape (d0, d1, ...) (np.random.randn).",
        parameters: ["d0"], .general { args in try dimensions(args) { $0.nextGaussian() } }),
      Builtin(
        "random", "random(size=None)",
        "Uniform random numbers in [0, 1): one, or an array of the size (a length or a shape tuple).",
        parameters: ["size"],
        .general { args in
          try args.check(min: 0, max: 1, keywords: ["size"])
          return try draw(args.runtime, args.optional(0, "size"), args.callee) { $0.nextDouble() }
        }),
      distribution(
        "uniform", ("low", 0), ("high", 1),
        "Uniform random numbers in [low, high): low + (high-low)*random() (np.random.uniform).",
        sample: { low, high, random in low + (high - low) * random.nextDouble() }),
      distribution(
        "normal", ("loc", 0), ("scale", 1), "Normal random numbers: loc + scale*randn() (np.random.normal).",
        check: { _, scale in
          guard scale >= 0 else {
            throw OptError(.valueError, "normal(): scale must be >= 0, not \(Format.number(scale))")
          }
        },
        sample: { loc, scale, random in loc + scale * random.nextGaussian() }),
      Builtin(
        "randint", "randint(low, high=None, size=None)",
        "Random whole numbers from low up to, not including, high (from 0 to low without high) (np.random.randint).",
        parameters: ["low", "high", "size"],
        .general { args in
          try args.check(min: 1, max: 3, keywords: ["low", "high", "size"])
          let first = try args.whole(0, "low")
          let second = args.optional(1, "high").flatMap { $0.isNone ? nil : $0 }
          let (low, high) = second == nil ? (0, first) : (first, try args.whole(1, "high"))
          guard low < high else {
            throw OptError(
              .valueError, "randint() needs low < high, but the range is [\(low), \(high))",
              hint: second == nil ? "randint(n) draws from 0 to n-1, so n must be at least 1" : nil)
          }
          let range = UInt64(high - low - 1)
          return try draw(args.runtime, args.optional(2, "size"), "randint") {
            Double($0.bounded(Int64(low), range: range))
          }
        }),
      Builtin(
        "permutation", "permutation(x)",
        "A shuffled copy of x (of its rows, for a 2-D array), or of arange(x) for a number (np.random.permutation).",
        parameters: ["x"],
        .general { args in
          try args.check(min: 1, max: 1)
          let x = args.positional[0]
          if let n = x.asNumber {
            let count = try ArrayLibrary.length(.number(n), "permutation")
            return .array(NumArray(try order(count, &args.runtime.random).map(Double.init)))
          }
          let a = try Convert.array(x, what: "permutation()")
          guard a.ndim >= 1 else {
            throw OptError(.indexError, "permutation() needs a count or an array of 1 or more dimensions")
          }
          return .array(rows(a, try order(a.shape[0], &args.runtime.random)))
        }),
      Builtin(
        "shuffle", "shuffle(x)",
        "Shuffles the list or array variable x in place (an array's rows, for 2-D) and returns None (np.random.shuffle).",
        parameters: ["x"],
        .general { args in
          // Called on a variable, the compiler runs `shuffleInPlace` on it instead;
          // here x is a temporary, shuffled (the draws are taken, as numpy does) and dropped.
          try args.check(min: 1, max: 1)
          var x = args.positional[0]
          try shuffleInPlace(&x, args)
          return .none
        }),
      Builtin(
        "choice", "choice(a, size=None, replace=True, p=None)",
        "Random picks from the 1-D array a (or from arange(a) for a number), with probabilities p; "
          + "replace=False picks each at most once (np.random.choice).",
        parameters: ["a", "size", "replace", "p"],
        .general { args in
          try args.check(min: 1, max: 4, keywords: ["a", "size", "replace", "p"])
          return try choice(args)
        }),
    ]
  }

  /// A distribution of two parameters with defaults, and `size=`: `uniform(low=0, high=1, size=None)`.
  private static func distribution(
    _ name: String, _ first: (String, Double), _ second: (String, Double), _ doc: String,
    check: @escaping (Double, Double) throws -> Void = { _, _ in },
    sample: @escaping (Double, Double, inout MersenneTwister) -> Double
  ) -> Builtin {
    Builtin(
      name, "\(name)(\(first.0)=\(Format.number(first.1)), \(second.0)=\(Format.number(second.1)), size=None)", doc,
      parameters: [first.0, second.0, "size"],
      .general { args in
        try args.check(min: 0, max: 3, keywords: [first.0, second.0, "size"])
        let a = args.optional(0, first.0) == nil ? first.1 : try args.number(0, first.0)
        let b = args.optional(1, second.0) == nil ? second.1 : try args.number(1, second.0)
        try check(a, b)
        return try draw(args.runtime, args.optional(2, "size"), name) { sample(a, b, &$0) }
      })
  }

  /// `rand(2, 3)`: the shape as separate arguments (a tuple is also taken, for `size=`-style calls).
  private static func dimensions(_ args: Arguments, _ next: (inout MersenneTwister) -> Double) throws -> Value {
    try args.check(min: 0, max: Int.max, keywords: ["size"])
    if args.count == 0 { return try draw(args.runtime, args.keyword("size"), args.callee, next) }
    let size = args.count == 1 ? args.positional[0] : .tuple(args.positional)
    return try draw(args.runtime, size, args.callee, next)
  }

  /// One number when `size` is missing or None, else an array of that shape filled in row-major order.
  static func draw(
    _ runtime: Runtime, _ size: Value?, _ name: String, _ next: (inout MersenneTwister) -> Double
  ) throws -> Value {
    guard let size, !size.isNone else { return .number(next(&runtime.random)) }
    let shape = try ArrayShapes.shape(size, name)
    let n = shape.reduce(1, *)
    var values = [Double]()
    values.reserveCapacity(n)
    for k in 0..<n {
      if k & 0xFFFF == 0xFFFF { try Interrupt.check() }
      values.append(next(&runtime.random))
    }
    return .array(NumArray(values, shape: shape))
  }

  /// The functions that change the variable they are called on, by built-in
  /// name: `np.random.shuffle(x)` changes `x` as `xs.append(v)` changes `xs`.
  nonisolated(unsafe) static let inPlace: [String: (inout Value, Arguments) throws -> Void] = [
    "shuffle": shuffleInPlace
  ]

  /// numpy's legacy shuffle (`RandomState.shuffle`, `_shuffle_raw`): for i from
  /// n-1 down to 1, swap item i with item `random_interval(i)`. A list's items
  /// or an array's rows move; the value keeps its type.
  static func shuffleInPlace(_ x: inout Value, _ args: Arguments) throws {
    switch x {
    case .list(let items):
      x = .list(try order(items.count, &args.runtime.random).map { items[$0] })
    case .array(let a) where a.ndim >= 1:
      x = .array(rows(a, try order(a.shape[0], &args.runtime.random)))
    default:
      throw OptError(
        .typeError, "shuffle() needs a list or an array variable, not \(x.typeNameWithArticle)",
        hint: "to shuffle 0, 1, ..., n-1 write: idx = np.random.permutation(n)")
    }
  }

  /// The order `shuffle` leaves 0..<n in: the same swaps applied to the indexes.
  static func order(_ n: Int, _ random: inout MersenneTwister) throws -> [Int] {
    var order = Array(0..<n)
    var i = n - 1
    while i >= 1 {
      if i & 0xFFFF == 0 { try Interrupt.check() }
      let j = Int(random.interval(UInt64(i)))
      order.swapAt(i, j)
      i -= 1
    }
    return order
  }

  /// The rows (sub-arrays along the first axis) of `a` taken in `order`.
  static func rows(_ a: NumArray, _ order: [Int]) -> NumArray {
    let size = a.shape.dropFirst().reduce(1, *)
    let source = a.storage
    var out = [Double]()
    out.reserveCapacity(order.count * size)
    for k in order { out += source[(k * size)..<((k + 1) * size)] }
    return NumArray(out, shape: [order.count] + a.shape.dropFirst(), isBool: a.isBool)
  }

  /// `choice`, as numpy's legacy `RandomState.choice` (numpy/random/mtrand.pyx) draws it.
  private static func choice(_ args: Arguments) throws -> Value {
    let a = args.optional(0, "a")!
    let population: NumArray?
    let count: Int
    if let n = a.asNumber {
      count = try Runtime.wholeNumber(n, what: "choice(): a")
      population = nil
    } else {
      let array = try Convert.array(a, what: "choice()")
      guard array.ndim == 1 else {
        throw OptError(
          .valueError, "choice() needs a 1-D array or a count, not shape \(NumArray.describe(array.shape))",
          hint: "to pick rows, pick their indexes: X[np.random.choice(len(X), k)]")
      }
      count = array.count
      population = array
    }
    let sizeValue = args.optional(1, "size").flatMap { $0.isNone ? nil : $0 }
    let shape = try sizeValue.map { try ArrayShapes.shape($0, "choice") }
    let size = shape?.reduce(1, *) ?? 1
    guard count > 0 || size == 0 else {
      throw OptError(.valueError, "choice() needs a non-empty population unless no samples are taken")
    }
    let replace = try args.optional(2, "replace").map { try Operators.truthy($0) } ?? true
    let p = try args.optional(3, "p").flatMap { $0.isNone ? nil : try probabilities($0, count) }
    var random = args.runtime.random
    defer { args.runtime.random = random }
    var picks: [Int]
    if replace {
      if let p {
        var cdf = cumulative(p)
        let last = cdf[cdf.count - 1]
        for i in cdf.indices { cdf[i] /= last }
        picks = (0..<size).map { _ in searchRight(cdf, random.nextDouble()) }
      } else {
        picks = (0..<size).map { _ in Int(random.bounded(0, range: UInt64(count - 1))) }
      }
    } else {
      guard size <= count else {
        throw OptError(
          .valueError, "choice() cannot take \(size) samples from \(count) without replacement",
          hint: "take at most \(count), or pass replace=True")
      }
      if var p {
        guard p.filter({ $0 > 0 }).count >= size else {
          throw OptError(.valueError, "choice(): fewer non-zero probabilities in p than samples wanted (\(size))")
        }
        picks = []
        while picks.count < size {
          let draws = (0..<(size - picks.count)).map { _ in random.nextDouble() }
          for k in picks { p[k] = 0 }
          var cdf = cumulative(p)
          let last = cdf[cdf.count - 1]
          for i in cdf.indices { cdf[i] /= last }
          // numpy keeps each new index once, in the order of its first draw.
          var seen = Set(picks)
          for u in draws {
            let k = searchRight(cdf, u)
            if seen.insert(k).inserted { picks.append(k) }
          }
        }
      } else {
        picks = Array(try order(count, &random).prefix(size))
      }
    }
    let values = picks.map { k in population.map { $0[k] } ?? Double(k) }
    guard let shape else { return .number(values[0]) }
    return .array(NumArray(values, shape: shape))
  }

  /// `p` checked as numpy checks it: 1-D, one per item, no nan, none negative, summing to 1 within sqrt(eps).
  private static func probabilities(_ v: Value, _ count: Int) throws -> [Double] {
    let p = try Convert.array(v, what: "choice(): p")
    guard p.ndim == 1, p.count == count else {
      throw OptError(
        .valueError,
        "choice(): p must be 1-D with one probability per item (\(count)), not shape \(NumArray.describe(p.shape))")
    }
    let xs = p.storage
    // numpy's kahan_sum (mtrand.pyx).
    var sum = xs[0]
    var c = 0.0
    for x in xs.dropFirst() {
      let y = x - c
      let t = sum + y
      c = (t - sum) - y
      sum = t
    }
    guard !sum.isNaN else { throw OptError(.valueError, "choice(): the probabilities p contain nan") }
    guard xs.allSatisfy({ $0 >= 0 }) else {
      throw OptError(.valueError, "choice(): the probabilities p must not be negative")
    }
    guard abs(sum - 1) <= Double.ulpOfOne.squareRoot() else {
      throw OptError(.valueError, "choice(): the probabilities p must sum to 1, not \(Format.number(sum))")
    }
    return xs
  }

  /// Running totals, added in order (np.cumsum).
  private static func cumulative(_ xs: [Double]) -> [Double] {
    var total = 0.0
    return xs.map {
      total += $0
      return total
    }
  }

  /// numpy's `searchsorted(side='right')`: how many elements of the sorted `xs` are <= x.
  private static func searchRight(_ xs: [Double], _ x: Double) -> Int {
    var low = 0
    var high = xs.count
    while low < high {
      let mid = (low + high) / 2
      if xs[mid] <= x { low = mid + 1 } else { high = mid }
    }
    return low
  }
}
