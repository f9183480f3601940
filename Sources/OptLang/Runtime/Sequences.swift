/// Iteration and conversion between the sequence types. Every iterable in
/// the language can be indexed, so a loop is a count and an element function,
/// with nothing allocated per element for arrays and ranges.
public struct Elements {
  private enum Storage {
    case values([Value])
    case numbers([Double])
    case rows(NumArray)
    case range(RangeObject)
    case scalars([Unicode.Scalar])
  }

  private let storage: Storage
  public let count: Int

  /// The elements of an iterable value, or a TypeError saying it is not one.
  public init(_ v: Value) throws {
    switch v {
    case .list(let items), .tuple(let items):
      storage = .values(items)
      count = items.count
    case .array(let a):
      guard a.ndim > 0 else { throw OptError(.typeError, "a 0-d array cannot be iterated over") }
      storage = a.ndim == 1 && !a.isBool ? .numbers(a.storage) : .rows(a)
      count = a.shape[0]
    case .dict(let d):
      // As Python: a dict iterates over its keys, in insertion order.
      storage = .values(d.keys)
      count = d.count
    case .string(let s):
      // Python's strings are sequences of code points.
      let scalars = Array(s.value.unicodeScalars)
      storage = .scalars(scalars)
      count = scalars.count
    case .object(let r as RangeObject):
      storage = .range(r)
      count = r.count
    case .object(let view as DictView):
      storage = .values(view.items)
      count = view.items.count
    default:
      var hint: String?
      if v.asNumber != nil { hint = "to loop n times, write: for i in range(n):" }
      throw OptError(.typeError, "\(v.typeNameWithArticle) cannot be iterated over", hint: hint)
    }
  }

  @inline(__always) public subscript(k: Int) -> Value {
    switch storage {
    case .values(let items): return items[k]
    case .numbers(let xs): return .number(xs[k])
    case .rows(let a): return ArrayMath.wrap(a.row(k))
    case .range(let r): return .number(r.element(k))
    case .scalars(let cs): return .str(String(Character(cs[k])))
    }
  }

  /// All of them, as an array of values (a range is made into a list: its
  /// length is checked against the memory limit first).
  public var all: [Value] {
    get throws {
      if case .values(let items) = storage { return items }
      try Runtime.checkLength(count)
      var out: [Value] = []
      out.reserveCapacity(count)
      for k in 0..<count {
        if k & 0xFFFF == 0 { try Interrupt.check() }
        out.append(self[k])
      }
      return out
    }
  }
}

/// Conversions that built-ins share.
public enum Convert {
  /// A numeric array from an array, a range, or a list or tuple of numbers —
  /// nested lists give more dimensions, as `np.array` reads them; a number
  /// gives a one-element array.
  public static func array(_ v: Value, what: String = "array()") throws -> NumArray {
    switch v {
    case .array(let a): return a
    case .object(let r as RangeObject):
      try Runtime.checkLength(r.count)
      return NumArray((0..<r.count).map { r.element($0) })
    case .list(let items), .tuple(let items):
      // The shape is read down the first elements; every other row must match it.
      let shape = [items.count] + (try shapeBelow(items.first, what: what))
      var out = [Double]()
      out.reserveCapacity(try Runtime.checkShape(shape, what: what))
      var allBool = !items.isEmpty
      try flatten(v, shape: shape[...], into: &out, allBool: &allBool, what: what, path: [])
      return NumArray(out, shape: shape, isBool: allBool)
    default:
      if let x = v.asNumber { return NumArray([x]) }
      throw OptError(.typeError, "\(what) needs a list of numbers or an array, not \(v.typeNameWithArticle)")
    }
  }

  /// The shape of a nested element, read down its first elements (at most 32 dimensions, as numpy).
  private static func shapeBelow(_ v: Value?, what: String) throws -> [Int] {
    var shape: [Int] = []
    var probe = v
    while true {
      switch probe {
      case .list(let items)?, .tuple(let items)?:
        shape.append(items.count)
        guard shape.count < 32 else {
          throw OptError(.valueError, "\(what): the lists are nested too deeply for an array (at most 32 dimensions)")
        }
        probe = items.first
      case .array(let a)?: return shape + a.shape
      default: return shape
      }
    }
  }

  /// Appends the numbers of a nested list of `shape`, row by row; a row of
  /// another length is a ValueError that says which row.
  private static func flatten(
    _ v: Value, shape: ArraySlice<Int>, into out: inout [Double], allBool: inout Bool, what: String, path: [Int]
  ) throws {
    func place() -> String { path.isEmpty ? "" : " at [" + path.map(String.init).joined(separator: "][") + "]" }
    guard let length = shape.first else {
      switch v {
      case .number(let x):
        allBool = false
        out.append(x)
      case .bool(let b): out.append(b ? 1 : 0)
      case .list, .tuple, .array:
        throw OptError(
          .valueError,
          "\(what): the nested lists are ragged: the item\(place()) is a sequence where a number was expected",
          hint: "every row must have the same length")
      default:
        throw OptError(
          .typeError, "\(what) needs numbers, but the item\(place()) is \(v.typeNameWithArticle)",
          hint: "an array holds numbers only")
      }
      return
    }
    switch v {
    case .list(let items), .tuple(let items):
      guard items.count == length else {
        throw OptError(
          .valueError,
          "\(what): the nested lists are ragged: row\(place()) has \(items.count) items but the first row has \(length)",
          hint: "every row must have the same length")
      }
      for (i, item) in items.enumerated() {
        try flatten(item, shape: shape.dropFirst(), into: &out, allBool: &allBool, what: what, path: path + [i])
      }
    case .array(let a):
      guard a.shape[...] == shape else {
        throw OptError(
          .valueError,
          "\(what): the nested lists are ragged: the array\(place()) has shape \(NumArray.describe(a.shape)) "
            + "but the first has \(NumArray.describe(Array(shape)))",
          hint: "every row must have the same length")
      }
      if !a.isBool { allBool = false }
      out += a.storage
    default:
      if v.asNumber != nil {
        throw OptError(
          .valueError,
          "\(what): the nested lists are ragged: the item\(place()) is a number where a row of \(length) was expected",
          hint: "every row must have the same length")
      }
      throw OptError(
        .typeError, "\(what) needs numbers, but the item\(place()) is \(v.typeNameWithArticle)",
        hint: "an array holds numbers only")
    }
  }

  /// Numbers from an iterable (a list, tuple, array or range), flat.
  public static func numbers(_ v: Value, what: String) throws -> [Double] {
    if case .array(let a) = v { return a.storage }
    return try array(v, what: what).storage
  }
}
