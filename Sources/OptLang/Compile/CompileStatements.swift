/// Compiling statements: assignment, control flow, definitions, imports.
extension Compiler {
  func compile(_ stmt: Stmt) throws -> Exec {
    let range = stmt.range
    switch stmt.kind {
    case .expression(let e):
      let code = try compile(e)
      return { f in
        Value.drop(try code(f))
        return .normal
      }

    case .assign(let targets, let value):
      return try compileAssignment(targets, value)

    case .augmentedAssign(let target, let op, let value):
      return try compileAugmentedAssignment(target, op, value, range)

    case .function(let decl):
      let make = try compileFunction(decl)
      let store = storeBinding(decl.name)
      return { f in
        try store(f, try make(f))
        return .normal
      }

    case .rule(let decl):
      let make = try compileRule(decl)
      let store = storeBinding(decl.name)
      return { f in
        try store(f, try make(f))
        return .normal
      }

    case .state(let name, let value, let nameRange):
      guard let slot = scope.stateSlots.first(where: { $0.name == name })?.slot else {
        guard scope.isRule else {
          throw OptError(.syntaxError, "'state' declarations belong in a rule body", at: nameRange)
        }
        let taken =
          name == "w"
          ? "the parameter w"
          : name == "g"
            ? "the gradient g"
            : name == "t"
              ? "the step number t"
              : "a hyperparameter"
        throw OptError(
          .syntaxError, "'\(name)' is already \(taken): a state variable needs a name of its own", at: nameRange)
      }
      let initial = try compile(value)
      // The first step finds the slot unbound and evaluates the initial value;
      // later steps bring the value kept from the step before.
      return { f in
        if case .unbound = f[slot] { f[slot] = try initial(f) }
        return .normal
      }

    case .return(let value):
      guard inFunction else {
        throw OptError(.syntaxError, "'return' outside a function", at: range)
      }
      if scope.isRule {
        throw OptError(
          .syntaxError, "a rule does not return its step: it changes the parameter by assigning w", at: range,
          hint: "write the step as an assignment, e.g. w = w - eta * g; w at the end of the body is the new w")
      }
      let rt = runtime
      guard let value else {
        return { _ in
          rt.returnValue = .none
          return .returned
        }
      }
      let code = try compile(value)
      return { f in
        rt.returnValue = try code(f)
        return .returned
      }

    case .if(let branches, let orElse):
      return try compileIf(branches, orElse)

    case .while(let condition, let body, let orElse):
      let test = try compile(condition)
      let conditionRange = condition.range
      loopDepth += 1
      let bodyCode = try compileBlock(body)
      loopDepth -= 1
      let elseCode = try compileBlock(orElse)
      let hasElse = !orElse.isEmpty
      return { f in
        while try Compiler.isTrue(try test(f), conditionRange) {
          if Interrupt.requested { try Interrupt.raise(at: range) }
          let flow = try bodyCode(f)
          if flow == .breakLoop { return .normal }
          if flow == .returned { return flow }
        }
        return hasElse ? try elseCode(f) : .normal
      }

    case .for(let target, let iterable, let body, let orElse):
      return try compileFor(target, iterable, body, orElse, range)

    case .break:
      guard loopDepth > 0 else { throw OptError(.syntaxError, "'break' outside a loop", at: range) }
      return { _ in .breakLoop }

    case .continue:
      guard loopDepth > 0 else { throw OptError(.syntaxError, "'continue' outside a loop", at: range) }
      return { _ in .continueLoop }

    case .pass, .global:
      return { _ in .normal }

    case .assert(let condition, let message):
      let test = try compile(condition)
      let messageCode = try message.map { try compile($0) }
      let conditionRange = condition.range
      return { f in
        if try Compiler.isTrue(try test(f), conditionRange) { return .normal }
        let text = try messageCode.map { Format.str(try $0(f)) } ?? "assertion failed"
        throw OptError(.assertionError, text, at: conditionRange)
      }

    case .import(let module, let alias, let moduleRange):
      let value = try importModule(module, moduleRange)
      let store = storeBinding(alias)
      return { f in
        try store(f, value)
        return .normal
      }

    case .fromImport(let moduleName, let names, let moduleRange):
      guard case .object(let module as Module) = try importModule(moduleName, moduleRange) else {
        return { _ in .normal }
      }
      var stores: [(Store, Value)] = []
      for entry in names {
        if entry.name == "*" {
          for (name, value) in module.members.sorted(by: { $0.key < $1.key }) {
            let index = globals.slot(name)
            let globals = self.globals
            stores.append(({ _, v in globals.set(index, v) }, value))
          }
          continue
        }
        guard let value = module.members[entry.name] else {
          let hint = Suggest.closest(to: entry.name, among: module.attributeNames).map { "did you mean '\($0)'?" }
          throw OptError(
            .importError, "cannot import '\(entry.name)' from '\(moduleName)'", at: entry.range, hint: hint)
        }
        stores.append((storeBinding(entry.alias), value))
      }
      return { f in
        for (store, value) in stores { try store(f, value) }
        return .normal
      }
    }
  }

  /// Stores into the variable a `def` or `import` binds in the current scope.
  private func storeBinding(_ name: String) -> Store {
    switch resolver.bindingPlace(of: name, in: scope) {
    case .local(let slot): return { f, v in (f + slot).assign(v) }
    case .cell(let slot): return { f, v in Compiler.cell(f, slot).value = v }
    case .global(let name):
      let globals = self.globals
      let index = globals.slot(name)
      return { _, v in globals.set(index, v) }
    }
  }

  private func importModule(_ name: String, _ range: SourceRange) throws -> Value {
    let canonical = name == "np" ? "numpy" : name
    if let module = runtime.modules[canonical] { return .object(module) }
    let available = runtime.modules.keys.sorted().joined(separator: ", ")
    var hint = "optrepl has these modules: \(available) (import numpy as np, import math)"
    if name == "numpy.random" || name == "numpy.linalg" {
      hint = "import numpy as np, then use np.\(name.dropFirst(6))"
    }
    throw OptError(.importError, "there is no module named '\(name)'", at: range, hint: hint)
  }

  // MARK: Assignment

  private func compileAssignment(_ targets: [Expr], _ value: Expr) throws -> Exec {
    // `a, b = x, y`: no tuple is built; every value is computed before any is stored.
    if targets.count == 1, case .tuple(let names) = targets[0].kind, case .tuple(let values) = value.kind,
      names.count == values.count
    {
      let stores = try names.map { StoreCode(run: try store($0)) }
      let codes = try compileAll(values)
      if codes.count == 2 {
        let (s0, s1, c0, c1) = (stores[0].run, stores[1].run, codes[0].run, codes[1].run)
        return { f in
          let v0 = try c0(f)
          let v1 = try c1(f)
          try s0(f, v0)
          try s1(f, v1)
          return .normal
        }
      }
      return { f in
        let vs = try codes.map { try $0.run(f) }
        for (k, s) in stores.enumerated() { try s.run(f, vs[k]) }
        return .normal
      }
    }
    if let assignment = try numericAssignment(targets, value) {
      return Compiler.chain([assignment][...], numbers: runtime.numberStack)
    }
    let code = try compile(value)
    if targets.count == 1 {
      if case .name(let name, let id) = targets[0].kind, case .local(let slot) = resolver.place(of: id) {
        try checkWritable(name, targets[0].range)
        return { f in
          (f + slot).assign(try code(f))
          return .normal
        }
      }
      let s = try store(targets[0])
      return { f in
        try s(f, try code(f))
        return .normal
      }
    }
    let stores = try targets.map { StoreCode(run: try store($0)) }
    return { f in
      let v = try code(f)
      for s in stores { try s.run(f, v) }
      return .normal
    }
  }

  /// `x = <arithmetic>` on a local: the parts of its compiled form, or nil
  /// for any other statement.
  func numericAssignment(_ stmt: Stmt) throws -> NumericAssignment? {
    guard case .assign(let targets, let value) = stmt.kind else { return nil }
    return try numericAssignment(targets, value)
  }

  private func numericAssignment(_ targets: [Expr], _ value: Expr) throws -> NumericAssignment? {
    guard targets.count == 1, case .name(let name, let id) = targets[0].kind,
      case .local(let slot) = resolver.place(of: id),
      let (numeric, general) = try numericAndGeneral(value, general: { try compile(value) })
    else { return nil }
    try checkWritable(name, targets[0].range)
    return NumericAssignment(slot: slot, numeric: numeric, general: general)
  }

  /// The most statements `chain` joins: each closure of four calls the next,
  /// so a longer run would nest a level deeper for every four statements.
  static let longestChain = 32

  /// Runs `x = <arithmetic>` statements one after another: the number goes
  /// straight into the slot, and no statement sequence sits between them (the
  /// lecture's Adam step is twelve of them). Four statements share a closure,
  /// which then calls the closure of the next four: a closure per statement
  /// cost a call, a context to unpack and a return each.
  static func chain(_ run: ArraySlice<NumericAssignment>, numbers: UnsafeMutablePointer<Double>) -> Exec {
    let start = run.startIndex
    switch run.count {
    case 0:
      return { _ in .normal }
    case 1:
      let a = run[start]
      return { f in
        try a.run(f, numbers)
        return .normal
      }
    case 2:
      let (a, b) = (run[start], run[start + 1])
      return { f in
        try a.run(f, numbers)
        try b.run(f, numbers)
        return .normal
      }
    case 3:
      let (a, b, c) = (run[start], run[start + 1], run[start + 2])
      return { f in
        try a.run(f, numbers)
        try b.run(f, numbers)
        try c.run(f, numbers)
        return .normal
      }
    default:
      let (a, b, c, d) = (run[start], run[start + 1], run[start + 2], run[start + 3])
      if run.count == 4 {
        return { f in
          try a.run(f, numbers)
          try b.run(f, numbers)
          try c.run(f, numbers)
          try d.run(f, numbers)
          return .normal
        }
      }
      let rest = chain(run.dropFirst(4), numbers: numbers)
      return { f in
        try a.run(f, numbers)
        try b.run(f, numbers)
        try c.run(f, numbers)
        try d.run(f, numbers)
        return try rest(f)
      }
    }
  }

  private func compileAugmentedAssignment(
    _ target: Expr, _ op: BinaryOperator, _ value: Expr, _ range: SourceRange
  ) throws -> Exec {
    if case .name(let name, _) = target.kind { try checkWritable(name, target.range) }
    if case .name(let name, let id) = target.kind, case .local(let slot) = resolver.place(of: id) {
      let read = load(name, id, target.range)
      // `total += <arithmetic>` (the lecture's `dw += grad_w(w,b,x,y)`): the
      // value is computed as a raw number and combined in the slot.
      if let forms = op.row.numeric,
        let (numeric, general) = try numericAndGeneral(value, general: { try compile(value) })
      {
        return forms.augmentLocalNumeric(slot, numeric, runtime.numberStack, read, general, range)
      }
      // `total += x` on a local: two numbers are combined in the slot.
      return Compiler.augmentLocal(op.row, slot, read, try compile(value), range)
    }
    let valueCode = try compile(value)
    if case .name(let name, let id) = target.kind {
      let read = load(name, id, target.range)
      let combined = binaryOperation(op, read, valueCode, range)
      let write = try store(target)
      return { f in
        try write(f, try combined(f))
        return .normal
      }
    }
    guard case .index(let base, let index) = target.kind else {
      throw OptError(.syntaxError, "'\(op.rawValue)=' needs a name or an item like a[i]", at: target.range)
    }
    let modify = try self.modify(base)
    let indexCode = try compile(index)
    let combine = op.row.value
    return { f in
      let i = try indexCode(f)
      let v = try valueCode(f)
      try modify(f) { container in
        do {
          let new = try combine(try Subscripts.get(container, i), v)
          try Subscripts.set(&container, i, new)
        } catch let e as OptError { throw e.locate(range) }
      }
      return .normal
    }
  }

  /// `total += x` on a local: two numbers are combined in the slot.
  private static func augmentLocal(
    _ row: OperatorRow, _ slot: Int, _ read: @escaping Eval, _ valueCode: @escaping Eval, _ range: SourceRange
  ) -> Exec {
    guard let forms = row.numeric else {
      return { f in
        let v = try valueCode(f)
        (f + slot).assign(try Compiler.slowBinary(row.op, try read(f), v, range))
        return .normal
      }
    }
    return forms.augmentLocal(slot, read, valueCode, range)
  }

  static func augmentLocal<O: NumericOperator>(
    _ op: O.Type, _ slot: Int, _ read: @escaping Eval, _ valueCode: @escaping Eval, _ range: SourceRange
  ) -> Exec {
    return { f in
      let v = try valueCode(f)
      if case .number(let x) = f[slot], case .number(let y) = v {
        (f + slot).initialize(to: .number(O.apply(x, y)))
        return .normal
      }
      let old = try read(f)
      (f + slot).assign(try Compiler.slowBinary(O.op, old, v, range))
      return .normal
    }
  }

  /// `local OP= <arithmetic>`: the value's numeric form first; the general
  /// path above when the slot or the value is not a number.
  static func augmentLocal<O: NumericOperator>(
    _ op: O.Type, _ slot: Int, numeric: @escaping NumEval, numbers: UnsafeMutablePointer<Double>,
    _ read: @escaping Eval, _ general: @escaping Eval, _ range: SourceRange
  ) -> Exec {
    let slow = augmentLocal(O.self, slot, read, general, range)
    return { f in
      if case .number(let x) = f[slot], let y = numeric(NumFrame(values: f, numbers: numbers)) {
        (f + slot).initialize(to: .number(O.apply(x, y)))
        return .normal
      }
      return try slow(f)
    }
  }

  // MARK: Control flow

  private func compileIf(_ branches: [(condition: Expr, body: [Stmt])], _ orElse: [Stmt]) throws -> Exec {
    // Branches whose condition is known now: a false one is dropped, a true one ends the chain.
    if branches.contains(where: { constantTruth($0.condition) != nil }) {
      var kept: [(condition: Expr, body: [Stmt])] = []
      for branch in branches {
        switch constantTruth(branch.condition) {
        case false?: continue
        case true?:
          if kept.isEmpty { return try compileBlock(branch.body) }
          return try compileIf(kept, branch.body)
        case nil: kept.append(branch)
        }
      }
      if kept.isEmpty { return try compileBlock(orElse) }
      return try compileIf(kept, orElse)
    }
    let tests = try compileAll(branches.map(\.condition))
    let ranges = branches.map(\.condition.range)
    let bodies = try branches.map { StmtCode(run: try compileBlock($0.body)) }
    let elseCode = try compileBlock(orElse)
    if tests.count == 1 {
      let test = tests[0].run
      let body = bodies[0].run
      let testRange = ranges[0]
      return { f in try Compiler.isTrue(try test(f), testRange) ? try body(f) : try elseCode(f) }
    }
    return { f in
      for k in 0..<tests.count where try Compiler.isTrue(try tests[k].run(f), ranges[k]) { return try bodies[k].run(f) }
      return try elseCode(f)
    }
  }

  /// Truthiness with the common case, a bool, decided inline.
  @inline(__always) static func isTrue(_ v: Value, _ range: SourceRange) throws -> Bool {
    if case .bool(let b) = v { return b }
    return try truthy(v, range)
  }

  /// Truthiness of anything else; an array's ambiguous truth is an error at the condition.
  @inline(never) static func truthy(_ v: Value, _ range: SourceRange) throws -> Bool {
    do { return try Operators.truthy(v) } catch let e as OptError { throw e.locate(range) }
  }

  /// A `for` loop. Loops over the built-ins `range`, `zip` and `enumerate`
  /// run without building the sequence or a tuple per step. The loop is
  /// recognised by what its callee's global holds when it is compiled, not
  /// by how it is spelled (`z = zip` qualifies, a learner's own `zip` does
  /// not), and it runs its fast path only while the global still holds it.
  private func compileFor(
    _ target: Expr, _ iterable: Expr, _ body: [Stmt], _ orElse: [Stmt], _ range: SourceRange
  ) throws -> Exec {
    let store = try loopTarget(target)
    loopDepth += 1
    let bodyCode = try compileBlock(body)
    loopDepth -= 1
    let elseCode = try compileBlock(orElse)
    let hasElse = !orElse.isEmpty
    let iterableCode = try compile(iterable)
    let iterableRange = iterable.range

    /// Runs the body for each of `count` elements; `bind(k)` stores element k.
    @inline(__always) func loop(_ f: Frame, _ count: Int, _ bind: (Int) throws -> Void) throws -> Flow {
      var k = 0
      while k < count {
        if Interrupt.requested { try Interrupt.raise(at: range) }
        try bind(k)
        let flow = try bodyCode(f)
        if flow == .breakLoop { return .normal }
        if flow == .returned { return flow }
        k += 1
      }
      return hasElse ? try elseCode(f) : .normal
    }

    let generic: Exec = { f in
      let sequence = try iterableCode(f)
      let elements: Elements
      do { elements = try Elements(sequence) } catch let e as OptError { throw e.locate(iterableRange) }
      return try loop(f, elements.count) { k in try store.put(f, elements[k]) }
    }

    guard case .call(let callee, let arguments, let keywords) = iterable.kind, keywords.isEmpty,
      case .name(let calleeName, let calleeID) = callee.kind, case .global = resolver.place(of: calleeID)
    else { return generic }
    let globals = self.globals
    let calleeSlot = globals.slot(calleeName)
    let builtin = globals.values[calleeSlot]
    let loopBuiltins = ["range", "zip", "enumerate"]
    guard case .function = builtin,
      let kind = loopBuiltins.first(where: { Value.identical(runtime.builtin($0) ?? .unbound, builtin) })
    else {
      return generic
    }
    let argumentCodes = try compileAll(arguments)
    @inline(__always) func stillBuiltin() -> Bool { Value.identical(globals.values[calleeSlot], builtin) }

    switch kind {
    case "range" where (1...3).contains(arguments.count):
      return { f in
        guard stillBuiltin() else { return try generic(f) }
        let bounds = try argumentCodes.map { try $0.run(f) }
        let r: RangeObject
        do { r = try Library.makeRange(bounds) } catch let e as OptError { throw e.locate(iterableRange) }
        return try loop(f, r.count) { k in try store.put(f, .number(r.element(k))) }
      }
    case "zip" where arguments.count >= 1:
      guard case .tuple(let parts) = target.kind, parts.count == arguments.count else { return generic }
      let partStores = try parts.map { try loopTarget($0) }
      return { f in
        guard stillBuiltin() else { return try generic(f) }
        var sequences: [Elements] = []
        for (j, code) in argumentCodes.enumerated() {
          do { sequences.append(try Elements(try code.run(f))) } catch let e as OptError {
            throw e.locate(arguments[j].range)
          }
        }
        let count = sequences.map(\.count).min() ?? 0
        if sequences.count == 2 {
          let (a, b, sa, sb) = (sequences[0], sequences[1], partStores[0], partStores[1])
          return try loop(f, count) { k in
            try sa.put(f, a[k])
            try sb.put(f, b[k])
          }
        }
        return try loop(f, count) { k in
          for j in 0..<sequences.count { try partStores[j].put(f, sequences[j][k]) }
        }
      }
    case "enumerate" where arguments.count == 1:
      guard case .tuple(let parts) = target.kind, parts.count == 2 else { return generic }
      let indexStore = try loopTarget(parts[0])
      let itemStore = try loopTarget(parts[1])
      let argumentRange = arguments[0].range
      return { f in
        guard stillBuiltin() else { return try generic(f) }
        let elements: Elements
        do { elements = try Elements(try argumentCodes[0].run(f)) } catch let e as OptError {
          throw e.locate(argumentRange)
        }
        return try loop(f, elements.count) { k in
          try indexStore.put(f, .number(Double(k)))
          try itemStore.put(f, elements[k])
        }
      }
    default:
      return generic
    }
  }

  // MARK: Functions

  /// A body that compiles itself at its first run (see `lazyBodies`), in
  /// the scope the function has now.
  private func lazyBody(_ decl: FunctionDecl) -> Exec {
    let (rt, resolver, scope) = (runtime, resolver, resolver.scope(of: decl))
    // Compiled later, but in the namespace the function was written in.
    let namespace = rt.globals.namespace
    let body = LazyBody {
      let globals = rt.globals
      let saved = globals.namespace
      globals.namespace = namespace
      defer { globals.namespace = saved }
      let compiler = Compiler(runtime: rt, resolver: resolver)
      compiler.scope = scope
      compiler.functionName = decl.name
      compiler.inFunction = true
      return try compiler.compileBlock(decl.body)
    }
    return { f in try body.run(f) }
  }

  /// Compiles a `rule` into code that makes the rule value: its body is a
  /// function of `w, g, t` and the hyperparameters, with the state variables
  /// in the slots after them.
  func compileRule(_ decl: RuleDecl) throws -> Eval {
    let defaultCodes = try compileAll(decl.hyperparameters.compactMap(\.defaultValue))
    let source = RuleSource(decl: decl, resolver: resolver, runtime: runtime)
    let code = try source.compile(constants: [:])
    let layout = resolver.layout(of: decl)
    let rt = runtime
    let sources = layout.captureSourceSlots
    let states = resolver.scope(of: decl).stateSlots
    let hyperparameterNames = decl.hyperparameters.map(\.name)
    return { f in
      let defaults = try defaultCodes.map { try $0.run(f) }
      let captured = sources.map { Compiler.cell(f, $0) }
      let function = UserFunction(code: code, defaults: [], captured: captured, runtime: rt)
      return .function(
        Rule(
          function: function, source: source, hyperparameterNames: hyperparameterNames, defaults: defaults,
          states: states))
    }
  }

  /// Compiles a `def` or `lambda` into code that makes the function value:
  /// evaluates the defaults and captures the enclosing cells.
  func compileFunction(_ decl: FunctionDecl) throws -> Eval {
    let defaultCodes = try compileAll(decl.parameters.compactMap(\.defaultValue))
    let layout = resolver.layout(of: decl)
    let saved = (scope, functionName, loopDepth, inFunction, nonNumericFunction)
    scope = resolver.scope(of: decl)
    functionName = decl.name
    loopDepth = 0
    nonNumericFunction = !inFunction && !Compiler.mayBeNumeric(decl) ? decl.name : nil
    inFunction = true
    defer { (scope, functionName, loopDepth, inFunction, nonNumericFunction) = saved }
    let code = FunctionCode(
      name: decl.name, parameterNames: decl.parameters.map(\.name), frameSize: layout.frameSize,
      cellParameterSlots: layout.cellParameterSlots, cellLocalSlots: layout.cellLocalSlots,
      freeSlots: layout.freeSlots, captureSourceSlots: layout.captureSourceSlots,
      docstring: decl.docstring, signature: decl.signature, range: decl.range,
      body: lazyBodies ? lazyBody(decl) : try compileBlock(decl.body))
    if !lazyBodies { code.numeric = numericBody(decl, layout) }
    if !saved.3 { definedFunctions[decl.name] = code }
    let rt = runtime
    let sources = layout.captureSourceSlots
    if defaultCodes.isEmpty && sources.isEmpty {
      return { _ in .function(UserFunction(code: code, defaults: [], captured: [], runtime: rt)) }
    }
    return { f in
      let defaults = try defaultCodes.map { try $0.run(f) }
      let captured = sources.map { Compiler.cell(f, $0) }
      return .function(UserFunction(code: code, defaults: defaults, captured: captured, runtime: rt))
    }
  }
}

/// What a rule was compiled from, kept so that an optimizer can have the
/// body compiled again with its hyperparameters as constants.
final class RuleSource {
  let decl: RuleDecl
  let resolver: Resolver
  unowned(unsafe) let runtime: Runtime
  /// The namespace the rule was written in: its body is compiled again in it.
  let namespace: Namespace?

  init(decl: RuleDecl, resolver: Resolver, runtime: Runtime) {
    self.decl = decl
    self.resolver = resolver
    self.runtime = runtime
    self.namespace = runtime.globals.namespace
  }

  /// The body as a function of `w, g, t` and the hyperparameters; slots in
  /// `constants` are compiled as the values given.
  func compile(constants: [Int: Value]) throws -> FunctionCode {
    let globals = runtime.globals
    let saved = globals.namespace
    globals.namespace = namespace
    defer { globals.namespace = saved }
    let compiler = Compiler(runtime: runtime, resolver: resolver)
    compiler.scope = resolver.scope(of: decl)
    compiler.functionName = decl.name
    compiler.inFunction = true
    compiler.constants = constants
    let layout = resolver.layout(of: decl)
    return FunctionCode(
      name: decl.name, parameterNames: RuleDecl.stepNames + decl.hyperparameters.map(\.name),
      frameSize: layout.frameSize, cellParameterSlots: layout.cellParameterSlots,
      cellLocalSlots: layout.cellLocalSlots, freeSlots: layout.freeSlots,
      captureSourceSlots: layout.captureSourceSlots, docstring: decl.docstring, signature: decl.signature,
      range: decl.range, body: try compiler.compileBlock(decl.body))
  }
}

/// A function body compiled at its first run.
private final class LazyBody {
  private var compiled: Exec?
  private let make: () throws -> Exec

  init(_ make: @escaping () throws -> Exec) { self.make = make }

  func run(_ f: Frame) throws -> Flow {
    if let compiled { return try compiled(f) }
    let code = try make()
    compiled = code
    return try code(f)
  }
}
