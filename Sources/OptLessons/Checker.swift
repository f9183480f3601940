import OptLang

/// Grades a learner's answer to an exercise. The exercise's setup cells (the
/// lesson's code before it) run first, then the answer, then the `[check]`
/// cell, which defines `check()`; calling `check()` passes, or fails with an
/// AssertionError whose message says what differed (see the prelude's
/// checks.opt). Setup and check run silently; the answer's own output shows.
public enum Checker {
  /// A grade, with the words to show the learner.
  public enum Outcome: Equatable {
    case passed
    case failed(String)

    public var passed: Bool { self == .passed }
  }

  /// Runs the exercise's setup cells in `interpreter`, output discarded.
  public static func prepare(_ exercise: Exercise, in interpreter: Interpreter) throws {
    for cell in exercise.setup {
      try quietly(interpreter) {
        try run(SourceFile(name: exercise.lessonName + ".opt", text: cell.codeInPlace), in: interpreter)
      }
    }
  }

  /// Grades an answer kept in a file: setup, the answer, the check, in a fresh
  /// interpreter the caller provides.
  public static func grade(_ exercise: Exercise, answer: SourceFile, in interpreter: Interpreter, color: Bool)
    -> Outcome
  {
    do {
      try prepare(exercise, in: interpreter)
    } catch {
      return .failed(
        "the lesson's own code failed before your answer ran (a bug in optrepl):\n\(OptError.text(of: error, color: color))"
      )
    }
    do {
      try run(answer, in: interpreter)
    } catch {
      return .failed("your answer stopped with an error:\n" + OptError.text(of: error, color: color))
    }
    return grade(exercise, in: interpreter, color: color)
  }

  /// Grades what the session holds now (the REPL's `:check`).
  public static func grade(_ exercise: Exercise, in interpreter: Interpreter, color: Bool) -> Outcome {
    do {
      try quietly(interpreter) {
        try run(SourceFile(name: exercise.lessonName + ".opt", text: exercise.check.codeInPlace), in: interpreter)
        try run(SourceFile(name: "<check \(exercise.id)>", text: "check()\n"), in: interpreter)
      }
      return .passed
    } catch let error as OptError where error.kind == .assertionError {
      return .failed(error.message)
    } catch let error as OptError where error.kind == .keyboardInterrupt {
      return .failed("the check was interrupted (by Ctrl-C or its time limit): does your code loop forever?")
    } catch {
      return .failed(OptError.text(of: error, color: color))
    }
  }

  static func run(_ file: SourceFile, in interpreter: Interpreter) throws {
    try Interpreter.onLargeStack { try interpreter.run(file) }
  }

  static func quietly(_ interpreter: Interpreter, _ body: () throws -> Void) throws {
    try interpreter.withOutput({ _ in }, body)
  }
}
