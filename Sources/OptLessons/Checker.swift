import Foundation
import OptLang
import OptSystem

/// Grades a learner's answer to an exercise, soundly: nothing the answer does
/// can change what the check computes.
///
/// The exercise's setup cells (the lesson's code before it) run in the
/// learner's session, so the answer can use the lesson's data and functions.
/// The check runs in a namespace of its own (`Namespace`, prefix `check:`):
/// the setup runs there again, then the `[check]` cell, then `check()`. Only
/// the names the starter code defines (`my_adagrad`) are read from the
/// learner's session; `check_rule`, the reference `adagrad`, the lesson's
/// `excess` and `min` are the check's own, whatever the answer rebinds. While
/// the check runs, the names the task asks the learner to write (the marker's
/// `writes=`) cannot be called from the answer, and stated constraints
/// (`without="loops"`) are checked in the answer's code. The check draws its
/// inputs from a generator seeded afresh each time, so an answer that
/// memorises them fails; the learner's own `seed()` is left as it was.
public enum Checker {
  /// A grade, with the words to show the learner.
  public enum Outcome: Equatable {
    case passed
    /// The check ran and the answer failed it (or it stopped with an error).
    case failed(String)
    /// The check could not run yet: the answer's names are not defined, or
    /// the answer itself failed before the check.
    case notReady(String)

    public var passed: Bool { self == .passed }
    /// Whether the check itself ran on the learner's answer (it opens `:solution`).
    public var ranTheCheck: Bool {
      if case .notReady = self { return false }
      return true
    }
    /// The words for a failure or an answer that is not ready.
    public var message: String? {
      switch self {
      case .passed: return nil
      case .failed(let text), .notReady(let text): return text
      }
    }
  }

  /// Runs the exercise's setup cells in the learner's session, output discarded.
  public static func prepare(_ exercise: Exercise, in interpreter: Interpreter) throws {
    for cell in exercise.setup {
      try quietly(interpreter) { try run(lessonFile(exercise, cell), in: interpreter) }
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
        "the lesson's own code failed before your answer ran (a bug in optrepl):\n\(OptError.text(of: error, style: .forTerminal(color: color)))"
      )
    }
    do {
      try run(answer, in: interpreter)
    } catch {
      return .notReady(
        "your answer stopped with an error:\n" + OptError.text(of: error, style: .forTerminal(color: color)))
    }
    return grade(exercise, in: interpreter, color: color)
  }

  /// Grades what the learner's session holds now (the REPL's `:check`).
  public static func grade(_ exercise: Exercise, in interpreter: Interpreter, color: Bool) -> Outcome {
    let answerNames = exercise.answerNames
    let missing = answerNames.filter { !interpreter.isDefined($0) }
    if !missing.isEmpty {
      let list = missing.map { "`\($0)`" }.joined(separator: " and ")
      return .notReady("define \(list) first (the starter code of \(exercise.id) shows the shape), then :check again")
    }
    if let problem = ownWorkProblem(exercise, in: interpreter) { return .failed(problem) }
    let namespace = Namespace(prefix: "check:", shared: Set(answerNames))
    let runtime = interpreter.runtime
    let learnersGenerator = runtime.random
    let restore = disarm(exercise.writes, in: interpreter)
    defer {
      restore()
      runtime.random = learnersGenerator
      interpreter.clear(namespace)
    }
    do {
      interpreter.clear(namespace)
      try quietly(interpreter) {
        for cell in exercise.setup { try run(lessonFile(exercise, cell), in: interpreter, namespace) }
        runtime.random = MersenneTwister(seed: UInt32.random(in: 0...UInt32.max))
        try run(lessonFile(exercise, exercise.check), in: interpreter, namespace)
        try run(SourceFile(name: "<check \(exercise.id)>", text: "check()\n"), in: interpreter, namespace)
      }
      return .passed
    } catch let error as OptError where error.kind == .assertionError {
      return .failed(error.message)
    } catch let error as OptError where error.kind == .keyboardInterrupt {
      return .failed("the check was interrupted (by Ctrl-C or its time limit): does your code loop forever?")
    } catch {
      return .failed(OptError.text(of: error, style: .forTerminal(color: color)))
    }
  }

  /// Why the answer is not the learner's own work, if it is not: an answer
  /// name bound to a built-in itself, or a loop where the task rules one out.
  static func ownWorkProblem(_ exercise: Exercise, in interpreter: Interpreter) -> String? {
    let runtime = interpreter.runtime
    for name in exercise.answerNames {
      guard let value = runtime.globals[name], case .function = value else { continue }
      if let builtin = runtime.builtins.first(where: { Value.identical($0.value, value) })?.key {
        return "`\(name)` is the built-in `\(builtin)` itself. The task asks you to write it yourself: "
          + "start from the starter code (:hint helps)."
      }
    }
    if exercise.without.contains("loops") {
      let looping = interpreter.functionsWithLoops(reachableFrom: exercise.answerNames)
      if let first = looping.first {
        return "`\(first)` has a `for` or `while` loop, but the task asks for the closed form, "
          + "without a loop (a list comprehension inside sum(...) is fine)."
      }
    }
    return nil
  }

  /// While the check runs, the learner's names for what the task asks them to
  /// write — the name itself, and any other global holding the same value —
  /// stop the check with a kind word if the answer calls them. Returns what
  /// puts them back.
  static func disarm(_ names: [String], in interpreter: Interpreter) -> () -> Void {
    let globals = interpreter.runtime.globals
    var saved: [(String, Value)] = []
    for name in names {
      guard let original = interpreter.runtime.builtins[name] ?? globals[name] else { continue }
      let message =
        "your answer calls `\(name)`, the very thing this exercise asks you to write. "
        + "Write it from the formula instead (:hint helps)."
      let stub = Value.function(
        Builtin(
          name, "\(name)(...)", "Not available while your answer is checked.",
          .general { _ in
            throw OptError(.assertionError, message)
          }))
      for slotName in globals.boundNames where slotName == name || Value.identical(globals[slotName]!, original) {
        saved.append((slotName, globals[slotName]!))
        globals[slotName] = stub
      }
    }
    return {
      for (name, value) in saved { globals[name] = value }
    }
  }

  static func lessonFile(_ exercise: Exercise, _ cell: Cell) -> SourceFile {
    SourceFile(name: exercise.lessonName + ".opt", text: cell.codeInPlace)
  }

  static func run(_ file: SourceFile, in interpreter: Interpreter, _ namespace: Namespace? = nil) throws {
    try Interpreter.onLargeStack {
      if let namespace { try interpreter.run(file, in: namespace) } else { try interpreter.run(file) }
    }
  }

  static func quietly(_ interpreter: Interpreter, _ body: () throws -> Void) throws {
    try interpreter.withOutput({ _ in }, body)
  }
}
