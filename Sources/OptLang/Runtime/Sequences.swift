/// Iteration and conversion between the sequence types. Every iterable in
/// the language can be indexed, so a loop is a count and an element function,
/// with nothing allocated per element for arrays and ranges.
public struct Elements {
  private enum Storage {
    case values([Value])
    case numbers([Double])
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
      storage = .numbers(a.storage)
      count = a.count
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
  /// A numeric array from an array, a list or tuple of numbers, or a range.
  public static func array(_ v: Value, what: String = "array()") throws -> NumArray {
    switch v {
    case .array(let a): return a
    case .object(let r as RangeObject):
      try Runtime.checkLength(r.count)
      return NumArray((0..<r.count).map { r.element($0) })
    case .list(let items), .tuple(let items):
      var out = [Double]()
      out.reserveCapacity(items.count)
      for (i, item) in items.enumerated() {
        guard let x = item.asNumber else {
          throw OptError(
            .typeError, "\(what) needs numbers, but item \(i) is \(item.typeNameWithArticle)",
            hint: "arrays are 1-D and hold numbers only")
        }
        out.append(x)
      }
      return NumArray(out)
    default:
      if let x = v.asNumber { return NumArray([x]) }
      throw OptError(.typeError, "\(what) needs a list of numbers or an array, not \(v.typeNameWithArticle)")
    }
  }

  /// Numbers from an iterable (a list, tuple, array or range).
  public static func numbers(_ v: Value, what: String) throws -> [Double] {
    if case .array(let a) = v { return a.storage }
    return try array(v, what: what).storage
  }
}
