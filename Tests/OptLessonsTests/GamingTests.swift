import Foundation
import OptLang
import OptLessons
import Testing

/// Wrong answers that try to pass an exercise without doing it: each must
/// fail, and say why in words. They are the ways issue 14 found to game the
/// checker: rebinding what the check uses, wrapping the built-in the task asks
/// for, ignoring a stated constraint, memorising the check's inputs, and
/// reading the expected number out of a failure message.
@Suite struct GamingTests {
  struct Attempt: CustomStringConvertible, Sendable {
    let exercise: String
    let what: String
    let answer: String
    /// Words the failure message must contain.
    let says: String
    var description: String { "\(exercise): \(what)" }
  }

  static let wrongRule = """
    rule my_adagrad(eta, eps=1e-10):
        w = w - eta * g
    """

  static let attempts: [Attempt] = [
    Attempt(
      exercise: "adagrad-1", what: "redefines check_rule",
      answer: "def check_rule(opt, reference, steps=25, rtol=1e-9, atol=1e-12):\n    return None\n" + wrongRule,
      says: "step 1"),
    Attempt(
      exercise: "adagrad-1", what: "redefines _close",
      answer: "def _close(got, expected, rtol, atol):\n    return True\n" + wrongRule, says: "step 1"),
    Attempt(
      exercise: "adagrad-1", what: "rebinds the reference rule to the answer",
      answer: wrongRule + "\nadagrad = my_adagrad\n", says: "step 1"),
    Attempt(
      exercise: "adagrad-1", what: "redefines a built-in the checks call",
      answer: "def abs(x):\n    return 0\n" + wrongRule, says: "step 1"),
    Attempt(
      exercise: "adagrad-1", what: "is the built-in itself",
      answer: "my_adagrad = adagrad\n", says: "is the built-in `adagrad` itself"),
    Attempt(
      exercise: "adagrad-1", what: "wraps the built-in in a lambda",
      answer: "my_adagrad = lambda eta, eps=1e-10: adagrad(eta, eps=eps)\n", says: "your answer calls `adagrad`"),
    Attempt(
      exercise: "bias-4", what: "wraps the built-in in a def",
      answer: "def my_adam(eta, beta1=0.9, beta2=0.999, eps=1e-8):\n    return adam(eta, beta1, beta2, eps)\n",
      says: "your answer calls `adam`"),
    Attempt(
      exercise: "sched-1", what: "calls the built-in schedule",
      answer: "def my_step_decay(eta, every, gamma=0.1):\n    return step_decay(eta, every, gamma)\n",
      says: "your answer calls `step_decay`"),
    Attempt(
      exercise: "sched-1", what: "calls the built-in through another name",
      answer: "_s = step_decay\ndef my_step_decay(eta, every, gamma=0.1):\n    f = _s(eta, every, gamma)\n"
        + "    return lambda k: f(k)\n",
      says: "your answer calls `step_decay`"),
    Attempt(
      exercise: "adagrad-2", what: "uses the built-in optimizer instead of writing the loop",
      answer: """
        def adagrad_rates(T):
            opt = adagrad(0.1, eps=1e-8)
            w, b = -2, -2
            for i in range(T):
                w, b = opt.step((w, b), (np.sum(grad_w(w, b, X, Y)), np.sum(grad_b(w, b, X, Y))))
            return (0.1 / np.sqrt(opt.state[0].v + 1e-8), 0.1 / np.sqrt(opt.state[1].v + 1e-8))
        """, says: "your answer calls `adagrad`"),
    Attempt(
      exercise: "rmsprop-1", what: "runs the recursion the task rules out",
      answer: """
        def decayed_sum(gs, beta):
            v = 0
            for g in gs:
                v = beta * v + (1 - beta) * g ** 2
            return v
        """, says: "without a loop"),
    Attempt(
      exercise: "rmsprop-1", what: "hides the recursion in a helper",
      answer: """
        def helper(gs, beta):
            v = 0
            i = 0
            while i < len(gs):
                v = beta * v + (1 - beta) * gs[i] ** 2
                i += 1
            return v
        def decayed_sum(gs, beta):
            return helper(gs, beta)
        """, says: "`helper` has a `for` or `while` loop"),
    Attempt(
      exercise: "rmsprop-2", what: "redefines the lesson's oscillates",
      answer: "def oscillates(eta, eps=1e-4):\n    return eta > 0\ndef largest_calm_eta(eps):\n    return 1.0\n",
      says: "too large"),
    Attempt(
      exercise: "rmsprop-2", what: "copies the threshold the lesson prints for eps = 1e-4",
      answer: "def largest_calm_eta(eps):\n    return 1.617001e-05\n", says: "with eps ="),
    Attempt(
      exercise: "which-2", what: "redefines the lesson's excess",
      answer: "def excess(opt):\n    return 0\nanswer_eta = eta_grid[0]\n", says: "another rate of the grid"),
    Attempt(
      exercise: "restart-2", what: "redefines min so that the expected rate is 0",
      answer: "def min(a, b):\n    return 0\nanswer_peak_k = 2499\nanswer_peak_lr = 0\n",
      says: "the peak learning rate is too low"),
    Attempt(
      exercise: "keras-lr-3", what: "memorises the order of the check's trajectories",
      answer: """
        calls = [0]
        made_by = ["keras", "torch", "torch", "keras", "torch", "keras", "keras", "torch"]
        def which_adam(ws, gs):
            calls[0] += 1
            return made_by[(calls[0] - 1) % 8]
        """, says: "was not made by"),
  ]

  @Test(arguments: attempts)
  func fails(_ attempt: Attempt) throws {
    let exercise = try #require(LessonSupport.library.exercise(id: attempt.exercise))
    let (interpreter, _) = LessonSupport.interpreter()
    let outcome = Checker.grade(
      exercise, answer: SourceFile(name: "gaming.opt", text: attempt.answer), in: interpreter, color: false)
    guard case .failed(let message) = outcome else {
      Issue.record("\(attempt) was not failed: \(outcome)")
      return
    }
    #expect(message.contains(attempt.says), "\(attempt): \(message)")
  }

  /// A numeric answer's failure says too high or too low, not the answer.
  @Test func aWrongNumberDoesNotRevealTheAnswer() throws {
    let exercise = try #require(LessonSupport.library.exercise(id: "restart-2"))
    let (interpreter, _) = LessonSupport.interpreter()
    let outcome = Checker.grade(
      exercise, answer: SourceFile(name: "guess.opt", text: "answer_peak_k = 2000\nanswer_peak_lr = 1e-3\n"),
      in: interpreter, color: false)
    let message = try #require(outcome.message)
    #expect(message.contains("too low, off by about 20%"), "\(message)")
    #expect(!message.contains("2499"), "\(message)")
  }

  /// The check leaves the learner's session as it was: names it disarmed are
  /// back, the learner's random generator is where it was, no private name shows.
  @Test func theSessionIsLeftAsItWas() throws {
    let exercise = try #require(LessonSupport.library.exercise(id: "adagrad-1"))
    let (interpreter, output) = LessonSupport.interpreter()
    let answer = SourceFile(name: "a.opt", text: exercise.solution.text + "\nseed(5)\nalias = adagrad\n")
    #expect(Checker.grade(exercise, answer: answer, in: interpreter, color: false) == .passed)
    try interpreter.run("print(rand(), alias is adagrad, adagrad(0.1).step(1.0, 2.0))", name: "<after>")
    output.text = ""
    try interpreter.run("print(rand(), alias is adagrad, adagrad(0.1).step(1.0, 2.0))", name: "<after>")
    let after = output.text
    let (fresh, freshOutput) = LessonSupport.interpreter()
    try fresh.run("seed(5)\nrand()\nprint(rand(), True, adagrad(0.1).step(1.0, 2.0))", name: "<fresh>")
    #expect(after == freshOutput.text)
    #expect(!interpreter.userVariables.contains { $0.name.contains(":") })
  }
}
