/// numpy's functions that make arrays of a shape or change an array's shape:
/// `zeros`/`ones`/`full`/`empty` with a shape, `eye`, `reshape`, `transpose`,
/// `squeeze`, `expand_dims`, the stacking functions, `outer` and `meshgrid`.
/// Each follows numpy's documented behaviour for float64 arrays.
enum ArrayShapes {
  /// `v` as numpy's `np.asarray` sees it: a number is a 0-D array.
  static func anyShape(_ v: Value, _ what: String) throws -> NumArray {
    if let x = v.asNumber { return NumArray([x], shape: []) }
    return try Convert.array(v, what: what)
  }

  static var builtins: [Builtin] {
    [
      filled("zeros", 0), filled("ones", 1), filled("empty", 0),
      Builtin(
        "npshape", "np.shape(a)", "The length of each dimension of a, as a tuple (a.shape).", parameters: ["a"],
        .unary { v in .tuple(try anyShape(v, "np.shape()").shape.map { .number(Double($0)) }) }),
      Builtin(
        "npndim", "np.ndim(a)", "The number of dimensions of a (a.ndim).", parameters: ["a"],
        .unary { v in .number(Double(try anyShape(v, "np.ndim()").ndim)) }),
      Builtin(
        "npsize", "np.size(a)", "The number of elements of a (a.size).", parameters: ["a"],
        .unary { v in .number(Double(try anyShape(v, "np.size()").count)) }),
      Builtin(
        "full", "full(shape, value)", "An array of the shape (a length or a tuple) filled with value.",
        parameters: ["shape", "value"],
        .binary { n, v in
          guard let x = v.asNumber else {
            throw OptError(.typeError, "full() fills with a number, not \(v.typeNameWithArticle)")
          }
          return .array(NumArray(repeating: x, shape: try shape(n, "full")))
        }),
      like("zeros_like", 0), like("ones_like", 1),
      Builtin(
        "full_like", "full_like(a, value)", "An array of a's shape filled with value.", parameters: ["a", "value"],
        .binary { a, v in
          guard let x = v.asNumber else {
            throw OptError(.typeError, "full_like() fills with a number, not \(v.typeNameWithArticle)")
          }
          return .array(NumArray(repeating: x, shape: try Convert.array(a, what: "full_like()").shape))
        }),
      Builtin(
        "eye", "eye(n, m=None)", "The n×m matrix with ones on the diagonal (m defaults to n).", parameters: ["n", "m"],
        .general { args in
          try args.check(min: 1, max: 2, keywords: ["M"])
          let n = try ArrayLibrary.length(args.positional[0], "eye")
          let m = try args.optional(1, "M").map { try ArrayLibrary.length($0, "eye") } ?? n
          try Runtime.checkLength(n * m, what: "eye()")
          var a = NumArray(repeating: 0, shape: [n, m])
          for i in 0..<min(n, m) { a[i * m + i] = 1 }
          return .array(a)
        }),
      Builtin(
        "identity", "identity(n)", "The n×n identity matrix.", parameters: ["n"],
        .unary { v in
          let n = try ArrayLibrary.length(v, "identity")
          try Runtime.checkLength(n * n, what: "identity()")
          var a = NumArray(repeating: 0, shape: [n, n])
          for i in 0..<n { a[i * n + i] = 1 }
          return .array(a)
        }),
      Builtin(
        "reshape", "reshape(a, shape)",
        "The elements of a, in order, with a new shape; one length may be -1 (inferred).",
        parameters: ["a", "shape"],
        .general { args in
          try args.check(min: 2, max: Int.max)
          let a = try Convert.array(args.positional[0], what: "reshape()")
          let dims = args.count == 2 ? args.positional[1] : .tuple(Array(args.positional.dropFirst()))
          return .array(try reshape(a, dims))
        }),
      Builtin(
        "ravel", "ravel(a)", "The elements of a as a 1-D array, in row-major order.", parameters: ["a"],
        .unary { v in
          let a = try Convert.array(v, what: "ravel()")
          return .array(a.reshaped([a.count]))
        }),
      Builtin(
        "transpose", "transpose(a, axes=None)", "a with its dimensions reversed (or in the order axes gives).",
        parameters: ["a", "axes"],
        .general { args in
          try args.check(min: 1, max: Int.max, keywords: ["axes"])
          let a = try Convert.array(args.positional[0], what: "transpose()")
          var order = Array((0..<a.ndim).reversed())
          let given = args.count > 2 ? .tuple(Array(args.positional.dropFirst())) : args.optional(1, "axes")
          if let given, !given.isNone {
            order = try wholeList(given, "transpose").map { $0 < 0 ? $0 + a.ndim : $0 }
            guard order.count == a.ndim, Set(order).count == a.ndim, order.allSatisfy({ (0..<a.ndim).contains($0) })
            else {
              throw OptError(.valueError, "transpose(): axes must name each of the \(a.ndim) dimensions once")
            }
          }
          return .array(transpose(a, order))
        }),
      Builtin(
        "squeeze", "squeeze(a, axis=None)", "a without its dimensions of length 1 (or only the one axis names).",
        parameters: ["a", "axis"],
        .general { args in
          try args.check(min: 1, max: 2, keywords: ["axis"])
          let a = try Convert.array(args.positional[0], what: "squeeze()")
          let axes = try args.optional(1, "axis").flatMap { try Reductions.axes($0, ndim: a.ndim, "squeeze") }
          for axis in axes ?? [] where a.shape[axis] != 1 {
            throw OptError(.valueError, "squeeze(): axis \(axis) has length \(a.shape[axis]), not 1")
          }
          let kept = (0..<a.ndim).filter { axis in axes.map { !$0.contains(axis) } ?? (a.shape[axis] != 1) }
          return ArrayMath.wrap(a.reshaped(kept.map { a.shape[$0] }))
        }),
      Builtin(
        "expand_dims", "expand_dims(a, axis)", "a with a new dimension of length 1 at axis.",
        parameters: ["a", "axis"],
        .general { args in
          try args.check(min: 1, max: 2, keywords: ["axis"])
          let a = try Convert.array(args.positional[0], what: "expand_dims()")
          guard let axis = args.optional(1, "axis"),
            let axes = try Reductions.axes(axis, ndim: a.ndim + 1, "expand_dims")
          else {
            throw OptError(.typeError, "expand_dims() needs an axis")
          }
          var shape = a.shape
          for axis in axes { shape.insert(1, at: axis) }
          return .array(a.reshaped(shape))
        }),
      Builtin(
        "concatenate", "concatenate(arrays, axis=0)", "The arrays joined along an existing axis.",
        parameters: ["arrays", "axis"],
        .general { args in
          try args.check(min: 1, max: 2, keywords: ["axis"])
          let parts = try arrays(args.positional[0], "concatenate")
          let axis = args.optional(1, "axis") == nil ? 0 : try args.whole(1, "axis")
          return .array(try join(parts, axis: axis, "concatenate"))
        }),
      Builtin(
        "stack", "stack(arrays, axis=0)", "The arrays (all of one shape) joined along a new axis.",
        parameters: ["arrays", "axis"],
        .general { args in
          try args.check(min: 1, max: 2, keywords: ["axis"])
          let parts = try arrays(args.positional[0], "stack")
          let ndim = (parts.first?.ndim ?? 0) + 1
          let axis = args.optional(1, "axis") == nil ? 0 : try args.whole(1, "axis")
          guard axis >= -ndim && axis < ndim else {
            throw OptError(.valueError, "stack(): axis \(axis) is out of range for \(ndim) dimensions")
          }
          let at = axis < 0 ? axis + ndim : axis
          let expanded = parts.map { (p: NumArray) -> NumArray in
            var shape = p.shape
            shape.insert(1, at: at)
            return p.reshaped(shape)
          }
          return .array(try join(expanded, axis: at, "stack"))
        }),
      Builtin(
        "vstack", "vstack(arrays)", "The arrays stacked as rows (1-D arrays become rows).", parameters: ["arrays"],
        .unary { v in
          let parts = try arrays(v, "vstack").map { $0.ndim == 1 ? $0.reshaped([1, $0.count]) : $0 }
          return .array(try join(parts, axis: 0, "vstack"))
        }),
      Builtin(
        "hstack", "hstack(arrays)", "The arrays joined side by side (1-D arrays end to end).", parameters: ["arrays"],
        .unary { v in
          let parts = try arrays(v, "hstack")
          return .array(try join(parts, axis: parts.first?.ndim == 1 ? 0 : 1, "hstack"))
        }),
      Builtin(
        "outer", "outer(a, b)", "The matrix of products a[i]*b[j] (of the flattened arrays).", parameters: ["a", "b"],
        .binary { a, b in
          let p = try Convert.array(a, what: "outer()")
          let q = try Convert.array(b, what: "outer()")
          try Runtime.checkLength(p.count * q.count, what: "outer()")
          return .array(
            Broadcast.combine(p.reshaped([p.count, 1]), q.reshaped([1, q.count]), shape: [p.count, q.count], *))
        }),
      Builtin(
        "meshgrid", "meshgrid(x, y, indexing='xy')",
        "Coordinate matrices: X repeats x along rows and Y repeats y along columns ('ij' swaps the roles).",
        .general { args in
          try args.check(min: 1, max: Int.max, keywords: ["indexing"])
          let axes = try args.positional.map { try Convert.array($0, what: "meshgrid()") }.map {
            $0.reshaped([$0.count])
          }
          var indexing = "xy"
          if let v = args.keyword("indexing") {
            guard case .string(let s) = v, s.value == "xy" || s.value == "ij" else {
              throw OptError(.valueError, "meshgrid(): indexing must be 'xy' or 'ij'")
            }
            indexing = s.value
          }
          var shape = axes.map(\.count)
          if indexing == "xy" && shape.count >= 2 { shape.swapAt(0, 1) }
          _ = try Runtime.checkShape(shape + [axes.count], bytesEach: 16, what: "meshgrid()")
          let grids = axes.enumerated().map { (k: Int, x: NumArray) -> Value in
            var place = k
            if indexing == "xy" && axes.count >= 2 && k < 2 { place = 1 - k }
            var own = [Int](repeating: 1, count: shape.count)
            own[place] = x.count
            return .array(Broadcast.expand(x.reshaped(own), to: shape))
          }
          return .list(grids)
        }),
    ]
  }

  /// `zeros(shape)`, `ones(shape)`, `empty(shape)` (empty is zeros here: nothing is left uninitialised).
  private static func filled(_ name: String, _ value: Double) -> Builtin {
    Builtin(
      name, "\(name)(shape)",
      "An array of the shape (a length or a tuple of lengths) filled with \(Format.number(value))s.",
      parameters: ["shape"],
      .unary { .array(NumArray(repeating: value, shape: try shape($0, name))) })
  }

  private static func like(_ name: String, _ value: Double) -> Builtin {
    Builtin(
      name, "\(name)(a)", "An array of a's shape filled with \(Format.number(value))s.", parameters: ["a"],
      .unary { .array(NumArray(repeating: value, shape: try Convert.array($0, what: "\(name)()").shape)) })
  }

  /// A shape argument: a length, or a tuple or list of lengths.
  static func shape(_ v: Value, _ name: String) throws -> [Int] {
    let shape: [Int]
    switch v {
    case .tuple(let items), .list(let items): shape = try items.map { try ArrayLibrary.length($0, name) }
    default: shape = [try ArrayLibrary.length(v, name)]
    }
    _ = try Runtime.checkShape(shape, bytesEach: 16, what: "\(name)()")
    return shape
  }

  private static func wholeList(_ v: Value, _ name: String) throws -> [Int] {
    let items: [Value]
    if case .tuple(let xs) = v { items = xs } else if case .list(let xs) = v { items = xs } else { items = [v] }
    return try items.map { item in
      guard let x = item.asNumber else { throw OptError(.typeError, "\(name)(): expected whole numbers") }
      return try Runtime.wholeNumber(x, what: "\(name)()")
    }
  }

  /// `a.reshape(shape)`: one length may be -1, inferred from the others.
  static func reshape(_ a: NumArray, _ dims: Value) throws -> NumArray {
    var shape = try wholeList(dims, "reshape")
    let unknown = shape.indices.filter { shape[$0] == -1 }
    guard unknown.count <= 1, shape.allSatisfy({ $0 >= -1 }) else {
      throw OptError(.valueError, "reshape(): lengths must be >= 0, with at most one -1 to be inferred")
    }
    let known = Runtime.elementCount(shape.filter { $0 != -1 })
    if let k = unknown.first {
      guard let known, known > 0 && a.count % known == 0 else {
        throw OptError(
          .valueError, "cannot reshape an array of \(a.count) elements into shape \(NumArray.describe(shape))",
          hint: "the lengths must multiply to \(a.count)")
      }
      shape[k] = a.count / known
    }
    guard Runtime.elementCount(shape) == a.count else {
      throw OptError(
        .valueError,
        "cannot reshape an array of \(a.count) elements (shape \(NumArray.describe(a.shape))) into shape \(NumArray.describe(shape))",
        hint: "the lengths must multiply to \(a.count)")
    }
    return a.reshaped(shape)
  }

  /// The array with its axes in the order `order` (numpy's `transpose`).
  static func transpose(_ a: NumArray, _ order: [Int]) -> NumArray {
    if a.ndim < 2 { return a }
    let shape = order.map { a.shape[$0] }
    let strides = NumArray.strides(a.shape)
    let source = a.storage
    var out = [Double]()
    out.reserveCapacity(a.count)
    var index = [Int](repeating: 0, count: shape.count)
    for _ in 0..<a.count {
      var offset = 0
      for (d, axis) in order.enumerated() { offset += index[d] * strides[axis] }
      out.append(source[offset])
      var d = shape.count - 1
      while d >= 0 {
        index[d] += 1
        if index[d] < shape[d] { break }
        index[d] = 0
        d -= 1
      }
    }
    return NumArray(out, shape: shape, isBool: a.isBool)
  }

  /// The arrays of a list or tuple argument.
  private static func arrays(_ v: Value, _ name: String) throws -> [NumArray] {
    let parts = try Elements(v).all.map { try Convert.array($0, what: "\(name)()") }
    guard !parts.isEmpty else { throw OptError(.valueError, "\(name)() needs at least one array") }
    return parts
  }

  /// Arrays joined along an existing axis; the other lengths must agree.
  static func join(_ parts: [NumArray], axis: Int, _ name: String) throws -> NumArray {
    let first = parts[0]
    guard axis >= -first.ndim && axis < first.ndim else {
      throw OptError(.valueError, "\(name)(): axis \(axis) is out of range for arrays of \(first.ndim) dimensions")
    }
    let at = axis < 0 ? axis + first.ndim : axis
    for (k, p) in parts.enumerated() {
      var a = p.shape
      var b = first.shape
      guard a.count == b.count else {
        throw OptError(
          .valueError,
          "\(name)(): all arrays must have the same number of dimensions, but array 0 has \(b.count) and array \(k) has \(a.count)"
        )
      }
      a.remove(at: at)
      b.remove(at: at)
      guard a == b else {
        throw OptError(
          .valueError,
          "\(name)(): the shapes \(NumArray.describe(first.shape)) and \(NumArray.describe(p.shape)) differ outside axis \(at)"
        )
      }
    }
    var shape = first.shape
    shape[at] = parts.reduce(0) { $0 + $1.shape[at] }
    try Runtime.checkLength(shape.reduce(1, *), what: "\(name)()")
    // Row-major: for each position before the axis, each part's block in turn.
    let outer = first.shape[..<at].reduce(1, *)
    var out = [Double]()
    out.reserveCapacity(shape.reduce(1, *))
    for i in 0..<outer {
      for p in parts {
        let block = p.shape[at...].reduce(1, *)
        out += p.storage[(i * block)..<((i + 1) * block)]
      }
    }
    return NumArray(out, shape: shape, isBool: parts.allSatisfy(\.isBool))
  }
}
