import Foundation

/// The operators on values: arithmetic (numbers, element-wise on arrays,
/// concatenation on sequences), comparison, equality and truthiness.
/// Numbers follow IEEE 754 as numpy does: `1/0` is `inf`, `0/0` is `nan`.
public enum Operators {
  /// `x ** y`. C's `pow` gives IEEE results (a negative base with a
  /// fractional exponent is `nan`, `0 ** -1` is `inf`), as numpy does.
  @inline(__always) public static func power(_ x: Double, _ y: Double) -> Double {
    if y == 2 { return x * x }
    return Foundation.pow(x, y)
  }

  /// Python's float floor division (CPython `float_divmod`); by zero as numpy: ±inf or nan.
  public static func floorDivide(_ x: Double, _ y: Double) -> Double {
    if y == 0 { return x / y }
    let mod = fmod(x, y)
    var div = (x - mod) / y
    if mod != 0 && ((y < 0) != (mod < 0)) { div -= 1 }
    if div == 0 { return copysign(0, x / y) }
    var floorDiv = div.rounded(.down)
    if div - floorDiv > 0.5 { floorDiv += 1 }
    return floorDiv
  }

  /// Python's float modulo: the result has the sign of the divisor; by zero, nan (numpy).
  public static func modulo(_ x: Double, _ y: Double) -> Double {
    if y == 0 { return .nan }
    var mod = fmod(x, y)
    if mod != 0 {
      if (y < 0) != (mod < 0) { mod += y }
    } else {
      mod = copysign(0, y)
    }
    return mod
  }

  /// A binary operator on any two values: the general path behind the
  /// compiled fast path for two numbers.
  public static func binary(_ op: BinaryOperator, _ a: consuming Value, _ b: consuming Value) throws -> Value {
    if op == .bitAnd || op == .bitOr { return try logic(op, a, b) }
    if let x = a.asNumber, let y = b.asNumber {
      guard op != .matmul else {
        throw OptError(.typeError, "'@' multiplies matrices (arrays), not numbers", hint: "use '*' for numbers")
      }
      // matmul is the only operator left without a number function (see OperatorTable).
      return .number(op.row.numeric?.apply(x, y) ?? .nan)
    }
    if a.isArray || b.isArray, ArrayMath.isNumeric(a), ArrayMath.isNumeric(b) {
      return try ArrayMath.binary(op, consume a, consume b)
    }
    switch (a, b) {
    case (.string(let s), .string(let t)) where op == .add:
      try Runtime.checkLength(s.value.utf8.count + t.value.utf8.count, bytesEach: 1, what: "the string")
      return .str(s.value + t.value)
    case (.list(let s), .list(let t)) where op == .add:
      try Runtime.checkLength(s.count + t.count)
      return .list(s + t)
    case (.tuple(let s), .tuple(let t)) where op == .add:
      try Runtime.checkLength(s.count + t.count)
      return .tuple(s + t)
    case (.string, _), (.list, _), (.tuple, _):
      if op == .multiply, let n = b.asNumber { return try repeated(a, n) }
    case (_, .string), (_, .list), (_, .tuple):
      if op == .multiply, let n = a.asNumber { return try repeated(b, n) }
    default: break
    }
    var hint: String?
    if case .list = a, b.asNumber != nil { hint = "for element-wise arithmetic, make an array: array(xs)" }
    if case .list = b, a.asNumber != nil { hint = "for element-wise arithmetic, make an array: array(xs)" }
    if case .string = a, b.asNumber != nil, op == .add { hint = "convert the number with str(x), or use an f-string" }
    if case .string = b, a.asNumber != nil, op == .add { hint = "convert the number with str(x), or use an f-string" }
    if case .string = a, op == .modulo { hint = "use an f-string: f\"{x:.3f}\"" }
    throw OptError(
      .typeError, "cannot use '\(op.rawValue)' on \(a.typeNameWithArticle) and \(b.typeNameWithArticle)", hint: hint)
  }

  private static func repeated(_ v: Value, _ n: Double) throws -> Value {
    let count = max(0, try Runtime.wholeNumber(n, what: "a repeat count"))
    switch v {
    case .string(let s):
      let unit = Array(s.value.utf8)
      // By doubling: a few large copies rather than one append per repeat.
      let total = try Runtime.checkProduct(unit.count, count, bytesEach: 1, what: "the repeated string")
      guard total > 0 else { return .str("") }
      var bytes = unit
      bytes.reserveCapacity(total)
      while bytes.count * 2 <= total { bytes.append(contentsOf: bytes) }
      bytes.append(contentsOf: bytes[..<(total - bytes.count)])
      return .str(String(decoding: bytes, as: UTF8.self))
    case .list(let items), .tuple(let items):
      let isList = if case .list = v { true } else { false }
      var out: [Value] = []
      out.reserveCapacity(
        try Runtime.checkProduct(items.count, count, what: isList ? "the repeated list" : "the repeated tuple"))
      // Ctrl-C (and a check's time limit) stops a long repetition, as it stops a loop.
      for k in 0..<count {
        if k & 0xFFF == 0 { try Interrupt.check() }
        out.append(contentsOf: items)
      }
      return isList ? .list(out) : .tuple(out)
    default: return v
    }
  }

  /// `&` and `|`: logic on bools and boolean arrays (numpy's masks), bitwise on whole numbers.
  static func logic(_ op: BinaryOperator, _ a: Value, _ b: Value) throws -> Value {
    let and = op == .bitAnd
    if case .bool(let x) = a, case .bool(let y) = b { return .bool(and ? x && y : x || y) }
    if let x = a.asNumber, let y = b.asNumber {
      for z in [x, y] where z != z.rounded(.towardZero) || abs(z) >= 9e15 {
        throw OptError(
          .typeError, "'\(op.rawValue)' needs whole numbers or boolean arrays, not \(Format.number(z))",
          hint: "for logic on conditions, write 'and' / 'or'")
      }
      return .number(Double(and ? Int(x) & Int(y) : Int(x) | Int(y)))
    }
    if let p = try ArrayMath.operand(a), let q = try ArrayMath.operand(b) {
      let shape = try Broadcast.checkedShape(p.shape, q.shape, "combine with '\(op.rawValue)'")
      let bools = (p.isBool || p.ndim == 0) && (q.isBool || q.ndim == 0)
      guard bools || (p.storage + q.storage).allSatisfy({ $0 == $0.rounded(.towardZero) && abs($0) < 9e15 }) else {
        throw OptError(
          .typeError, "'\(op.rawValue)' needs boolean arrays (masks) or whole numbers",
          hint: "combine conditions as (a > 0) \(op.rawValue) (b < 1), with brackets")
      }
      let out =
        and
        ? Broadcast.combine(p, q, shape: shape) { Double(Int($0) & Int($1)) }
        : Broadcast.combine(p, q, shape: shape) { Double(Int($0) | Int($1)) }
      return ArrayMath.wrap(out.asBool(bools))
    }
    throw OptError(
      .typeError, "cannot use '\(op.rawValue)' on \(a.typeNameWithArticle) and \(b.typeNameWithArticle)",
      hint: "for logic on single values, write 'and' / 'or'")
  }

  /// Unary minus (and plus): numbers, element-wise on arrays; `~` inverts bools and masks.
  public static func unary(_ op: UnaryOperator, _ v: consuming Value) throws -> Value {
    if op == .invert {
      switch v {
      case .bool(let b): return .bool(!b)
      case .array(let a) where a.isBool: return .array(a.map { $0 == 0 ? 1 : 0 }.asBool(true))
      case .array(let a):
        // As numpy: `~` inverts integers bit by bit; a fraction, inf or nan has no bits to invert.
        if let bad = a.storage.first(where: { $0 != $0.rounded(.towardZero) || abs($0) >= 9e15 }) {
          throw OptError(
            .typeError, "'~' needs a boolean array (a mask) or whole numbers, not \(Format.number(bad))",
            hint: "to negate a condition, write ~(a > 0), with brackets")
        }
        return .array(a.map { Double(~Int($0)) })
      default:
        guard let x = v.asNumber else {
          throw OptError(.typeError, "cannot use '~' on \(v.typeNameWithArticle)")
        }
        return .number(Double(~(try Runtime.wholeNumber(x, what: "'~' operand"))))
      }
    }
    if let x = v.asNumber { return .number(op == .negate ? -x : x) }
    if case .array(let a) = v, op != .negate { return .array(a.asBool(false)) }
    if case .array = v { return .array(NumArray.mapped(consume v) { -$0 }) }
    throw OptError(.typeError, "cannot use unary '\(op.rawValue)' on \(v.typeNameWithArticle)")
  }

  /// Python's truthiness; an array of more than one element is ambiguous, as in numpy.
  public static func truthy(_ v: Value) throws -> Bool {
    switch v {
    case .bool(let b): return b
    case .number(let x): return x != 0
    case .none: return false
    case .string(let s): return !s.value.isEmpty
    case .list(let items), .tuple(let items): return !items.isEmpty
    case .dict(let d): return !d.isEmpty
    case .array(let a):
      if a.count == 1 { return a[0] != 0 }
      throw OptError(
        .valueError,
        a.count == 0
          ? "the truth value of an empty array is ambiguous"
          : "the truth value of an array with \(a.count) elements is ambiguous",
        hint: a.count == 0 ? "use a.size > 0" : "use any(a) or all(a)")
    case .object(let o):
      if let r = o as? RangeObject { return r.count > 0 }
      if let view = o as? DictView { return !view.items.isEmpty }
      return true
    case .function: return true
    case .unbound: return false
    }
  }

  /// `==` between two values (not element-wise): Python's equality.
  /// Lists inside lists are compared with a list of pairs still to compare,
  /// not by recursion, so a list nested a million deep compares without
  /// overflowing the stack.
  public static func equal(_ a: Value, _ b: Value) -> Bool {
    var pending: [(Value, Value)] = []
    var pair = (a, b)
    while true {
      switch pair {
      case (.list(let s), .list(let t)), (.tuple(let s), .tuple(let t)):
        guard s.count == t.count else { return false }
        for (x, y) in zip(s, t).reversed() {
          switch (x, y) {
          case (.list, .list), (.tuple, .tuple): pending.append((x, y))
          default: if !equalFlat(x, y) { return false }
          }
        }
      default:
        if !equalFlat(pair.0, pair.1) { return false }
      }
      guard let next = pending.popLast() else { return true }
      pair = next
    }
  }

  /// `==` on two values that are not both lists or both tuples.
  private static func equalFlat(_ a: Value, _ b: Value) -> Bool {
    if let x = a.asNumber, let y = b.asNumber { return x == y }
    switch (a, b) {
    case (.none, .none): return true
    case (.string(let s), .string(let t)): return s.value == t.value
    case (.array(let p), .array(let q)): return p.shape == q.shape && p.storage == q.storage
    case (.dict(let p), .dict(let q)): return Dict.equal(p, q)
    default: return Value.identical(a, b)
    }
  }

  /// A comparison operator. On arrays `==`, `<` and friends are element-wise
  /// and give an array of 1s and 0s, as numpy's boolean arrays.
  public static func compare(_ op: CompareOperator, _ a: Value, _ b: Value) throws -> Value {
    switch op {
    case .in: return .bool(try contains(b, a))
    case .notIn: return .bool(!(try contains(b, a)))
    case .is: return .bool(Value.identical(a, b))
    case .isNot: return .bool(!Value.identical(a, b))
    default: break
    }
    if let x = a.asNumber, let y = b.asNumber { return .bool(compareNumbers(op, x, y)) }
    switch (a, b) {
    case (.array, _), (_, .array):
      if let result = try ArrayMath.compare(op, a, b) { return result }
    default: break
    }
    if op == .equal { return .bool(equal(a, b)) }
    if op == .notEqual { return .bool(!equal(a, b)) }
    let order = try ordering(a, b)
    switch op {
    case .less: return .bool(order < 0)
    case .lessEqual: return .bool(order <= 0)
    case .greater: return .bool(order > 0)
    default: return .bool(order >= 0)
    }
  }

  @inline(__always) public static func compareNumbers(_ op: CompareOperator, _ x: Double, _ y: Double) -> Bool {
    switch op {
    case .equal: return x == y
    case .notEqual: return x != y
    case .less: return x < y
    case .lessEqual: return x <= y
    case .greater: return x > y
    case .greaterEqual: return x >= y
    default: return false
    }
  }

  /// -1, 0 or 1 for values that have an order: numbers, strings, and lists or
  /// tuples of them (lexicographic).
  ///
  /// Lists inside lists are walked with a stack, not by recursion, in one
  /// pass: the first pair of elements that are not equal decides.
  public static func ordering(_ a: Value, _ b: Value) throws -> Int {
    // The lists being compared, and the index of the next pair in each.
    switch (a, b) {
    case (.list, .list), (.tuple, .tuple): break
    default: return try orderingFlat(a, b)  // `None < None` has no order, though `[None] < [None]` has
    }
    var stack: [(s: [Value], t: [Value], next: Int)] = []
    var pair = (a, b)
    while true {
      switch pair {
      case (.list(let s), .list(let t)), (.tuple(let s), .tuple(let t)):
        stack.append((s, t, 0))
      default:
        if !equalFlat(pair.0, pair.1) { return try orderingFlat(pair.0, pair.1) }
      }
      // On to the next pair of elements, leaving the lists that are done.
      while true {
        guard let (s, t, i) = stack.last else { return 0 }
        if i < min(s.count, t.count) {
          stack[stack.count - 1].next = i + 1
          pair = (s[i], t[i])
          break
        }
        stack.removeLast()
        if s.count != t.count { return s.count < t.count ? -1 : 1 }
      }
    }
  }

  /// `ordering` of two values that are not both lists or both tuples.
  private static func orderingFlat(_ a: Value, _ b: Value) throws -> Int {
    if let x = a.asNumber, let y = b.asNumber {
      if x.isNaN || y.isNaN { return 2 }  // no order: every comparison false except !=
      return x < y ? -1 : x > y ? 1 : 0
    }
    if case .string(let s) = a, case .string(let t) = b {
      return s.value < t.value ? -1 : s.value > t.value ? 1 : 0
    }
    throw OptError(.typeError, "cannot compare \(a.typeNameWithArticle) with \(b.typeNameWithArticle) by order")
  }

  /// `item in container`.
  public static func contains(_ container: Value, _ item: Value) throws -> Bool {
    switch container {
    case .list(let items), .tuple(let items): return items.contains { equal($0, item) }
    case .object(let view as DictView): return view.items.contains { equal($0, item) }
    case .dict(let d): return d.position(of: try DictKey(item)) != nil
    case .array(let a):
      guard let x = item.asNumber else { return false }
      return a.storage.contains(x)
    case .string(let s):
      guard case .string(let t) = item else {
        throw OptError(.typeError, "'in <string>' needs a string on the left, not \(item.typeNameWithArticle)")
      }
      return t.value.isEmpty || containsBytes(s.value, t.value)
    case .object(let o as RangeObject):
      // Arithmetic, not a search: `x in range(10**15)` answers at once.
      guard let x = item.asNumber, o.count > 0 else { return false }
      let k = (x - o.start) / o.step
      return k == k.rounded(.towardZero) && k >= 0 && k < Double(o.count) && o.element(Int(k)) == x
    default:
      throw OptError(.typeError, "cannot look for an item in \(container.typeNameWithArticle)")
    }
  }
}

/// Whether `needle` occurs in `haystack`, code point for code point as
/// Python's `in` compares (no Unicode normalisation): a byte search of the
/// UTF-8, which is the same thing and far faster than a search by characters.
func containsBytes(_ haystack: String, _ needle: String) -> Bool {
  var haystack = haystack
  var needle = needle
  return haystack.withUTF8 { h in
    needle.withUTF8 { n in
      guard let first = n.first else { return true }
      guard h.count >= n.count else { return false }
      for i in 0...(h.count - n.count) where h[i] == first {
        if memcmp(h.baseAddress! + i, n.baseAddress!, n.count) == 0 { return true }
      }
      return false
    }
  }
}

extension Value {
  /// Python's `is`: the same object, or equal simple values.
  public static func identical(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.none, .none), (.unbound, .unbound): return true
    case (.bool(let x), .bool(let y)): return x == y
    // The same number to the bit: nan is nan, 0 is not -0.
    case (.number(let x), .number(let y)): return x.bitPattern == y.bitPattern
    case (.string(let s), .string(let t)): return s === t || s.value == t.value
    case (.function(let f), .function(let g)): return f === g
    case (.object(let o), .object(let p)): return o === p
    case (.list(let s), .list(let t)), (.tuple(let s), .tuple(let t)):
      return s.withUnsafeBufferPointer { p in t.withUnsafeBufferPointer { q in p.baseAddress == q.baseAddress } }
        && s.count == t.count
    case (.dict(let p), .dict(let q)): return p.storage === q.storage
    case (.array(let p), .array(let q)):
      return p.storage.withUnsafeBufferPointer { x in
        q.storage.withUnsafeBufferPointer { y in x.baseAddress == y.baseAddress }
      }
    default: return false
    }
  }
}
