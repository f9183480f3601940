/// The binary operators, one row each: the token that spells it, how tightly
/// it binds, what it does to two numbers and what it does to any two values.
/// The parser builds its precedence levels from this table, the constant
/// folder and the numeric fast path take the number function from it, and
/// the general compiled form specialises its closures for that function:
/// adding an operator is adding a row (and its `BinaryOperator` case).
struct OperatorRow {
  let op: BinaryOperator
  let token: TokenKind
  let precedence: Precedence
  /// Two numbers in, a number out, with the compiled forms specialised for
  /// it; nil when numbers alone are an error (`@`) or are combined bitwise (`& |`).
  let numeric: ArithmeticForms?
  /// Any two values: arrays element-wise, sequences, the learner's errors.
  let value: (Value, Value) throws -> Value
}

/// How tightly a binary operator binds, loosest first (Python's grammar:
/// `|`, `&`, `+ -`, `* / // % @`, then `**`, which the parser reads with
/// unary minus because it is right-associative).
enum Precedence: Int, CaseIterable, Comparable {
  case or, and, arithmetic, term, power

  static func < (a: Precedence, b: Precedence) -> Bool { a.rawValue < b.rawValue }
}

enum OperatorTable {
  // Immutable after initialisation; the closures capture nothing but an operator.
  nonisolated(unsafe) static let rows: [OperatorRow] = [
    row(.bitOr, .pipe, .or, nil),
    row(.bitAnd, .ampersand, .and, nil),
    row(.add, .plus, .arithmetic, ArithmeticForms(AddOperator.self)),
    row(.subtract, .minus, .arithmetic, ArithmeticForms(SubtractOperator.self)),
    row(.multiply, .star, .term, ArithmeticForms(MultiplyOperator.self)),
    row(.divide, .slash, .term, ArithmeticForms(DivideOperator.self)),
    row(.floorDivide, .slashSlash, .term, ArithmeticForms(FloorDivideOperator.self)),
    row(.modulo, .percent, .term, ArithmeticForms(ModuloOperator.self)),
    row(.matmul, .at, .term, nil),
    row(.power, .starStar, .power, ArithmeticForms(PowerOperator.self)),
  ]

  private static func row(
    _ op: BinaryOperator, _ token: TokenKind, _ precedence: Precedence, _ numeric: ArithmeticForms?
  ) -> OperatorRow {
    OperatorRow(op: op, token: token, precedence: precedence, numeric: numeric) { try Operators.binary(op, $0, $1) }
  }

  /// The left-associative levels the parser climbs, loosest first: token to operator.
  static let parserLevels: [[TokenKind: BinaryOperator]] = Precedence.allCases.filter { $0 != .power }.map { level in
    Dictionary(uniqueKeysWithValues: rows.filter { $0.precedence == level }.map { ($0.token, $0.op) })
  }
}

extension BinaryOperator {
  /// This operator's row of `OperatorTable`.
  var row: OperatorRow {
    guard let row = OperatorTable.rows.first(where: { $0.op == self }) else {
      fatalError("the operator '\(rawValue)' has no row in OperatorTable")
    }
    return row
  }
}
