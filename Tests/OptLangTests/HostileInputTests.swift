import Foundation
import Testing

@testable import OptLang

/// Inputs a hostile learner might type (issue 15): each ends in a located,
/// learner-worded error or the right answer, never a crash, a hang or lost memory.
/// What a thread threw.
private final class ErrorBox: @unchecked Sendable {
  var error: Error?
  var body: () throws -> Void = {}
}

@Suite struct HostileInputTests {
  /// Runs `body` on a thread with a small stack (4 MB), so that a recursion
  /// that grows with the data overflows it at once.
  static func onSmallStack(_ body: @escaping () throws -> Void) throws {
    let box = ErrorBox()
    box.body = body
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
      do { try box.body() } catch { box.error = error }
      done.signal()
    }
    thread.stackSize = 4 << 20
    thread.start()
    done.wait()
    if let error = box.error { throw error }
  }

  // Item 3: a list nested 200,000 deep is freed level by level, not by a
  // recursion 200,000 deep (which overflows a 4 MB stack by far).
  @Test(arguments: ["[x]", "(x,)", "[x, 1]"])
  func aDeeplyNestedListIsFreedWithoutRecursion(_ wrap: String) throws {
    let box = OutputBox()
    let interpreter = try Interpreter.onLargeStack { Interpreter(output: { box.text += $0 }) }
    try Interpreter.onLargeStack {
      try interpreter.run("x = []\nfor i in range(200000):\n    x = \(wrap)\ny = x\n", name: "deep.opt")
    }
    try Self.onSmallStack {
      try interpreter.run(
        "print(x == y, x < y, len(str(x)) > 0)\nx = None\ny = None\nprint('freed')\n", name: "free.opt")
    }
    #expect(box.text == "True False True\nfreed\n")
  }

  @Test func aDeepListInAFunctionIsFreedWhenTheFunctionReturns() throws {
    let box = OutputBox()
    let interpreter = try Interpreter.onLargeStack { Interpreter(output: { box.text += $0 }) }
    try Interpreter.onLargeStack {
      try interpreter.run(
        "def build(n):\n    x = []\n    for i in range(n):\n        x = [x]\n    return x\n", name: "deep.opt")
    }
    try Self.onSmallStack {
      try interpreter.run("build(200000)\nprint('freed')\n", name: "free.opt")
    }
    #expect(box.text == "freed\n")
  }

  // Item 4: one budget for every live collection, not only for each one alone.
  @Test func manyLargeArraysTogetherAreAMemoryError() throws {
    let interpreter = try Interpreter.onLargeStack { Interpreter(output: { _ in }) }
    let error = try #require(
      throws: OptError.self,
      performing: {
        try Interpreter.onLargeStack {
          try interpreter.run("a = [zeros(40000000) for i in range(20)]\n", name: "budget.opt")
        }
      })
    #expect(error.kind == .memoryError)
    #expect(error.range?.line == 1)
    #expect(error.message.contains("MB"))
  }

  // Item 6: `1 < (1 < (...))` compiles each comparison once, so 28 levels
  // take no time (compiling the right side twice made it 2^28 compilations).
  @Test func nestedComparisonsCompileInLinearTime() throws {
    var expression = "x"
    for _ in 0..<28 { expression = "1 < (\(expression))" }
    let interpreter = try Interpreter.onLargeStack { Interpreter(output: { _ in }) }
    let start = Date()
    try Interpreter.onLargeStack {
      try interpreter.run("def f(x):\n    return \(expression)\ny = f(1)\n", name: "nested.opt")
    }
    #expect(Date().timeIntervalSince(start) < 2)
    // 1 < 1 is False, and 1 < False is False, all the way out (as in Python).
    #expect(interpreter.runtime.globals["y"].map { Format.repr($0) } == "False")
  }

  // A parser message that quotes where a bracket opened is made only when it
  // is shown: a 2^15-element nested tuple parses at once.
  @Test func aLargeNestedTupleParsesInLinearTime() throws {
    var expression = "x"
    for _ in 0..<15 { expression = "(\(expression), \(expression))" }
    let interpreter = try Interpreter.onLargeStack { Interpreter(output: { _ in }) }
    let start = Date()
    try Interpreter.onLargeStack { try interpreter.compile("y = \(expression)\n", name: "tuple.opt") }
    #expect(Date().timeIntervalSince(start) < 2)
  }
}
