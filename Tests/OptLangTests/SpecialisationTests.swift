import Testing

@testable import OptLang

/// The compiler's guesses (a numeric body called from numeric code, a loop
/// over the built-in `zip`) must never be seen: a redefined function or
/// global, or a learner's own `zip`, takes effect at once, as in Python.
@Suite struct SpecialisationTests {
  /// Runs several inputs in one session, as the REPL does; returns what each printed.
  private func session(_ inputs: [String]) throws -> [String] {
    let box = OutputBox()
    let interpreter = Interpreter(output: { box.text += $0 })
    var outputs: [String] = []
    for input in inputs {
      box.text = ""
      try Interpreter.onLargeStack { try interpreter.run(input, name: "<stdin>") }
      outputs.append(box.text)
    }
    return outputs
  }

  @Test func aRedefinedFunctionIsSeenByALoopThatCalledTheOldOne() throws {
    // total = f(0) + f(1) + f(2): 1 + 3 + 5 with f(x) = 2x + 1; 0 + 1 + 4 with f(x) = x*x.
    // Then g is compiled again while f has no numeric body (its arithmetic
    // takes the general path, which still calls whatever f is): 0 + 1 + 2
    // with the printing f, then 0 + 1 + 8 with f(x) = x*x*x.
    let loop = "def g():\n    total = 0\n    for i in range(3):\n        total = total + f(i)\n    return total\n"
    let outputs = try session([
      "def f(x):\n    return 2*x + 1\n",
      loop,
      "print(g())",
      "def f(x):\n    return x*x\n",
      "print(g())",
      "def f(x):\n    print('called', x)\n    return x\n",
      "print(g())",
      loop,
      "print(g())",
      "def f(x):\n    return x*x*x\n",
      "print(g())",
    ])
    #expect(outputs[2] == "9\n")
    #expect(outputs[4] == "5\n")
    #expect(outputs[6] == "called 0\ncalled 1\ncalled 2\n3\n")
    #expect(outputs[8] == "called 0\ncalled 1\ncalled 2\n3\n")
    #expect(outputs[10] == "9\n")
  }

  /// A function whose body has no numeric form calls itself through the
  /// general path only (Compiler.nonNumericFunction); the name is still looked
  /// at on every call, so a new function bound to it is the one called.
  /// (Python: old(5) = fib(4) + fib(3) with the new fib = 40 + 30.)
  @Test func aRecursiveCallSeesTheFunctionItsNameHoldsNow() throws {
    try Opt.expectOutput(
      """
      def fib(n):
          if n < 2:
              return n
          return fib(n - 1) + fib(n - 2)
      print(fib(10))
      old = fib
      def fib(n):
          return n * 10.0
      print(old(5))

      """, "55\n70\n")
  }

  @Test func aRedefinedGlobalReadByANumericBodyIsSeen() throws {
    // h(3) = scale*3 + 1: 7 with scale = 2, 31 with scale = 10.
    let outputs = try session([
      "scale = 2\ndef h(x):\n    y = scale*x\n    return y + 1\n",
      "def g(x):\n    return h(x) + 0\n",
      "print(g(3))",
      "scale = 10",
      "print(g(3))",
    ])
    #expect(outputs[2] == "7\n")
    #expect(outputs[4] == "31\n")
  }

  @Test func aNumericBodyGivenArraysRunsTheGeneralPath() throws {
    // f([1, 2]) = 2*[1, 2] + 1 = [3, 5], element-wise as numpy; optrepl prints an array as its repr.
    try Opt.expectOutput(
      "import numpy as np\ndef f(x):\n    return 2*x + 1\nprint(f(np.array([1.0, 2.0])) + 0)\n",
      "array([3, 5])\n")
  }

  @Test func aFunctionThatCallsItselfForeverIsARecursionError() throws {
    let error = Opt.error("def r(x):\n    return r(x) + 1\nprint(r(1) + 1)\n")
    #expect(error?.kind == .recursionError)
  }

  @Test func aLearnersOwnZipWinsOverTheLoopFastPath() throws {
    // The learner's zip is defined after the function whose loop uses it is compiled.
    try Opt.expectOutput(
      """
      def g():
          for x, y in zip([5], [6]):
              print(x, y)
      def zip(a, b):
          return [(1, 2)]
      g()
      for x, y in zip([7], [8]):
          print(x, y)

      """, "1 2\n1 2\n")
  }

  @Test func theBuiltinLoopsAreRecognisedUnderAnotherName() throws {
    // Python: list(z([1, 2], [3, 4])) == [(1, 3), (2, 4)]; e(['a']) gives (0, 'a').
    try Opt.expectOutput(
      """
      z = zip
      e = enumerate
      for a, b in z([1, 2], [3, 4]):
          print(a, b)
      for k, s in e(['a']):
          print(k, s)

      """, "1 3\n2 4\n0 a\n")
  }

  // MARK: Runs of numeric assignments (`Compiler.chain`)

  @Test func aRunOfNumericAssignmentsFallsBackOneStatementAtATime() throws {
    // The middle statement meets an array: it alone takes the general path, and
    // the statements after it still see the numbers before them (Python: a = 3,
    // v = [3, 4] + 1 = [4, 5], c = 3 * 2 = 6; whole numbers print without a fraction, by the spec).
    try Opt.expectOutput(
      """
      import numpy as np
      def g(x, arr):
          a = x + 1
          v = arr + a - 2
          c = a * 2
          return a, v, c
      print(g(2, np.array([3.0, 4.0])))

      """, "(3, array([4, 5]), 6)\n")
  }

  /// Runs of every length a chain closure takes (1 to 4) and past it, with
  /// the array meeting each statement in turn: each run gives a + 1 per line,
  /// and the line that meets the array adds 10 instead, so whichever path each
  /// statement takes, the result is n + 9.
  @Test(arguments: 1...9)
  func aRunFallsBackAtEveryPositionAndKeepsItsOrder(_ n: Int) throws {
    for k in 1...n {
      let lines = (1...n).map { i in "    a\(i) = a\(i - 1) + \(i == k ? "y" : "1")" }.joined(separator: "\n")
      let program = """
        import numpy as np
        def g(x, y):
            a0 = x
        \(lines)
            return a\(n)
        print(g(0, 10), g(0, np.array([10.0]))[0])

        """
      try Opt.expectOutput(program, "\(n + 9) \(n + 9)\n")
    }
  }

  /// Comparisons of numbers in a function, with each operator and each kind
  /// of operand (a local, a constant, an expression), give what Swift's own
  /// comparison of the same Doubles gives, nan included; strings take the
  /// general path.
  @Test(arguments: [(1.0, 2.0), (2.0, 2.0), (3.0, 2.0), (Double.nan, 2.0)])
  func numericComparisonsOfEveryOperandKind(_ a: Double, _ b: Double) throws {
    let operators: [(String, (Double, Double) -> Bool)] = [
      ("<", { $0 < $1 }), ("<=", { $0 <= $1 }), (">", { $0 > $1 }), (">=", { $0 >= $1 }),
      ("==", { $0 == $1 }), ("!=", { $0 != $1 }),
    ]
    // (left, right, the values they stand for): b is always 2, so it can be a constant.
    let forms = [("a", "b"), ("a", "2"), ("2", "a"), ("a + 0", "b"), ("a", "b * 1"), ("a - 0", "b + 0")]
    var lines: [String] = []
    var expected: [String] = []
    for (symbol, test) in operators {
      for (left, right) in forms {
        lines.append("    r.append(\(left) \(symbol) \(right))")
        let (x, y) = left == "2" ? (b, a) : (a, b)
        expected.append(test(x, y) ? "True" : "False")
      }
    }
    let value = a.isNaN ? "float('nan')" : "\(a)"
    let program = """
      def g(a, b):
          r = []
      \(lines.joined(separator: "\n"))
          return r
      def h(a, b):
          return a < b
      print(g(\(value), \(b)))
      print(h(1, 2), h("abc", "abd"))

      """
    try Opt.expectOutput(program, "[\(expected.joined(separator: ", "))]\nTrue True\n")
  }

  @Test func anErrorInsideARunPointsAtItsOwnStatement() throws {
    let error = Opt.error(
      "def g(x):\n    a = x + 1\n    b = a - 'no'\n    c = b + 1\n    return c\nprint(g(1))\n")
    #expect(error?.kind == .typeError)
    #expect(error?.range?.file.lineAndColumn(of: error!.range!.start).line == 3)
  }

  @Test func aRunLongerThanOneChainIsSplitAndKeepsItsOrder() throws {
    // x0 = 1, then x(k) = x(k-1) + 1 for k up to 70: x70 = 71; each line depends on the last.
    let lines = (1...70).map { "    x\($0) = x\($0 - 1) + 1" }.joined(separator: "\n")
    try Opt.expectOutput("def g():\n    x0 = 1.0\n\(lines)\n    return x70\nprint(g())\n", "71\n")
  }

  @Test func anAugmentedAssignmentOfArithmeticTakesTheGeneralPathForAnArray() throws {
    // total starts as an array: [1, 2] + 2*3 = [7, 8]; then a number: 0 + 2*3 = 6.
    try Opt.expectOutput(
      """
      import numpy as np
      def twice(x):
          return 2*x
      def g(total):
          total += twice(3)
          return total
      print(g(np.array([1.0, 2.0])), g(0))

      """, "array([7, 8]) 6\n")
  }

  @Test func anAugmentedAssignmentOfAnUnboundLocalIsAnError() throws {
    let error = Opt.error("def g(x):\n    t += x * 2\n    return t\nprint(g(1))\n")
    #expect(error?.kind == .unboundLocalError)
  }

  @Test func loopTargetsOfEveryKindAreWritten() throws {
    // A local, a global, a list item and a nested tuple, as Python assigns them.
    try Opt.expectOutput(
      """
      items = [0, 0]
      def g():
          global last
          for i in range(2):
              items[i] = i + 10
          for last in [5, 6]:
              pass
          out = []
          for k, (a, b) in enumerate([(1, 2), (3, 4)]):
              out.append(k + a * b)
          return out
      print(g(), items, last)

      """, "[2, 13] [10, 11] 6\n")
  }

  /// A call's arguments go into the new frame one after another, left to
  /// right as Python evaluates them (Compiler.frameWriter); when one fails,
  /// those before it have run and the call has not, and the lists already in
  /// the frame are let go of with it.
  @Test func argumentsAreEvaluatedInOrderAndAFailureLeavesTheCallUnmade() throws {
    let prelude = """
      log = []
      def note(x):
          log.append(x)
          return x
      def h(a, b, c, d, e):
          log.append("h")
          return len(a) + b + c + d + e

      """
    try Opt.expectOutput(
      prelude + "print(h(note([1, 2]), note(2), note(3), note(4), note(5)), log)\n", "16 [[1, 2], 2, 3, 4, 5, 'h']\n")
    let box = OutputBox()
    let interpreter = Interpreter(output: { box.text += $0 })
    try Interpreter.onLargeStack { try interpreter.run(prelude, name: "prelude.opt") }
    let failing = "print(h(note([1]), note(2), log[99], note(4), 5))\n"
    let error = try #require(throws: OptError.self) {
      try Interpreter.onLargeStack { try interpreter.run(failing, name: "call.opt") }
    }
    #expect(error.kind == .indexError)
    // The frame the arguments went into is gone with the call.
    #expect(interpreter.runtime.sp == interpreter.runtime.stackBase)
    try Interpreter.onLargeStack { try interpreter.run("print(log)\n", name: "after.opt") }
    #expect(box.text == "[[1], 2]\n")
  }

  @Test func recursionDeeperThanTheFirstReadyStackStillWorks() throws {
    // 900 nested calls, each frame with 12 locals: more slots than are made ready at start-up.
    let locals = (0..<12).map { "    v\($0) = n" }.joined(separator: "\n")
    try Opt.expectOutput(
      "def r(n):\n\(locals)\n    if n == 0:\n        return 0\n    return r(n - 1) + 1\nprint(r(900))\n", "900\n")
  }
}
