import Foundation

/// numpy's reductions — `sum`, `mean`, `std`, `var`, `max`, `min`, `prod`,
/// `argmax`, `argmin`, `any`, `all`, `cumsum` — over the whole array or along
/// `axis=` (a whole number or a tuple of them), with `keepdims=`.
///
/// Sums are added in numpy's order, so results agree with numpy to the bit:
/// pairwise (`numpy/_core/src/umath/loops_utils.h.src`, `pairwise_sum`) when
/// the reduced axes are the trailing ones (the elements are contiguous), and
/// one slice at a time, in order, along a leading axis.
enum Reductions {
  static var builtins: [Builtin] {
    [
      reduction(
        "npsum", "np.sum(a, axis=None, keepdims=False)", "The sum of the elements, added pairwise as numpy does.",
        rows: RowFold.add.rows
      ) { lane, contiguous in sum(lane, contiguous) },
      reduction(
        "mean", "mean(a, axis=None, keepdims=False)", "The average of the elements, summed as numpy does (np.mean).",
        rows: RowFold.add.rows { $0 / Double($1) }
      ) { lane, contiguous in lane.isEmpty ? .nan : sum(lane, contiguous) / Double(lane.count) },
      reduction(
        "var", "var(a, axis=None, keepdims=False)", "The variance (numpy's, dividing by n).", rows: rowVariance
      ) { lane, contiguous in variance(lane, contiguous) },
      reduction(
        "std", "std(a, axis=None, keepdims=False)", "The standard deviation (numpy's, dividing by n).",
        rows: rowStandardDeviation
      ) { lane, contiguous in variance(lane, contiguous).squareRoot() },
      reduction(
        "amax", "np.max(a, axis=None, keepdims=False)", "The largest element; nan if any is nan.", empty: "max",
        rows: RowFold.maximum.rows
      ) { lane, _ in extreme(lane, .maximum) },
      reduction(
        "amin", "np.min(a, axis=None, keepdims=False)", "The smallest element; nan if any is nan.", empty: "min",
        rows: RowFold.minimum.rows
      ) { lane, _ in extreme(lane, .minimum) },
      reduction(
        "prod", "prod(a, axis=None, keepdims=False)", "The product of the elements.", rows: RowFold.multiply.rows
      ) { lane, _ in lane.reduce(1, *) },
      reduction(
        "argmax", "argmax(a, axis=None)",
        "The index of the largest element (the first if tied; a flat index without axis).",
        empty: "argmax", keepdims: false
      ) { lane, _ in argExtreme(lane, >) },
      reduction(
        "argmin", "argmin(a, axis=None)",
        "The index of the smallest element (the first if tied; a flat index without axis).",
        empty: "argmin", keepdims: false
      ) { lane, _ in argExtreme(lane, <) },
      reduction(
        "npany", "np.any(a, axis=None, keepdims=False)", "True where some element is non-zero.", bool: true,
        rows: RowFold.any.rows
      ) { lane, _ in lane.contains { $0 != 0 } ? 1 : 0 },
      reduction(
        "npall", "np.all(a, axis=None, keepdims=False)", "True where every element is non-zero.", bool: true,
        rows: RowFold.all.rows
      ) { lane, _ in lane.allSatisfy { $0 != 0 } ? 1 : 0 },
      Builtin(
        "cumsum", "cumsum(a, axis=None)", "Running totals along axis (of the flattened array without one).",
        parameters: ["a", "axis"],
        .general { args in
          try args.check(min: 1, max: 2, keywords: ["axis"])
          var a = try Convert.array(args.positional[0], what: "cumsum()")
          let axis = try args.optional(1, "axis").flatMap { try axes($0, ndim: a.ndim, "cumsum")?.first }
          if axis == nil { a = a.reshaped([a.count]) }
          let along = axis ?? 0
          let strides = NumArray.strides(a.shape)
          var out = a.storage
          let step = strides[along]
          let n = a.shape[along]
          for start in 0..<a.count where (start / step) % n == 0 {
            var total = 0.0
            for i in 0..<n {
              total += out[start + i * step]
              out[start + i * step] = total
            }
          }
          return .array(NumArray(out, shape: a.shape))
        }),
    ]
  }

  /// A built-in that reduces lanes of an array to one number each.
  /// `f` gets each lane's elements in row-major order and whether they were contiguous;
  /// `rows`, when given, reduces along leading axes a row at a time (see `RowReduction`).
  private static func reduction(
    _ name: String, _ signature: String, _ doc: String, empty: String? = nil, keepdims allowKeepdims: Bool = true,
    bool: Bool = false, rows: RowReduction? = nil, _ f: @escaping (UnsafeBufferPointer<Double>, Bool) -> Double
  ) -> Builtin {
    Builtin(
      name, signature, doc, parameters: allowKeepdims ? ["a", "axis", "keepdims"] : ["a", "axis"],
      .general { args in
        try args.check(min: 1, max: allowKeepdims ? 3 : 2, keywords: allowKeepdims ? ["axis", "keepdims"] : ["axis"])
        let shown = signature.prefix { $0 != "(" }
        let a = try Convert.array(args.positional[0], what: "\(shown)()")
        let axisList = try args.optional(1, "axis").flatMap { try axes($0, ndim: a.ndim, String(shown)) }
        let keepdims = try args.optional(2, "keepdims").map { try Operators.truthy($0) } ?? false
        return try reduce(
          a, axes: axisList, keepdims: keepdims, bool: bool, empty: empty.map { _ in String(shown) }, rows: rows, f)
      })
  }

  /// The axes an `axis=` argument names (negative ones count from the end), or nil for None.
  static func axes(_ v: Value, ndim: Int, _ name: String) throws -> [Int]? {
    if v.isNone { return nil }
    let items: [Value]
    if case .tuple(let xs) = v { items = xs } else { items = [v] }
    var out: [Int] = []
    for item in items {
      guard let x = item.asNumber else {
        throw OptError(
          .typeError, "\(name)(): axis must be a whole number or a tuple of them, not \(item.typeNameWithArticle)")
      }
      let k = try Runtime.wholeNumber(x, what: "\(name)(): axis")
      guard k >= -ndim && k < ndim else {
        throw OptError(
          .valueError, "\(name)(): axis \(k) is out of range for an array of \(ndim) dimension\(ndim == 1 ? "" : "s")",
          hint: ndim == 0 ? nil : "valid axes are 0 to \(ndim - 1), or -\(ndim) to -1")
      }
      let axis = k < 0 ? k + ndim : k
      guard !out.contains(axis) else { throw OptError(.valueError, "\(name)(): axis \(axis) is given twice") }
      out.append(axis)
    }
    return out.sorted()
  }

  /// Reduces `a` along `axes` (all of them when nil): each lane of elements becomes `f(lane)`.
  /// When the reduced axes are consecutive but not the last ones, `rows` (if given) does
  /// the work a row at a time instead, in the order numpy adds them.
  static func reduce(
    _ a: NumArray, axes: [Int]?, keepdims: Bool, bool: Bool = false, empty: String?, rows: RowReduction? = nil,
    _ f: (UnsafeBufferPointer<Double>, Bool) -> Double
  ) throws -> Value {
    let reduced = axes ?? Array(0..<a.ndim)
    let kept = (0..<a.ndim).filter { !reduced.contains($0) }
    let laneLength = reduced.reduce(1) { $0 * a.shape[$1] }
    if let empty, laneLength == 0 {
      throw OptError(
        .valueError, "\(empty)() of an empty array has no value", hint: "zero-size arrays have no maximum or minimum")
    }
    let contiguous = reduced.isEmpty || reduced == Array((a.ndim - reduced.count)..<a.ndim)
    let lanes = kept.reduce(1) { $0 * a.shape[$1] }
    let shape = keepdims ? (0..<a.ndim).map { reduced.contains($0) ? 1 : a.shape[$0] } : kept.map { a.shape[$0] }
    if let rows, !contiguous, let first = reduced.first, reduced == Array(first..<(first + reduced.count)) {
      // A block of axes in the middle: for each index before it, the rows of `width` elements after it fold in order.
      let width = a.shape[(first + reduced.count)...].reduce(1, *)
      let out = try a.storage.withUnsafeBufferPointer { all in
        try [Double](unsafeUninitializedCapacity: lanes) { out, initialized in
          for block in 0..<(lanes / width) {
            try Interrupt.check()
            rows(all.baseAddress! + block * laneLength * width, laneLength, width, out.baseAddress! + block * width)
          }
          initialized = lanes
        }
      }
      return ArrayMath.wrap(NumArray(out, shape: shape, isBool: bool))
    }
    var out = [Double]()
    out.reserveCapacity(lanes)
    try a.storage.withUnsafeBufferPointer { all in
      if contiguous {
        // The reduced axes are the trailing ones: each lane is a run of the storage, read in place.
        for n in 0..<lanes {
          if n & 0xFFF == 0xFFF { try Interrupt.check() }
          out.append(f(UnsafeBufferPointer(rebasing: all[(n * laneLength)..<((n + 1) * laneLength)]), true))
        }
        return
      }
      let strides = NumArray.strides(a.shape)
      let laneOffsets = offsets(of: reduced, a.shape, strides)
      let bases = offsets(of: kept, a.shape, strides)
      var lane = [Double](repeating: 0, count: laneLength)
      for (n, base) in bases.enumerated() {
        if n & 0xFFF == 0xFFF { try Interrupt.check() }
        for (i, offset) in laneOffsets.enumerated() { lane[i] = all[base + offset] }
        out.append(lane.withUnsafeBufferPointer { f($0, false) })
      }
    }
    return ArrayMath.wrap(NumArray(out, shape: shape, isBool: bool))
  }

  /// The flat offsets of every position along `axes` (row-major), the others held at 0.
  private static func offsets(of axes: [Int], _ shape: [Int], _ strides: [Int]) -> [Int] {
    var out = [0]
    for axis in axes {
      var next: [Int] = []
      next.reserveCapacity(out.count * shape[axis])
      for o in out { for i in 0..<shape[axis] { next.append(o + i * strides[axis]) } }
      out = next
    }
    return out
  }

  /// numpy's sum of a lane: pairwise when contiguous, else in order.
  static func sum(_ lane: UnsafeBufferPointer<Double>, _ contiguous: Bool) -> Double {
    contiguous ? Library.numpySum(lane) : lane.reduce(0, +)
  }

  static func sum(_ lane: [Double], _ contiguous: Bool) -> Double {
    lane.withUnsafeBufferPointer { sum($0, contiguous) }
  }

  /// numpy's `var`: the mean, then the mean of the squared deviations (`_var` in numpy/_core/_methods.py).
  static func variance(_ lane: UnsafeBufferPointer<Double>, _ contiguous: Bool) -> Double {
    guard !lane.isEmpty else { return .nan }
    let mean = sum(lane, contiguous) / Double(lane.count)
    let squares = [Double](unsafeUninitializedCapacity: lane.count) { out, initialized in
      for i in 0..<lane.count {
        let d = lane[i] - mean
        out[i] = d * d
      }
      initialized = lane.count
    }
    return squares.withUnsafeBufferPointer { sum($0, contiguous) } / Double(lane.count)
  }

  /// numpy's `var` along leading axes, row by row: the mean of each column, then
  /// the mean of its squared deviations (`_var` in numpy/_core/_methods.py).
  static func rowVariance(
    _ block: UnsafePointer<Double>, _ n: Int, _ width: Int, _ out: UnsafeMutablePointer<Double>
  ) {
    RowFold.add.rows(block, n, width, out)
    let means = [Double](unsafeUninitializedCapacity: width) { m, initialized in
      for j in 0..<width { m[j] = out[j] / Double(n) }
      initialized = width
    }
    out.update(repeating: 0, count: width)
    means.withUnsafeBufferPointer { m in
      for r in 0..<n {
        let row = block + r * width
        for j in 0..<width {
          let d = row[j] - m[j]
          out[j] += d * d
        }
      }
    }
    for j in 0..<width { out[j] /= Double(n) }
  }

  /// numpy's `std` along leading axes: the square root of `rowVariance`.
  static func rowStandardDeviation(
    _ block: UnsafePointer<Double>, _ n: Int, _ width: Int, _ out: UnsafeMutablePointer<Double>
  ) {
    rowVariance(block, n, width, out)
    for j in 0..<width { out[j] = out[j].squareRoot() }
  }

  /// The largest (or smallest) element of a lane, nan if any is nan, eight lanes
  /// of SIMD at a time. Of equal elements the later one wins, as in numpy's loops.
  static func extreme(_ lane: UnsafeBufferPointer<Double>, _ fold: RowFold) -> Double {
    fold == .maximum ? extreme(lane, fold) { $0 .>= $1 } : extreme(lane, fold) { $0 .<= $1 }
  }

  @inline(__always) private static func extreme(
    _ lane: UnsafeBufferPointer<Double>, _ fold: RowFold,
    _ wins: (SIMD8<Double>, SIMD8<Double>) -> SIMDMask<SIMD8<Int64>>
  ) -> Double {
    let n = lane.count
    let p = UnsafeRawPointer(lane.baseAddress!)
    var best = lane[0]
    var i = 0
    if n >= 16 {
      var acc = p.loadUnaligned(as: SIMD8<Double>.self)
      var sawNaN = acc .!= acc
      i = 8
      while i + 8 <= n {
        let chunk = p.loadUnaligned(fromByteOffset: i * 8, as: SIMD8<Double>.self)
        acc.replace(with: chunk, where: wins(chunk, acc))
        sawNaN .|= chunk .!= chunk
        i += 8
      }
      if any(sawNaN) { return .nan }
      best = acc[0]
      for k in 1..<8 { best = fold.combine(best, acc[k]) }
    }
    while i < n {
      best = fold.combine(best, lane[i])
      i += 1
    }
    return best
  }

  /// The position of the first best element; the first nan wins, as in numpy.
  static func argExtreme(_ lane: UnsafeBufferPointer<Double>, _ better: (Double, Double) -> Bool) -> Double {
    if let k = lane.firstIndex(where: \.isNaN) { return Double(k) }
    var best = 0
    for i in 1..<lane.count where better(lane[i], lane[best]) { best = i }
    return Double(best)
  }
}

/// A reduction done a row at a time: given a block of `n` rows of `width`
/// elements (the reduced axes are the rows), it writes `width` results to `out`.
/// Reducing along a leading axis this way reads memory in order, and adds
/// in the order numpy does (each column from the first row to the last).
typealias RowReduction = (
  _ block: UnsafePointer<Double>, _ n: Int, _ width: Int, _ out: UnsafeMutablePointer<Double>
) -> Void

/// How one element joins a running result in a row-at-a-time reduction. Each
/// case has its own loop in `fold(_:into:count:)`, so no inner loop switches.
enum RowFold {
  case add, multiply, maximum, minimum, any, all

  /// `acc` and `x` combined; `maximum` and `minimum` keep a nan and let an equal later element win.
  @inline(__always) func combine(_ acc: Double, _ x: Double) -> Double {
    switch self {
    case .add: acc + x
    case .multiply: acc * x
    case .maximum: x >= acc || x.isNaN ? x : acc
    case .minimum: x <= acc || x.isNaN ? x : acc
    case .any: acc != 0 || x != 0 ? 1 : 0
    case .all: acc != 0 && x != 0 ? 1 : 0
    }
  }

  /// The running result before the first row (nil: start from the first row).
  var start: Double? {
    switch self {
    case .add, .any: 0
    case .multiply, .all: 1
    case .maximum, .minimum: nil
    }
  }

  /// Folds one row into the running results.
  func fold(_ row: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>, count: Int) {
    switch self {
    case .add: for j in 0..<count { out[j] = RowFold.add.combine(out[j], row[j]) }
    case .multiply: for j in 0..<count { out[j] = RowFold.multiply.combine(out[j], row[j]) }
    case .maximum: for j in 0..<count { out[j] = RowFold.maximum.combine(out[j], row[j]) }
    case .minimum: for j in 0..<count { out[j] = RowFold.minimum.combine(out[j], row[j]) }
    case .any: for j in 0..<count { out[j] = RowFold.any.combine(out[j], row[j]) }
    case .all: for j in 0..<count { out[j] = RowFold.all.combine(out[j], row[j]) }
    }
  }

  /// The reduction of a block of rows with this fold.
  func rows(_ block: UnsafePointer<Double>, _ n: Int, _ width: Int, _ out: UnsafeMutablePointer<Double>) {
    var first = 0
    if let start {
      out.initialize(repeating: start, count: width)
    } else {
      out.initialize(from: block, count: width)
      first = 1
    }
    for r in first..<n { fold(block + r * width, into: out, count: width) }
  }

  /// The same, then `finish(result, n)` applied to each result.
  func rows(_ finish: @escaping (Double, Int) -> Double) -> RowReduction {
    { block, n, width, out in
      rows(block, n, width, out)
      for j in 0..<width { out[j] = finish(out[j], n) }
    }
  }
}
