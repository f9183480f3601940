import Testing

@testable import OptLang

/// The resolver decides where each name lives, by Python's scope rules: a
/// name assigned in a function is local to the whole function; `global`
/// overrides that; a name an inner function reads from an enclosing
/// function lives in a cell; comprehension variables are the
/// comprehension's own. The expected places were worked out by hand from
/// those rules and the slot order the resolver documents (parameters first,
/// then assigned names in order, then hidden and captured slots as met).
@Suite struct ResolverTests {
  struct Resolved {
    let program: [Stmt]
    let resolver: Resolver
    /// Every name occurrence, in source order: "name place".
    let places: [String]

    /// The `def` (or lambda, by `<lambda>`) of that name, searched at any depth.
    func function(_ name: String) -> FunctionDecl? {
      let box = FoundBox()
      Walk.functions(program) { decl in if decl.name == name && box.decl == nil { box.decl = decl } }
      return box.decl
    }

    func layout(_ name: String) -> Resolver.Layout? { function(name).map { resolver.layout(of: $0) } }
  }

  final class FoundBox {
    var decl: FunctionDecl?
    var names: [(String, NameID, Int)] = []
  }

  func resolve(_ text: String) throws -> Resolved {
    let program = try Parser.parseProgram(SourceFile(name: "scope.opt", text: text))
    let resolver = Resolver(program: program)
    let box = FoundBox()
    Walk.names(program) { box.names.append(($0, $1, $2)) }
    let places = box.names.sorted { $0.2 < $1.2 }.map { name, id, _ in
      "\(name) \(Self.describe(resolver.place(of: id)))"
    }
    return Resolved(program: program, resolver: resolver, places: places)
  }

  static func describe(_ place: Resolver.Place) -> String {
    switch place {
    case .local(let slot): return "local \(slot)"
    case .cell(let slot): return "cell \(slot)"
    case .global(let name): return "global \(name)"
    }
  }

  @Test func topLevelNamesAreGlobal() throws {
    let r = try resolve("x = 1\nprint(x)\nfor i in range(3):\n    pass\n")
    #expect(r.places == ["x global x", "print global print", "x global x", "i global i", "range global range"])
    #expect(r.resolver.unitLayout.frameSize == 0)
  }

  @Test func parametersThenAssignedNamesGetSlots() throws {
    let r = try resolve("def f(a, b):\n    c = a + b\n    return c\n")
    #expect(r.places == ["c local 2", "a local 0", "b local 1", "c local 2"])
    let layout = try #require(r.layout("f"))
    #expect(layout.frameSize == 3)
    #expect(layout.cellParameterSlots.isEmpty && layout.cellLocalSlots.isEmpty && layout.freeSlots.isEmpty)
  }

  @Test func aNameAssignedAnywhereInAFunctionIsLocalEverywhereInIt() throws {
    // Python: reading x before the assignment is an UnboundLocalError, not the global.
    let r = try resolve("x = 0\ndef f():\n    print(x)\n    if False:\n        x = 1\n")
    #expect(r.places == ["x global x", "print global print", "x local 0", "x local 0"])
  }

  @Test func namesOnlyReadInAFunctionAreGlobal() throws {
    let r = try resolve("def f():\n    return y + len(z)\n")
    #expect(r.places == ["y global y", "len global len", "z global z"])
    #expect(r.layout("f")?.frameSize == 0)
  }

  @Test func globalDeclarationMakesAssignmentsGlobal() throws {
    let r = try resolve("def f():\n    global x\n    x = 1\n    x += 1\n    return x\n")
    #expect(r.places == ["x global x", "x global x", "x global x"])
    #expect(r.layout("f")?.frameSize == 0)
  }

  @Test func everyKindOfBindingMakesALocal() throws {
    let source = """
      def f(p):
          a = 1
          b, (c, d) = 2, (3, 4)
          for e in p:
              pass
          def g():
              pass
          import math
          from math import sqrt as root
          e += a
          return g
      """
    let r = try resolve(source)
    #expect(
      r.places == [
        "a local 1", "b local 2", "c local 3", "d local 4", "e local 5", "p local 0", "e local 5", "a local 1",
        "g local 6",
      ])
    #expect(r.layout("f")?.frameSize == 9)
    let scope = r.resolver.scope(of: try #require(r.function("f")))
    #expect(Self.describe(r.resolver.bindingPlace(of: "math", in: scope)) == "local 7")
    #expect(Self.describe(r.resolver.bindingPlace(of: "root", in: scope)) == "local 8")
    #expect(Self.describe(r.resolver.bindingPlace(of: "g", in: scope)) == "local 6")
  }

  @Test func aClosureCapturesAParameterInACell() throws {
    let source = """
      def outer(n):
          def inner(x):
              return x + n
          return inner
      """
    let r = try resolve(source)
    #expect(r.places == ["x local 0", "n cell 1", "inner local 1"])
    let outer = try #require(r.layout("outer"))
    #expect(outer.frameSize == 2)
    #expect(outer.cellParameterSlots == [0])
    #expect(outer.cellLocalSlots == [])
    let inner = try #require(r.layout("inner"))
    #expect(inner.frameSize == 2)
    #expect(inner.freeSlots == [1])
    #expect(inner.captureSourceSlots == [0])
    #expect(inner.cellParameterSlots == [] && inner.cellLocalSlots == [])
  }

  @Test func captureThroughAnIntermediateFunction() throws {
    let source = """
      def a():
          v = 1
          def b():
              def c():
                  return v
              return c
          return b
      """
    let r = try resolve(source)
    // v is a cell in a (slot 0), passed through b (its slot 1) to c (its slot 0).
    #expect(r.places == ["v cell 0", "v cell 0", "c local 0", "b local 1"])
    #expect(r.layout("a")?.cellLocalSlots == [0])
    #expect(r.layout("b")?.freeSlots == [1])
    #expect(r.layout("b")?.captureSourceSlots == [0])
    #expect(r.layout("c")?.freeSlots == [0])
    #expect(r.layout("c")?.captureSourceSlots == [1])
  }

  @Test func anInnerFunctionThatAssignsHasItsOwnLocal() throws {
    let source = """
      def outer():
          x = 1
          def inner():
              x = 2
              return x
          return inner() + x
      """
    let r = try resolve(source)
    #expect(r.places == ["x local 0", "x local 0", "x local 0", "inner local 1", "x local 0"])
    #expect(r.layout("outer")?.cellLocalSlots == [])
    #expect(r.layout("inner")?.freeSlots == [])
  }

  @Test func innerFunctionsReadGlobalsThatNoEnclosingFunctionAssigns() throws {
    let r = try resolve("def a():\n    def b():\n        return g\n    return b\n")
    #expect(r.places == ["g global g", "b local 0"])
    #expect(r.layout("b")?.freeSlots == [])
  }

  @Test func defaultsAreResolvedWhereTheDefSits() throws {
    let r = try resolve("def f(a=b):\n    return a\n")
    #expect(r.places == ["b global b", "a local 0"])
  }

  @Test func lambdaParametersAreLocalToTheLambda() throws {
    let r = try resolve("f = lambda a, b=2: a * b + c\n")
    #expect(r.places == ["f global f", "a local 0", "b local 1", "c global c"])
    #expect(r.layout("<lambda>")?.frameSize == 2)
  }

  @Test func comprehensionVariablesGetHiddenSlots() throws {
    let r = try resolve("def f(xs):\n    return [x * 2 for x in xs]\n")
    #expect(r.places == ["x local 1", "x local 1", "xs local 0"])
    #expect(r.layout("f")?.frameSize == 2)
  }

  @Test func comprehensionVariablesAtTopLevelDoNotBecomeGlobals() throws {
    let r = try resolve("ys = [x for x in range(3)]\nprint(x)\n")
    #expect(
      r.places == [
        "ys global ys", "x local 0", "x local 0", "range global range", "print global print", "x global x",
      ])
    #expect(r.resolver.unitLayout.frameSize == 1)
  }

  @Test func theFirstIterableIsResolvedOutsideTheComprehension() throws {
    // Python evaluates the outermost iterable in the enclosing scope.
    let r = try resolve("def f(x):\n    return [x for x in x]\n")
    #expect(r.places == ["x local 1", "x local 1", "x local 0"])
  }

  @Test func laterClausesSeeEarlierVariables() throws {
    let r = try resolve("def f(m):\n    return [(i, j) for i in m for j in range(i)]\n")
    #expect(
      r.places == ["i local 1", "j local 2", "i local 1", "m local 0", "j local 2", "range global range", "i local 1"])
  }

  @Test func aCapturedComprehensionVariableIsACellOfTheUnit() throws {
    let r = try resolve("fs = [lambda: i for i in range(3)]\n")
    #expect(r.places == ["fs global fs", "i cell 0", "i cell 0", "range global range"])
    #expect(r.resolver.unitLayout.cellLocalSlots == [0])
    #expect(r.layout("<lambda>")?.freeSlots == [0])
    #expect(r.layout("<lambda>")?.captureSourceSlots == [0])
  }

  @Test func namesInsideFStringsAreResolved() throws {
    let r = try resolve("def f(w):\n    return f'{w:.3f} {eta}'\n")
    #expect(r.places == ["w local 0", "eta global eta"])
  }

  @Test func ruleFramesHoldTheStepNamesHyperparametersAndState() throws {
    // SPEC §4: w, g, t, then the hyperparameters, then the state, then the
    // names assigned fresh each step; everything else is global.
    let source = """
      rule r(eta=0.1):
          state v = 0
          v = v + g
          tmp = eta * v / t
          w = w - tmp * lr_scale
      """
    let program = try Parser.parseProgram(SourceFile(name: "rule.opt", text: source))
    let resolver = Resolver(program: program)
    guard case .rule(let decl) = program[0].kind else {
      Issue.record("not a rule")
      return
    }
    let box = FoundBox()
    Walk.names(program) { box.names.append(($0, $1, $2)) }
    let places = box.names.sorted { $0.2 < $1.2 }.map { "\($0.0) \(Self.describe(resolver.place(of: $0.1)))" }
    #expect(
      places == [
        "v local 4", "v local 4", "g local 1", "tmp local 5", "eta local 3", "v local 4", "t local 2", "w local 0",
        "w local 0", "tmp local 5", "lr_scale global lr_scale",
      ])
    let scope = resolver.scope(of: decl)
    #expect(scope.stateSlots.map(\.name) == ["v"])
    #expect(scope.stateSlots.map(\.slot) == [4])
    #expect(scope.readOnly == ["t", "eta"])
    #expect(resolver.layout(of: decl).frameSize == 6)
  }

  @Test func hyperparametersAndTheStepNumberAreReadOnly() throws {
    let eta = try #require(Opt.error("rule r(eta=0.1):\n    eta = 1\n"))
    #expect(eta.kind == .syntaxError)
    #expect(eta.message == "the hyperparameter 'eta' is read-only inside a rule")
    #expect(eta.range?.line == 2)
    let t = try #require(Opt.error("rule r(eta=0.1):\n    t += 1\n"))
    #expect(t.message == "the step number 't' is read-only inside a rule")
  }

  @Test func resolvedScopesRunAsPythonsDo() throws {
    // The same rules seen from the outside.
    let source = """
      g = "global"
      def reader():
          return g
      def shadow():
          g = "local"
          return g
      def both():
          def inner():
              return n * 2
          n = 21
          return inner()
      print(reader(), shadow(), both(), g)
      """
    try Opt.expectOutput(source, "global local 42 global\n")
  }
}

/// Walks syntax trees (with `Stmt.visit`): every name occurrence (name, id,
/// byte offset) and every function.
enum Walk {
  static func names(_ body: [Stmt], _ visit: (String, NameID, Int) -> Void) {
    Stmt.visit(body) { x in
      if case .name(let name, let id) = x.kind { visit(name, id, x.range.start) }
    }
  }

  static func functions(_ body: [Stmt], _ visit: (FunctionDecl) -> Void) {
    Stmt.visit(
      body,
      statement: { s in
        if case .function(let decl) = s.kind { visit(decl) }
      },
      expression: { x in
        if case .lambda(let decl) = x.kind { visit(decl) }
      })
  }
}
