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
  let inRule: Bool
  @inline(__always) func value(_ f: Frame) throws -> Value {
    let v = f[slot]
    if case .unbound = v { try Compiler.unboundLocal(name, range, inRule: inRule) }
    return v
  }
}

/// Anything else: a compiled sub-expression.
struct CodeOperand: Operand {
  let code: Eval
  @inline(__always) func value(_ f: Frame) throws -> Value { try code(f) }
}

/// The compiled forms of one arithmetic operator, made once per row of
/// `OperatorTable` from its `NumericOperator` type, so that each form is
/// specialised for the operator (a closure over an operator passed as a
/// value would call it through a witness table at every node).
struct ArithmeticForms {
  /// The operator on two numbers, for the folder and the general path.
  let apply: (Double, Double) -> Double
  /// The general form of `l OP r`, specialised for its operand kinds.
  let general: (Compiler, Expr, Expr, SourceRange) throws -> Eval
  /// The numeric form, given the numeric forms of the operands.
  let numeric: (Compiler.NumericOperandKind, Compiler.NumericOperandKind) -> NumericCode
  /// Two compiled operands (for `x OP= e` on a global).
  let operands: (@escaping Eval, @escaping Eval, SourceRange) -> Eval
  /// `local OP= e`: the slot, how to read it (with its error), the value's code.
  let augmentLocal: (Int, @escaping Eval, @escaping Eval, SourceRange) -> Exec
  /// `local OP= e` where `e` has a numeric form: the slot, that form, the
  /// number stack, how to read the slot, the value's general code.
  let augmentLocalNumeric:
    (Int, @escaping NumEval, UnsafeMutablePointer<Double>, @escaping Eval, @escaping Eval, SourceRange) -> Exec

  init<O: NumericOperator>(_ op: O.Type) {
    apply = O.apply
    general = { compiler, l, r, range in try compiler.specialise(O.self, l, r, range) }
    numeric = { a, b in Compiler.numericBinary(O.self, a, b) }
    operands = { l, r, range in Compiler.arithmetic(O.self, CodeOperand(code: l), CodeOperand(code: r), range) }
    augmentLocal = { slot, read, value, range in Compiler.augmentLocal(O.self, slot, read, value, range) }
    augmentLocalNumeric = { slot, numeric, numbers, read, general, range in
      Compiler.augmentLocal(O.self, slot, numeric: numeric, numbers: numbers, read, general, range)
    }
  }
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
    let row = op.row
    if let forms = row.numeric { return try forms.general(self, l, r, range) }
    let (left, right, value) = (try compile(l), try compile(r), row.value)
    return { f in
      do { return try value(try left(f), try right(f)) } catch let e as OptError { throw e.locate(range) }
    }
  }

  /// A binary operation on two already compiled operands (for `x += e`).
  func binaryOperation(_ op: BinaryOperator, _ l: @escaping Eval, _ r: @escaping Eval, _ range: SourceRange) -> Eval {
    guard let forms = op.row.numeric else {
      return { f in try Compiler.slowBinary(op, try l(f), try r(f), range) }
    }
    return forms.operands(l, r, range)
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
        return .slot(SlotOperand(slot: slot, name: name, range: e.range, inRule: scope.isRule))
      }
    default: break
    }
    return .code(CodeOperand(code: try compile(e)))
  }

  func specialise<O: NumericOperator>(_ op: O.Type, _ l: Expr, _ r: Expr, _ range: SourceRange) throws
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

  static func arithmetic<O: NumericOperator, L: Operand, R: Operand>(
    _ op: O.Type, _ l: L, _ r: R, _ range: SourceRange
  ) -> Eval {
    return { f in
      let a = try l.value(f)
      let b = try r.value(f)
      if case .number(let x) = a, case .number(let y) = b { return .number(O.apply(x, y)) }
      return try Compiler.slowBinary(O.op, consume a, consume b, range)
    }
  }

  /// Any operator on any values; the operands are taken, so that an array
  /// temporary can receive the result (see `Broadcast.combine`).
  @inline(never) static func slowBinary(
    _ op: BinaryOperator, _ a: consuming Value, _ b: consuming Value, _ range: SourceRange
  ) throws -> Value {
    do { return try Operators.binary(op, consume a, consume b) } catch let e as OptError { throw e.locate(range) }
  }

  /// In a rule the variable is most likely state the learner forgot to declare.
  @inline(never) static func unboundLocal(_ name: String, _ range: SourceRange, inRule: Bool) throws {
    throw OptError(
      .unboundLocalError, "the local variable '\(name)' is used before it is given a value", at: range,
      hint: inRule
        ? "a variable that keeps its value from one step to the next is declared first in the rule: state \(name) = 0"
        : "assign it first; a name assigned anywhere in a function is local to the whole function (declare it 'global' to use the global one)"
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
    case (.constant(let a), .constant(let b)): return Compiler.comparison(O.self, a, b, range)
    case (.constant(let a), .slot(let b)): return Compiler.comparison(O.self, a, b, range)
    case (.constant(let a), .code(let b)): return Compiler.comparison(O.self, a, b, range)
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
