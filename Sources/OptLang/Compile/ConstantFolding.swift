/// Values known while compiling. A rule's hyperparameters are constants for
/// an optimizer made without schedules, so its body is compiled again with
/// them in place (`Compiler.constants`): `1 - beta1` becomes a number, and
/// `if amsgrad:` keeps only the branch that will run. Folding uses the same
/// operators as running, so a folded value is the value the program would compute.
extension Compiler {
  /// The value of `e` if it is known now: a literal, a constant slot, or
  /// arithmetic, comparisons and logic on known values. Nil otherwise.
  func constantValue(_ e: Expr) -> Value? {
    switch e.kind {
    case .number(let x): return .number(x)
    case .bool(let b): return .bool(b)
    case .none: return Value.none
    case .name(_, let id):
      guard !constants.isEmpty, case .local(let slot) = resolver.place(of: id) else { return nil }
      return constants[slot]
    case .unary(let op, let operand):
      guard let v = constantValue(operand), v.asNumber != nil else { return nil }
      return try? Operators.unary(op, v)
    case .binary(let op, let l, let r):
      guard op != .matmul && op != .bitAnd && op != .bitOr, let a = constantValue(l)?.asNumber,
        let b = constantValue(r)?.asNumber
      else { return nil }
      return .number(Operators.apply(op, a, b))
    case .compare(let first, let rest) where rest.count == 1:
      guard let a = constantValue(first), let b = constantValue(rest[0].1) else { return nil }
      return try? Operators.compare(rest[0].0, a, b)
    case .not(let operand):
      guard let v = constantValue(operand), let truth = try? Operators.truthy(v) else { return nil }
      return .bool(!truth)
    case .and(let l, let r):
      guard let a = constantValue(l), let truth = try? Operators.truthy(a) else { return nil }
      return truth ? constantValue(r) : a
    case .or(let l, let r):
      guard let a = constantValue(l), let truth = try? Operators.truthy(a) else { return nil }
      return truth ? a : constantValue(r)
    default:
      return nil
    }
  }

  /// Whether a condition is known to be true or false now.
  func constantTruth(_ e: Expr) -> Bool? {
    guard let v = constantValue(e) else { return nil }
    return try? Operators.truthy(v)
  }
}
