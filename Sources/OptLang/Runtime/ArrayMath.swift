import Foundation

/// Arithmetic and comparison where at least one operand is an array: numbers,
/// arrays and lists of numbers combine element-wise with numpy's broadcasting.
/// Each operator gets its own loop, so the inner loop has no switch in it.
public enum ArrayMath {
  /// An operand as an array: arrays as they are, numbers as one-element
  /// arrays of shape `()`, lists and tuples of numbers (nested or not) as numpy reads them.
  static func operand(_ v: Value) throws -> NumArray? {
    switch v {
    case .array(let a): return a
    case .number(let x): return NumArray([x], shape: [])
    case .bool(let b): return NumArray([b ? 1 : 0], shape: [])
    case .list, .tuple: return try? Convert.array(v)
    default: return nil
    }
  }

  /// `a op b` with at least one array; nil if the operands are not numeric.
  public static func binary(_ op: BinaryOperator, _ a: Value, _ b: Value) throws -> Value? {
    guard let p = try operand(a), let q = try operand(b) else { return nil }
    if op == .matmul { return try matmul(p, q) }
    let shape = try Broadcast.checkedShape(p.shape, q.shape, "combine with '\(op.rawValue)'")
    let out: NumArray
    switch op {
    case .add: out = Broadcast.combine(p, q, shape: shape, +)
    case .subtract: out = Broadcast.combine(p, q, shape: shape, -)
    case .multiply: out = Broadcast.combine(p, q, shape: shape, *)
    case .divide: out = Broadcast.combine(p, q, shape: shape, /)
    case .floorDivide: out = Broadcast.combine(p, q, shape: shape, Operators.floorDivide)
    case .modulo: out = Broadcast.combine(p, q, shape: shape, Operators.modulo)
    case .power: out = Broadcast.combine(p, q, shape: shape, Operators.power)
    case .matmul, .bitAnd, .bitOr: return nil  // handled above and in Operators.logic
    }
    return wrap(out)
  }

  /// An element-wise comparison giving a boolean array; nil if the operands are not numeric.
  public static func compare(_ op: CompareOperator, _ a: Value, _ b: Value) throws -> Value? {
    guard let p = try operand(a), let q = try operand(b) else { return nil }
    let shape = try Broadcast.checkedShape(p.shape, q.shape, "compare")
    let out: NumArray
    switch op {
    case .equal: out = Broadcast.combine(p, q, shape: shape) { $0 == $1 ? 1 : 0 }
    case .notEqual: out = Broadcast.combine(p, q, shape: shape) { $0 != $1 ? 1 : 0 }
    case .less: out = Broadcast.combine(p, q, shape: shape) { $0 < $1 ? 1 : 0 }
    case .lessEqual: out = Broadcast.combine(p, q, shape: shape) { $0 <= $1 ? 1 : 0 }
    case .greater: out = Broadcast.combine(p, q, shape: shape) { $0 > $1 ? 1 : 0 }
    case .greaterEqual: out = Broadcast.combine(p, q, shape: shape) { $0 >= $1 ? 1 : 0 }
    default: return nil
    }
    return wrap(out.asBool(true))
  }

  /// An array result as a value: a 0-D result becomes a number (or a bool), as numpy's scalars.
  public static func wrap(_ a: NumArray) -> Value {
    if a.ndim == 0 { return a.isBool ? .bool(a[0] != 0) : .number(a[0]) }
    return .array(a)
  }

  /// `a @ b` (numpy's `matmul` for 1-D and 2-D operands): 1-D·1-D is the dot
  /// product, a 1-D operand on the left is a row and on the right a column,
  /// and that dimension is dropped from the result.
  public static func matmul(_ a: NumArray, _ b: NumArray) throws -> Value {
    guard a.ndim >= 1 && b.ndim >= 1 else {
      throw OptError(.valueError, "'@' needs arrays, not a number; use '*' to multiply by a number")
    }
    guard a.ndim <= 2 && b.ndim <= 2 else {
      throw OptError(
        .valueError,
        "'@' here works on 1-D and 2-D arrays, not shapes \(NumArray.describe(a.shape)) and \(NumArray.describe(b.shape))"
      )
    }
    let (n, k) = a.ndim == 2 ? (a.shape[0], a.shape[1]) : (1, a.shape[0])
    let (k2, m) = b.ndim == 2 ? (b.shape[0], b.shape[1]) : (b.shape[0], 1)
    guard k == k2 else {
      throw OptError(
        .valueError,
        "cannot multiply shapes \(NumArray.describe(a.shape)) @ \(NumArray.describe(b.shape)): "
          + "the left has \(k) columns but the right has \(k2) rows",
        hint: "for A @ B, A's last dimension must equal B's first; transpose one with .T if needed")
    }
    let product = multiply(a.storage, b.storage, n: n, k: k, m: m)
    var shape: [Int] = []
    if a.ndim == 2 { shape.append(n) }
    if b.ndim == 2 { shape.append(m) }
    return wrap(NumArray(product, shape: shape))
  }

  /// The n×m product of an n×k and a k×m row-major matrix. The i-k-j loop
  /// order reads both operands and writes the result contiguously, which lets
  /// the compiler vectorise the inner loop.
  static func multiply(_ x: [Double], _ y: [Double], n: Int, k: Int, m: Int) -> [Double] {
    [Double](unsafeUninitializedCapacity: n * m) { out, initialized in
      out.initialize(repeating: 0)
      x.withUnsafeBufferPointer { a in
        y.withUnsafeBufferPointer { b in
          let o = out.baseAddress!
          for i in 0..<n {
            let row = o + i * m
            for p in 0..<k {
              let s = a[i * k + p]
              let bRow = b.baseAddress! + p * m
              for j in 0..<m { row[j] += s * bRow[j] }
            }
          }
        }
      }
      initialized = n * m
    }
  }
}
