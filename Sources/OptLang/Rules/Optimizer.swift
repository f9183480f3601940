import Foundation

/// A rule with its hyperparameters chosen, and the state it carries between
/// steps: `opt = adam(eta=0.1)`, then `w = opt.step(w, g)` in a loop.
///
/// Parameters may be a number, an array, or a tuple, list or dict of those
/// (nested as deep as you like); every leaf has its own state, created at the
/// first step, and the result has the structure of `w`. Optimizers are references: two names for one optimizer
/// share its steps.
public final class Optimizer: RuntimeObject {
  public let rule: Rule
  /// The bound hyperparameters, in the rule's order; a function is a schedule.
  let hyperparameters: [Value]
  /// The rule's body, specialised for these hyperparameters when it can be.
  let function: UserFunction
  /// Steps taken.
  public private(set) var t = 0
  /// Every leaf's state variables, leaf after leaf, each in the rule's order.
  private var states: [Value] = []
  /// The parameters' structure and shapes at the first step; nil before it.
  private var tree: ParameterTree?
  /// Whether a hyperparameter is a schedule, to be evaluated at every step.
  private let hasSchedule: Bool
  private var warnedAboutDivergence = false
  unowned(unsafe) let runtime: Runtime

  init(rule: Rule, hyperparameters: [Value], function: UserFunction, runtime: Runtime) {
    self.rule = rule
    self.hyperparameters = hyperparameters
    self.function = function
    self.runtime = runtime
    self.hasSchedule = hyperparameters.contains {
      if case .function = $0 { return true }
      return false
    }
  }

  public override var typeName: String { "optimizer" }

  /// `adam(eta=0.1, beta1=0.9, ...)` — how it was made.
  public var description: String {
    let pairs = zip(rule.hyperparameterNames, hyperparameters).map { "\($0)=\(Format.repr($1))" }
    return "\(rule.name)(\(pairs.joined(separator: ", ")))"
  }

  public override var repr: String { "<optimizer \(description), t=\(t)>" }

  public override var attributeNames: [String] {
    ["step", "reset", "t", "state", "rule"] + rule.hyperparameterNames
  }

  public override func attribute(_ name: String) -> Value? {
    switch name {
    case "t": return .number(Double(t))
    case "state": return stateValue
    case "rule": return .function(rule)
    case "step", "reset":
      return .function(
        BoundMethod(receiver: .object(self), name: name, signature: name == "step" ? "step(w, g)" : "reset()") {
          receiver, args in
          guard case .object(let o as Optimizer) = receiver, let result = try o.callMethod(name, args) else {
            return .none
          }
          return result
        })
    default:
      if let i = rule.hyperparameterNames.firstIndex(of: name) { return hyperparameters[i] }
      return nil
    }
  }

  public override func callMethod(_ name: String, _ a: Value, _ b: Value) throws -> Value? {
    name == "step" ? try step(a, b) : nil
  }

  public override func callMethod(_ name: String, _ args: Arguments) throws -> Value? {
    var args = args
    args.setMethod(name, of: rule.name)
    switch name {
    case "step":
      try args.check(min: 2, max: 2, keywords: [])
      return try step(args.positional[0], args.positional[1])
    case "reset":
      try args.check(min: 0, max: 0)
      reset()
      return Value.none
    default:
      return nil
    }
  }

  /// Forgets the state and the step count, as a new optimizer with the same hyperparameters.
  public func reset() {
    t = 0
    states = []
    tree = nil
    warnedAboutDivergence = false
  }

  /// The state: a record of the state variables for one leaf; for
  /// structured parameters a list of records (one per leaf, in order) or, for
  /// a dict, a dict of the same keys; None before the first step.
  var stateValue: Value {
    guard let tree else { return .none }
    let n = rule.stateSlots.count
    func record(_ leaf: Int) -> Value {
      .object(
        Record(
          name: "state",
          fields: rule.stateNames.enumerated().map { k, name in
            let v = states[leaf * n + k]
            return (name, v.isUnboundValue ? .none : v)
          }))
    }
    /// A sequence's states are one flat list, its dicts kept as dicts.
    func parts(_ node: ParameterTree) -> [Value] {
      switch node {
      case .sequence(let children): return children.flatMap(parts)
      default: return [state(node)]
      }
    }
    func state(_ node: ParameterTree) -> Value {
      switch node {
      case .leaf(let index, _): return record(index)
      case .sequence: return .list(parts(node))
      case .dict(let keys, let children):
        var d = Dict()
        for key in keys {
          let k = DictKey(unchecked: key)
          d[k] = state(children[k]!)
        }
        return .dict(d)
      }
    }
    return state(tree)
  }

  // MARK: Stepping

  /// One step: `w` moved by the rule, given the gradient `g`. The structure
  /// and shapes are checked first, so a bad gradient changes nothing.
  public func step(_ w: Value, _ g: Value) throws -> Value {
    let tree: ParameterTree
    if let known = self.tree {
      try known.check(w, g)
      tree = known
    } else {
      var leaves = 0
      tree = try ParameterTree(w, g, leaves: &leaves)
      self.tree = tree
      states = Array(repeating: .unbound, count: leaves * rule.stateSlots.count)
    }
    t += 1
    let first = t == 1
    let result: Value
    do {
      let hypers = hasSchedule ? try hyperparametersAtThisStep() : hyperparameters
      // One frame serves every leaf of this step: the hyperparameters are
      // written once, the rest of the frame is cleared between leaves.
      let frameSize = function.code.frameSize
      let base = try runtime.pushFrame(frameSize)
      defer { runtime.popFrame(base, frameSize) }
      (base + 2).initialize(to: .number(Double(t)))
      for i in 0..<hypers.count { (base + 3 + i).initialize(to: hypers[i]) }
      result = try step(w, g, tree, base)
    } catch {
      if first { reset() } else { t -= 1 }
      throw error
    }
    if !warnedAboutDivergence { warnIfDiverged(before: w, after: result) }
    return result
  }

  /// The hyperparameters for this step: a schedule is called with the step index `t - 1`.
  private func hyperparametersAtThisStep() throws -> [Value] {
    var values = hyperparameters
    for (i, v) in values.enumerated() {
      guard case .function = v else { continue }
      let scheduled = try runtime.call(v, [.number(Double(t - 1))])
      guard scheduled.asNumber != nil else {
        throw OptError(
          .typeError,
          "the schedule given as \(rule.hyperparameterNames[i]) returned \(scheduled.typeNameWithArticle) at step index \(t - 1), not a number"
        )
      }
      values[i] = scheduled
    }
    return values
  }

  /// Steps every leaf of `w` (already checked against `tree`); the result has
  /// the structure of `w`, a dict its keys in `w`'s order.
  private func step(_ w: Value, _ g: Value, _ tree: ParameterTree, _ base: Frame) throws -> Value {
    switch (tree, w, g) {
    case (.leaf(let index, _), _, _):
      return try stepLeaf(w, g, index, base)
    case (.sequence(let children), _, _):
      guard let ws = ParameterTree.items(w), let gs = ParameterTree.items(g) else { return w }
      var out: [Value] = []
      out.reserveCapacity(ws.count)
      for k in 0..<ws.count { out.append(try step(ws[k], gs[k], children[k], base)) }
      if case .tuple = w { return .tuple(out) }
      return .list(out)
    case (.dict(_, let children), .dict(let wd), .dict(let gd)):
      var out = Dict()
      for (key, value) in zip(wd.keys, wd.values) {
        let k = DictKey(unchecked: key)
        out[k] = try step(value, gd[k]!, children[k]!, base)
      }
      return .dict(out)
    default:
      return w  // `check` has ruled this out
    }
  }

  /// Runs the rule's body once for one leaf, with its state, in the step's
  /// frame (whose `t` and hyperparameter slots are already set).
  private func stepLeaf(_ w: Value, _ g: Value, _ index: Int, _ base: Frame) throws -> Value {
    let slots = rule.stateSlots
    let n = slots.count
    let code = function.code
    // A previous leaf's locals must not leak into this one.
    if index > 0 {
      for i in code.parameterCount..<code.frameSize { (base + i).assign(.unbound) }
    }
    (base + 0).assign(w)
    (base + 1).assign(g)
    let first = index * n
    if n > 0 {
      states.withUnsafeMutableBufferPointer { kept in
        for k in 0..<n { (base + slots[k]).assign(kept[first + k]) }
      }
    }
    _ = try runtime.invoke(function, base)
    if n > 0 {
      states.withUnsafeMutableBufferPointer { kept in
        for k in 0..<n { kept[first + k] = base[slots[k]] }
      }
    }
    return base[0]
  }

  /// The first time a step turns a finite parameter into NaN or infinity,
  /// says so once, with the step and the hyperparameters.
  private func warnIfDiverged(before: Value, after: Value) {
    func finite(_ v: Value) -> Bool {
      switch v {
      case .number(let x): return x.isFinite
      case .array(let a): return a.storage.allSatisfy(\.isFinite)
      case .tuple(let items), .list(let items): return items.allSatisfy(finite)
      case .dict(let d): return d.values.allSatisfy(finite)
      default: return true
      }
    }
    guard !finite(after) && finite(before) else { return }
    warnedAboutDivergence = true
    var hint = "a step this large overshoots; try a smaller eta"
    if !rule.hyperparameterNames.contains("eta") { hint = "check the rule's arithmetic and its hyperparameters" }
    runtime.warn(Warning("\(description) diverged: step \(t) made a parameter nan or inf.", at: nil, hint: hint))
  }
}

extension Value {
  var isUnboundValue: Bool {
    if case .unbound = self { return true }
    return false
  }
}
