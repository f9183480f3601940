/// A step rule: the compiled body of a `rule` definition, its hyperparameters
/// with their defaults, and its state variables. Calling a rule with
/// hyperparameter values makes an `Optimizer`.
public final class Rule: Callable {
  /// The body, compiled as a function of `w, g, t, hyperparameters...`.
  let function: UserFunction
  /// What the body was compiled from, to compile it again for fixed hyperparameters.
  let source: RuleSource
  public let hyperparameterNames: [String]
  /// Defaults of the last `defaults.count` hyperparameters.
  let defaults: [Value]
  /// The state variables' names.
  public let stateNames: [String]
  /// The frame slots that hold the state variables during a step.
  let stateSlots: [Int]
  /// Whether the hyperparameters' ranges are checked (see `Hyperparameters`):
  /// for the built-in rules, not for a learner's own.
  var checksRanges = false

  init(
    function: UserFunction, source: RuleSource, hyperparameterNames: [String], defaults: [Value],
    states: [(name: String, slot: Int)]
  ) {
    self.function = function
    self.source = source
    self.hyperparameterNames = hyperparameterNames
    self.defaults = defaults
    self.stateNames = states.map(\.name)
    self.stateSlots = states.map(\.slot)
    super.init(kind: .other, name: function.name)
  }

  public override var typeName: String { "rule" }
  public override var signature: String { function.code.signature }
  public override var doc: String? { function.code.docstring }
  public override var repr: String { "<rule \(signature)>" }

  /// `adam(eta=0.1)`: binds the hyperparameters (positional, then by name,
  /// then defaults), checks them, and makes an optimizer.
  public override func call(_ args: Arguments) throws -> Value {
    let names = hyperparameterNames
    if args.positional.count > names.count {
      throw OptError(
        .typeError,
        "\(signature) takes \(names.count) hyperparameter\(names.count == 1 ? "" : "s"), but \(args.positional.count) were given"
      )
    }
    var values = [Value?](repeating: nil, count: names.count)
    for (i, v) in args.positional.enumerated() { values[i] = v }
    for (name, value) in args.keywords {
      guard let index = names.firstIndex(of: name) else {
        throw OptError(
          .typeError,
          "\(self.name)() has no hyperparameter '\(name)'; its hyperparameters are: \(names.joined(separator: ", "))",
          hint: Hyperparameters.hint(forUnknown: name, among: names))
      }
      if values[index] != nil {
        throw OptError(.typeError, "\(self.name)() got two values for the hyperparameter '\(name)'")
      }
      values[index] = value
    }
    let firstDefault = names.count - defaults.count
    var bound: [Value] = []
    for (i, value) in values.enumerated() {
      if let value {
        bound.append(value)
      } else if i >= firstDefault {
        bound.append(defaults[i - firstDefault])
      } else {
        throw OptError(
          .typeError, "\(signature) needs a value for '\(names[i])', e.g. \(self.name)(\(names[i])=0.1)")
      }
    }
    for (i, name) in names.enumerated() {
      let defaultValue = i >= firstDefault ? defaults[i - firstDefault] : nil
      try Hyperparameters.check(name, bound[i], default: defaultValue, rule: self.name, ranges: checksRanges)
    }
    return .object(
      Optimizer(rule: self, hyperparameters: bound, function: specialized(for: bound), runtime: args.runtime))
  }

  /// The body compiled for these hyperparameter values, when none is a
  /// schedule: known values fold into the arithmetic and decide the `if`s.
  /// Running it gives the same numbers as the general body, with less work.
  func specialized(for hyperparameters: [Value]) -> UserFunction {
    var constants: [Int: Value] = [:]
    for (i, value) in hyperparameters.enumerated() {
      if case .function = value { return function }
      constants[RuleDecl.stepNames.count + i] = value
    }
    guard let code = try? source.compile(constants: constants) else { return function }
    return UserFunction(code: code, defaults: [], captured: function.captured, runtime: function.runtime)
  }
}
