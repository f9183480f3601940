import Testing

@testable import OptLang

/// The warning for a lost in-place change of a parameter: given when the
/// `def` is compiled, before anything runs, whether or not it is ever called.
@Suite struct LostChangesTests {
  /// Runs `source` in one session; returns everything written, warnings and output in order.
  static func transcript(_ entries: [String]) throws -> String {
    let box = OutputBox()
    let interpreter = Interpreter(output: { box.text += $0 })
    interpreter.runtime.notices = { box.text += $0 }
    for (k, entry) in entries.enumerated() { try interpreter.run(entry, name: "<repl:\(k + 1)>") }
    return box.text
  }

  @Test func theWarningComesWhenTheDefIsCompiledBeforeAnyOutput() throws {
    let text = try Self.transcript([
      """
      print("first")
      def update(W, dW):
          W -= 0.1 * dW
      """,
      "print('second')",
    ])
    #expect(
      text == """
        <repl:1>:3:5: warning: update(W, dW) changes its parameter 'W' in place, but the change does not reach the caller: arguments are copies (lists, arrays and dicts have value semantics)
           |
         3 |     W -= 0.1 * dW
           |     ^^^^^^^^^^^^^
          hint: end update with `return W` and call it as `W = update(W, dW)`
        first
        second

        """)
  }

  @Test func itemAssignmentAndMutatingMethodsAreChangesToo() throws {
    for body in [
      "W[0] = 1", "W[0][1] += 1", "W.append(1)", "W.update(a=1)", "W.pop()", "np.random.shuffle(W)", "shuffle(W[0])",
    ] {
      let text = try Self.transcript(["def f(W):\n    \(body)\n"])
      #expect(text.contains("warning: f(W) changes its parameter 'W'"), "\(body)")
    }
  }

  @Test func aChangeThatIsUsedIsNoWarning() throws {
    let bodies = [
      "W -= 1\n    return W",
      "W -= 1\n    return [W]",
      "W -= 1\n    print(W)",
      "W -= 1\n    x = W\n    return x",
      "for i in range(3):\n        W[0] += 1\n        if W[0] > 2:\n            return i",
      "while W[0] > 1:\n        W[0] /= 2",
      "W = W * 2\n    W[0] = 1",
      "W[0] = 1\n    g = lambda: W",
      "W[0] = 1\n    def inner():\n        return W\n    return inner",
      "x = W[0]\n    return x",
    ]
    for body in bodies {
      let text = try Self.transcript(["def f(W):\n    \(body)\n"])
      #expect(!text.contains("warning"), "\(body)")
    }
  }

  @Test func aLambdaOrARuleIsNeverWarnedAbout() throws {
    let text = try Self.transcript(["f = lambda W: W\nrule r(eta=1):\n    w -= eta * g\n"])
    #expect(text.isEmpty)
  }

  @Test func aBreakLeavesTheLoopToWhatFollows() throws {
    let used = try Self.transcript([
      "def f(W):\n    for i in range(3):\n        W[0] += 1\n        break\n    return W\n"
    ])
    #expect(used.isEmpty)
    let lost = try Self.transcript([
      "def f(W):\n    for i in range(3):\n        W[0] += 1\n        break\n    return 0\n"
    ])
    #expect(lost.contains("warning: f(W) changes its parameter 'W'"))
  }
}
