/// Checks on hyperparameter values, made when an optimizer is created so that
/// a bad value is an error with a reason, not a NaN a hundred steps later.
///
/// The ranges go by the hyperparameter's name and hold for the built-in rules
/// (a learner's own rule may try eps=0 or a negative beta: it is their
/// experiment): `eta`/`lr` ≥ 0; `beta`, `beta1`, `beta2`, `rho`, `alpha` in
/// [0, 1); `eps` > 0; `weight_decay`, `lr_decay`, `momentum`, `momentum_decay`,
/// `initial` ≥ 0; `dampening` in [0, 1]; a hyperparameter whose default is
/// True or False takes True or False, and one whose default is a number takes
/// a number, in every rule. A function is a schedule: it is called with the
/// step index at every step and must give a number.
enum Hyperparameters {
  static func check(_ name: String, _ value: Value, default defaultValue: Value?, rule: String, ranges: Bool) throws {
    if case .function = value { return }  // a schedule: checked when it is called
    if case .bool? = defaultValue {
      guard case .bool = value else {
        throw OptError(.typeError, "\(rule)(): \(name) is True or False, not \(Format.repr(value))")
      }
      return
    }
    if case .bool = value { return }
    guard let x = value.asNumber else {
      if defaultValue?.asNumber != nil {
        throw OptError(
          .typeError,
          "\(rule)(): \(name) must be a number (or a schedule, a function of the step), not \(value.typeNameWithArticle)"
        )
      }
      return
    }
    func fail(_ expected: String, _ hint: String? = nil) throws -> Never {
      throw OptError(.valueError, "\(rule)(): \(name) must be \(expected), not \(Format.number(x))", hint: hint)
    }
    guard ranges else { return }
    if !x.isFinite { try fail("a finite number") }
    switch name {
    case "eta", "lr":
      if x < 0 { try fail(">= 0", "the learning rate scales each step; a negative one climbs the loss") }
    case "beta", "beta1", "beta2", "rho", "alpha":
      if x < 0 || x >= 1 {
        try fail("in [0, 1)", "it is the decay of a running average: 0.9 forgets slowly, 0 not at all; 1 never updates")
      }
    case "eps":
      if x <= 0 { try fail("> 0", "eps keeps the denominator away from zero; 1e-8 is usual") }
    case "weight_decay", "lr_decay", "momentum", "momentum_decay", "initial":
      if x < 0 { try fail(">= 0") }
    case "dampening":
      if x < 0 || x > 1 { try fail("in [0, 1]") }
    default: break
    }
  }

  /// A hint for a hyperparameter name that does not exist: the closest one,
  /// or the translation of a torch or Keras name.
  static func hint(forUnknown name: String, among names: [String]) -> String? {
    let translations: [String: String] = [
      "lr": "eta", "learning_rate": "eta", "epsilon": "eps", "beta_1": "beta1", "beta_2": "beta2",
      "alpha": "beta", "rho": "beta", "initial_accumulator_value": "initial",
    ]
    if let ours = translations[name], names.contains(ours) {
      return "optrepl calls it '\(ours)' (torch and Keras say '\(name)')"
    }
    if name == "betas" && names.contains("beta1") { return "give them one by one: beta1=0.9, beta2=0.999" }
    return Suggest.closest(to: name, among: names).map { "did you mean '\($0)'?" }
  }
}
