/// The texts that list lessons and exercises and report a grade, shared by
/// the command line (`optrepl lessons`, `exercises`, `check`) and the REPL
/// (`:lessons`, `:exercises`, `:check`).
public enum LessonListing {
  /// Each lesson: name, title, exercises done, and its one-line summary.
  public static func lessons(_ library: LessonLibrary, progress: LearnerProgress, renderer: ProseRenderer) -> String {
    let nameWidth = library.lessons.map(\.name.count).max() ?? 0
    var text = ""
    for lesson in library.lessons {
      let done = lesson.exercises.filter { progress.passed[$0.id] != nil }.count
      let tally = lesson.exercises.isEmpty ? "" : "  [\(done)/\(lesson.exercises.count) exercises]"
      let name = lesson.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
      text +=
        renderer.paint(name, .bold) + "  " + lesson.title
        + renderer.paint(tally, done == lesson.exercises.count && done > 0 ? .passed : .rule) + "\n"
      if !lesson.summary.isEmpty {
        let indent = String(repeating: " ", count: nameWidth + 2)
        text += renderer.wrap(renderer.inline(lesson.summary), first: indent, rest: indent) + "\n"
      }
    }
    return text + "\noptrepl walk NAME reads one; in the REPL, :lesson NAME.\n"
  }

  /// Every exercise, lesson by lesson, ✓ when passed.
  public static func exercises(_ library: LessonLibrary, progress: LearnerProgress, renderer: ProseRenderer) -> String {
    let idWidth = library.exercises.map(\.id.count).max() ?? 0
    var text = ""
    for lesson in library.lessons where !lesson.exercises.isEmpty {
      text += renderer.paint(lesson.name, .bold) + " — " + lesson.title + "\n"
      for exercise in lesson.exercises {
        let mark = progress.passed[exercise.id] != nil ? renderer.paint("✓", .passed) : "·"
        let id = exercise.id.padding(toLength: idWidth, withPad: " ", startingAt: 0)
        text += "  \(mark) \(id)  \(firstSentence(of: exercise.task, limit: renderer.width - idWidth - 6))\n"
      }
    }
    let done = library.exercises.filter { progress.passed[$0.id] != nil }.count
    return text + "\n\(done) of \(library.exercises.count) done. "
      + "In the REPL: :exercise ID, then :check. From the shell: optrepl exercises ID > ID.opt, "
      + "edit it, optrepl check ID.\n"
  }

  public static func passMessage(_ exercise: Exercise, progress: LearnerProgress, library: LessonLibrary) -> String {
    let done = library.exercises.filter { progress.passed[$0.id] != nil }.count
    return "✓ \(exercise.id) passed. \(done) of \(library.exercises.count) exercises done."
  }

  public static func failMessage(_ exercise: Exercise, _ message: String) -> String {
    var text = "✗ \(exercise.id) is not right yet:\n"
    text += message.hasSuffix("\n") ? message : message + "\n"
    return text + "(a hint: :hint in the REPL, or optrepl exercises \(exercise.id) --hints 1)\n"
  }

  /// The task's first sentence, shortened to `limit` characters, as plain text.
  public static func firstSentence(of task: String, limit: Int) -> String {
    let flat = task.split(whereSeparator: \.isNewline).joined(separator: " ")
    var sentence = flat
    if let end = flat.range(of: ". ") { sentence = String(flat[..<end.lowerBound]) + "." }
    let plain = ProseRenderer(color: false).inline(sentence).map { $0.map(\.text).joined() }.joined(separator: " ")
    return plain.count > limit ? String(plain.prefix(max(10, limit - 1))) + "…" : plain
  }
}
