/// The numeric fast path. A pure arithmetic expression — numbers, variables,
/// `+ - * / // % **`, unary minus, calls of math built-ins such as `np.exp`
/// or `sqrt`, and calls of user functions with a numeric body — is compiled a
/// second time into closures that compute a raw `Double`: no `Value` is made,
/// copied or released until the result.
///
/// The compiled code is speculative. When a variable turns out not to hold a
/// number (an array, a bool, an unbound name) or a name no longer means what
/// it meant, the leaf returns nil, every node above passes the nil on, and the
/// whole expression is evaluated again by the general path, which gives the
/// array result or the error with its place. Re-evaluating is safe because a
/// numeric expression has no side effects: the only user functions it calls
/// are numeric ones, whose bodies only assign their own locals.
typealias NumEval = (NumFrame) -> Double?

/// What numeric code reads: the frame of the function it runs in (its slots
/// may turn out not to hold numbers) and, inside a numeric function body, that
/// body's own slots on the runtime's number stack, which hold only numbers.
struct NumFrame {
  let values: Frame
  let numbers: UnsafeMutablePointer<Double>
}

/// `x = <arithmetic>` on a local, compiled: the slot, the value's numeric
/// form, and its general code for when the numeric form gives up.
struct NumericAssignment {
  let slot: Int
  let numeric: NumEval
  let general: Eval

  /// Stores the value: the number when the numeric form gives one, else
  /// what the general code gives.
  @inline(__always) func run(_ f: Frame, _ numbers: UnsafeMutablePointer<Double>) throws {
    if let x = numeric(NumFrame(values: f, numbers: numbers)) {
      if case .number = f[slot] { (f + slot).initialize(to: .number(x)) } else { (f + slot).assign(.number(x)) }
    } else {
      (f + slot).assign(try general(f))
    }
  }
}

/// The numeric calling convention of a user function whose body is
/// straight-line arithmetic: `name = expr` lines on locals, then `return
/// expr`. Its parameters arrive as raw numbers in its slots on the number
/// stack; a call from numeric code costs no `Value`, no frame and no reference
/// counting. The general body stays for every other call.
final class NumericBody {
  /// Slots on the number stack: the parameters, then the locals.
  let frameSize: Int
  let run: NumEval
  /// For a body that is one `return expr`: the expression, to be compiled into
  /// call sites instead of called.
  var template: InlineTemplate?

  init(frameSize: Int, run: @escaping NumEval) {
    self.frameSize = frameSize
    self.run = run
  }
}

/// A numeric function kept as its statements (`local = expr` lines, then
/// `return expr`) and the place of every name in them, so that a call site
/// can compile the body in place of the call: the parameters become the
/// call's arguments (slots or constants, read where they are). A body of one
/// `return` (the lecture's `f(w, b, x)`) leaves no call, frame or copy; one
/// with locals (`grad_w`'s `fx = f(w, b, x)`) keeps them in a scratch frame on
/// the number stack.
struct InlineTemplate {
  let steps: [(slot: Int, value: Expr)]
  let result: Expr
  let parameterCount: Int
  let frameSize: Int
  let places: [NameID: Resolver.Place]
  /// Its nodes (operators and calls): only a small body is compiled into its call sites.
  let size: Int
}

/// Whether a call site's global still holds the function compiled into the
/// site, looked at again only when the global's version changes.
final class InlineCheck {
  let code: FunctionCode
  var version = UInt64.max
  var holds = false

  init(_ code: FunctionCode) { self.code = code }

  func update(_ value: Value, _ version: UInt64) {
    holds = false
    if case .function(let fn) = value, fn.kind == .user {
      holds = unsafeDowncast(fn, to: UserFunction.self).code === code
    }
    self.version = version
  }
}

/// What `numericOperand` reads while a template is compiled into a call site.
struct InlineContext {
  let places: [NameID: Resolver.Place]
  let arguments: [Compiler.NumericOperandKind]
}

/// One line `local = expr` of a numeric body.
private struct NumericStep {
  let slot: Int
  let code: NumEval
}

extension Compiler {
  /// The numeric form of `e` when it is worth having: more than one node.
  func numericRoot(_ e: Expr) -> NumEval? {
    switch e.kind {
    case .binary: break
    case .unary(_, let operand): if case .number = operand.kind { return nil }
    case .call(_, let arguments, _): if arguments.isEmpty { return nil }
    default: return nil
    }
    return compileNumeric(e)?.code
  }

  /// `e`'s numeric form and its general code, or nil when numeric forms are
  /// off here or `e` has none. Inside an expression that has a numeric form,
  /// the parts need none of their own: the general code runs only when the
  /// numeric code gave up, so it is made with numeric forms off.
  func numericAndGeneral(_ e: Expr, general makeGeneral: () throws -> Eval) rethrows -> (
    numeric: NumEval, general: Eval
  )? {
    guard numericEnabled, let numeric = numericRoot(e) else { return nil }
    numericEnabled = false
    defer { numericEnabled = true }
    return (numeric, try makeGeneral())
  }

  /// The general code for `e`, with the numeric fast path in front when `e`
  /// is a pure arithmetic expression of more than one node.
  func withNumericFastPath(_ e: Expr, general makeGeneral: () throws -> Eval) rethrows -> Eval {
    guard let (numeric, general) = try numericAndGeneral(e, general: makeGeneral) else { return try makeGeneral() }
    let numbers = runtime.numberStack
    return { f in
      if let x = numeric(NumFrame(values: f, numbers: numbers)) { return .number(x) }
      return try general(f)
    }
  }

  /// A comparison of two numeric expressions, decided without making values.
  func numericComparison<O: ComparisonOperator>(
    _ op: O.Type, _ l: Expr, _ r: Expr, general makeGeneral: () throws -> Eval
  ) rethrows -> Eval {
    guard numericEnabled, let a = numericOperand(l), let b = numericOperand(r) else { return try makeGeneral() }
    numericEnabled = false
    defer { numericEnabled = true }
    let comparison = NumericComparison<O>(general: try makeGeneral(), numbers: runtime.numberStack)
    return NumericOperandKind.specialise(comparison, a, b).run
  }

  /// The numeric form of `e`, or nil when `e` is not a pure arithmetic expression.
  func compileNumeric(_ e: Expr) -> NumericCode? {
    guard let operand = numericOperand(e) else { return nil }
    switch operand {
    case .constant(let c): return NumericCode(code: { _ in c.x })
    case .slot(let s): return NumericCode(code: { f in s.number(f) })
    case .number(let s): return NumericCode(code: { f in s.number(f) })
    case .code(let c): return c
    }
  }

  /// The numeric calling convention for a function being compiled (the
  /// compiler is in its scope), or nil when its body is not straight-line
  /// arithmetic on numbers.
  func numericBody(_ decl: FunctionDecl, _ layout: Resolver.Layout) -> NumericBody? {
    guard layout.cellParameterSlots.isEmpty, layout.cellLocalSlots.isEmpty, layout.freeSlots.isEmpty,
      let last = decl.body.last, case .return(let result?) = last.kind
    else { return nil }
    let saved = numericSlots
    numericSlots = Set(0..<decl.parameters.count)
    defer { numericSlots = saved }
    var steps: [NumericStep] = []
    var stepExprs: [(slot: Int, value: Expr)] = []
    var places: [NameID: Resolver.Place] = [:]
    for stmt in decl.body.dropLast() {
      guard case .assign(let targets, let value) = stmt.kind, targets.count == 1,
        case .name(_, let id) = targets[0].kind, case .local(let slot) = resolver.place(of: id),
        let code = compileNumeric(value)?.code
      else { return nil }
      steps.append(NumericStep(slot: slot, code: code))
      stepExprs.append((slot, value))
      collectPlaces(value, into: &places)
      numericSlots?.insert(slot)
    }
    guard let resultCode = compileNumeric(result)?.code else { return nil }
    collectPlaces(result, into: &places)
    let frameSize = max(1, layout.frameSize)
    let template = InlineTemplate(
      steps: stepExprs, result: result, parameterCount: decl.parameters.count, frameSize: frameSize,
      places: places, size: stepExprs.reduce(nodeCount(result)) { $0 + nodeCount($1.value) })
    let body = numericBody(steps, resultCode, frameSize)
    body.template = template
    return body
  }

  /// Whether `decl`'s body has the shape a numeric body needs: `local = expr`
  /// lines, then `return expr` (the parts are checked when it is compiled).
  static func mayBeNumeric(_ decl: FunctionDecl) -> Bool {
    guard let last = decl.body.last, case .return(_?) = last.kind else { return false }
    return decl.body.dropLast().allSatisfy { stmt in
      guard case .assign(let targets, _) = stmt.kind, targets.count == 1, case .name = targets[0].kind else {
        return false
      }
      return true
    }
  }

  /// The numeric body that runs `steps`, then gives `result`.
  private func numericBody(_ steps: [NumericStep], _ result: @escaping NumEval, _ frameSize: Int) -> NumericBody {
    switch steps.count {
    case 0:
      return NumericBody(frameSize: frameSize, run: result)
    case 1:
      let (slot, code) = (steps[0].slot, steps[0].code)
      return NumericBody(frameSize: frameSize) { f in
        guard let x = code(f) else { return nil }
        f.numbers[slot] = x
        return result(f)
      }
    default:
      return NumericBody(frameSize: frameSize) { f in
        for step in steps {
          guard let x = step.code(f) else { return nil }
          f.numbers[step.slot] = x
        }
        return result(f)
      }
    }
  }

  /// Where each name in `e` lives, as this compiler's resolver says.
  private func collectPlaces(_ e: Expr, into places: inout [NameID: Resolver.Place]) {
    switch e.kind {
    case .name(_, let id): places[id] = resolver.place(of: id)
    case .binary(_, let l, let r):
      collectPlaces(l, into: &places)
      collectPlaces(r, into: &places)
    case .unary(_, let x): collectPlaces(x, into: &places)
    case .call(let callee, let arguments, _):
      collectPlaces(callee, into: &places)
      for a in arguments { collectPlaces(a, into: &places) }
    case .attribute(let base, _, _): collectPlaces(base, into: &places)
    default: break
    }
  }

  /// Where a name lives: in the function being compiled into a call site, or here.
  private func place(of id: NameID) -> Resolver.Place {
    inlining?.places[id] ?? resolver.place(of: id)
  }

  private func nodeCount(_ e: Expr) -> Int {
    switch e.kind {
    case .binary(_, let l, let r): return 1 + nodeCount(l) + nodeCount(r)
    case .unary(_, let x):
      if case .number = x.kind { return 1 }
      return 1 + nodeCount(x)
    case .call(_, let arguments, _): return 1 + arguments.reduce(0) { $0 + nodeCount($1) }
    default: return 1
    }
  }

  /// A numeric operand: a constant, a slot of the frame, a slot of a numeric
  /// body, or compiled numeric code.
  enum NumericOperandKind {
    case constant(NumericConstant)
    case slot(NumericSlot)
    case number(NumberSlot)
    case code(NumericCode)
  }

  /// `numericForm(of:)`, remembering where it fails. When a statement's
  /// root has no numeric form, its general code asks again for each part
  /// (`a*b` inside `xs[i] + a*b` still gets one): without the memo a long
  /// chain that fails at its far end, `x + "a" + 1 + 1 + ...`, was explored
  /// again from each of its nodes (quadratic). The memo holds only outside
  /// numeric bodies and inlined calls, where a slot's meaning is fixed.
  private func numericOperand(_ e: Expr) -> NumericOperandKind? {
    let remembers = inlining == nil && numericSlots == nil
    let key = NodeKey(start: e.range.start, end: e.range.end)
    if remembers && notNumeric.contains(key) { return nil }
    let form = numericForm(of: e)
    if form == nil && remembers { notNumeric.insert(key) }
    return form
  }

  private func numericForm(of e: Expr) -> NumericOperandKind? {
    switch e.kind {
    case .number(let x):
      return .constant(NumericConstant(x: x))
    case .name(_, let id):
      switch place(of: id) {
      case .local(let slot):
        // In a function compiled into its call site: a parameter is the call's argument.
        // (and one of its locals is a slot of the scratch frame it runs in).
        if let inlining {
          return slot < inlining.arguments.count ? inlining.arguments[slot] : .number(NumberSlot(slot: slot))
        }
        if let numericSlots {
          // In a numeric body: a parameter or a local assigned on an earlier line.
          guard numericSlots.contains(slot) else { return nil }
          return .number(NumberSlot(slot: slot))
        }
        if let constant = constants[slot] {
          guard case .number(let x) = constant else { return nil }
          return .constant(NumericConstant(x: x))
        }
        return .slot(NumericSlot(slot: slot))
      case .global(let name):
        let globals = self.globals
        let index = globals.slot(name)
        return .code(
          NumericCode(code: { _ in
            if case .number(let x) = globals.values[index] { return x }
            return nil
          }))
      case .cell: return nil
      }
    case .unary(let op, let operand):
      guard op != .invert, let inner = compileNumeric(operand)?.code else { return nil }
      if op == .plus { return .code(NumericCode(code: inner)) }
      return .code(
        NumericCode(code: { f in
          guard let x = inner(f) else { return nil }
          return -x
        }))
    case .binary(let op, let l, let r):
      guard let forms = op.row.numeric, let a = numericOperand(l), let b = numericOperand(r) else { return nil }
      if case .constant(let x) = a, case .constant(let y) = b {
        return .constant(NumericConstant(x: forms.apply(x.x, y.x)))
      }
      return .code(forms.numeric(a, b))
    case .call(let callee, let arguments, let keywords):
      guard keywords.isEmpty else { return nil }
      if (1...2).contains(arguments.count), let math = mathCallee(callee, arity: arguments.count) {
        return numericMathCall(math, arguments)
      }
      return numericUserCall(callee, arguments)
    default:
      return nil
    }
  }

  /// `sqrt(x)`, `np.power(b, t)`: a math built-in on numbers, found again
  /// when the global it depends on changes.
  private func numericMathCall(_ callee: MathCallee, _ arguments: [Expr]) -> NumericOperandKind? {
    let args = arguments.compactMap { numericOperand($0) }
    guard args.count == arguments.count else { return nil }
    if args.count == 1 { return .code(args[0].specialise(MathCall1(globals: globals, callee: callee))) }
    return .code(NumericOperandKind.specialise(MathCall2(globals: globals, callee: callee), args[0], args[1]))
  }

  /// `g(a, b)` where the global `g` is, when the call runs, a user function
  /// with a numeric body (see `NumericBody`). The site keeps the body it
  /// found with the global's version: a redefined `g` is found again at its
  /// next call, and one without a numeric body sends the expression to the
  /// general path, which calls it as any function.
  private func numericUserCall(_ callee: Expr, _ arguments: [Expr]) -> NumericOperandKind? {
    guard case .name(let name, let id) = callee.kind, case .global = place(of: id) else { return nil }
    // A function calling itself whose body has no numeric form (recursion with an `if`).
    if name == nonNumericFunction && inlining == nil { return nil }
    let globals = self.globals
    let index = globals.slot(name)
    // Only a name that may hold a user function: not a built-in or a value it holds now.
    var current: FunctionCode?
    switch globals.values[index] {
    case .unbound: break
    case .function(let fn) where fn.kind == .user: current = unsafeDowncast(fn, to: UserFunction.self).code
    default: return nil
    }
    // The function `name` will hold when this runs, as far as can be told
    // now: the one the unit's own `def` makes, else the one it holds now (in
    // the REPL). One known to have no numeric body is left to the general
    // path; should the name come to hold a numeric function, the general
    // path calls that too.
    let expected = definedFunctions[name] ?? current
    if let expected, expected.numeric == nil { return nil }
    let args = arguments.compactMap { numericOperand($0) }
    guard args.count == arguments.count else { return nil }
    let rt = runtime
    let cache = NumericCallCache(arity: args.count)
    let writeArguments = Compiler.argumentWriter(args[...])
    let call = NumericCode(code: { f in
      if globals.versions[index] != cache.version { cache.resolve(globals.values[index], globals.versions[index]) }
      // The cache holds the body: it is used here without reference counting.
      guard let found = cache.unretainedBody else { return nil }
      return found._withUnsafeGuaranteedRef { body in
        rt.withNumberFrame(body.frameSize) { base in
          guard writeArguments(f, base) else { return nil }
          return body.run(NumFrame(values: f.values, numbers: base))
        }
      }
    })
    // That function compiled in place of the call; whenever `name` holds
    // another function the call above runs instead.
    guard let code = expected, let inlined = inlined(code, args) else { return .code(call) }
    let (compiled, general) = (inlined.code, call.code)
    let check = InlineCheck(code)
    return .code(
      NumericCode(code: { f in
        if globals.versions[index] != check.version { check.update(globals.values[index], globals.versions[index]) }
        return check.holds ? compiled(f) : general(f)
      }))
  }

  /// The most nodes a body compiled into its call sites may have: the
  /// lecture's `grad_w` has 12. Bodies are inlined two levels deep, so a call
  /// site costs at most this many nodes squared, however large the program.
  static let largestInlinedBody = 32

  /// `code`'s numeric body compiled with `args` for its parameters, when it
  /// has one, is small, and every argument is a slot or a constant (an
  /// argument that is code would be computed once per use). Two levels deep at
  /// most (`grad_w` and the `f` it calls), and never into itself; a call below
  /// that stays a call.
  private func inlined(_ code: FunctionCode, _ args: [NumericOperandKind]) -> NumericCode? {
    guard inlineDepth < 2, let template = code.numeric?.template, template.parameterCount == args.count,
      template.size <= Compiler.largestInlinedBody, !inlinedCodes.contains(where: { $0 === code }),
      // A parameter given a new value inside is not the argument any more.
      !template.steps.contains(where: { $0.slot < template.parameterCount })
    else { return nil }
    for arg in args {
      switch arg {
      case .code: return nil
      // A body with locals runs in a scratch frame of its own, where the
      // caller's number slots cannot be read.
      case .number: if !template.steps.isEmpty { return nil }
      case .constant, .slot: break
      }
    }
    let saved = inlining
    inlining = InlineContext(places: template.places, arguments: args)
    inlineDepth += 1
    inlinedCodes.append(code)
    defer {
      inlining = saved
      inlineDepth -= 1
      inlinedCodes.removeLast()
    }
    if template.steps.isEmpty { return compileNumeric(template.result) }
    var steps: [NumericStep] = []
    for (slot, value) in template.steps {
      guard let code = compileNumeric(value)?.code else { return nil }
      steps.append(NumericStep(slot: slot, code: code))
    }
    guard let result = compileNumeric(template.result)?.code else { return nil }
    let body = numericBody(steps, result, template.frameSize).run
    let rt = runtime
    let size = template.frameSize
    // The locals live in a frame of their own; the arguments are read from
    // the caller's slots, which the frame switch leaves where they are.
    return NumericCode(code: { f in
      rt.withNumberFrame(size) { scratch in body(NumFrame(values: f.values, numbers: scratch)) }
    })
  }

  /// Evaluates numeric arguments into `base[0...]`, false if one gave up.
  /// The writers are chained, one closure per argument, each specialised for
  /// its argument's kind (a slot is read in place, not through a closure):
  /// any count takes one path, and no closure is read from an array (which
  /// would cost reference counting at every call).
  private static func argumentWriter(_ args: ArraySlice<NumericOperandKind>) -> ArgumentWriter {
    guard let first = args.first else { return { _, _ in true } }
    let rest = args.count == 1 ? nil : argumentWriter(args.dropFirst())
    let index = args.startIndex
    switch first {
    case .constant(let o): return link(o, index, rest)
    case .slot(let o): return link(o, index, rest)
    case .number(let o): return link(o, index, rest)
    case .code(let o): return link(o, index, rest)
    }
  }

  typealias ArgumentWriter = (NumFrame, UnsafeMutablePointer<Double>) -> Bool

  private static func link<O: NumericOperand>(_ o: O, _ index: Int, _ rest: ArgumentWriter?) -> ArgumentWriter {
    guard let rest else {
      return { f, base in
        guard let x = o.number(f) else { return false }
        base[index] = x
        return true
      }
    }
    return { f, base in
      guard let x = o.number(f) else { return false }
      base[index] = x
      return rest(f, base)
    }
  }

  /// For a call of a math built-in — a bare name (`sqrt`) or a module member
  /// (`np.exp`, `math.sqrt`) — the global the call depends on and a cache of
  /// the function it meant when that global last changed.
  private func mathCallee(_ callee: Expr, arity: Int) -> MathCallee? {
    let globals = self.globals
    let cache = MathCache()
    switch callee.kind {
    case .name(let name, let id):
      guard case .global = place(of: id), case .function(let f)? = runtime.builtin(name),
        let builtin = f as? Builtin, builtin.isNumeric(arity: arity)
      else { return nil }
      let index = globals.slot(name)
      return MathCallee(globalIndex: index, cache: cache) {
        cache.clear()
        if case .function(let current) = globals.values[index], current === builtin { cache.fill(builtin) }
        cache.version = globals.versions[index]
      }
    case .attribute(let base, let member, _):
      guard case .name(_, let id) = base.kind, case .global(let moduleName) = place(of: id) else {
        return nil
      }
      // Only names that are numeric built-ins in some module qualify.
      guard
        runtime.modules.values.contains(where: {
          if case .function(let f as Builtin)? = $0.members[member] { return f.isNumeric(arity: arity) }
          return false
        })
      else { return nil }
      let index = globals.slot(moduleName)
      return MathCallee(globalIndex: index, cache: cache) {
        cache.clear()
        if case .object(let module as Module) = globals.values[index],
          case .function(let f as Builtin)? = module.members[member]
        {
          cache.fill(f)
        }
        cache.version = globals.versions[index]
      }
    default:
      return nil
    }
  }

  static func numericBinary<O: NumericOperator>(_ op: O.Type, _ a: NumericOperandKind, _ b: NumericOperandKind)
    -> NumericCode
  {
    NumericOperandKind.specialise(BinaryArithmetic<O>(), a, b)
  }
}

/// Builds the numeric code of a node from operands whose kinds are known, so
/// that each combination of kinds gets a closure of its own (a slot read
/// inline, not through a closure per operand).
protocol OperandBuilder {
  func build<A: NumericOperand>(_ a: A) -> NumericCode
}

/// `OperandBuilder` for a node of two operands. What it builds is numeric
/// code, or, for a comparison, the general code that decides it.
protocol OperandPairBuilder {
  associatedtype Built
  func build<L: NumericOperand, R: NumericOperand>(_ l: L, _ r: R) -> Built
}

extension Compiler.NumericOperandKind {
  func specialise<B: OperandBuilder>(_ builder: B) -> NumericCode {
    switch self {
    case .constant(let a): return builder.build(a)
    case .slot(let a): return builder.build(a)
    case .number(let a): return builder.build(a)
    case .code(let a): return builder.build(a)
    }
  }

  static func specialise<B: OperandPairBuilder>(_ builder: B, _ l: Self, _ r: Self) -> B.Built {
    switch (l, r) {
    case (.constant(let x), .constant(let y)): return builder.build(x, y)
    case (.constant(let x), .slot(let y)): return builder.build(x, y)
    case (.constant(let x), .number(let y)): return builder.build(x, y)
    case (.constant(let x), .code(let y)): return builder.build(x, y)
    case (.slot(let x), .constant(let y)): return builder.build(x, y)
    case (.slot(let x), .slot(let y)): return builder.build(x, y)
    case (.slot(let x), .number(let y)): return builder.build(x, y)
    case (.slot(let x), .code(let y)): return builder.build(x, y)
    case (.number(let x), .constant(let y)): return builder.build(x, y)
    case (.number(let x), .slot(let y)): return builder.build(x, y)
    case (.number(let x), .number(let y)): return builder.build(x, y)
    case (.number(let x), .code(let y)): return builder.build(x, y)
    case (.code(let x), .constant(let y)): return builder.build(x, y)
    case (.code(let x), .slot(let y)): return builder.build(x, y)
    case (.code(let x), .number(let y)): return builder.build(x, y)
    case (.code(let x), .code(let y)): return builder.build(x, y)
    }
  }
}

/// `l OP r` on two numbers.
struct BinaryArithmetic<O: NumericOperator>: OperandPairBuilder {
  func build<L: NumericOperand, R: NumericOperand>(_ l: L, _ r: R) -> NumericCode {
    NumericCode(code: { f in
      guard let x = l.number(f), let y = r.number(f) else { return nil }
      return O.apply(x, y)
    })
  }
}

/// `l < r` (any comparison) of two numbers, made a bool without making a
/// value of either; when one is not a number, the general code decides.
struct NumericComparison<O: ComparisonOperator>: OperandPairBuilder {
  let general: Eval
  let numbers: UnsafeMutablePointer<Double>

  /// (In an `ExprCode`: a bare closure returned through the generic
  /// `specialise` would be wrapped in two conversion thunks, run at every call.)
  func build<L: NumericOperand, R: NumericOperand>(_ l: L, _ r: R) -> ExprCode {
    let (general, numbers) = (general, numbers)
    return ExprCode(run: { f in
      let nf = NumFrame(values: f, numbers: numbers)
      if let x = l.number(nf), let y = r.number(nf) { return .bool(O.test(x, y)) }
      return try general(f)
    })
  }
}

/// `sqrt(x)`: a math built-in of one number, found again when its global changes.
struct MathCall1: OperandBuilder {
  let globals: Globals
  let callee: MathCallee

  func build<A: NumericOperand>(_ a: A) -> NumericCode {
    let (globals, index, cache, resolve) = (globals, callee.globalIndex, callee.cache, callee.resolve)
    return NumericCode(code: { f in
      guard let x = a.number(f) else { return nil }
      if globals.versions[index] != cache.version { resolve() }
      return cache.function1?.apply(x)
    })
  }
}

/// `np.power(b, t)`: a math built-in of two numbers (see `MathCall1`).
struct MathCall2: OperandPairBuilder {
  let globals: Globals
  let callee: MathCallee

  func build<L: NumericOperand, R: NumericOperand>(_ l: L, _ r: R) -> NumericCode {
    let (globals, index, cache, resolve) = (globals, callee.globalIndex, callee.cache, callee.resolve)
    return NumericCode(code: { f in
      guard let x = l.number(f), let y = r.number(f) else { return nil }
      if globals.versions[index] != cache.version { resolve() }
      return cache.apply2(x, y)
    })
  }
}

/// The numeric body a user-function call site found, valid while the
/// function's global keeps `version`.
final class NumericCallCache {
  let arity: Int
  var version = UInt64.max
  /// Keeps the body alive while `unretainedBody` points at it.
  private var body: NumericBody?
  private(set) var unretainedBody: Unmanaged<NumericBody>?

  init(arity: Int) { self.arity = arity }

  func resolve(_ value: Value, _ version: UInt64) {
    body = nil
    if case .function(let fn) = value, fn.kind == .user {
      let code = unsafeDowncast(fn, to: UserFunction.self).code
      if code.parameterCount == arity { body = code.numeric }
    }
    unretainedBody = body.map { Unmanaged.passUnretained($0) }
    self.version = version
  }
}

/// What a numeric call site's callee depends on: one global (the function's
/// name, or the module's), and how to look the function up again after that
/// global changes.
struct MathCallee {
  let globalIndex: Int
  let cache: MathCache
  /// Looks the callee up again and refills the cache.
  let resolve: () -> Void
}

/// The math function a numeric call site found, valid while its global keeps `version`.
///
/// For a function of two numbers it also keeps the last arguments and result:
/// these functions are pure, and a call site often repeats its arguments —
/// the lecture's Adam computes `np.power(beta1, i+1)` for every data point
/// of epoch `i`. Arguments are compared bit for bit (so -0.0 is not 0.0, and
/// a nan never matches), so the result is exactly what the call would give.
final class MathCache {
  var version = UInt64.max
  var function1: MathFunction1?
  var function2: MathFunction2?
  private var lastArguments: (UInt64, UInt64)?
  private var lastResult = 0.0

  func clear() {
    function1 = nil
    function2 = nil
    lastArguments = nil
  }

  func fill(_ builtin: Builtin) {
    function1 = builtin.numeric1
    function2 = builtin.numeric2
    lastArguments = nil
  }

  /// `function2(x, y)`, from the last call when it had these arguments; nil without a function.
  @inline(__always) func apply2(_ x: Double, _ y: Double) -> Double? {
    if let (a, b) = lastArguments, a == x.bitPattern, b == y.bitPattern { return lastResult }
    guard let function = function2 else { return nil }
    lastResult = function.apply(x, y)
    lastArguments = (x.bitPattern, y.bitPattern)
    return lastResult
  }
}

/// An operand of the numeric fast path, specialised like `Operand`: nil
/// when the guess that it is a number was wrong.
protocol NumericOperand {
  func number(_ f: NumFrame) -> Double?
}

struct NumericConstant: NumericOperand {
  let x: Double
  @inline(__always) func number(_ f: NumFrame) -> Double? { x }
}

/// A slot of the frame; anything but a number in it sends the expression to the general path.
struct NumericSlot: NumericOperand {
  let slot: Int
  @inline(__always) func number(_ f: NumFrame) -> Double? {
    if case .number(let x) = f.values[slot] { return x }
    return nil
  }
}

/// A slot of a numeric body on the number stack: always a number.
struct NumberSlot: NumericOperand {
  let slot: Int
  @inline(__always) func number(_ f: NumFrame) -> Double? { f.numbers[slot] }
}

struct NumericCode: NumericOperand {
  let code: NumEval
  init(code: @escaping NumEval) { self.code = code }
  @inline(__always) func number(_ f: NumFrame) -> Double? { code(f) }
}
