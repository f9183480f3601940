/// Operands of the arithmetic and comparison fast paths. An operator node is
/// compiled into a closure specialised (through generics) for the kinds of
/// its two operands, so `v_w + dw*dw` reads its local slots and constants
/// directly instead of calling one closure per leaf.
protocol Operand {
  func value(_ f: Frame) throws -> Value
}

/// A literal number.
struct ConstantOperand: Operand {
  let constant: Value
  @inline(__always) func value(_ f: Frame) throws -> Value { constant }
}

/// A local variable in a frame slot.
struct SlotOperand: Operand {
  let slot: Int
  let name: String
  let range: SourceRange
  @inline(__always) func value(_ f: Frame) throws -> Value {
    let v = f[slot]
    if case .unbound = v { try Compiler.unboundLocal(name, range) }
    return v
  }
}

/// Anything else: a compiled sub-expression.
struct CodeOperand: Operand {
  let code: Eval
  @inline(__always) func value(_ f: Frame) throws -> Value { try code(f) }
}

/// An arithmetic operator on two numbers, as a type so that closures can be
/// specialised for it.
protocol NumericOperator {
  static var op: BinaryOperator { get }
  static func apply(_ x: Double, _ y: Double) -> Double
}

enum AddOperator: NumericOperator {
  static let op = BinaryOperator.add
  @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double { x + y }
}
enum SubtractOperator: NumericOperator {
  static let op = BinaryOperator.subtract
  @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double { x - y }
}
enum MultiplyOperator: NumericOperator {
  static let op = BinaryOperator.multiply
  @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double { x * y }
}
enum DivideOperator: NumericOperator {
  static let op = BinaryOperator.divide
  @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double { x / y }
}
enum FloorDivideOperator: NumericOperator {
  static let op = BinaryOperator.floorDivide
  @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double { Operators.floorDivide(x, y) }
}
enum ModuloOperator: NumericOperator {
  static let op = BinaryOperator.modulo
  @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double { Operators.modulo(x, y) }
}
enum PowerOperator: NumericOperator {
  static let op = BinaryOperator.power
  @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double { Operators.power(x, y) }
}

/// A comparison of two numbers, as a type.
protocol ComparisonOperator {
  static var op: CompareOperator { get }
  static func test(_ x: Double, _ y: Double) -> Bool
}

enum LessOperator: ComparisonOperator {
  static let op = CompareOperator.less
  @inline(__always) static func test(_ x: Double, _ y: Double) -> Bool { x < y }
}
enum LessEqualOperator: ComparisonOperator {
  static let op = CompareOperator.lessEqual
  @inline(__always) static func test(_ x: Double, _ y: Double) -> Bool { x <= y }
}
enum GreaterOperator: ComparisonOperator {
  static let op = CompareOperator.greater
  @inline(__always) static func test(_ x: Double, _ y: Double) -> Bool { x > y }
}
enum GreaterEqualOperator: ComparisonOperator {
  static let op = CompareOperator.greaterEqual
  @inline(__always) static func test(_ x: Double, _ y: Double) -> Bool { x >= y }
}
enum EqualOperator: ComparisonOperator {
  static let op = CompareOperator.equal
  @inline(__always) static func test(_ x: Double, _ y: Double) -> Bool { x == y }
}
enum NotEqualOperator: ComparisonOperator {
  static let op = CompareOperator.notEqual
  @inline(__always) static func test(_ x: Double, _ y: Double) -> Bool { x != y }
}

extension Compiler {
  /// Compiles a binary arithmetic node, specialised for its operator and operands.
  func compileBinary(_ op: BinaryOperator, _ l: Expr, _ r: Expr, _ range: SourceRange) throws -> Eval {
    switch op {
    case .add: return try specialise(AddOperator.self, l, r, range)
    case .subtract: return try specialise(SubtractOperator.self, l, r, range)
    case .multiply: return try specialise(MultiplyOperator.self, l, r, range)
    case .divide: return try specialise(DivideOperator.self, l, r, range)
    case .floorDivide: return try specialise(FloorDivideOperator.self, l, r, range)
    case .modulo: return try specialise(ModuloOperator.self, l, r, range)
    case .power: return try specialise(PowerOperator.self, l, r, range)
    case .matmul, .bitAnd, .bitOr:
      let left = try compile(l)
      let right = try compile(r)
      return { f in try Compiler.slowBinary(op, try left(f), try right(f), range) }
    }
  }

  /// A binary operation on two already compiled operands (for `x += e`).
  func binaryOperation(_ op: BinaryOperator, _ l: @escaping Eval, _ r: @escaping Eval, _ range: SourceRange) -> Eval {
    return { f in
      let a = try l(f)
      let b = try r(f)
      if case .number(let x) = a, case .number(let y) = b { return .number(Operators.apply(op, x, y)) }
      return try Compiler.slowBinary(op, a, b, range)
    }
  }

  /// The operand form of an expression: a constant, a local slot, or code.
  private enum OperandKind {
    case constant(ConstantOperand)
    case slot(SlotOperand)
    case code(CodeOperand)
  }

  private func operand(_ e: Expr) throws -> OperandKind {
    switch e.kind {
    case .number(let x): return .constant(ConstantOperand(constant: .number(x)))
    case .unary(.negate, let inner):
      if case .number(let x) = inner.kind { return .constant(ConstantOperand(constant: .number(-x))) }
    case .name(let name, let id):
      if case .local(let slot) = resolver.place(of: id) {
        return .slot(SlotOperand(slot: slot, name: name, range: e.range))
      }
    default: break
    }
    return .code(CodeOperand(code: try compile(e)))
  }

  private func specialise<O: NumericOperator>(_ op: O.Type, _ l: Expr, _ r: Expr, _ range: SourceRange) throws
    -> Eval
  {
    switch (try operand(l), try operand(r)) {
    case (.constant(let a), .constant(let b)): return Compiler.arithmetic(O.self, a, b, range)
    case (.constant(let a), .slot(let b)): return Compiler.arithmetic(O.self, a, b, range)
    case (.constant(let a), .code(let b)): return Compiler.arithmetic(O.self, a, b, range)
    case (.slot(let a), .constant(let b)): return Compiler.arithmetic(O.self, a, b, range)
    case (.slot(let a), .slot(let b)): return Compiler.arithmetic(O.self, a, b, range)
    case (.slot(let a), .code(let b)): return Compiler.arithmetic(O.self, a, b, range)
    case (.code(let a), .constant(let b)): return Compiler.arithmetic(O.self, a, b, range)
    case (.code(let a), .slot(let b)): return Compiler.arithmetic(O.self, a, b, range)
    case (.code(let a), .code(let b)): return Compiler.arithmetic(O.self, a, b, range)
    }
  }

  private static func arithmetic<O: NumericOperator, L: Operand, R: Operand>(
    _ op: O.Type, _ l: L, _ r: R, _ range: SourceRange
  ) -> Eval {
    return { f in
      let a = try l.value(f)
      let b = try r.value(f)
      if case .number(let x) = a, case .number(let y) = b { return .number(O.apply(x, y)) }
      return try Compiler.slowBinary(O.op, a, b, range)
    }
  }

  @inline(never) static func slowBinary(_ op: BinaryOperator, _ a: Value, _ b: Value, _ range: SourceRange) throws
    -> Value
  {
    do { return try Operators.binary(op, a, b) } catch let e as OptError { throw e.locate(range) }
  }

  @inline(never) static func unboundLocal(_ name: String, _ range: SourceRange) throws {
    throw OptError(
      .unboundLocalError, "the local variable '\(name)' is used before it is given a value", at: range,
      hint:
        "assign it first; a name assigned anywhere in a function is local to the whole function (declare it 'global' to use the global one)"
    )
  }

  /// Compiles a single comparison `a OP b`, specialised like arithmetic.
  func compileComparison(_ op: CompareOperator, _ l: Expr, _ r: Expr, _ range: SourceRange) throws -> Eval {
    switch op {
    case .less: return try specialiseComparison(LessOperator.self, l, r, range)
    case .lessEqual: return try specialiseComparison(LessEqualOperator.self, l, r, range)
    case .greater: return try specialiseComparison(GreaterOperator.self, l, r, range)
    case .greaterEqual: return try specialiseComparison(GreaterEqualOperator.self, l, r, range)
    case .equal: return try specialiseComparison(EqualOperator.self, l, r, range)
    case .notEqual: return try specialiseComparison(NotEqualOperator.self, l, r, range)
    default:
      let a = try compile(l)
      let b = try compile(r)
      return { f in
        let x = try a(f)
        let y = try b(f)
        do { return try Operators.compare(op, x, y) } catch let e as OptError { throw e.locate(range) }
      }
    }
  }

  private func specialiseComparison<O: ComparisonOperator>(
    _ op: O.Type, _ l: Expr, _ r: Expr, _ range: SourceRange
  ) throws -> Eval {
    try numericComparison(O.self, l, r) { try specialiseGeneralComparison(O.self, l, r, range) }
  }

  private func specialiseGeneralComparison<O: ComparisonOperator>(
    _ op: O.Type, _ l: Expr, _ r: Expr, _ range: SourceRange
  ) throws -> Eval {
    switch (try operand(l), try operand(r)) {
    case (.slot(let a), .constant(let b)): return Compiler.comparison(O.self, a, b, range)
    case (.slot(let a), .slot(let b)): return Compiler.comparison(O.self, a, b, range)
    case (.code(let a), .constant(let b)): return Compiler.comparison(O.self, a, b, range)
    case (.constant(let a), _): return Compiler.comparison(O.self, a, CodeOperand(code: try compile(r)), range)
    case (.slot(let a), .code(let b)): return Compiler.comparison(O.self, a, b, range)
    case (.code(let a), .slot(let b)): return Compiler.comparison(O.self, a, b, range)
    case (.code(let a), .code(let b)): return Compiler.comparison(O.self, a, b, range)
    }
  }

  private static func comparison<O: ComparisonOperator, L: Operand, R: Operand>(
    _ op: O.Type, _ l: L, _ r: R, _ range: SourceRange
  ) -> Eval {
    return { f in
      let a = try l.value(f)
      let b = try r.value(f)
      if case .number(let x) = a, case .number(let y) = b { return .bool(O.test(x, y)) }
      do { return try Operators.compare(O.op, a, b) } catch let e as OptError { throw e.locate(range) }
    }
  }
}
