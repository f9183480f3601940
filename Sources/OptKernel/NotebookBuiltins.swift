import Foundation
import OptLang
import OptLessons

/// What a notebook cell has that a script does not: `check("ID")`, which
/// grades the answer to an exercise defined in the notebook and records the
/// learner's progress; `clear_output()`; and `%%markdown` cells, a lesson's
/// prose with values of the session filled in.
enum NotebookBuiltins {
  /// The first line of a cell of prose: `%%markdown`, as IPython's cell magic.
  static let markdownMagic = "%%markdown"

  static func install(into interpreter: Interpreter, output: CellOutput) {
    let library = LessonLibrary()
    interpreter.runtime.define("check", .function(checkBuiltin(interpreter, output, library)))
    interpreter.runtime.define(
      "clear_output",
      .function(
        Builtin(
          "clear_output", "clear_output(wait=False)",
          "Clears the cell's output (with wait=True, when the next output arrives).",
          .general { args in
            try args.check(min: 0, max: 1, keywords: ["wait"])
            let wait = try (args.optional(0, "wait") ?? args.keyword("wait")).map { try Operators.truthy($0) } ?? false
            output.flush()
            output.send("clear_output", ["wait": wait])
            return .none
          })))
  }

  /// `check("adagrad-1")`: grades what the session holds now, as the REPL's `:check`.
  private static func checkBuiltin(_ interpreter: Interpreter, _ output: CellOutput, _ library: LessonLibrary)
    -> Builtin
  {
    Builtin(
      "check", "check(id)",
      """
      Grades your answer to the exercise `id` (e.g. check("adagrad-1")): the code of
      the cells run so far, checked against the reference. A pass is recorded in
      your progress (`optrepl exercises` lists it).
      """,
      parameters: ["id"],
      .general { args in
        try args.check(min: 1, max: 1)
        guard case .string(let text) = args.positional[0] else {
          throw OptError(
            .typeError, "check() takes an exercise ID in quotes, e.g. check(\"adagrad-1\")")
        }
        guard let exercise = library.exercise(id: text.value) else {
          throw OptError(
            .valueError,
            LessonLibrary.notFound("exercise", text.value, among: library.exercises.map(\.id)))
        }
        let outcome = Checker.grade(exercise, in: interpreter, color: false)
        // The exercise's [check] cell defines a `check()` of its own: put this one back.
        interpreter.runtime.define("check", .function(checkBuiltin(interpreter, output, library)))
        switch outcome {
        case .passed:
          let path = LearnerProgress.defaultPath()
          var (progress, warning) = LearnerProgress.load(from: path)
          if let warning { output.write("optrepl: warning: \(warning)\n", to: "stderr") }
          progress.recordPass(exercise.id)
          do {
            try progress.save(to: path)
          } catch {
            output.write("optrepl: warning: could not save your progress: \(error)\n", to: "stderr")
          }
          output.write(LessonListing.passMessage(exercise, progress: progress, library: library) + "\n", to: "stdout")
        case .failed(let message), .notReady(let message):
          output.write(LessonListing.failMessage(exercise, message), to: "stderr")
        }
        return .none
      })
  }

  /// Prose with each `{{expression}}` replaced by its value in the session, as
  /// a walkthrough shows it.
  static func interpolate(_ prose: String, in interpreter: Interpreter) throws -> String {
    let cell = try Lesson(name: "cell", path: "<prose>", text: "")
    let walkthrough = Walkthrough(
      lesson: cell, interpreter: interpreter, renderer: ProseRenderer(color: false), write: { _ in })
    return try walkthrough.interpolate(prose)
  }
}
