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
        "npsum", "np.sum(a, axis=None, keepdims=False)", "The sum of the elements, added pairwise as numpy does."
      ) { lane, contiguous in sum(lane, contiguous) },
      reduction(
        "mean", "mean(a, axis=None, keepdims=False)", "The average of the elements, summed as numpy does (np.mean)."
      ) { lane, contiguous in lane.isEmpty ? .nan : sum(lane, contiguous) / Double(lane.count) },
      reduction("var", "var(a, axis=None, keepdims=False)", "The variance (numpy's, dividing by n).") {
        lane, contiguous in variance(lane, contiguous)
      },
      reduction("std", "std(a, axis=None, keepdims=False)", "The standard deviation (numpy's, dividing by n).") {
        lane, contiguous in variance(lane, contiguous).squareRoot()
      },
      reduction("amax", "np.max(a, axis=None, keepdims=False)", "The largest element; nan if any is nan.", empty: "max")
      { lane, _ in lane.reduce(lane[0]) { $0.isNaN || $1.isNaN ? .nan : Swift.max($0, $1) } },
      reduction(
        "amin", "np.min(a, axis=None, keepdims=False)", "The smallest element; nan if any is nan.", empty: "min"
      ) { lane, _ in lane.reduce(lane[0]) { $0.isNaN || $1.isNaN ? .nan : Swift.min($0, $1) } },
      reduction("prod", "prod(a, axis=None, keepdims=False)", "The product of the elements.") { lane, _ in
        lane.reduce(1, *)
      },
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
      reduction("npany", "np.any(a, axis=None, keepdims=False)", "True where some element is non-zero.", bool: true) {
        lane, _ in lane.contains { $0 != 0 } ? 1 : 0
      },
      reduction("npall", "np.all(a, axis=None, keepdims=False)", "True where every element is non-zero.", bool: true) {
        lane, _ in lane.allSatisfy { $0 != 0 } ? 1 : 0
      },
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
  /// `f` gets each lane's elements in row-major order and whether they were contiguous.
  private static func reduction(
    _ name: String, _ signature: String, _ doc: String, empty: String? = nil, keepdims allowKeepdims: Bool = true,
    bool: Bool = false, _ f: @escaping ([Double], Bool) -> Double
  ) -> Builtin {
    Builtin(
      name, signature, doc, parameters: allowKeepdims ? ["a", "axis", "keepdims"] : ["a", "axis"],
      .general { args in
        try args.check(min: 1, max: allowKeepdims ? 3 : 2, keywords: allowKeepdims ? ["axis", "keepdims"] : ["axis"])
        let shown = signature.prefix { $0 != "(" }
        let a = try Convert.array(args.positional[0], what: "\(shown)()")
        let axisList = try args.optional(1, "axis").flatMap { try axes($0, ndim: a.ndim, String(shown)) }
        let keepdims = try args.optional(2, "keepdims").map { try Operators.truthy($0) } ?? false
        return try reduce(a, axes: axisList, keepdims: keepdims, bool: bool, empty: empty.map { _ in String(shown) }, f)
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
  static func reduce(
    _ a: NumArray, axes: [Int]?, keepdims: Bool, bool: Bool = false, empty: String?,
    _ f: ([Double], Bool) -> Double
  ) throws -> Value {
    let reduced = axes ?? Array(0..<a.ndim)
    let kept = (0..<a.ndim).filter { !reduced.contains($0) }
    let laneLength = reduced.reduce(1) { $0 * a.shape[$1] }
    if let empty, laneLength == 0 {
      throw OptError(
        .valueError, "\(empty)() of an empty array has no value", hint: "zero-size arrays have no maximum or minimum")
    }
    let strides = NumArray.strides(a.shape)
    let laneOffsets = offsets(of: reduced, a.shape, strides)
    let bases = offsets(of: kept, a.shape, strides)
    let contiguous = reduced.isEmpty || reduced == Array((a.ndim - reduced.count)..<a.ndim)
    let storage = a.storage
    var lane = [Double](repeating: 0, count: laneLength)
    var out = [Double]()
    out.reserveCapacity(bases.count)
    for (n, base) in bases.enumerated() {
      if n & 0xFFF == 0xFFF { try Interrupt.check() }
      for (i, offset) in laneOffsets.enumerated() { lane[i] = storage[base + offset] }
      out.append(f(lane, contiguous))
    }
    let shape = keepdims ? (0..<a.ndim).map { reduced.contains($0) ? 1 : a.shape[$0] } : kept.map { a.shape[$0] }
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
  static func sum(_ lane: [Double], _ contiguous: Bool) -> Double {
    contiguous ? Library.numpySum(lane) : lane.reduce(0, +)
  }

  /// numpy's `var`: the mean, then the mean of the squared deviations (`_var` in numpy/_core/_methods.py).
  static func variance(_ lane: [Double], _ contiguous: Bool) -> Double {
    guard !lane.isEmpty else { return .nan }
    let mean = sum(lane, contiguous) / Double(lane.count)
    return sum(lane.map { ($0 - mean) * ($0 - mean) }, contiguous) / Double(lane.count)
  }

  /// The position of the first best element; the first nan wins, as in numpy.
  static func argExtreme(_ lane: [Double], _ better: (Double, Double) -> Bool) -> Double {
    if let k = lane.firstIndex(where: \.isNaN) { return Double(k) }
    var best = 0
    for i in 1..<lane.count where better(lane[i], lane[best]) { best = i }
    return Double(best)
  }
}
