import Foundation
import OptLang
import OptLessons
import OptSystem

/// What a REPL session remembers of lessons and exercises: the walkthroughs
/// begun (so `:lesson NAME` resumes), the exercise being worked on, the hints
/// shown, and the learner's progress file.
final class LessonSession {
  var walkthroughs: [String: Walkthrough] = [:]
  /// The exercise `:check`, `:hint` and `:solution` are about.
  var current: Exercise?
  /// Exercise ID → how many hints have been shown.
  var hintsShown: [String: Int] = [:]
  /// Exercises whose check has run on an answer in this session: their
  /// solution may be shown (as may the solution of one passed before).
  var attempted: Set<String> = []
  /// The names lessons have bound in this session (`:vars` lists them apart).
  let names = LessonNames()
  /// Pauses a lesson's step when it is longer than the screen.
  var pager: Pager?
  /// `$XDG_DATA_HOME/optrepl/progress.json`.
  let progressPath = LearnerProgress.defaultPath()
  private var loadedProgress: LearnerProgress?

  /// The progress, read at first use; a warning if the file was unreadable.
  func progress(warn: (String) -> Void) -> LearnerProgress {
    if let loadedProgress { return loadedProgress }
    let (progress, warning) = LearnerProgress.load(from: progressPath)
    if let warning { warn(warning) }
    loadedProgress = progress
    return progress
  }

  /// Changes the progress and saves it at once (atomically).
  func updateProgress(warn: (String) -> Void, _ change: (inout LearnerProgress) -> Void) {
    var progress = self.progress(warn: warn)
    change(&progress)
    loadedProgress = progress
    do {
      // Merged with what other optrepl processes saved meanwhile.
      loadedProgress = try progress.save(to: progressPath)
    } catch {
      warn("could not save your progress: \(SystemError.reason(error))")
    }
  }
}

extension REPL {
  /// The lessons, read once per process.
  static let lessonLibrary = LessonLibrary()

  var renderer: ProseRenderer { ProseRenderer(width: min(terminalWidth(), 88), color: color) }

  func warnLearner(_ text: String) { writeError("optrepl: warning: \(text)\n") }

  func lessonsCommand() -> CommandOutcome {
    write(LessonListing.lessons(Self.lessonLibrary, progress: lessons.progress(warn: warnLearner), renderer: renderer))
    return .keepGoing
  }

  func lessonCommand(_ argument: String) -> CommandOutcome {
    let library = Self.lessonLibrary
    guard !argument.isEmpty else {
      writeError("usage: :lesson NAME (Tab completes it; :lessons lists them)\n")
      return .keepGoing
    }
    guard let lesson = library.lesson(named: argument) else {
      let message = LessonLibrary.notFound("lesson named", argument, among: library.lessons.map(\.name))
      writeError(message + "; :lessons lists them\n")
      return .keepGoing
    }
    let walkthrough: Walkthrough
    if let begun = lessons.walkthroughs[lesson.name] {
      walkthrough = begun
      if walkthrough.isFinished {
        write("You have finished \(lesson.name); starting it again.\n")
        walkthrough.restart()
      }
    } else {
      walkthrough = Walkthrough(
        lesson: lesson, interpreter: interpreter, renderer: renderer,
        write: { [unowned self] in lessonPager().write($0) })
      walkthrough.lessonNames = lessons.names
      lessons.walkthroughs[lesson.name] = walkthrough
      let resumeAt = lessons.progress(warn: warnLearner).lessonSteps[lesson.name] ?? 0
      if resumeAt > 0 && resumeAt < lesson.steps.count {
        write(
          "Resuming \(lesson.name) at step \(resumeAt + 1) of \(lesson.steps.count) (running the code before it first).\n"
        )
        InterruptHandler.clear()
        do {
          try walkthrough.catchUp(to: resumeAt)
        } catch {
          writeError(OptError.text(of: error, style: .forTerminal(color: color)))
        }
      }
    }
    walkthrough.renderer = renderer
    walk(walkthrough)
    return .keepGoing
  }

  /// Shows steps until the learner quits or the lesson ends. At the pause,
  /// Enter goes on, `b` goes back, `q` leaves, and anything else runs as code.
  private func walk(_ walkthrough: Walkthrough) {
    let name = walkthrough.lesson.name
    defer {
      let position = walkthrough.isFinished ? 0 : walkthrough.position
      lessons.updateProgress(warn: warnLearner) { $0.lessonSteps[name] = position }
    }
    while true {
      InterruptHandler.clear()
      lessonPager().startPage()
      if case .finished = walkthrough.showNext() { return }
      InterruptHandler.clear()
      if walkthrough.isFinished {
        write(renderer.paint("End of \(name). ", .bold) + "Its definitions stay in this session to play with.\n")
        return
      }
      while true {
        let prompt = renderer.paint("[Enter] next · b back · q quit · or type code › ", .rule)
        guard let editor else { return }
        switch editor.readLine(prompt: prompt) {
        case .endOfInput, .interrupted:
          write("\nLeft \(name) at step \(walkthrough.position + 1); :lesson \(name) goes on from there.\n")
          return
        case .pasted(let text):
          _ = handle(PastedPrompt.code(ofPaste: text) + "\n")
          continue
        case .line(let line):
          let typed = line.trimmingCharacters(in: .whitespaces)
          switch typed.lowercased() {
          case "": break
          case "q", "quit", ":q", ":quit":
            write("Left \(name); :lesson \(name) goes on from step \(walkthrough.position + 1).\n")
            return
          case "b", "back":
            lessonPager().startPage()
            if !walkthrough.showPrevious() { write("(this is the first step)\n") }
            continue
          default:
            editor.addHistory(line)
            _ = handle(line)
            continue
          }
        }
        break
      }
    }
  }

  /// The pager a lesson's steps are shown through; its "more" prompt reads a
  /// line with the editor (Enter goes on, `a` shows the rest of the step).
  func lessonPager() -> Pager {
    if let pager = lessons.pager { return pager }
    let pager = Pager(
      write: { [unowned self] in write($0) },
      ask: { [unowned self] in
        guard let editor, case .line(let answer) = editor.readLine(prompt: renderer.paint(Pager.prompt, .rule) + " ")
        else { return false }
        return answer.trimmingCharacters(in: .whitespaces).lowercased() != "a"
      })
    lessons.pager = pager
    return pager
  }

  func exercisesCommand() -> CommandOutcome {
    write(
      LessonListing.exercises(Self.lessonLibrary, progress: lessons.progress(warn: warnLearner), renderer: renderer))
    return .keepGoing
  }

  func exerciseCommand(_ argument: String) -> CommandOutcome {
    let library = Self.lessonLibrary
    guard !argument.isEmpty else {
      if let current = lessons.current {
        showExercise(current)
      } else {
        writeError("usage: :exercise ID (Tab completes it; :exercises lists them)\n")
      }
      return .keepGoing
    }
    guard let exercise = library.exercise(id: argument) else {
      let message = LessonLibrary.notFound("exercise", argument, among: library.exercises.map(\.id))
      writeError(message + "; :exercises lists them\n")
      return .keepGoing
    }
    lessons.current = exercise
    if !exercise.setup.isEmpty {
      write(renderer.paint("(running the code of \(exercise.lessonName) that comes before this exercise)\n", .rule))
      InterruptHandler.clear()
      do {
        let replaced = try lessons.names.track(interpreter) { try Checker.prepare(exercise, in: interpreter) }
        if let note = LessonNames.note(replaced) { write(renderer.paint(note, .rule) + "\n") }
      } catch {
        writeError(OptError.text(of: error, style: .forTerminal(color: color)))
      }
    }
    showExercise(exercise)
    return .keepGoing
  }

  private func showExercise(_ exercise: Exercise) {
    let done = lessons.progress(warn: warnLearner).passed[exercise.id] != nil
    var text =
      renderer.paint("✎ Exercise \(exercise.id)", .bold) + (done ? renderer.paint("  ✓ done", .passed) : "") + "\n\n"
    text += renderer.render(exercise.task) + "\n"
    if !exercise.starter.isEmpty {
      text += "Starter code (type or paste your version; :paste takes several lines):\n"
      text += Self.indented(exercise.starter) + "\n"
    }
    text += "Then :check grades it. :hint gives a hint (\(exercise.hints.count) in all); :solution shows an answer.\n"
    text += "To work in an editor: optrepl exercises \(exercise.id) > \(exercise.id).opt in a shell, edit it, "
    text += ":load \(exercise.id).opt here, :check.\n"
    write(text)
  }

  /// Code shown four spaces in, each line ending in a newline.
  static func indented(_ code: String) -> String {
    code.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 + "\n" }.joined()
  }

  private func currentExercise() -> Exercise? {
    if let current = lessons.current { return current }
    writeError("no exercise chosen: :exercise ID picks one (:exercises lists them)\n")
    return nil
  }

  func checkCommand() -> CommandOutcome {
    guard let exercise = currentExercise() else { return .keepGoing }
    InterruptHandler.clear()
    switch Checker.grade(exercise, in: interpreter, color: color) {
    case .passed:
      lessons.attempted.insert(exercise.id)
      lessons.updateProgress(warn: warnLearner) { $0.recordPass(exercise.id) }
      write(
        renderer.paint(
          LessonListing.passMessage(
            exercise, progress: lessons.progress(warn: warnLearner), library: Self.lessonLibrary),
          .passed) + "\n")
    case .failed(let message):
      lessons.attempted.insert(exercise.id)
      writeError(LessonListing.failMessage(exercise, message))
    case .notReady(let message):
      writeError(message + "\n")
    }
    return .keepGoing
  }

  func hintCommand() -> CommandOutcome {
    guard let exercise = currentExercise() else { return .keepGoing }
    let shown = lessons.hintsShown[exercise.id] ?? 0
    let index = min(shown, exercise.hints.count - 1)
    lessons.hintsShown[exercise.id] = shown + 1
    var text = renderer.paint("Hint \(index + 1) of \(exercise.hints.count):", .bold) + "\n"
    text += renderer.render(exercise.hints[index])
    if index == exercise.hints.count - 1 && shown > 0 {
      text += "(that was the last hint; :solution shows an answer)\n"
    }
    write(text)
    return .keepGoing
  }

  func solutionCommand() -> CommandOutcome {
    guard let exercise = currentExercise() else { return .keepGoing }
    let passedBefore = lessons.progress(warn: warnLearner).passed[exercise.id] != nil
    guard passedBefore || lessons.attempted.contains(exercise.id) else {
      write(
        "The solution opens once you have tried: write your answer to \(exercise.id) and :check it "
          + "(:hint gives a hint).\n")
      return .keepGoing
    }
    write(renderer.paint("A solution to \(exercise.id):", .bold) + "\n")
    write(Self.indented(exercise.solution.text))
    return .keepGoing
  }
}

extension CommandTable {
  /// The lesson and exercise commands (SPEC §6).
  static var lessonCommands: [Command] {
    [
      Command(
        name: "lessons", usage: ":lessons", summary: "list the lessons and your exercise progress",
        argument: .none, action: { repl, _ in repl.lessonsCommand() }),
      Command(
        name: "lesson", usage: ":lesson NAME",
        summary: "walk through a lesson (Enter: next cell; resumes where you left)",
        argument: .lesson, action: { $0.lessonCommand($1) }),
      Command(
        name: "exercises", usage: ":exercises", summary: "list the exercises, ✓ when done",
        argument: .none, action: { repl, _ in repl.exercisesCommand() }),
      Command(
        name: "exercise", usage: ":exercise ID", summary: "show an exercise's task and starter code",
        argument: .exercise, action: { $0.exerciseCommand($1) }),
      Command(
        name: "check", usage: ":check", summary: "grade your answer to the current exercise",
        argument: .none, action: { repl, _ in repl.checkCommand() }),
      Command(
        name: "hint", usage: ":hint", summary: "the next hint for the current exercise",
        argument: .none, action: { repl, _ in repl.hintCommand() }),
      Command(
        name: "solution", usage: ":solution", summary: "show a solution (after :check has run on your answer)",
        argument: .none, action: { repl, _ in repl.solutionCommand() }),
    ]
  }
}
