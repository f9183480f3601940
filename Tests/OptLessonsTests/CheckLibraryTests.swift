import Foundation
import OptLang
import Testing

/// The prelude's exercise checks (checks.opt): they pass what is right, and
/// catch a rule that is wrong only for one kind of gradient stream, saying
/// which stream and step.
@Suite struct CheckLibraryTests {
  /// Runs `program`; nil if it passed, else the AssertionError's message.
  static func failure(_ program: String) throws -> String? {
    let (interpreter, _) = LessonSupport.interpreter()
    do {
      try Interpreter.onLargeStack { try interpreter.run(program, name: "<test>") }
      return nil
    } catch let error as OptError where error.kind == .assertionError {
      return error.message
    }
  }

  @Test func aCorrectRulePasses() throws {
    let program = """
      rule mine(eta, beta=0.9):
          state u = 0
          u = beta * u + g
          w = w - eta * u
      check_rule(mine(0.1), momentum(0.1))
      """
    #expect(try Self.failure(program) == nil)
  }

  @Test func aRuleWrongOnlyOnZeroGradientsIsCaughtOnTheSparseStream() throws {
    // Does not move w when g == 0: wrong for momentum, where u keeps moving it.
    let program = """
      rule lazy(eta, beta=0.9):
          state u = 0
          u = beta * u + g
          w = w - eta * u * sign(abs(g))
      check_rule(lazy(0.1), momentum(0.1))
      """
    let message = try #require(try Self.failure(program))
    #expect(message.contains("sparse"), "\(message)")
    #expect(message.contains("step 2"), "\(message)")
  }

  @Test func aRuleThatOnlyWorksForNumbersFailsOnArrays() throws {
    let program = """
      rule scalar_only(eta):
          w = w - eta * (g if type(g) == "number" else 0)
      check_rule(scalar_only(0.1), gd(0.1))
      """
    let message = try #require(try Self.failure(program))
    #expect(message.contains("an array of 3") && message.contains("step 1"), "\(message)")
  }

  @Test func anEpsilonInTheWrongPlaceFails() throws {
    let program = """
      rule eps_inside(eta, eps=1e-10):
          state v = 0
          v = v + g**2
          w = w - eta * g / sqrt(v + eps)
      check_rule(eps_inside(0.1, 1e-3), adagrad(0.1, eps=1e-3))
      """
    #expect(try Self.failure(program) != nil)
  }

  @Test func checkFunctionNamesTheInput() throws {
    let message = try #require(
      try Self.failure("check_function(lambda a, b: a + b, lambda a, b: a * b + 0, [(2, 2), (1, 3)])"))
    #expect(message == "for the input (1, 3), your value 4 is too high, off by about 33%")
    #expect(try Self.failure("check_function(lambda x: x * 2, lambda x: x + x, [1, -2.5, array([1, 2])])") == nil)
  }

  @Test func checkScheduleNamesTheStep() throws {
    let message = try #require(
      try Self.failure("check_schedule(lambda k: 0.1 if k < 10 else 0.02, step_decay(0.1, 10))"))
    #expect(message == "at step index k = 10, your rate 0.02 is too high, off by about 100%", "\(message)")
  }

  @Test func checkCloseComparesShapesAndTolerates() throws {
    #expect(try Self.failure("check_close(0.1 + 0.2, 0.3)") == nil)
    #expect(try Self.failure("check_close((1, array([2, 3])), (1, array([2, 3])))") == nil)
    #expect(try Self.failure("check_close(nan, nan)") == nil)
    // Too high or too low and by about how much, never the expected value itself.
    #expect(
      try Self.failure("check_close(1.000001, 1, \"v\")")
        == "v is too high, off by less than 1% (0.0001%): close, but not the same formula")
    #expect(try Self.failure("check_close(0.8, 1, \"v\")") == "v is too low, off by about 20%")
    #expect(try Self.failure("check_close(1.05, 1, \"v\")") == "v is too high, off by about 5.0%")
    #expect(
      try Self.failure("check_close((1, 2), (1, 2, 3), \"v\")") == "v should be a tuple of 3, but it is a tuple of 2")
    #expect(try Self.failure("check_close([1, 2], (1, 2))") != nil)
    #expect(try Self.failure("check_close(array([1, 2]), array([1, 2, 3]))") != nil)
    #expect(try Self.failure("check_close(None, 1)") != nil)
  }
}
