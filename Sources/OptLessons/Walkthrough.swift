import OptLang
import OptSystem

/// Shows a lesson one step at a time in an interpreter: the prose rendered,
/// the code cell, and the output of running it, live. What the cells define
/// stays in the interpreter. The caller decides when to go on (`optrepl walk`
/// pauses on a terminal, `:lesson` waits for Enter); going back shows a step
/// again without running it again.
public final class Walkthrough {
  public let lesson: Lesson
  public let interpreter: Interpreter
  public var renderer: ProseRenderer
  /// The names the lesson's cells bind; shared with the session, whose `:vars`
  /// lists the learner's own apart.
  public var lessonNames = LessonNames()
  /// The step `showNext` shows next.
  public private(set) var position = 0
  /// What each step showed, for going back.
  private var transcripts: [String] = []
  private let write: (String) -> Void

  /// What showing a step came to.
  public enum StepResult {
    case shown
    /// The cell stopped with an error, which has been shown.
    case failed(OptError)
    /// There was no step left.
    case finished
  }

  /// - Parameter write: where the walkthrough's text goes; the interpreter's own
  ///   output is routed there too while a cell runs.
  public init(lesson: Lesson, interpreter: Interpreter, renderer: ProseRenderer, write: @escaping (String) -> Void) {
    self.lesson = lesson
    self.interpreter = interpreter
    self.renderer = renderer
    self.write = write
  }

  public var isFinished: Bool { position >= lesson.steps.count }

  /// Shows the next step and runs its code; a step already run (the learner
  /// went back) is shown again as it was, without running it again.
  public func showNext() -> StepResult {
    guard position < lesson.steps.count else { return .finished }
    if position < transcripts.count {
      write(transcripts[position])
      position += 1
      return .shown
    }
    let step = lesson.steps[position]
    var transcript = ""
    let show: (String) -> Void = { [write] text in
      transcript += text
      write(text)
    }
    show(header(position))
    var result = StepResult.shown
    /// Shows an error where it happened; an error of the program fails the step.
    func attempt(_ body: () throws -> Void) {
      do {
        try body()
      } catch {
        show(OptError.text(of: error, style: .forTerminal(color: renderer.color)))
        if let error = error as? OptError { result = .failed(error) }
      }
    }
    for prose in step.prose {
      attempt { show(renderer.render(try interpolate(prose)) + "\n") }
    }
    if let exercise = step.exercise {
      show(exerciseText(exercise))
    }
    if let code = step.code {
      show(codeText(code.text) + "\n")
      attempt {
        let replaced = try lessonNames.track(interpreter) { try interpreter.withOutput(show) { try run(code) } }
        if let note = LessonNames.note(replaced) { show(renderer.paint(note, .rule) + "\n") }
      }
    }
    transcripts.append(transcript)
    position += 1
    return result
  }

  /// Starts again from the first step (the code runs again as it is shown).
  public func restart() {
    position = 0
    transcripts = []
  }

  /// Goes back one step: shows the step before the last one shown again (its
  /// saved text; the code does not run again). Returns false at the first step.
  public func showPrevious() -> Bool {
    guard position >= 2 else { return false }
    position -= 1
    write(transcripts[position - 1])
    return true
  }

  /// Runs the code of the first `steps` steps without showing anything, so
  /// that a walkthrough resumed in a new session has the definitions it needs.
  public func catchUp(to steps: Int) throws {
    let steps = min(steps, lesson.steps.count)
    let discard: (String) -> Void = { _ in }
    try interpreter.withOutput(discard) {
      while position < steps {
        if let code = lesson.steps[position].code { try lessonNames.track(interpreter) { try run(code) } }
        transcripts.append(header(position) + "(run before this session resumed)\n")
        position += 1
      }
    }
  }

  /// Prose with each `{{expression}}` replaced by the value of the expression
  /// in the session, as `print` shows it: how a number computed by an earlier
  /// cell appears in the text (the convention of Jupyter's Python-Markdown
  /// extension). Format with an f-string: `{{f"{lr_1:.7f}"}}`.
  public func interpolate(_ prose: String) throws -> String {
    guard prose.contains("{{") else { return prose }
    var out = ""
    var rest = prose[...]
    while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
      out += rest[..<open.lowerBound]
      let expression = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
      out += try value(of: expression)
      rest = rest[close.upperBound...]
    }
    return out + rest
  }

  private func value(of expression: String) throws -> String {
    var printed = ""
    let collect: (String) -> Void = { printed += $0 }
    try interpreter.withOutput(collect) {
      try run(SourceFile(name: "\(lesson.path) (prose)", text: "print(\(expression), end=\"\")\n"))
    }
    return printed
  }

  private func run(_ cell: Cell) throws {
    try run(SourceFile(name: lesson.path, text: cell.codeInPlace))
  }

  private func run(_ file: SourceFile) throws {
    let interpreter = self.interpreter
    try Interpreter.onLargeStack { try interpreter.run(file) }
  }

  // MARK: - Text

  func header(_ index: Int) -> String {
    let label = " \(lesson.name) · \(index + 1)/\(lesson.steps.count) "
    let rule = String(repeating: "─", count: max(4, min(renderer.width, 72) - label.count - 2))
    return renderer.paint("──" + label + rule, .rule) + "\n"
  }

  /// Code as a walkthrough shows it: each line behind a bar; a line too long
  /// for the width goes on behind a dotted bar rather than wrapping.
  public func codeText(_ code: String) -> String {
    let room = max(renderer.width - 4, 20)
    var out = ""
    for line in code.split(separator: "\n", omittingEmptySubsequences: false) {
      var rest = Substring(line)
      var bar = "  │ "
      repeat {
        out += renderer.paint(bar, .rule) + rest.prefix(room) + "\n"
        rest = rest.dropFirst(room)
        bar = "  ┆ "
      } while !rest.isEmpty
    }
    return out
  }

  func exerciseText(_ exercise: Exercise) -> String {
    var text = renderer.paint("✎ Exercise \(exercise.id)", .bold) + "\n\n"
    text += renderer.render(exercise.task) + "\n"
    if !exercise.starter.isEmpty { text += codeText(exercise.starter) + "\n" }
    text +=
      renderer.render(
        "Try it in the REPL with `:exercise \(exercise.id)`, or keep your answer in a file and grade it with "
          + "`optrepl check \(exercise.id) FILE`.") + "\n"
    return text
  }
}
