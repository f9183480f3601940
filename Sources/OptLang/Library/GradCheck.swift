import Foundation

/// `gradcheck(f, grad_f, *params)`: compares a hand-written gradient with
/// central differences, entry by entry, and names the worst entry — so that a
/// learner who writes backprop knows when it is wrong, and where.
///
/// The numeric derivative of every entry x is (f(x + h) - f(x - h)) / 2h with
/// h = 1e-6 (central differences; CS231n's notes on gradient checking,
/// cs231n.github.io/neural-networks-3/#gradcheck). An entry passes when
/// |a - n| <= atol + rtol*|n|, a the analytic and n the numeric value: the test
/// of torch.autograd.gradcheck, with tighter defaults (rtol=1e-5, atol=1e-7;
/// torch's are 1e-3 and 1e-5). The absolute part is needed: the difference
/// quotient carries a rounding error of about 1e-16 times the size of the
/// numbers f adds up, divided by h, which no relative test survives on an
/// entry near 0. The worst entry is the one furthest outside (or least inside)
/// its tolerance; its relative error |a - n| / max(|a|, |n|) is CS231n's
/// measure (below 1e-7 good, above 1e-2 a wrong gradient).
enum GradCheck {
  static var builtins: [Builtin] {
    [
      Builtin(
        "gradcheck", "gradcheck(f, grad_f, *params, h=1e-6, rtol=1e-5, atol=1e-7)",
        """
        Checks a hand-written gradient against central differences.
        f(*params) must return a number and grad_f(*params) its gradient: for one
        parameter, a value shaped like it; for several, a tuple or list with one
        gradient per parameter. A parameter is a number, an array, or a list,
        tuple or dict of them. Every entry x is nudged both ways:
        numeric = (f(x + h) - f(x - h)) / (2*h); it agrees with the analytic
        value a when |a - n| <= atol + rtol*|n| (torch.autograd.gradcheck's test).
        Returns a record: passed (every entry agrees), worst (the entry furthest
        from agreeing, e.g. "['W1'][3, 7]"), its analytic and numeric values, its
        rel_error |a - n|/max(|a|, |n|), and checked (the number of entries).
        Sources: CS231n's notes on gradient checks; torch.autograd.gradcheck.
        """,
        parameters: ["f", "grad_f", "params"],
        .general { args in try run(args) })
    ]
  }

  private static func run(_ args: Arguments) throws -> Value {
    try args.check(min: 3, max: Int.max, keywords: ["h", "rtol", "atol"])
    let h = try args.keyword("h").map { try positive($0, "h") } ?? 1e-6
    let tolerance = Tolerance(
      relative: try args.keyword("rtol").map { try positive($0, "rtol") } ?? 1e-5,
      absolute: try args.keyword("atol").map { try positive($0, "atol") } ?? 1e-7)
    let (f, gradF, runtime) = (args.positional[0], args.positional[1], args.runtime)
    let params = Array(args.positional[2...])

    let analytic = try runtime.call(gradF, params)
    var gradients = [analytic]
    if params.count > 1 {
      switch analytic {
      case .tuple(let items) where items.count == params.count, .list(let items) where items.count == params.count:
        gradients = items
      default:
        throw OptError(
          .valueError,
          "gradcheck(): grad_f must return one gradient per parameter (\(params.count)), "
            + "as a tuple, but it returned \(describe(analytic))")
      }
    }
    return try compare(f, params, gradients, h: h, tolerance: tolerance, runtime: runtime)
  }

  /// Perturbs every entry of every parameter and compares.
  private static func compare(
    _ f: Value, _ params: [Value], _ gradients: [Value], h: Double, tolerance: Tolerance, runtime: Runtime
  ) throws -> Value {
    var analytic: [Double] = []
    var numeric: [Double] = []
    var owner: [(parameter: Int, entry: Int)] = []
    // A parameter is named by its position only when there are several.
    let prefix = { (k: Int) in params.count == 1 ? "" : "args[\(k)]" }
    for (k, param) in params.enumerated() {
      let values = try Leaves.flatten(param, what: params.count == 1 ? "the parameter" : prefix(k))
      analytic += try Leaves.aligned(gradients[k], like: param, path: prefix(k))
      for i in values.indices {
        if i & 255 == 0 { try Interrupt.check() }
        var plus = values
        plus[i] += h
        var minus = values
        minus[i] -= h
        let up = try loss(f, params, replacing: k, with: Leaves.rebuild(param, from: plus), runtime: runtime)
        let down = try loss(f, params, replacing: k, with: Leaves.rebuild(param, from: minus), runtime: runtime)
        numeric.append((up - down) / (2 * h))
        owner.append((k, i))
      }
    }
    // How far each entry is from its tolerance (above 1: it fails; nan counts
    // as infinitely far); the worst entry is the furthest.
    let ratios = analytic.indices.map { i in
      let ratio = abs(analytic[i] - numeric[i]) / (tolerance.absolute + tolerance.relative * abs(numeric[i]))
      return ratio.isNaN ? Double.infinity : ratio
    }
    var fields: [(String, Value)] = [("passed", .bool(ratios.allSatisfy { $0 <= 1 }))]
    if let worst = ratios.indices.max(by: { ratios[$0] < ratios[$1] }) {
      let (k, entry) = owner[worst]
      let place = Leaves.path(of: entry, in: params[k], prefix: prefix(k))
      let (a, n) = (analytic[worst], numeric[worst])
      fields += [
        ("worst", .str(place.isEmpty ? "args[0]" : place)), ("analytic", .number(a)), ("numeric", .number(n)),
        ("rel_error", .number(a == n ? 0 : abs(a - n) / Swift.max(abs(a), abs(n)))),
      ]
    }
    fields.append(("checked", .number(Double(analytic.count))))
    return .object(Record(name: "gradcheck", fields: fields))
  }

  /// An entry agrees when |analytic - numeric| <= absolute + relative * |numeric|.
  struct Tolerance {
    let relative: Double
    let absolute: Double
  }

  /// f at the parameters with one of them replaced, as a number.
  private static func loss(
    _ f: Value, _ params: [Value], replacing k: Int, with value: Value, runtime: Runtime
  ) throws -> Double {
    var arguments = params
    arguments[k] = value
    let result = try runtime.call(f, arguments)
    guard let x = result.asNumber else {
      throw OptError(.typeError, "gradcheck(): f must return a number (the loss), but it returned \(describe(result))")
    }
    return x
  }

  private static func positive(_ v: Value, _ name: String) throws -> Double {
    guard let x = v.asNumber, x > 0, x.isFinite else {
      throw OptError(.valueError, "gradcheck(): \(name) must be a positive number, not \(Format.repr(v))")
    }
    return x
  }

  static func describe(_ v: Value) -> String {
    switch v {
    case .tuple(let items): return "a tuple of \(items.count)"
    case .list(let items): return "a list of \(items.count)"
    case .array(let a): return "an array of shape \(NumArray.describe(a.shape))"
    case .dict(let d): return "a dict of \(d.count)"
    default: return v.typeNameWithArticle
    }
  }
}

/// The numbers inside a parameter — a number, an array, or a list, tuple or
/// dict of them — in a fixed order, and the way back from those numbers to a
/// value of the same structure. gradcheck nudges one number at a time.
enum Leaves {
  /// Every number, depth first, in order (arrays row-major, dicts in key order).
  static func flatten(_ v: Value, what: String) throws -> [Double] {
    var out: [Double] = []
    try collect(v, what: what, into: &out)
    return out
  }

  private static func collect(_ v: Value, what: String, into out: inout [Double]) throws {
    switch v {
    case .number(let x): out.append(x)
    case .bool(let b): out.append(b ? 1 : 0)
    case .array(let a): out += a.storage
    case .list(let items), .tuple(let items):
      for item in items { try collect(item, what: what, into: &out) }
    case .dict(let d):
      for item in d.values { try collect(item, what: what, into: &out) }
    default:
      throw OptError(
        .typeError,
        "gradcheck(): \(what) must be a number, an array, or a list, tuple or dict of them, not \(v.typeNameWithArticle)"
      )
    }
  }

  /// A value shaped like `template` holding `numbers` (as many as `flatten` gave).
  static func rebuild(_ template: Value, from numbers: [Double]) -> Value {
    var next = 0
    return rebuild(template, numbers, &next)
  }

  private static func rebuild(_ template: Value, _ numbers: [Double], _ next: inout Int) -> Value {
    switch template {
    case .number, .bool:
      next += 1
      return .number(numbers[next - 1])
    case .array(let a):
      var copy = a
      copy.storage = Array(numbers[next..<next + a.count])
      next += a.count
      return .array(copy)
    case .list(let items): return .list(items.map { rebuild($0, numbers, &next) })
    case .tuple(let items): return .tuple(items.map { rebuild($0, numbers, &next) })
    case .dict(var d):
      for k in 0..<d.count { d.modifyValue(at: k) { $0 = rebuild($0, numbers, &next) } }
      return .dict(d)
    default: return template
    }
  }

  /// The numbers of a gradient in the order `flatten` gives its parameter's,
  /// after checking that it has the parameter's structure: the same kinds,
  /// lengths and shapes. The error names the place and both shapes.
  static func aligned(_ grad: Value, like param: Value, path: String) throws -> [Double] {
    var out: [Double] = []
    try align(grad, like: param, path: path, into: &out)
    return out
  }

  private static func align(_ grad: Value, like param: Value, path: String, into out: inout [Double]) throws {
    let place = path.isEmpty ? "the parameter" : path
    switch (param, grad) {
    case (.number, _), (.bool, _):
      guard let x = grad.asNumber else { throw mismatch(place, "a number", GradCheck.describe(grad)) }
      out.append(x)
    case (.array(let a), .array(let b)):
      guard a.shape == b.shape else {
        throw mismatch(place, GradCheck.describe(param), GradCheck.describe(grad))
      }
      out += b.storage
    case (.list(let xs), .list(let ys)), (.tuple(let xs), .tuple(let ys)), (.list(let xs), .tuple(let ys)),
      (.tuple(let xs), .list(let ys)):
      guard xs.count == ys.count else {
        throw mismatch(place, GradCheck.describe(param), GradCheck.describe(grad))
      }
      for (i, (x, y)) in zip(xs, ys).enumerated() { try align(y, like: x, path: path + "[\(i)]", into: &out) }
    case (.dict(let p), .dict(let g)):
      // Matched by key, so the gradient's keys may come in another order.
      for (key, x) in zip(p.keys, p.values) {
        let place = path + "[\(Format.repr(key))]"
        guard let y = g[DictKey(unchecked: key)] else {
          throw OptError(.keyError, "gradcheck(): the gradient has no \(place), but the parameter has")
        }
        try align(y, like: x, path: place, into: &out)
      }
      if let extra = g.keys.first(where: { p.position(of: DictKey(unchecked: $0)) == nil }) {
        throw OptError(
          .keyError, "gradcheck(): the gradient has \(path)[\(Format.repr(extra))], but the parameter has not")
      }
    default:
      throw mismatch(place, GradCheck.describe(param), GradCheck.describe(grad))
    }
  }

  private static func mismatch(_ place: String, _ expected: String, _ got: String) -> OptError {
    OptError(
      .valueError,
      "gradcheck(): the gradient of \(place) is \(got), but \(place) is \(expected): it must have the same shape")
  }

  /// The subscript that reaches the `entry`-th number of `v`: `[3]`, `['W1'][2, 5]`.
  static func path(of entry: Int, in v: Value, prefix: String) -> String {
    var remaining = entry
    return prefix + (path(&remaining, v) ?? "")
  }

  private static func path(_ remaining: inout Int, _ v: Value) -> String? {
    switch v {
    case .number, .bool:
      if remaining == 0 { return "" }
      remaining -= 1
      return nil
    case .array(let a):
      guard remaining < a.count else {
        remaining -= a.count
        return nil
      }
      let index = zip(NumArray.strides(a.shape), a.shape).map { stride, length in (remaining / stride) % length }
      return "[" + index.map(String.init).joined(separator: ", ") + "]"
    case .list(let items), .tuple(let items):
      for (i, item) in items.enumerated() {
        if let rest = path(&remaining, item) { return "[\(i)]" + rest }
      }
      return nil
    case .dict(let d):
      for (key, item) in zip(d.keys, d.values) {
        if let rest = path(&remaining, item) { return "[\(Format.repr(key))]" + rest }
      }
      return nil
    default: return nil
    }
  }
}
