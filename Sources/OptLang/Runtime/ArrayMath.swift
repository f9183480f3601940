import CMatrix
import Foundation

/// Arithmetic and comparison where at least one operand is an array: numbers,
/// arrays and lists of numbers combine element-wise with numpy's broadcasting.
/// Each operator gets its own loop, so the inner loop has no switch in it.
public enum ArrayMath {
  /// An operand as an array: arrays as they are, numbers as one-element
  /// arrays of shape `()`, lists and tuples of numbers (nested or not) as numpy reads them.
  static func operand(_ v: consuming Value) throws -> NumArray? {
    if case .list = v { return try listOperand(v) }
    if case .tuple = v { return try listOperand(v) }
    switch consume v {
    case .array(let a): return a
    case .number(let x): return NumArray([x], shape: [])
    case .bool(let b): return NumArray([b ? 1 : 0], shape: [], isBool: true)
    default: return nil
    }
  }

  /// Whether `v` can take part in array arithmetic (see `operand`).
  static func isNumeric(_ v: Value) -> Bool {
    switch v {
    case .array, .number, .bool: return true
    case .list, .tuple:
      // A list too large to convert is numeric: `operand` then gives its MemoryError.
      do { return try listOperand(v) != nil } catch { return true }
    default: return false
    }
  }

  /// A list or tuple as an array, or nil when it is not one of numbers. Only
  /// a MemoryError is thrown: a list too large to convert is not "not numbers".
  private static func listOperand(_ v: Value) throws -> NumArray? {
    do { return try Convert.array(v) } catch let e as OptError where e.kind == .memoryError { throw e } catch {
      return nil
    }
  }

  /// `a op b` with at least one array, both numeric (`isNumeric`).
  /// Operands are taken (not borrowed) so that a temporary can hold the result.
  public static func binary(_ op: BinaryOperator, _ a: consuming Value, _ b: consuming Value) throws -> Value {
    guard let p = try operand(consume a), let q = try operand(consume b) else {
      throw OptError(.typeError, "'\(op.rawValue)' on arrays needs numbers or arrays on both sides")
    }
    if op == .matmul { return try matmul(p, q) }
    let shape = try Broadcast.checkedShape(p.shape, q.shape, "combine with '\(op.rawValue)'")
    if p.isBool && q.isBool, let logical = try logical(op, p, q, shape) { return logical }
    let out: NumArray
    switch op {
    case .add: out = Broadcast.combine(consume p, consume q, shape: shape, AddOperator.self)
    case .subtract: out = Broadcast.combine(consume p, consume q, shape: shape, SubtractOperator.self)
    case .multiply: out = Broadcast.combine(consume p, consume q, shape: shape, MultiplyOperator.self)
    case .divide: out = Broadcast.combine(consume p, consume q, shape: shape, DivideOperator.self)
    case .floorDivide: out = Broadcast.combine(consume p, consume q, shape: shape, FloorDivideOperator.self)
    case .modulo: out = Broadcast.combine(consume p, consume q, shape: shape, ModuloOperator.self)
    case .power: out = Broadcast.combine(consume p, consume q, shape: shape, PowerOperator.self)
    case .matmul, .bitAnd, .bitOr:  // handled above and in Operators.logic
      throw OptError(.typeError, "'\(op.rawValue)' is not an element-wise operator")
    }
    return wrap(out)
  }

  /// numpy's arithmetic of two boolean operands: `+` is "or" and `*` is "and"
  /// (the result stays boolean), `-` is refused; nil for the others (numbers).
  private static func logical(_ op: BinaryOperator, _ p: NumArray, _ q: NumArray, _ shape: [Int]) throws -> Value? {
    switch op {
    case .add: return wrap(Broadcast.combine(p, q, shape: shape) { $0 != 0 || $1 != 0 ? 1 : 0 }.asBool(true))
    case .multiply: return wrap(Broadcast.combine(p, q, shape: shape) { $0 != 0 && $1 != 0 ? 1 : 0 }.asBool(true))
    case .subtract:
      throw OptError(
        .typeError, "numpy does not subtract booleans (True - True has no boolean answer)",
        hint: "for 'one or the other but not both' use a != b; to count, make numbers first: 1.0 * a - b")
    default: return nil
    }
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

  /// Whether the C kernel can run here (asked once).
  private static let hasAVX2 = optrepl_has_avx2()

  /// The n×m product of an n×k and a k×m row-major matrix. Each output row
  /// is built eight columns at a time in a SIMD accumulator that stays in
  /// registers while it runs down k; every element is still the sum of
  /// a[i,p]*b[p,j] added in order of p, as the plain triple loop adds them.
  /// Where the processor has AVX2, the C kernel `optrepl_matmul_avx2` does the
  /// same sums, in the same order, twice as wide.
  static func multiply(_ x: [Double], _ y: [Double], n: Int, k: Int, m: Int) -> [Double] {
    [Double](unsafeUninitializedCapacity: n * m) { out, initialized in
      x.withUnsafeBufferPointer { a in
        y.withUnsafeBufferPointer { b in
          let o = out.baseAddress!
          if hasAVX2, n * m > 0 {
            optrepl_matmul_avx2(a.baseAddress!, b.baseAddress!, o, n, k, m)
            return
          }
          let wide = m - m % 8
          for i in 0..<n {
            let aRow = a.baseAddress! + i * k
            let row = o + i * m
            var j = 0
            while j < wide {
              var sum = SIMD8<Double>(repeating: 0)
              var bp = b.baseAddress! + j
              for p in 0..<k {
                let chunk = UnsafeRawPointer(bp).loadUnaligned(as: SIMD8<Double>.self)
                sum += aRow[p] * chunk
                bp += m
              }
              UnsafeMutableRawPointer(row + j).storeBytes(of: sum, as: SIMD8<Double>.self)
              j += 8
            }
            while j < m {
              var sum = 0.0
              for p in 0..<k { sum += aRow[p] * b[p * m + j] }
              row[j] = sum
              j += 1
            }
          }
        }
      }
      initialized = n * m
    }
  }
}
