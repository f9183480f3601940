/// The compiled form of code: a tree of Swift closures, one per syntax node,
/// each specialised when it is built for what it will do (a local slot read, a
/// number added to a number, a call with two arguments). Running a program is
/// calling the root closure with the frame; nothing is looked up by name and no
/// number is boxed.
public typealias Eval = (Frame) throws -> Value
/// A compiled statement: runs, and says whether control leaves its block.
public typealias Exec = (Frame) throws -> Flow
/// Stores a value into an assignment target.
typealias Store = (Frame, Value) throws -> Void
/// Gives in-place access to an assignment target, for `x[i] = v` and `xs.append(v)`.
typealias Modify = (Frame, (inout Value) throws -> Void) throws -> Void

/// A compiled expression kept in an array or an optional. Swift stores a bare
/// closure there in its most general form and pays two conversion thunks on
/// every call; inside a struct field the closure keeps its direct form.
struct ExprCode {
  let run: Eval
}

/// A compiled statement kept in an array (see `ExprCode`).
struct StmtCode {
  let run: Exec
}

/// A compiled assignment target kept in an array (see `ExprCode`).
struct StoreCode {
  let run: Store
}

/// Which top-level expression statements print their value.
public enum EchoMode: Sendable {
  /// Scripts: none.
  case none
  /// The prompt: every top-level expression statement whose value is not None.
  case all
  /// `-e CODE`: only a final expression statement.
  case last
}

/// A compiled unit of top-level code, ready to run in a runtime.
public struct CompiledUnit {
  let frameSize: Int
  let cellSlots: [Int]
  let body: Exec
}

/// Turns a resolved syntax tree into closures. One compiler compiles one unit;
/// it walks into function bodies, switching to their scope.
final class Compiler {
  unowned(unsafe) let runtime: Runtime
  let globals: Globals
  let resolver: Resolver
  var scope: Resolver.Scope
  /// The function being compiled, for error traces.
  var functionName = "<module>"
  var loopDepth = 0
  var inFunction = false
  /// Off while compiling the general code of an expression that has a numeric form.
  var numericEnabled = true
  /// While compiling a numeric body (see `NumericBody`): its slots that hold
  /// a number at this point, the parameters and the locals assigned so far.
  var numericSlots: Set<Int>?
  /// While a small numeric function is compiled into its call site
  /// (`numericUserCall`): where its names live, and its arguments.
  var inlining: InlineContext?
  /// How many bodies are being compiled into call sites, one inside another.
  var inlineDepth = 0
  /// The functions whose bodies those are, outermost first.
  var inlinedCodes: [FunctionCode] = []
  /// Expressions found to have no numeric form (see `numericOperand`).
  var notNumeric: Set<NodeKey> = []

  /// An expression of the unit, by where it is in the text.
  struct NodeKey: Hashable {
    let start: Int
    let end: Int
  }
  /// The functions the unit's top-level `def`s make, by name, as compiled so
  /// far: a call in a later function may compile one in place (`inlined`).
  var definedFunctions: [String: FunctionCode] = [:]
  /// Compile the bodies of top-level `def`s at their first call, for code known
  /// to compile (the prelude): a learner's code is compiled whole, so that
  /// its syntax errors show before it runs.
  var lazyBodies = false
  /// Slots whose values are known while compiling: a specialised rule's hyperparameters.
  var constants: [Int: Value] = [:]
  /// The top-level function being compiled, when its body cannot be given a
  /// numeric form (`fib`, with its `if`): a call of its own name in
  /// arithmetic (`fib(n - 1) + fib(n - 2)`) goes straight to the general path.
  var nonNumericFunction: String?

  init(runtime: Runtime, resolver: Resolver) {
    self.runtime = runtime
    self.globals = runtime.globals
    self.resolver = resolver
    self.scope = resolver.unit
  }

  /// Compiles a whole unit.
  static func compile(_ program: [Stmt], runtime: Runtime, echo: EchoMode, lazyBodies: Bool = false) throws
    -> CompiledUnit
  {
    let resolver = Resolver(program: program)
    let compiler = Compiler(runtime: runtime, resolver: resolver)
    compiler.lazyBodies = lazyBodies
    var codes: [StmtCode] = []
    for (i, stmt) in program.enumerated() {
      let echoThis = echo == .all || (echo == .last && i == program.count - 1)
      if echoThis, case .expression(let e) = stmt.kind {
        let value = try compiler.compile(e)
        let rt = runtime
        // As in Python's REPL, `_` is the last value shown.
        let underscore = runtime.globals.slot("_")
        let globals = runtime.globals
        codes.append(
          StmtCode { f in
            let v = try value(f)
            if !v.isNone {
              globals.set(underscore, v)
              let text = Format.repr(v)
              try Interrupt.check()
              if let echo = rt.echo { echo(text) } else { rt.output(text + "\n") }
            }
            return .normal
          })
      } else {
        codes.append(StmtCode(run: try compiler.compile(stmt)))
      }
    }
    for warning in resolver.warnings { runtime.warn(warning) }
    let layout = resolver.unitLayout
    return CompiledUnit(
      frameSize: layout.frameSize, cellSlots: layout.cellLocalSlots, body: Compiler.sequence(codes))
  }

  // MARK: Blocks

  /// Compiles expressions to keep in an array.
  func compileAll(_ exprs: [Expr]) throws -> [ExprCode] {
    try exprs.map { ExprCode(run: try compile($0)) }
  }

  func compileBlock(_ body: [Stmt]) throws -> Exec {
    var codes: [StmtCode] = []
    var run: [NumericAssignment] = []
    func endRun() {
      if !run.isEmpty { codes.append(StmtCode(run: Compiler.chain(run[...], numbers: runtime.numberStack))) }
      run = []
    }
    for stmt in body {
      if let assignment = try numericAssignment(stmt) {
        run.append(assignment)
        if run.count == Compiler.longestChain { endRun() }
        continue
      }
      endRun()
      codes.append(StmtCode(run: try compile(stmt)))
    }
    endRun()
    return Compiler.sequence(codes)
  }

  /// Runs statements in order until one leaves the block. The statements are
  /// joined in a balanced tree of pairs: no array of closures is read at run
  /// time, and the depth grows only with the logarithm of the count.
  static func sequence(_ codes: [StmtCode]) -> Exec {
    switch codes.count {
    case 0: return { _ in .normal }
    case 1: return codes[0].run
    case 2:
      let a = codes[0].run
      let b = codes[1].run
      return { f in
        let flow = try a(f)
        if flow != .normal { return flow }
        return try b(f)
      }
    case 3:
      let a = codes[0].run
      let b = codes[1].run
      let c = codes[2].run
      return { f in
        var flow = try a(f)
        if flow != .normal { return flow }
        flow = try b(f)
        if flow != .normal { return flow }
        return try c(f)
      }
    default:
      let half = codes.count / 2
      return sequence([
        StmtCode(run: sequence(Array(codes[..<half]))), StmtCode(run: sequence(Array(codes[half...]))),
      ])
    }
  }

  // MARK: Names

  /// The hint for an unknown name: the closest name defined anywhere in reach.
  func suggestion(for name: String) -> () -> String? {
    let local = Array(scope.knownNames)
    let globals = self.globals
    let modules = runtime.modules
    return {
      if name == "np" || name == "numpy" { return "import numpy as np first" }
      if modules[name] != nil { return "import \(name) first" }
      return Suggest.closest(to: name, among: local + globals.boundNames).map { "did you mean '\($0)'?" }
    }
  }

  func load(_ name: String, _ id: NameID, _ range: SourceRange) -> Eval {
    let inRule = scope.isRule
    switch resolver.place(of: id) {
    case .local(let slot):
      if let constant = constants[slot] { return { _ in constant } }
      if slot < scope.parameterCount { return { f in f[slot] } }
      return { f in
        let v = f[slot]
        if case .unbound = v { try Compiler.unboundLocal(name, range, inRule: inRule) }
        return v
      }
    case .cell(let slot):
      return { f in
        let v = Compiler.cell(f, slot).value
        if case .unbound = v { try Compiler.unboundLocal(name, range, inRule: inRule) }
        return v
      }
    case .global(let name):
      let globals = self.globals
      let index = globals.slot(name)
      let suggest = suggestion(for: name)
      return { _ in
        let v = globals.values[index]
        if case .unbound = v { try Compiler.undefinedName(name, range, suggest) }
        return v
      }
    }
  }

  @inline(never) static func undefinedName(_ name: String, _ range: SourceRange, _ suggest: () -> String?) throws {
    let shown = name.count > 60 ? String(name.prefix(60)) + "…" : name
    throw OptError(.nameError, "name '\(shown)' is not defined", at: range, hint: suggest())
  }

  @inline(__always) static func cell(_ f: Frame, _ slot: Int) -> Cell {
    guard case .object(let o) = f[slot] else { fatalError("slot \(slot) holds no cell") }
    return unsafeDowncast(o, to: Cell.self)
  }

  /// In a rule, `t` and the hyperparameters are read-only.
  func checkWritable(_ name: String, _ range: SourceRange) throws {
    guard scope.readOnly.contains(name) else { return }
    let what = name == "t" ? "the step number 't'" : "the hyperparameter '\(name)'"
    throw OptError(
      .syntaxError, "\(what) is read-only inside a rule", at: range,
      hint: "give the new value another name, e.g. \(name)_t = ...")
  }

  /// Where a loop puts each element: a local slot is written in place (no
  /// closure call per element, as for the lecture's `for x,y in zip(X,Y)`),
  /// any other target through its `store`.
  enum LoopTarget {
    case local(Int)
    case other(Store)

    @inline(__always) func put(_ f: Frame, _ v: Value) throws {
      switch self {
      case .local(let slot): (f + slot).assign(v)
      case .other(let store): try store(f, v)
      }
    }
  }

  func loopTarget(_ target: Expr) throws -> LoopTarget {
    if case .name(let name, let id) = target.kind, case .local(let slot) = resolver.place(of: id) {
      try checkWritable(name, target.range)
      return .local(slot)
    }
    return .other(try store(target))
  }

  func store(_ target: Expr) throws -> Store {
    switch target.kind {
    case .name(let name, let id):
      try checkWritable(name, target.range)
      switch resolver.place(of: id) {
      case .local(let slot): return { f, v in (f + slot).assign(v) }
      case .cell(let slot): return { f, v in Compiler.cell(f, slot).value = v }
      case .global(let name):
        let globals = self.globals
        let index = globals.slot(name)
        return { _, v in globals.set(index, v) }
      }
    case .index(let base, let index):
      let modify = try self.modify(base)
      let indexCode = try compile(index)
      let range = target.range
      return { f, v in
        let i = try indexCode(f)
        try modify(f) { container in
          do { try Subscripts.set(&container, i, v) } catch let e as OptError { throw e.locate(range) }
        }
      }
    case .tuple(let items), .list(let items):
      let stores = try items.map { StoreCode(run: try store($0)) }
      let count = items.count
      let range = target.range
      return { f, v in
        let elements = try Compiler.unpack(v, count: count, range: range)
        for (k, s) in stores.enumerated() { try s.run(f, elements[k]) }
      }
    default:
      throw OptError(.syntaxError, "cannot assign to this expression", at: target.range)
    }
  }

  /// Splits a value into exactly `count` parts for `a, b = value`.
  static func unpack(_ v: Value, count: Int, range: SourceRange) throws -> [Value] {
    let elements: Elements
    do { elements = try Elements(v) } catch {
      throw OptError(.typeError, "cannot unpack \(v.typeNameWithArticle) into \(count) names", at: range)
    }
    guard elements.count == count else {
      let what = elements.count < count ? "not enough" : "too many"
      throw OptError(
        .valueError, "\(what) values to unpack (expected \(count), got \(elements.count))", at: range)
    }
    return try elements.all
  }

  /// In-place access to a target: a variable is changed where it lives, so
  /// that `xs.append(v)` and `x[i] = v` do not copy the list.
  func modify(_ target: Expr) throws -> Modify { try place(target).modify }

  /// A target compiled once into both ways of using it: reading its value,
  /// and changing it in place. Its parts (the index in `W[i]`) are compiled
  /// once and shared, so a call that may do either compiles them once.
  func place(_ target: Expr) throws -> (read: Eval, modify: Modify) {
    switch target.kind {
    case .name(let name, let id):
      try checkWritable(name, target.range)
      let read = load(name, id, target.range)
      switch resolver.place(of: id) {
      case .local(let slot):
        return (
          read,
          { f, body in
            _ = try read(f)
            try body(&f[slot])
          }
        )
      case .cell(let slot):
        return (
          read,
          { f, body in
            _ = try read(f)
            try body(&Compiler.cell(f, slot).value)
          }
        )
      case .global(let name):
        let globals = self.globals
        let index = globals.slot(name)
        return (
          read,
          { f, body in
            _ = try read(f)
            try globals.modify(index, body)
          }
        )
      }
    case .index(let base, let index):
      let outer = try place(base)
      let indexCode = try compile(index)
      let range = target.range
      return (
        { f in
          let container = try outer.read(f)
          let i = try indexCode(f)
          do { return try Subscripts.get(container, i) } catch let e as OptError { throw e.locate(range) }
        },
        { f, body in
          let i = try indexCode(f)
          try outer.modify(f) { container in
            do { try Subscripts.modify(&container, i, body) } catch let e as OptError { throw e.locate(range) }
          }
        }
      )
    default:
      // A temporary: changing it in place has no lasting effect, as with values.
      let code = try compile(target)
      return (
        code,
        { f, body in
          var temporary = try code(f)
          try body(&temporary)
        }
      )
    }
  }

  /// Whether an expression names a place that can be changed in place.
  static func isPlace(_ e: Expr) -> Bool {
    switch e.kind {
    case .name: return true
    case .index(let base, _): return isPlace(base)
    default: return false
    }
  }
}
