import Foundation
import Testing

@testable import OptLang

/// The built-in rules and schedules against trajectories recorded from
/// PyTorch 2.x and Keras 3 (Fixtures/, copied from the shared reference set;
/// Fixtures/REFERENCE.md describes them). Bar: for every step and coordinate
/// |ours - ref| <= 1e-10*|ref| + 1e-12.
@Suite struct ParityTests {
  /// Each reference optimizer case, as the optrepl call that should reproduce it.
  static let optimizerCalls: [String: String] = [
    "torch_sgd_plain": "sgd(eta=0.01)",
    "torch_sgd_momentum": "sgd(eta=0.01, momentum=0.9)",
    "torch_sgd_nesterov": "sgd(eta=0.01, momentum=0.9, nesterov=True)",
    "torch_sgd_momentum_dampening_wd": "sgd(eta=0.01, momentum=0.9, dampening=0.1, weight_decay=0.01)",
    "torch_adagrad_default": "adagrad()",
    "torch_adagrad_lrdecay": "adagrad(eta=0.1, lr_decay=0.01, initial=0.1, eps=1e-8)",
    "torch_rmsprop_default": "rmsprop()",
    "torch_rmsprop_alpha05": "rmsprop(eta=0.1, beta=0.5, eps=1e-4)",
    "torch_rmsprop_centered_momentum": "rmsprop(momentum=0.9, centered=True)",
    "torch_adadelta_default": "adadelta()",
    "torch_adadelta_rho099": "adadelta(eta=1.0, beta=0.99)",
    "torch_adam_default": "adam()",
    "torch_adam_amsgrad": "adam(amsgrad=True)",
    "torch_adam_lr01_b08_099_eps1e-10": "adam(eta=0.1, beta1=0.8, beta2=0.99, eps=1e-10)",
    "torch_adam_wd001": "adam(weight_decay=0.01)",
    "torch_adamw_default": "adamw()",
    "torch_adamw_wd01_amsgrad": "adamw(weight_decay=0.1, amsgrad=True)",
    "torch_adamax_default": "adamax()",
    "torch_adamax_lr0025_b09_099": "adamax(eta=0.025, beta1=0.9, beta2=0.99)",
    "torch_nadam_default": "nadam()",
    "torch_nadam_momentum_decay0": "nadam(momentum_decay=0)",
    "torch_radam_default": "radam()",
    "torch_radam_lr01": "radam(eta=0.1)",
    "keras_adam_default": "adam(keras=True, eps=1e-7)",
    "keras_adam_eps1e-8": "adam(keras=True, eps=1e-8)",
    "keras_adam_legacy_decay001": "adam(keras=True, eps=1e-7, eta=time_decay(0.001, 0.01))",
  ]

  /// The same trajectories from other spellings of the same rule.
  static let equivalentCalls: [(fixture: String, call: String)] = [
    ("torch_adam_amsgrad", "amsgrad()"),
    ("torch_sgd_momentum", "momentum(0.01, beta=0.9)"),
    ("torch_sgd_nesterov", "nag(0.01, beta=0.9)"),
    ("torch_sgd_plain", "gd(0.01)"),
  ]

  /// Each reference schedule, as the optrepl schedule that should reproduce it.
  static let scheduleCalls: [String: String] = [
    "torch_steplr_30_g01": "step_decay(0.1, 30, 0.1)",
    "torch_exponentiallr_g095": "exp_decay(0.1, 0.95)",
    "torch_cosine_annealing_T50_min01": "cosine(1.0, 0.1, 50)",
    "torch_cosine_warm_restarts_T50": "warm_restarts(1.0, 0.1, 50)",
    "torch_cyclic_triangular": "cyclic(0.001, 0.1, 30)",
    "torch_linearlr_sf01_ti10": "warmup(0.1, 10, 0.1)",
    "torch_lambdalr_noam_d512_w4000": "noam(512, 4000)",
    "formula_cyclic_triangular_mu20": "cyclic(0.01, 0.5, 20)",
    "formula_keras_legacy_time_decay": "time_decay(0.003, 0.0002)",
    // The lecture's warm-restart formula, period T+1, written out.
    "formula_cosine_warm_restart_T50": "lambda t: 0.1 + (1.0 - 0.1) / 2 * (1 + cos(pi * (t % (50 + 1)) / 50))",
  ]

  struct Reference {
    let w0: [Double]
    let grads: [[Double]]
    let traj: [[Double]]
  }

  static func fixtureURL(_ name: String) -> URL {
    Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(name)
  }

  static func fixtures(prefix: String) -> [String] {
    let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(".json") }.sorted()
  }

  static func reference(_ file: String) throws -> Reference {
    let data = try Data(contentsOf: fixtureURL(file))
    let json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
    func numbers(_ v: Any?) -> [Double] { (v as! [Any]).map { ($0 as! NSNumber).doubleValue } }
    return Reference(
      w0: numbers(json["w0"]), grads: (json["grads"] as! [Any]).map(numbers),
      traj: (json["traj"] as! [Any]).map(numbers))
  }

  /// The case name of `opt_torch_adam_default_streamA.json`: `torch_adam_default`.
  static func caseName(_ file: String) -> String {
    var name = String(file.dropFirst(4).dropLast(5))
    if let r = name.range(of: "_stream", options: .backwards) { name = String(name[..<r.lowerBound]) }
    return name
  }

  /// The forms a parameter can take: each coordinate a number with its own
  /// optimizer, one array, or a tuple or a dict with one leaf per coordinate.
  enum Form: String, CaseIterable, CustomStringConvertible {
    case number, array, tuple, dict
    var description: String { rawValue }
  }

  /// Runs `call` over the reference gradients with the parameters in `form`;
  /// returns the trajectory, one row of coordinates per step.
  static func trajectory(_ call: String, _ ref: Reference, _ form: Form) throws -> [[Double]] {
    let interpreter = Interpreter(output: { _ in })
    let globals = interpreter.runtime.globals
    let n = ref.w0.count
    func row(_ xs: [Double]) -> Value {
      switch form {
      case .number: return .list(xs.map { .number($0) })
      case .array: return .array(NumArray(xs))
      case .tuple: return .tuple(xs.map { .number($0) })
      case .dict:
        // Keys in an order that is not the coordinates' order: leaves are found by key.
        return .dict(Dict(pairs: xs.indices.reversed().map { (DictKey(unchecked: .str("p\($0)")), .number(xs[$0])) }))
      }
    }
    globals["W0"] = row(ref.w0)
    globals["G"] = .list(ref.grads.map(row))
    let program: String
    if form == .number {
      // One optimizer per coordinate, each stepping a plain number.
      program = """
        opts = [\(call) for i in range(\(n))]
        w = W0
        traj = []
        for g in G:
            w = [opts[i].step(w[i], g[i]) for i in range(\(n))]
            traj.append(w)
        """
    } else {
      program = """
        opt = \(call)
        w = W0
        traj = []
        for g in G:
            w = opt.step(w, g)
            traj.append(w)
        """
    }
    try interpreter.run(program, name: "parity")
    guard case .list(let steps)? = globals["traj"] else { throw OptError(.typeError, "no trajectory") }
    return try steps.map { step in
      switch step {
      case .list(let items), .tuple(let items): return items.map { $0.asNumber! }
      case .array(let a): return a.storage
      case .dict(let d): return (0..<n).map { d[DictKey(unchecked: .str("p\($0)"))]!.asNumber! }
      default: throw OptError(.typeError, "a step gave a \(step.typeName)")
      }
    }
  }

  static func expectClose(_ ours: [[Double]], _ ref: [[Double]], _ label: String) {
    #expect(ours.count == ref.count, "\(label): number of steps")
    for (t, (a, b)) in zip(ours, ref).enumerated() {
      for (i, (x, y)) in zip(a, b).enumerated() {
        let tolerance = 1e-10 * abs(y) + 1e-12
        if !(abs(x - y) <= tolerance) {
          Issue.record("\(label): step \(t + 1), coordinate \(i): optrepl \(x), reference \(y)")
          return
        }
      }
    }
  }

  @Test("every optimizer fixture has an optrepl call")
  func everyFixtureIsCovered() {
    let cases = Set(Self.fixtures(prefix: "opt_").map(Self.caseName))
    #expect(!cases.isEmpty)
    #expect(cases == Set(Self.optimizerCalls.keys))
    let schedules = Set(Self.fixtures(prefix: "sched_").map { String($0.dropFirst(6).dropLast(5)) })
    #expect(schedules == Set(Self.scheduleCalls.keys))
  }

  @Test("optimizer matches the reference", arguments: fixtures(prefix: "opt_"), Form.allCases)
  func optimizer(_ file: String, _ form: Form) throws {
    let call = try #require(Self.optimizerCalls[Self.caseName(file)])
    let ref = try Self.reference(file)
    Self.expectClose(try Self.trajectory(call, ref, form), ref.traj, "\(call) on \(file)")
  }

  @Test("equivalent spelling matches the reference", arguments: equivalentCalls.map { "\($0.fixture)|\($0.call)" })
  func equivalent(_ pair: String) throws {
    let parts = pair.split(separator: "|").map(String.init)
    for stream in ["A", "D"] {
      let file = "opt_\(parts[0])_stream\(stream).json"
      let ref = try Self.reference(file)
      Self.expectClose(try Self.trajectory(parts[1], ref, .array), ref.traj, "\(parts[1]) on \(file)")
    }
  }

  @Test("schedule matches the reference", arguments: fixtures(prefix: "sched_"))
  func schedule(_ file: String) throws {
    let call = try #require(Self.scheduleCalls[String(file.dropFirst(6).dropLast(5))])
    let data = try Data(contentsOf: Self.fixtureURL(file))
    let json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
    let ks = (json["k"] as! [Any]).map { ($0 as! NSNumber).doubleValue }
    let lrs = (json["lr"] as! [Any]).map { ($0 as! NSNumber).doubleValue }
    let interpreter = Interpreter(output: { _ in })
    interpreter.runtime.globals["K"] = .list(ks.map { .number($0) })
    try interpreter.run("f = \(call)\nlrs = [f(k) for k in K]", name: "schedule")
    guard case .list(let values)? = interpreter.runtime.globals["lrs"] else {
      Issue.record("no values")
      return
    }
    Self.expectClose([values.map { $0.asNumber! }], [lrs], "\(call) on \(file)")
  }
}
