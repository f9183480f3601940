/// The numeric fast path. A pure arithmetic expression — numbers, variables,
/// `+ - * / // % **`, unary minus, and calls of math built-ins such as
/// `np.exp` or `sqrt` — is compiled a second time into closures that compute
/// a raw `Double`: no `Value` is made, copied or released until the result.
///
/// The compiled code is speculative. When a variable turns out not to hold a
/// number (an array, a bool, an unbound name) or a name no longer means the
/// built-in it meant, the leaf sets `Runtime.numericFailed` and the whole
/// expression is evaluated again by the general path, which gives the array
/// result or the error with its place. Re-evaluating is safe because a
/// numeric expression has no side effects: it calls no user function.
typealias NumEval = (Frame) -> Double

extension Compiler {
  /// The general code for `e`, with the numeric fast path in front when `e`
  /// is a pure arithmetic expression of more than one node.
  /// The numeric form of `e` when it is worth having: more than one node.
  func numericRoot(_ e: Expr) -> NumEval? {
    guard nodeCount(e) > 1 else { return nil }
    return compileNumeric(e)?.code
  }

  func withNumericFastPath(_ e: Expr, general makeGeneral: () throws -> Eval) rethrows -> Eval {
    guard numericEnabled, let numeric = numericRoot(e) else { return try makeGeneral() }
    // Inside an expression that has a numeric form, the parts need none of
    // their own: the general code runs only when the numeric code gave up.
    numericEnabled = false
    defer { numericEnabled = true }
    let general = try makeGeneral()
    let rt = runtime
    return { f in
      let x = numeric(f)
      if !rt.numericFailed { return .number(x) }
      rt.numericFailed = false
      return try general(f)
    }
  }

  /// A comparison of two numeric expressions, decided without making values.
  func numericComparison<O: ComparisonOperator>(
    _ op: O.Type, _ l: Expr, _ r: Expr, general makeGeneral: () throws -> Eval
  ) rethrows -> Eval {
    guard numericEnabled, let a = compileNumeric(l)?.code, let b = compileNumeric(r)?.code else {
      return try makeGeneral()
    }
    numericEnabled = false
    defer { numericEnabled = true }
    let general = try makeGeneral()
    let rt = runtime
    return { f in
      let x = a(f)
      let y = b(f)
      if !rt.numericFailed { return .bool(O.test(x, y)) }
      rt.numericFailed = false
      return try general(f)
    }
  }

  /// The numeric form of `e`, or nil when `e` is not a pure arithmetic expression.
  func compileNumeric(_ e: Expr) -> NumericCode? {
    guard let operand = numericOperand(e) else { return nil }
    switch operand {
    case .constant(let c): return NumericCode(code: { _ in c.x })
    case .slot(let s): return NumericCode(code: { f in s.number(f) })
    case .code(let c): return c
    }
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

  /// A numeric operand: a constant, a local slot, or compiled numeric code.
  fileprivate enum NumericOperandKind {
    case constant(NumericConstant)
    case slot(NumericSlot)
    case code(NumericCode)
  }

  private func numericOperand(_ e: Expr) -> NumericOperandKind? {
    let rt = runtime
    switch e.kind {
    case .number(let x):
      return .constant(NumericConstant(x: x))
    case .name(_, let id):
      switch resolver.place(of: id) {
      case .local(let slot):
        if let constant = constants[slot] {
          guard case .number(let x) = constant else { return nil }
          return .constant(NumericConstant(x: x))
        }
        return .slot(NumericSlot(slot: slot, runtime: rt))
      case .global(let name):
        let globals = self.globals
        let index = globals.slot(name)
        return .code(
          NumericCode(code: { _ in
            if case .number(let x) = globals.values[index] { return x }
            rt.numericFailed = true
            return 0
          }))
      case .cell: return nil
      }
    case .unary(let op, let operand):
      guard op != .invert, let inner = compileNumeric(operand)?.code else { return nil }
      if op == .plus { return .code(NumericCode(code: inner)) }
      return .code(NumericCode(code: { f in -inner(f) }))
    case .binary(let op, let l, let r):
      guard op != .matmul && op != .bitAnd && op != .bitOr, let a = numericOperand(l), let b = numericOperand(r) else {
        return nil
      }
      if case .constant(let x) = a, case .constant(let y) = b {
        return .constant(NumericConstant(x: Operators.apply(op, x.x, y.x)))
      }
      switch op {
      case .add: return .code(Compiler.numericBinary(AddOperator.self, a, b))
      case .subtract: return .code(Compiler.numericBinary(SubtractOperator.self, a, b))
      case .multiply: return .code(Compiler.numericBinary(MultiplyOperator.self, a, b))
      case .divide: return .code(Compiler.numericBinary(DivideOperator.self, a, b))
      case .floorDivide: return .code(Compiler.numericBinary(FloorDivideOperator.self, a, b))
      case .modulo: return .code(Compiler.numericBinary(ModuloOperator.self, a, b))
      case .power: return .code(Compiler.numericBinary(PowerOperator.self, a, b))
      case .matmul, .bitAnd, .bitOr: return nil
      }
    case .call(let callee, let arguments, let keywords):
      guard keywords.isEmpty, (1...2).contains(arguments.count),
        let callee = mathCallee(callee, arity: arguments.count)
      else { return nil }
      let args = arguments.compactMap { compileNumeric($0) }
      guard args.count == arguments.count else { return nil }
      let globals = self.globals
      let (index, cache, resolve) = (callee.globalIndex, callee.cache, callee.resolve)
      if args.count == 1 {
        let a = args[0].code
        return .code(
          NumericCode(code: { f in
            let x = a(f)
            if globals.versions[index] == cache.version, let function = cache.function1 { return function.apply(x) }
            resolve()
            if let function = cache.function1 { return function.apply(x) }
            rt.numericFailed = true
            return 0
          }))
      }
      let (a, b) = (args[0].code, args[1].code)
      return .code(
        NumericCode(code: { f in
          let x = a(f)
          let y = b(f)
          if globals.versions[index] == cache.version, let function = cache.function2 { return function.apply(x, y) }
          resolve()
          if let function = cache.function2 { return function.apply(x, y) }
          rt.numericFailed = true
          return 0
        }))
    default:
      return nil
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
      guard case .global = resolver.place(of: id), case .function(let f)? = runtime.builtins[name],
        let builtin = f as? Builtin, builtin.isNumeric(arity: arity)
      else { return nil }
      let index = globals.slot(name)
      return MathCallee(globalIndex: index, cache: cache) {
        cache.clear()
        if case .function(let current) = globals.values[index], current === builtin { cache.fill(builtin) }
        cache.version = globals.versions[index]
      }
    case .attribute(let base, let member, _):
      guard case .name(_, let id) = base.kind, case .global(let moduleName) = resolver.place(of: id) else {
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

  fileprivate static func numericBinary<O: NumericOperator>(
    _ op: O.Type, _ a: NumericOperandKind, _ b: NumericOperandKind
  ) -> NumericCode {
    switch (a, b) {
    case (.constant(let x), .constant(let y)): return numericBinary(O.self, x, y)
    case (.constant(let x), .slot(let y)): return numericBinary(O.self, x, y)
    case (.constant(let x), .code(let y)): return numericBinary(O.self, x, y)
    case (.slot(let x), .constant(let y)): return numericBinary(O.self, x, y)
    case (.slot(let x), .slot(let y)): return numericBinary(O.self, x, y)
    case (.slot(let x), .code(let y)): return numericBinary(O.self, x, y)
    case (.code(let x), .constant(let y)): return numericBinary(O.self, x, y)
    case (.code(let x), .slot(let y)): return numericBinary(O.self, x, y)
    case (.code(let x), .code(let y)): return numericBinary(O.self, x, y)
    }
  }

  private static func numericBinary<O: NumericOperator, L: NumericOperand, R: NumericOperand>(
    _ op: O.Type, _ l: L, _ r: R
  ) -> NumericCode {
    NumericCode(code: { f in O.apply(l.number(f), r.number(f)) })
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
final class MathCache {
  var version = UInt64.max
  var function1: MathFunction1?
  var function2: MathFunction2?

  func clear() {
    function1 = nil
    function2 = nil
  }

  func fill(_ builtin: Builtin) {
    function1 = builtin.numeric1
    function2 = builtin.numeric2
  }
}

/// An operand of the numeric fast path, specialised like `Operand`.
protocol NumericOperand {
  func number(_ f: Frame) -> Double
}

struct NumericConstant: NumericOperand {
  let x: Double
  @inline(__always) func number(_ f: Frame) -> Double { x }
}

/// A local slot; anything but a number in it sends the expression to the general path.
struct NumericSlot: NumericOperand {
  let slot: Int
  unowned(unsafe) let runtime: Runtime
  @inline(__always) func number(_ f: Frame) -> Double {
    if case .number(let x) = f[slot] { return x }
    runtime.numericFailed = true
    return 0
  }
}

struct NumericCode: NumericOperand {
  let code: NumEval
  init(code: @escaping NumEval) { self.code = code }
  @inline(__always) func number(_ f: Frame) -> Double { code(f) }
}
