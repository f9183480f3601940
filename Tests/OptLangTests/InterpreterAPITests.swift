import Testing

@testable import OptLang

/// The public API the REPL is built on: whether an entry is complete,
/// completion, help, the user's variables, reset and source text.
@Suite struct InterpreterAPITests {
  func session(_ source: String = "") throws -> Interpreter {
    let interpreter = Interpreter(output: { _ in })
    if !source.isEmpty { try interpreter.run(source, name: "<repl>") }
    return interpreter
  }

  // MARK: inputStatus

  @Test(
    "entries that are complete",
    arguments: [
      "", "x = 1", "print(1)", "# just a comment", "x = 1  # note:", "def f(x):\n    return x\n",
      "if x:\n    y = 1\n\n", "if x:\n    y = 1\n    ", "s = 'http://a:b'", "xs[1:]",
      // Errors are complete, so that the REPL shows them at once.
      ")", "x = (1]",
    ])
  func complete(text: String) {
    #expect(Interpreter.inputStatus(text) == .complete, "\(text.debugDescription)")
  }

  @Test(
    "entries that need more lines",
    arguments: [
      "def f(x):", "f(1,", "xs = [1,\n  2", "s = '''abc", "x = 1 + \\", "if x:\n    y = 1",
      "for i in range(3):\n    if i:\n        print(i)", "while True:  # forever", "d = {", "f(\"\"\"a\nb",
    ])
  func incomplete(text: String) {
    #expect(Interpreter.inputStatus(text) == .incomplete, "\(text.debugDescription)")
  }

  @Test func anUnclosedSingleQuotedStringIsCompleteSoTheErrorShowsAtOnce() {
    // Regression test (a bug found and fixed): the REPL passes the lines typed so far
    // without a final newline. A '...' or "..." string can never continue on the next
    // line, so `s = 'abc` is a complete (wrong) entry, reported at once, as CPython's REPL does.
    #expect(Interpreter.inputStatus("s = 'abc") == .complete)
    #expect(Interpreter.inputStatus("print(\"hello)") == .complete)
    // With the newline the REPL does not send, it is already complete.
    #expect(Interpreter.inputStatus("s = 'abc\n") == .complete)
  }

  // MARK: completions

  @Test func completesBuiltinsKeywordsAndModules() throws {
    let s = try session()
    #expect(s.completions(for: "pri") == ["print"])
    #expect(s.completions(for: "lam") == ["lambda"])
    let ma = s.completions(for: "x = ma")
    #expect(ma.contains("max") && ma.contains("maximum") && ma.contains("math"))
    #expect(ma.allSatisfy { $0.hasPrefix("ma") })
    #expect(ma == ma.sorted())
    #expect(s.completions(for: "zzq") == [])
  }

  @Test func completesAttributesAfterADot() throws {
    let s = try session("import numpy as np\nxs = [1]\nname = 'adam'\n")
    #expect(s.completions(for: "np.lin") == ["np.linalg", "np.linspace"])
    #expect(
      s.completions(for: "y = np.random.ra")
        == ["np.random.rand", "np.random.randint", "np.random.randn", "np.random.random", "np.random.random_sample"])
    #expect(s.completions(for: "xs.ap") == ["xs.append"])
    #expect(s.completions(for: "name.up") == ["name.upper"])
    #expect(s.completions(for: "nothing.a") == [])
    #expect(s.completions(for: "np.zzz") == [])
  }

  @Test func completesTheUsersNamesButNotPrivateOnes() throws {
    let s = try session("learning_rate = 0.1\nlearning_steps = 3\n_hidden = 1\n")
    #expect(s.completions(for: "print(learn") == ["learning_rate", "learning_steps"])
    #expect(s.completions(for: "_hid") == [])
  }

  // MARK: help

  @Test func helpForABuiltin() throws {
    let s = try session()
    #expect(s.help(for: "sqrt") == "sqrt(x)\n\nSquare root. sqrt(-1) is nan, as in numpy.")
    #expect(s.help(for: "numpy.sqrt") == s.help(for: "sqrt"))
    #expect(s.help(for: "np") == nil)
    #expect(s.help(for: "no_such_name") == nil)
    try s.run("import numpy as np\n", name: "<repl>")
    #expect(s.help(for: "np.sqrt") == s.help(for: "sqrt"))
    #expect(s.help(for: "np")?.hasPrefix("module numpy: ") == true)
    #expect(s.help(for: "np.nothing") == nil)
  }

  @Test func helpForAUserFunctionShowsItsSignatureAndDocstring() throws {
    let source = """
      def loss(w, b=0):
          \"\"\"Squared error.

          Returns a number.
          \"\"\"
          return (w - b) ** 2
      def bare(x):
          return x
      """
    let s = try session(source)
    #expect(s.help(for: "loss") == "loss(w, b=0)\n\nSquared error.\n\nReturns a number.")
    #expect(
      s.help(for: "bare") == "bare(x)\n\n(no docstring: put a string on the first line of the body to document it)")
  }

  @Test func helpForARuleShowsItsSignature() throws {
    // SPEC §4: adam(eta=0.001, beta1=0.9, beta2=0.999, eps=1e-8, ...).
    let text = try #require(try session().help(for: "adam"))
    #expect(text.hasPrefix("adam(eta=0.001, beta1=0.9, beta2=0.999, eps=1e-8"))
  }

  @Test func helpInAProgramPrintsTheSameText() throws {
    try Opt.expectOutput("help(sqrt)\n", "sqrt(x)\n\nSquare root. sqrt(-1) is nan, as in numpy.\n")
  }

  // MARK: userVariables

  @Test func aFreshSessionHasNoUserVariables() throws {
    // Once listed ("nan", "nan"): `Globals.isBuiltin` compared numbers with ==,
    // and nan != nan (NOTES-repl.md #1; `Value.identical` now compares bit patterns).
    let s = try session()
    #expect(s.userVariables.map(\.name) == [])
  }

  @Test func userVariablesInTheOrderFirstSeenWithTheirValues() throws {
    let s = try session("x = 1\ndef f():\n    pass\nxs = [1, 2.5]\ns = 'a'\nsum = 3\n")
    let vars = s.userVariables
    #expect(vars.map(\.name).sorted() == ["f", "s", "sum", "x", "xs"])
    let userOrder = vars.map(\.name).filter { $0 != "sum" }
    #expect(userOrder == ["x", "f", "xs", "s"])
    let values = Dictionary(uniqueKeysWithValues: vars.map { ($0.name, $0.value) })
    #expect(values["x"] == "1")
    #expect(values["xs"] == "[1, 2.5]")
    #expect(values["s"] == "'a'")
    #expect(values["sum"] == "3")
    #expect(values["f"]?.hasPrefix("<function f") == true)
  }

  // MARK: reset

  @Test func resetForgetsDefinitionsAndRestoresBuiltins() throws {
    let box = OutputBox()
    let s = Interpreter(output: { box.text += $0 })
    try s.run("x = 1\nsum = 5\nseed(3)\ny = rand()\n", name: "<repl>")
    s.reset()
    #expect(s.userVariables.isEmpty)
    #expect(throws: OptError.self) { try s.run("print(x)\n", name: "<repl>") }
    try s.run("print(sum([1, 2]), rand())\n", name: "<repl>")
    // sum is the built-in again; the generator starts again from seed 0 (numpy: 0.5488135039273248).
    #expect(box.text == "3 0.5488135039273248\n")
    // The prelude's rules survive a reset.
    #expect(s.help(for: "adam") != nil)
  }

  // MARK: sourceText

  @Test func sourceTextOfAFunctionDefinedAtThePrompt() throws {
    let s = try session("def g(x):\n  return x * 2\n")
    #expect(s.sourceText(of: "g") == "def g(x):\n  return x * 2")
  }

  @Test func sourceTextOfAFunctionEndsWithItsBody() throws {
    // Once a bug: the function's range ran to the DEDENT token at the start of
    // the next statement's line, so the text took in the blank line and
    // `print(1)` after the body (NOTES-repl.md #2; Parser.range(from:) now
    // stops at the last token that is not NEWLINE, INDENT or DEDENT).
    let s = try session("def f(x):\n    return x * 2\n\nprint(1)\n")
    #expect(s.sourceText(of: "f") == "def f(x):\n    return x * 2")
    let atThePrompt = try session("def g(x):\n  return x\n\n")
    #expect(atThePrompt.sourceText(of: "g") == "def g(x):\n  return x")
  }

  @Test func sourceTextOfOtherNames() throws {
    let s = try session("x = 3\n")
    #expect(s.sourceText(of: "x") == nil)
    #expect(s.sourceText(of: "nothing") == nil)
    #expect(s.sourceText(of: "sqrt") == nil)
    // SPEC §4: `:source NAME` prints a rule's source, built-in rules included.
    let adagrad = try #require(s.sourceText(of: "adagrad"))
    #expect(adagrad.hasPrefix("rule adagrad("))
    #expect(adagrad.contains("state"))
  }

  // MARK: Sessions

  @Test func definitionsPersistAcrossRuns() throws {
    let box = OutputBox()
    let s = Interpreter(output: { box.text += $0 })
    try s.run("def double(x):\n    return 2 * x\n", name: "<repl:1>")
    try s.run("y = double(21)\n", name: "<repl:2>")
    try s.run("y\n", name: "<repl:3>", echo: .all)
    #expect(box.text == "42\n")
    // An error does not lose the session.
    #expect(throws: OptError.self) { try s.run("y +\n", name: "<repl:4>") }
    #expect(throws: OptError.self) { try s.run("undefined_thing\n", name: "<repl:5>") }
    try s.run("print(y)\n", name: "<repl:6>")
    #expect(box.text == "42\n42\n")
  }

  @Test func errorsNameTheEntryTheyCameFrom() throws {
    let s = try session()
    do {
      try s.run("1 +\n", name: "<repl:7>")
      Issue.record("expected a syntax error")
    } catch let error as OptError {
      #expect(error.range?.file.name == "<repl:7>")
      #expect(error.description.hasPrefix("<repl:7>:1:4: SyntaxError: "))
    }
  }

  @Test func closestNameSuggestsADefinedName() throws {
    let s = try session("learning_rate = 0.1\n")
    #expect(s.closestName(to: "lerning_rate") == "learning_rate")
    #expect(s.closestName(to: "qqqqqqqqqqqq") == nil)
  }

  @Test func onLargeStackReturnsTheValueAndRethrows() throws {
    #expect(try Interpreter.onLargeStack { 6 * 7 } == 42)
    #expect(throws: OptError.self) { try Interpreter.onLargeStack { throw OptError(.valueError, "x") } }
  }
}

/// Found by fuzzing: compiled code held its runtime strongly, so no interpreter was ever freed.
@Suite struct InterpreterLifetimeTests {
  @Test func aDroppedInterpreterFreesItsRuntime() throws {
    weak var runtime: Runtime?
    do {
      let interpreter = Interpreter(output: { _ in })
      try interpreter.run("def f(x):\n    return [y * 2 for y in range(x)]\nz = f(3)\nopt = adam(eta=0.1)\n", name: "t")
      runtime = interpreter.runtime
      #expect(runtime != nil)
    }
    #expect(runtime == nil, "the runtime outlived its interpreter")
  }

  // A call site keeps the function it called last time; a recursive
  // function's own call sites would keep it, its code and its runtime alive.
  static let recursive = [
    "def fib(n):\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\nz = fib(6)\n",
    "def down(n):\n    m = n - 1\n    if m > 0:\n        down(m)\n    return 0\nz = down(5)\n",
  ]

  @Test(arguments: recursive)
  func aRecursiveFunctionDoesNotKeepItsRuntime(_ source: String) throws {
    weak var runtime: Runtime?
    do {
      let interpreter = Interpreter(output: { _ in })
      try interpreter.run(source, name: "t")
      runtime = interpreter.runtime
    }
    #expect(runtime == nil, "the runtime outlived its interpreter")
  }

  @Test(arguments: recursive)
  func aResetFreesARecursiveFunction(_ source: String) throws {
    let interpreter = Interpreter(output: { _ in })
    try interpreter.run(source, name: "t")
    weak var function: UserFunction?
    if case .function(let f as UserFunction)? = interpreter.runtime.globals[
      source.hasPrefix("def fib") ? "fib" : "down"]
    {
      function = f
    }
    #expect(function != nil)
    interpreter.reset()
    #expect(function == nil, "the function outlived a reset")
    // The emptied call sites fill again.
    try interpreter.run(source, name: "t")
    #expect(interpreter.runtime.globals["z"].map(Format.repr) == (source.hasPrefix("def fib") ? "8" : "0"))
  }
}

/// Found by fuzzing: inputs that crashed or ran without end are clear errors.
@Suite struct FuzzFindingTests {
  static let cases: [(String, ErrorKind, String)] = [
    ("print(f\"{'x':>9223372036854775807}\")", .valueError, "too large"),
    ("print(f\"{1:999999999}\")", .valueError, "too large"),
    ("print(max(range(10**12)))", .memoryError, "limit"),
    ("x = range(10**12)[::2]", .memoryError, "limit"),
  ]

  @Test(arguments: 0..<cases.count)
  func findingIsAnError(_ i: Int) throws {
    let (source, kind, text) = Self.cases[i]
    let interpreter = Interpreter(output: { _ in })
    do {
      try Interpreter.onLargeStack { try interpreter.run(source, name: "finding") }
      Issue.record("expected \(kind.rawValue) for \(source)")
    } catch let error as OptError {
      #expect(error.kind == kind)
      #expect(error.message.contains(text), "\(error.message)")
      #expect(error.range != nil)
    }
  }

  @Test func membershipInAHugeRangeIsArithmetic() throws {
    var out = ""
    let interpreter = Interpreter(output: { out += $0 })
    try interpreter.run("print(999999999999999 in range(10**15), 2.5 in range(5), 7 in range(0, 10, 3))", name: "t")
    #expect(out == "True False False\n")
  }

  @Test func aLongUndefinedNameIsShortenedInTheMessage() throws {
    let interpreter = Interpreter(output: { _ in })
    let name = String(repeating: "q", count: 200_000)
    #expect(throws: OptError.self) { try interpreter.run("print(\(name))", name: "t") }
    do { try interpreter.run("print(\(name))", name: "t") } catch let e as OptError {
      #expect(e.message.count < 100)
      #expect(e.hint == nil)
    }
  }
}

/// The prelude and code run in a `Namespace` keep the built-ins they were
/// compiled with, whatever a program later binds to those names.
@Suite struct NamespaceTests {
  @Test func aProgramCannotChangeWhatABuiltInRuleComputes() throws {
    var text = ""
    let interpreter = Interpreter(output: { text += $0 })
    try interpreter.run("before = adagrad(0.1).step(1.0, 2.0)\ndef sqrt(x):\n    return 0\n", name: "<t>")
    try interpreter.run("print(adagrad(0.1).step(1.0, 2.0) == before, sqrt(4))", name: "<t>")
    #expect(text == "True 0\n")
  }

  @Test func namespacedCodeReadsItsOwnNamesAndTheSharedOnes() throws {
    var text = ""
    let interpreter = Interpreter(output: { text += $0 })
    let namespace = Namespace(prefix: "test:", shared: ["answer"])
    try interpreter.run("helper = 1\nanswer = 2\n", name: "<learner>")
    try interpreter.run(
      SourceFile(name: "<private>", text: "helper = 10\ndef f():\n    return helper + answer\n"), in: namespace)
    try interpreter.run("helper = 100\nanswer = 3\n", name: "<learner>")
    try interpreter.run(SourceFile(name: "<private>", text: "print(f())\n"), in: namespace)
    #expect(text == "13\n")
    #expect(interpreter.userVariables.map(\.name) == ["helper", "answer"])
    interpreter.clear(namespace)
    #expect(interpreter.value(of: "helper", in: namespace) == nil)
  }
}
