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
    let outputs = try session([
      "def f(x):\n    return 2*x + 1\n",
      "def g():\n    total = 0\n    for i in range(3):\n        total = total + f(i)\n    return total\n",
      "print(g())",
      "def f(x):\n    return x*x\n",
      "print(g())",
      "def f(x):\n    print('called', x)\n    return x\n",
      "print(g())",
    ])
    #expect(outputs[2] == "9\n")
    #expect(outputs[4] == "5\n")
    #expect(outputs[6] == "called 0\ncalled 1\ncalled 2\n3\n")
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
}
