/// Finds the numpy habit that value semantics silently defeat: a function
/// that changes a parameter in place (`W -= eta*dW`, `W[0] = 1`,
/// `xs.append(x)`) and never uses the changed value, expecting the caller's
/// variable to change. Here arguments are copies, so the change is lost; the
/// resolver reports it as a warning when the `def` is compiled.
///
/// A change is lost when the parameter is not *strongly live* after it: no
/// later read of it (a `return W`, a `print(W)`, a use in another expression)
/// can see it, other than reads that only feed further lost changes
/// (`W[i] = W[i] * 2` in a loop). The analysis runs backwards over the body,
/// one parameter at a time, with loops iterated to a fixed point. A parameter
/// that is rebound (`W = W.copy()`) or captured by an inner function is left
/// alone: its changes may well be meant.
struct LostChanges {
  /// The function's parameters whose every in-place change is lost, and
  /// where the first such change is.
  static func find(in decl: FunctionDecl) -> (parameters: [String], first: SourceRange)? {
    var lost: [(String, SourceRange)] = []
    for p in decl.parameters where !isRebound(p.name, in: decl.body) && !isCaptured(p.name, in: decl.body) {
      var analysis = LostChanges(name: p.name)
      _ = analysis.live(decl.body, after: false, loop: nil)
      let changes = analysis.changes.values
      guard !changes.isEmpty, changes.allSatisfy({ $0.lost }) else { continue }
      lost.append((p.name, changes.map(\.range).min { $0.start < $1.start }!))
    }
    guard let first = lost.map(\.1).min(by: { $0.start < $1.start }) else { return nil }
    return (lost.map(\.0), first)
  }

  /// The warning's words: what is lost, and how to return it.
  static func warning(for decl: FunctionDecl, parameters: [String], at range: SourceRange) -> Warning {
    let quoted = parameters.map { "'\($0)'" }
    let names =
      quoted.count == 1
      ? quoted[0] : quoted.dropLast().joined(separator: ", ") + " and " + quoted.last!
    let plural = parameters.count > 1
    let tuple = parameters.joined(separator: ", ")
    let call = "\(decl.name)(\(decl.parameters.map(\.name).joined(separator: ", ")))"
    let returned = returnedTexts(decl.body)
    let hint: String
    if returned.isEmpty {
      hint = "end \(decl.name) with `return \(tuple)` and call it as `\(tuple) = \(call)`"
    } else {
      hint =
        "return \(plural ? "them" : "it") as well, e.g. `return \(returned[0]), \(tuple)`, and unpack the result where you call \(decl.name)"
    }
    return Warning(
      "\(call) changes \(plural ? "its parameters" : "its parameter") \(names) in place, but the change does not reach the caller: arguments are copies (lists, arrays and dicts have value semantics)",
      at: range, hint: hint)
  }

  // MARK: The analysis of one parameter

  /// A change of the parameter, and whether it was lost (at the last pass over it).
  struct Change {
    let range: SourceRange
    var lost: Bool
  }

  /// Where `break` and `continue` go: whether the parameter is live there.
  struct Loop {
    let breakLive: Bool
    let continueLive: Bool
  }

  let name: String
  /// Keyed by the statement's start; a loop's later passes overwrite earlier ones.
  var changes: [Int: Change] = [:]

  init(name: String) { self.name = name }

  /// Whether the parameter is live before `body`, given whether it is live after it.
  mutating func live(_ body: [Stmt], after: Bool, loop: Loop?) -> Bool {
    var live = after
    for stmt in body.reversed() { live = liveBefore(stmt, after: live, loop: loop) }
    return live
  }

  private mutating func liveBefore(_ stmt: Stmt, after: Bool, loop: Loop?) -> Bool {
    switch stmt.kind {
    case .expression(let e):
      if case .call(let callee, _, _) = e.kind, case .attribute(let base, let method, _) = callee.kind,
        Members.changing.contains(method), isRooted(base)
      {
        // `W.append(x)`: a change; its arguments only feed it.
        note(stmt.range, lost: !after)
        return after
      }
      if case .call(let callee, let arguments, _) = e.kind, let first = arguments.first, isRooted(first),
        RandomLibrary.inPlace[Self.calledName(callee) ?? ""] != nil
      {
        // `np.random.shuffle(W)`: a change of its first argument, as `W.append(x)`.
        note(stmt.range, lost: !after)
        return after
      }
      return uses(e) || after
    case .assign(let targets, let value):
      if targets.contains(where: { isItemOfParameter($0) }) {
        note(stmt.range, lost: !after)
        return after
      }
      return uses(value) || targets.contains { uses($0) } || after
    case .augmentedAssign(let target, _, let value):
      if isNameOfParameter(target) || isItemOfParameter(target) {
        note(stmt.range, lost: !after)
        return after
      }
      return uses(target) || uses(value) || after
    case .return(let value):
      return value.map { uses($0) } ?? false
    case .if(let branches, let orElse):
      var live = self.live(orElse, after: after, loop: loop)
      for branch in branches {
        live = self.live(branch.body, after: after, loop: loop) || live
        live = uses(branch.condition) || live
      }
      return live
    case .for(let target, let iterable, let body, let orElse):
      let exit = self.live(orElse, after: after, loop: loop)
      var head = false
      while true {
        let inBody = self.live(body, after: head, loop: Loop(breakLive: after, continueLive: head))
        let next = exit || inBody || uses(target)
        if next == head { break }
        head = next
      }
      return uses(iterable) || head
    case .while(let condition, let body, let orElse):
      let exit = self.live(orElse, after: after, loop: loop)
      var head = false
      while true {
        let inBody = self.live(body, after: head, loop: Loop(breakLive: after, continueLive: head))
        let next = uses(condition) || exit || inBody
        if next == head { break }
        head = next
      }
      return head
    case .break: return loop?.breakLive ?? after
    case .continue: return loop?.continueLive ?? after
    case .assert(let condition, let message):
      return uses(condition) || (message.map { uses($0) } ?? false) || after
    case .function, .rule, .state, .pass, .global, .import, .fromImport:
      return after
    }
  }

  /// The name a call calls: `shuffle` for `shuffle(x)` and `np.random.shuffle(x)`.
  private static func calledName(_ callee: Expr) -> String? {
    switch callee.kind {
    case .name(let name, _): return name
    case .attribute(_, let name, _): return name
    default: return nil
    }
  }

  private mutating func note(_ range: SourceRange, lost: Bool) {
    changes[range.start] = Change(range: range, lost: lost)
  }

  /// `W` itself, as an assignment target.
  private func isNameOfParameter(_ target: Expr) -> Bool {
    if case .name(let n, _) = target.kind { return n == name }
    return false
  }

  /// `W[i]`, `W[i][j]`: an item of the parameter, as an assignment target.
  private func isItemOfParameter(_ target: Expr) -> Bool {
    if case .index(let base, _) = target.kind { return isRooted(base) }
    return false
  }

  /// `W`, or an item of it.
  private func isRooted(_ e: Expr) -> Bool {
    switch e.kind {
    case .name(let n, _): return n == name
    case .index(let base, _): return isRooted(base)
    default: return false
    }
  }

  /// Whether `e` reads the parameter.
  private func uses(_ e: Expr) -> Bool { LostChanges.occurs(name, in: [e]) }

  /// Whether `name` occurs in any of `exprs` or `body`, inner functions included.
  static func occurs(_ name: String, in exprs: [Expr], _ body: [Stmt] = []) -> Bool {
    var found = false
    let check: (Expr) -> Void = { x in
      if case .name(let n, _) = x.kind, n == name { found = true }
    }
    for x in exprs { Expr.visit(x, check) }
    Stmt.visit(body, expression: check)
    return found
  }

  /// Whether an inner function or lambda mentions `name`: it would see the changes.
  static func isCaptured(_ name: String, in body: [Stmt]) -> Bool {
    func mentions(_ decl: FunctionDecl) -> Bool {
      occurs(name, in: decl.parameters.compactMap(\.defaultValue), decl.body)
    }
    var captured = false
    Stmt.visit(
      body,
      statement: { stmt in
        if case .function(let decl) = stmt.kind, mentions(decl) { captured = true }
      },
      expression: { x in
        if case .lambda(let decl) = x.kind, mentions(decl) { captured = true }
      })
    return captured
  }

  /// Whether the body binds `name` anew: `name = ...`, `for name in ...`, `def name`.
  static func isRebound(_ name: String, in body: [Stmt]) -> Bool {
    func binds(_ target: Expr) -> Bool {
      switch target.kind {
      case .name(let n, _): return n == name
      case .tuple(let items), .list(let items): return items.contains(where: binds)
      default: return false
      }
    }
    for stmt in body {
      switch stmt.kind {
      case .assign(let targets, _): if targets.contains(where: binds) { return true }
      case .function(let decl): if decl.name == name { return true }
      case .rule(let decl): if decl.name == name { return true }
      case .import(_, let alias, _): if alias == name { return true }
      case .fromImport(_, let names, _): if names.contains(where: { $0.alias == name }) { return true }
      case .for(let target, _, let body, let orElse):
        if binds(target) || isRebound(name, in: body) || isRebound(name, in: orElse) { return true }
      case .while(_, let body, let orElse):
        if isRebound(name, in: body) || isRebound(name, in: orElse) { return true }
      case .if(let branches, let orElse):
        if branches.contains(where: { isRebound(name, in: $0.body) }) || isRebound(name, in: orElse) { return true }
      default: break
      }
    }
    return false
  }

  /// The source text of each `return <value>` in the body (not in inner functions).
  static func returnedTexts(_ body: [Stmt]) -> [String] {
    var texts: [String] = []
    for stmt in body {
      switch stmt.kind {
      case .return(let value?):
        let r = value.range
        texts.append(String(decoding: r.file.bytes[r.start..<r.end], as: UTF8.self))
      case .for(_, _, let body, let orElse), .while(_, let body, let orElse):
        texts += returnedTexts(body) + returnedTexts(orElse)
      case .if(let branches, let orElse):
        texts += branches.flatMap { returnedTexts($0.body) } + returnedTexts(orElse)
      default: break
      }
    }
    return texts
  }
}
