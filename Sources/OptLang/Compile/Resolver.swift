/// Decides, before anything runs, where every name lives: in a numbered slot
/// of the running function's frame, in a cell shared with closures, or in the
/// globals. The compiler turns these decisions into direct slot accesses, so
/// no local is ever looked up by name at run time.
///
/// Python's rules: a name assigned anywhere in a function is local to it
/// (unless declared `global`); a name an inner function uses from an
/// enclosing function is captured in a cell; comprehension variables are
/// local to the comprehension. Comprehensions run inline, so their variables
/// get hidden slots of the enclosing frame.
final class Resolver {
  /// Where a name occurrence lives.
  enum Place {
    case local(Int)
    /// A slot holding a `Cell`: a captured variable, or one captured by an inner function.
    case cell(Int)
    case global(String)
  }

  /// The frame layout of a function (or of the top-level code of a unit).
  struct Layout {
    var frameSize: Int
    var cellParameterSlots: [Int]
    var cellLocalSlots: [Int]
    var freeSlots: [Int]
    var captureSourceSlots: [Int]
  }

  /// One function's (or the unit's) names and slots while resolving.
  final class Scope {
    let isModule: Bool
    let parent: Scope?
    var slots: [String: Int] = [:]
    var slotCount = 0
    var parameterCount = 0
    var cellSlots = Set<Int>()
    var freeSlots: [String: Int] = [:]
    var freeOrder: [(slot: Int, sourceSlot: Int)] = []
    var globalNames = Set<String>()
    /// Comprehension variables in force, innermost last.
    var overlays: [[String: Int]] = []
    /// Every name known to be local here, for "did you mean".
    var knownNames = Set<String>()
    /// In a rule: the names the body may read but not assign (`t`, the hyperparameters).
    var readOnly = Set<String>()
    /// In a rule: the state variables and their slots, in declaration order.
    var stateSlots: [(name: String, slot: Int)] = []

    init(isModule: Bool, parent: Scope?) {
      self.isModule = isModule
      self.parent = parent
    }

    func newSlot() -> Int {
      slotCount += 1
      return slotCount - 1
    }

    func overlaySlot(_ name: String) -> Int? {
      for overlay in overlays.reversed() {
        if let slot = overlay[name] { return slot }
      }
      return nil
    }

    var layout: Layout {
      let cells = cellSlots.sorted()
      let free = Set(freeOrder.map(\.slot))
      return Layout(
        frameSize: slotCount,
        cellParameterSlots: cells.filter { $0 < parameterCount },
        cellLocalSlots: cells.filter { $0 >= parameterCount && !free.contains($0) },
        freeSlots: freeOrder.map(\.slot),
        captureSourceSlots: freeOrder.map(\.sourceSlot))
    }
  }

  /// What the resolver noticed that is legal but almost certainly a mistake
  /// (a lost in-place change of a parameter), for the compiler to report.
  private(set) var warnings: [Warning] = []
  private var places: [NameID: (Scope, Int)] = [:]
  private var globals: [NameID: String] = [:]
  private var scopes: [ObjectIdentifier: Scope] = [:]
  let unit: Scope

  /// Resolves a unit of top-level code (a file, a REPL entry, a cell).
  init(program: [Stmt]) {
    unit = Scope(isModule: true, parent: nil)
    collectGlobals(program, into: unit)
    walk(program, in: unit)
  }

  /// Where the name occurrence `id` lives.
  func place(of id: NameID) -> Place {
    if let name = globals[id] { return .global(name) }
    guard let (scope, slot) = places[id] else { return .global("?") }
    return scope.cellSlots.contains(slot) ? .cell(slot) : .local(slot)
  }

  /// Where a name bound by a statement (`def`, `import`) lives in `scope`.
  func bindingPlace(of name: String, in scope: Scope) -> Place {
    if !scope.isModule, let slot = scope.slots[name] {
      return scope.cellSlots.contains(slot) ? .cell(slot) : .local(slot)
    }
    return .global(name)
  }

  /// The layout of a `def`, `lambda` or `rule`.
  func layout(of decl: AnyObject) -> Layout { scopes[ObjectIdentifier(decl)]!.layout }
  var unitLayout: Layout { unit.layout }
  func scope(of decl: AnyObject) -> Scope { scopes[ObjectIdentifier(decl)]! }

  // MARK: Collecting the names a scope assigns

  private func collectGlobals(_ body: [Stmt], into scope: Scope) {
    for stmt in body {
      if case .global(let names) = stmt.kind { scope.globalNames.formUnion(names) }
    }
  }

  /// Gives a slot to every name the function body assigns (not looking into inner functions).
  private func declareLocals(_ body: [Stmt], in scope: Scope) {
    for stmt in body {
      switch stmt.kind {
      case .assign(let targets, _):
        for target in targets { declareTarget(target, in: scope) }
      case .augmentedAssign(let target, _, _): declareTarget(target, in: scope)
      case .function(let decl): declare(decl.name, in: scope)
      case .rule(let decl): declare(decl.name, in: scope)
      case .state(let name, _, _): declare(name, in: scope)
      case .for(let target, _, let body, let orElse):
        declareTarget(target, in: scope)
        declareLocals(body, in: scope)
        declareLocals(orElse, in: scope)
      case .while(_, let body, let orElse):
        declareLocals(body, in: scope)
        declareLocals(orElse, in: scope)
      case .if(let branches, let orElse):
        for branch in branches { declareLocals(branch.body, in: scope) }
        declareLocals(orElse, in: scope)
      case .import(_, let alias, _): declare(alias, in: scope)
      case .fromImport(_, let names, _):
        for entry in names where entry.alias != "*" { declare(entry.alias, in: scope) }
      case .global(let names): scope.globalNames.formUnion(names)
      default: break
      }
    }
  }

  private func declareTarget(_ target: Expr, in scope: Scope) {
    switch target.kind {
    case .name(let name, _): declare(name, in: scope)
    case .tuple(let items), .list(let items):
      for item in items { declareTarget(item, in: scope) }
    default: break
    }
  }

  private func declare(_ name: String, in scope: Scope) {
    scope.knownNames.insert(name)
    if scope.isModule || scope.globalNames.contains(name) || scope.slots[name] != nil { return }
    scope.slots[name] = scope.newSlot()
  }

  // MARK: Resolving uses

  private func resolve(_ name: String, _ id: NameID, in scope: Scope) {
    if let slot = scope.overlaySlot(name) {
      places[id] = (scope, slot)
    } else if !scope.isModule, let slot = scope.slots[name] {
      places[id] = (scope, slot)
    } else if scope.isModule || scope.globalNames.contains(name) {
      globals[id] = name
    } else if let slot = capturedSlot(for: name, in: scope) {
      places[id] = (scope, slot)
    } else {
      globals[id] = name
    }
  }

  /// The slot in `scope` holding the cell for `name` from an enclosing
  /// function, created on first use; nil when the name is global.
  private func capturedSlot(for name: String, in scope: Scope) -> Int? {
    if let slot = scope.freeSlots[name] { return slot }
    guard let parent = scope.parent, let sourceSlot = cellSlot(for: name, in: parent) else { return nil }
    let slot = scope.newSlot()
    scope.freeSlots[name] = slot
    scope.freeOrder.append((slot, sourceSlot))
    scope.cellSlots.insert(slot)
    return slot
  }

  /// The slot in `scope` that holds (or will hold) the cell of `name`.
  private func cellSlot(for name: String, in scope: Scope) -> Int? {
    if let slot = scope.overlaySlot(name) ?? (scope.isModule ? nil : scope.slots[name]) {
      scope.cellSlots.insert(slot)
      return slot
    }
    if scope.isModule || scope.globalNames.contains(name) { return nil }
    return capturedSlot(for: name, in: scope)
  }

  private func walk(_ body: [Stmt], in scope: Scope) {
    for stmt in body { walk(stmt, in: scope) }
  }

  private func walk(_ stmt: Stmt, in scope: Scope) {
    switch stmt.kind {
    case .expression(let e): walk(e, in: scope)
    case .assign(let targets, let value):
      walk(value, in: scope)
      for target in targets { walk(target, in: scope) }
    case .augmentedAssign(let target, _, let value):
      walk(target, in: scope)
      walk(value, in: scope)
    case .function(let decl):
      walkFunction(decl, in: scope)
    case .rule(let decl):
      walkRule(decl, in: scope)
    case .state(_, let value, _):
      walk(value, in: scope)
    case .return(let value):
      if let value { walk(value, in: scope) }
    case .if(let branches, let orElse):
      for branch in branches {
        walk(branch.condition, in: scope)
        walk(branch.body, in: scope)
      }
      walk(orElse, in: scope)
    case .for(let target, let iterable, let body, let orElse):
      walk(iterable, in: scope)
      walk(target, in: scope)
      walk(body, in: scope)
      walk(orElse, in: scope)
    case .while(let condition, let body, let orElse):
      walk(condition, in: scope)
      walk(body, in: scope)
      walk(orElse, in: scope)
    case .assert(let condition, let message):
      walk(condition, in: scope)
      if let message { walk(message, in: scope) }
    case .break, .continue, .pass, .global, .import, .fromImport: break
    }
  }

  private func walkFunction(_ decl: FunctionDecl, in scope: Scope) {
    for p in decl.parameters {
      if let d = p.defaultValue { walk(d, in: scope) }
    }
    let inner = Scope(isModule: false, parent: scope)
    scopes[ObjectIdentifier(decl)] = inner
    collectGlobals(decl.body, into: inner)
    for p in decl.parameters {
      inner.slots[p.name] = inner.newSlot()
      inner.knownNames.insert(p.name)
    }
    inner.parameterCount = decl.parameters.count
    declareLocals(decl.body, in: inner)
    walk(decl.body, in: inner)
    if !decl.isLambda, let lost = LostChanges.find(in: decl) {
      warnings.append(LostChanges.warning(for: decl, parameters: lost.parameters, at: lost.first))
    }
  }

  /// A rule's frame: `w`, `g`, `t`, the hyperparameters, the state variables,
  /// then the other names the body assigns (fresh each step).
  private func walkRule(_ decl: RuleDecl, in scope: Scope) {
    for p in decl.hyperparameters {
      if let d = p.defaultValue { walk(d, in: scope) }
    }
    let inner = Scope(isModule: false, parent: scope)
    scopes[ObjectIdentifier(decl)] = inner
    collectGlobals(decl.body, into: inner)
    for name in RuleDecl.stepNames + decl.hyperparameters.map(\.name) {
      inner.slots[name] = inner.newSlot()
      inner.knownNames.insert(name)
    }
    inner.parameterCount = inner.slotCount
    inner.readOnly = Set(["t"] + decl.hyperparameters.map(\.name))
    collectStates(decl.body, into: inner)
    declareLocals(decl.body, in: inner)
    walk(decl.body, in: inner)
  }

  /// Gives each `state` name its slot, in the order the declarations appear.
  private func collectStates(_ body: [Stmt], into scope: Scope) {
    for stmt in body {
      switch stmt.kind {
      case .state(let name, _, _) where scope.slots[name] == nil:
        let slot = scope.newSlot()
        scope.slots[name] = slot
        scope.knownNames.insert(name)
        scope.stateSlots.append((name, slot))
      case .if(let branches, let orElse):
        for branch in branches { collectStates(branch.body, into: scope) }
        collectStates(orElse, into: scope)
      case .for(_, _, let body, let orElse), .while(_, let body, let orElse):
        collectStates(body, into: scope)
        collectStates(orElse, into: scope)
      default: break
      }
    }
  }

  private func walk(_ expr: Expr, in scope: Scope) {
    switch expr.kind {
    case .number, .string, .bool, .none, .ellipsis: break
    case .fstring(let parts):
      for case .value(let e, _, _) in parts { walk(e, in: scope) }
    case .name(let name, let id): resolve(name, id, in: scope)
    case .list(let items), .tuple(let items):
      for item in items { walk(item, in: scope) }
    case .dict(let entries):
      for entry in entries {
        walk(entry.key, in: scope)
        walk(entry.value, in: scope)
      }
    case .unary(_, let operand), .not(let operand): walk(operand, in: scope)
    case .binary(_, let l, let r), .and(let l, let r), .or(let l, let r):
      walk(l, in: scope)
      walk(r, in: scope)
    case .compare(let first, let rest):
      walk(first, in: scope)
      for (_, e) in rest { walk(e, in: scope) }
    case .conditional(let c, let t, let e):
      walk(c, in: scope)
      walk(t, in: scope)
      walk(e, in: scope)
    case .call(let callee, let arguments, let keywords):
      walk(callee, in: scope)
      for a in arguments { walk(a, in: scope) }
      for k in keywords { walk(k.value, in: scope) }
    case .index(let base, let index):
      walk(base, in: scope)
      walk(index, in: scope)
    case .slice(let lower, let upper, let step):
      for part in [lower, upper, step] {
        if let part { walk(part, in: scope) }
      }
    case .attribute(let base, _, _): walk(base, in: scope)
    case .lambda(let decl): walkFunction(decl, in: scope)
    case .listComprehension(let element, let clauses):
      walkComprehension([element], clauses, in: scope)
    case .dictComprehension(let key, let value, let clauses):
      walkComprehension([key, value], clauses, in: scope)
    }
  }

  /// A comprehension's clauses, then its elements with the clauses' variables in force.
  private func walkComprehension(_ elements: [Expr], _ clauses: [ComprehensionClause], in scope: Scope) {
    // The first iterable is evaluated outside the comprehension's variables.
    var pushed = 0
    for clause in clauses {
      walk(clause.iterable, in: scope)
      var overlay: [String: Int] = [:]
      bindComprehensionTarget(clause.target, into: &overlay, scope: scope)
      scope.overlays.append(overlay)
      pushed += 1
      walk(clause.target, in: scope)
      for condition in clause.conditions { walk(condition, in: scope) }
    }
    for element in elements { walk(element, in: scope) }
    scope.overlays.removeLast(pushed)
  }

  private func bindComprehensionTarget(_ target: Expr, into overlay: inout [String: Int], scope: Scope) {
    switch target.kind {
    case .name(let name, _): overlay[name] = scope.newSlot()
    case .tuple(let items), .list(let items):
      for item in items { bindComprehensionTarget(item, into: &overlay, scope: scope) }
    default: break
    }
  }
}
