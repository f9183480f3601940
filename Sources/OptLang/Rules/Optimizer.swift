import Foundation

/// A rule with its hyperparameters chosen, and the state it carries between
/// steps: `opt = adam(eta=0.1)`, then `w = opt.step(w, g)` in a loop.
///
/// Parameters may be a number, an array, or a tuple or list of those; every
/// leaf has its own state, created at the first step, and the result has the
/// structure of `w`. Optimizers are references: two names for one optimizer
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
  /// Per leaf: its shape at the first step (nil for a number, else the array length).
  private var shapes: [Int?] = []
  /// Whether a hyperparameter is a schedule, to be evaluated at every step.
  private let hasSchedule: Bool
  /// Whether the first step's parameters were one leaf (state is then one record).
  private var singleLeaf = true
  private var warnedAboutDivergence = false
  /// Where the step is in structured parameters, for messages; kept to spare an allocation per step.
  private var path: [Int] = []
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

  private var leafCount: Int { shapes.count }

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
    shapes = []
    warnedAboutDivergence = false
  }

  /// The state: a record of the state variables for one leaf, a list of
  /// records (one per leaf, in order) for structured parameters, None before
  /// the first step.
  var stateValue: Value {
    guard leafCount > 0 else { return .none }
    let n = rule.stateSlots.count
    let records = (0..<leafCount).map { leaf in
      Value.object(
        Record(
          name: "state",
          fields: rule.stateNames.enumerated().map { k, name in
            let v = states[leaf * n + k]
            return (name, v.isUnboundValue ? .none : v)
          }))
    }
    return singleLeaf ? records[0] : .list(records)
  }

  // MARK: Stepping

  /// One step: `w` moved by the rule, given the gradient `g`.
  public func step(_ w: Value, _ g: Value) throws -> Value {
    t += 1
    let hypers = hasSchedule ? try hyperparametersAtThisStep() : hyperparameters
    var index = 0
    let first = leafCount == 0
    if first { singleLeaf = Optimizer.isLeaf(w) }
    let result: Value
    path.removeAll(keepingCapacity: true)
    // One frame serves every leaf of this step: the hyperparameters are
    // written once, the rest of the frame is cleared between leaves.
    let frameSize = function.code.frameSize
    let base = try runtime.pushFrame(frameSize)
    defer { runtime.popFrame(base, frameSize) }
    (base + 2).initialize(to: .number(Double(t)))
    for i in 0..<hypers.count { (base + 3 + i).initialize(to: hypers[i]) }
    do {
      result = try step(w, g, &index, base)
    } catch {
      if first { reset() } else { t -= 1 }
      throw error
    }
    if !first && index != leafCount {
      t -= 1
      throw OptError(
        .valueError,
        "this optimizer took \(leafCount) parameter\(leafCount == 1 ? "" : "s") at its first step and now gets \(index)",
        hint: "each optimizer keeps state for the parameters it first saw: make a new one, or call opt.reset()")
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

  static func isArray(_ v: Value) -> Bool {
    if case .array = v { return true }
    return false
  }

  static func isLeaf(_ v: Value) -> Bool {
    switch v {
    case .tuple, .list: return false
    default: return true
    }
  }

  private static func shapeText(_ v: Value) -> String {
    switch v {
    case .number, .bool: return "a number"
    case .array(let a): return "an array of \(a.count)"
    case .tuple(let items): return "a tuple of \(items.count)"
    case .list(let items): return "a list of \(items.count)"
    default: return "\(v.typeNameWithArticle)"
    }
  }

  /// Where a leaf is in the parameters, for messages: `[1][0]`.
  private static func text(_ path: [Int]) -> String { path.map { "[\($0)]" }.joined() }

  private func step(_ w: Value, _ g: Value, _ index: inout Int, _ base: Frame) throws
    -> Value
  {
    switch (w, g) {
    case (.tuple(let ws), .tuple(let gs)), (.list(let ws), .list(let gs)), (.tuple(let ws), .list(let gs)),
      (.list(let ws), .tuple(let gs)):
      guard ws.count == gs.count else {
        let p = Optimizer.text(path)
        throw OptError(
          .valueError,
          "the gradient must have the shape of the parameters: w\(p) is \(Optimizer.shapeText(w)), g\(p) is \(Optimizer.shapeText(g))"
        )
      }
      var out: [Value] = []
      out.reserveCapacity(ws.count)
      for k in 0..<ws.count {
        path.append(k)
        out.append(try step(ws[k], gs[k], &index, base))
        path.removeLast()
      }
      if case .tuple = w { return .tuple(out) }
      return .list(out)
    default:
      let shape: Int?
      switch (w, g) {
      case (.number, .number), (.bool, .number), (.number, .bool): shape = nil
      case (.array(let a), .array(let b)) where a.count == b.count: shape = a.count
      default:
        let p = Optimizer.text(path)
        guard w.asNumber != nil || Optimizer.isArray(w) else {
          throw OptError(
            .typeError,
            "a parameter must be a number, an array, or a tuple or list of those; w\(p) is \(w.typeNameWithArticle)")
        }
        throw OptError(
          .valueError,
          "the gradient must have the shape of the parameter: w\(p) is \(Optimizer.shapeText(w)), g\(p) is \(Optimizer.shapeText(g))"
        )
      }
      defer { index += 1 }
      return try stepLeaf(w, g, index, shape, base)
    }
  }

  /// Runs the rule's body once for one leaf, with its state, in the step's
  /// frame (whose `t` and hyperparameter slots are already set).
  private func stepLeaf(_ w: Value, _ g: Value, _ index: Int, _ shape: Int?, _ base: Frame) throws -> Value {
    let slots = rule.stateSlots
    let n = slots.count
    if index == leafCount {
      guard t == 1 else {
        throw OptError(
          .valueError, "this optimizer took \(leafCount) parameters at its first step and now gets more",
          hint: "make a new optimizer, or call opt.reset()")
      }
      states.append(contentsOf: repeatElement(Value.unbound, count: n))
      shapes.append(shape)
    } else if shapes[index] != shape {
      let before = shapes[index].map { "an array of \($0)" } ?? "a number"
      let now = shape.map { "an array of \($0)" } ?? "a number"
      throw OptError(
        .valueError, "parameter \(index) was \(before) at the first step and is now \(now)",
        hint: "make a new optimizer, or call opt.reset()")
    }
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
      default: return true
      }
    }
    guard !finite(after) && finite(before) else { return }
    warnedAboutDivergence = true
    var hint = "a step this large overshoots; try a smaller eta"
    if !rule.hyperparameterNames.contains("eta") { hint = "check the rule's arithmetic and its hyperparameters" }
    runtime.warn(
      "warning: \(description) diverged: step \(t) made a parameter nan or inf.\n  hint: \(hint)\n")
  }
}

extension Value {
  var isUnboundValue: Bool {
    if case .unbound = self { return true }
    return false
  }
}
