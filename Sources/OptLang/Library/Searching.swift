/// numpy's sorting and searching: `sort`, `argsort`, `unique`, `where` (one
/// and three arguments), `nonzero`, `count_nonzero`, `unravel_index`,
/// `isclose` and `allclose`.
///
/// Sorting is stable, as numpy's `kind='stable'`: equal elements keep their
/// order, and nan sorts last as in numpy. numpy's default `kind='quicksort'`
/// is stable only for short lanes (up to 16 elements it is an insertion
/// sort), so for longer arrays with ties `np.argsort` may order the tied
/// indexes differently from numpy's default — never from `kind='stable'`.
enum Searching {
  static var builtins: [Builtin] {
    [
      Builtin(
        "sort", "sort(a, axis=-1)",
        "A sorted copy of a, along the last axis (or axis; None sorts the flattened array). nan sorts last.",
        parameters: ["a", "axis", "kind"],
        .general { args in
          try args.check(min: 1, max: 3, keywords: ["axis", "kind"])
          return try alongAxis(args, "sort") { lane in lane.sorted(by: before) }
        }),
      Builtin(
        "argsort", "argsort(a, axis=-1)",
        "The indexes that sort a along the last axis (or axis; None: of the flattened array). Stable: ties keep their order.",
        parameters: ["a", "axis", "kind"],
        .general { args in
          try args.check(min: 1, max: 3, keywords: ["axis", "kind"])
          return try alongAxis(args, "argsort") { lane in sortingOrder(lane).map(Double.init) }
        }),
      Builtin(
        "unique", "unique(a, return_counts=False)",
        "The distinct elements of a, sorted (flattened); with return_counts=True also how often each occurs.",
        parameters: ["a", "return_counts"],
        .general { args in
          try args.check(min: 1, max: 2, keywords: ["return_counts"])
          let a = try Convert.array(args.positional[0], what: "unique()")
          var values: [Double] = []
          var counts: [Double] = []
          for x in a.storage.sorted(by: before) {
            // numpy 2 counts every nan as one value (equal_nan=True).
            if let last = values.last, last == x || (last.isNaN && x.isNaN) {
              counts[counts.count - 1] += 1
            } else {
              values.append(x)
              counts.append(1)
            }
          }
          let unique = Value.array(NumArray(values, shape: [values.count], isBool: a.isBool))
          let wantCounts = try args.optional(1, "return_counts").map { try Operators.truthy($0) } ?? false
          return wantCounts ? .tuple([unique, .array(NumArray(counts))]) : unique
        }),
      Builtin(
        "where", "where(condition) or where(condition, a, b)",
        "With three arguments, a where condition is true and b elsewhere (broadcast together); "
          + "with one, the indexes where condition is true (as nonzero).",
        parameters: ["condition", "a", "b"],
        .general { args in
          try args.check(min: 1, max: 3)
          guard args.count != 2 else {
            throw OptError(.typeError, "where() takes 1 or 3 arguments: where(condition) or where(condition, a, b)")
          }
          if args.count == 1 { return nonzero(try Convert.array(args.positional[0], what: "where()")) }
          return try select(args.positional[0], args.positional[1], args.positional[2])
        }),
      Builtin(
        "nonzero", "nonzero(a)",
        "The indexes of the non-zero (true) elements: a tuple with one array of indexes per dimension.",
        parameters: ["a"], .unary { nonzero(try Convert.array($0, what: "nonzero()")) }),
      Builtin(
        "count_nonzero", "count_nonzero(a, axis=None)", "How many elements are non-zero (true), along axis if given.",
        parameters: ["a", "axis"],
        .general { args in
          try args.check(min: 1, max: 2, keywords: ["axis"])
          let a = try Convert.array(args.positional[0], what: "count_nonzero()")
          let axes = try args.optional(1, "axis").flatMap { try Reductions.axes($0, ndim: a.ndim, "count_nonzero") }
          return try Reductions.reduce(a, axes: axes, keepdims: false, empty: nil) { lane, _ in
            Double(lane.filter { $0 != 0 }.count)
          }
        }),
      Builtin(
        "unravel_index", "unravel_index(indices, shape)",
        "The row-major position (a tuple, one entry per dimension) of a flat index into an array of shape.",
        parameters: ["indices", "shape"],
        .binary { indices, shapeValue in try unravel(indices, shapeValue) }),
      Builtin(
        "isclose", "isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)",
        "Element-wise: |a - b| <= atol + rtol*|b| (numpy's test; equal infinities are close).",
        parameters: ["a", "b", "rtol", "atol", "equal_nan"],
        .general { args in
          try args.check(min: 2, max: 5, keywords: ["rtol", "atol", "equal_nan"])
          return try close(args, "isclose")
        }),
      Builtin(
        "allclose", "allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)",
        "True when every element of a is close to b (see isclose).",
        parameters: ["a", "b", "rtol", "atol", "equal_nan"],
        .general { args in
          try args.check(min: 2, max: 5, keywords: ["rtol", "atol", "equal_nan"])
          let result = try close(args, "allclose")
          guard case .array(let a) = result else { return result }
          return .bool(a.storage.allSatisfy { $0 != 0 })
        }),
    ]
  }

  /// numpy's sort order: ascending, nan after every number.
  @inline(__always) static func before(_ x: Double, _ y: Double) -> Bool {
    x < y || (y.isNaN && !x.isNaN)
  }

  /// The stable sorting order of a lane: positions sorted by value, ties by position.
  static func sortingOrder(_ lane: [Double]) -> [Int] {
    lane.indices.sorted { i, j in
      before(lane[i], lane[j]) || (!before(lane[j], lane[i]) && i < j)
    }
  }

  /// Applies `f` to every lane along `axis` (default -1; None: the flattened
  /// array) and puts the results back in place: a lane of length n gives n numbers.
  private static func alongAxis(_ args: Arguments, _ name: String, _ f: ([Double]) -> [Double]) throws -> Value {
    var a = try Convert.array(args.positional[0], what: "\(name)()")
    let axisValue = args.optional(1, "axis") ?? .number(-1)
    if axisValue.isNone { a = a.reshaped([a.count]) }
    guard a.ndim >= 1 else {
      throw OptError(.valueError, "\(name)() needs an array of 1 or more dimensions, not a number")
    }
    let axis = try Reductions.axes(axisValue.isNone ? .number(0) : axisValue, ndim: a.ndim, name)?.first ?? 0
    // Bring the axis last, work on contiguous rows, then put it back.
    var order = Array(0..<a.ndim)
    order.remove(at: axis)
    order.append(axis)
    let moved = ArrayShapes.transpose(a, order)
    let n = a.shape[axis]
    var out = [Double]()
    out.reserveCapacity(a.count)
    let storage = moved.storage
    var start = 0
    while start < storage.count {
      if start & 0xFFFF < n { try Interrupt.check() }
      out += f(Array(storage[start..<(start + n)]))
      start += n
    }
    let back = (0..<a.ndim).map { order.firstIndex(of: $0)! }
    let isBool = name == "sort" && a.isBool
    return .array(ArrayShapes.transpose(NumArray(out, shape: moved.shape, isBool: isBool), back))
  }

  /// `np.nonzero(a)`: for each dimension, the index of every non-zero element along it, in row-major order.
  static func nonzero(_ a: NumArray) -> Value {
    let shape = a.ndim == 0 ? [1] : a.shape
    let strides = NumArray.strides(shape)
    var columns = [[Double]](repeating: [], count: shape.count)
    for (flat, x) in a.storage.enumerated() where x != 0 {
      for d in shape.indices { columns[d].append(Double((flat / strides[d]) % shape[d])) }
    }
    return .tuple(columns.map { .array(NumArray($0)) })
  }

  /// `np.where(c, a, b)`: the three broadcast together, a where c is true and b elsewhere.
  private static func select(_ c: Value, _ a: Value, _ b: Value) throws -> Value {
    func operand(_ v: Value) throws -> NumArray {
      guard let array = try ArrayMath.operand(v) else {
        throw OptError(.typeError, "where() needs numbers or arrays, not \(v.typeNameWithArticle)")
      }
      return array
    }
    let (condition, yes, no) = (try operand(c), try operand(a), try operand(b))
    let shape = try Broadcast.checkedShape(
      try Broadcast.checkedShape(condition.shape, yes.shape, "use in where()"), no.shape, "use in where()")
    let mask = Broadcast.expand(condition, to: shape).storage
    let x = Broadcast.expand(yes, to: shape).storage
    let y = Broadcast.expand(no, to: shape).storage
    let out = mask.indices.map { mask[$0] != 0 ? x[$0] : y[$0] }
    return ArrayMath.wrap(NumArray(out, shape: shape, isBool: yes.isBool && no.isBool))
  }

  /// `np.unravel_index(i, shape)`: a tuple of numbers for one index, of arrays for an array of them.
  private static func unravel(_ indices: Value, _ shapeValue: Value) throws -> Value {
    let shape = try ArrayShapes.shape(shapeValue, "unravel_index")
    let size = shape.reduce(1, *)
    let strides = NumArray.strides(shape)
    let flat = try Convert.array(indices, what: "unravel_index()")
    var columns = [[Double]](repeating: [], count: shape.count)
    for x in flat.storage {
      let i = try Runtime.wholeNumber(x, what: "unravel_index(): an index")
      guard i >= 0 && i < size else {
        throw OptError(
          .valueError, "unravel_index(): index \(i) is out of range for an array of \(size) elements",
          hint: "valid flat indexes are 0 to \(size - 1)")
      }
      for d in shape.indices { columns[d].append(Double((i / strides[d]) % shape[d])) }
    }
    if indices.asNumber != nil { return .tuple(columns.map { .number($0[0]) }) }
    return .tuple(columns.map { .array(NumArray($0, shape: flat.shape)) })
  }

  /// `np.isclose`, numpy's formula: `|a - b| <= atol + rtol*|b|`; infinities are close only to themselves.
  private static func close(_ args: Arguments, _ name: String) throws -> Value {
    let rtol = args.optional(2, "rtol") == nil ? 1e-5 : try args.number(2, "rtol")
    let atol = args.optional(3, "atol") == nil ? 1e-8 : try args.number(3, "atol")
    let equalNaN = try args.optional(4, "equal_nan").map { try Operators.truthy($0) } ?? false
    let isClose = { (x: Double, y: Double) -> Double in
      if x.isNaN || y.isNaN { return equalNaN && x.isNaN && y.isNaN ? 1 : 0 }
      if x.isInfinite || y.isInfinite { return x == y ? 1 : 0 }
      return abs(x - y) <= atol + rtol * abs(y) ? 1 : 0
    }
    let result = try Library.zipNumbers(args.positional[0], args.positional[1], name, isClose)
    switch result {
    case .number(let x): return .bool(x != 0)
    case .array(let a): return .array(a.asBool(true))
    default: return result
    }
  }
}
