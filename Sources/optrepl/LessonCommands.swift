import ArgumentParser
import Foundation
import OptLang
import OptLessons
import OptPlot
import OptREPL
import OptSystem

/// What the lesson and exercise subcommands share: the lessons, the learner's
/// progress, a fresh interpreter with plots, the prose renderer, colour.
struct LessonContext {
  let library = LessonLibrary()
  let color: Bool
  let progressPath = LearnerProgress.defaultPath()

  init(noColor: Bool) {
    color = Terminal.colorWanted(noColorFlag: noColor) && Terminal.isTerminal(STDOUT_FILENO)
    for problem in library.problems { warn(problem) }
  }

  func loadProgress() -> LearnerProgress {
    let (progress, warning) = LearnerProgress.load(from: progressPath)
    if let warning { warn(warning) }
    return progress
  }

  func save(_ progress: LearnerProgress) {
    do { try progress.save(to: progressPath) } catch {
      warn("could not save your progress: \(SystemError.reason(error))")
    }
  }

  func makeInterpreter() -> Interpreter { Interpreter.forTerminal(color: color) }

  var renderer: ProseRenderer {
    ProseRenderer(width: min(Terminal.size()?.columns ?? 80, 88), color: color)
  }

  func lesson(_ name: String) throws -> Lesson {
    if let lesson = library.lesson(named: name) { return lesson }
    let message = LessonLibrary.notFound("lesson named", name, among: library.lessons.map(\.name))
    throw ValidationError(message + "; `optrepl lessons` lists them")
  }

  func exercise(_ id: String) throws -> Exercise {
    if let exercise = library.exercise(id: id) { return exercise }
    let message = LessonLibrary.notFound("exercise", id, among: library.exercises.map(\.id))
    throw ValidationError(message + "; `optrepl exercises` lists them")
  }

  func warn(_ text: String) {
    StandardStream.error.write("optrepl: warning: \(text)\n")
  }
}

extension CompletionKind {
  /// The lessons' names, asked of optrepl when the shell completes.
  static var lessonNames: CompletionKind {
    .custom { _, _, prefix in LessonLibrary().lessons.map(\.name).filter { $0.hasPrefix(prefix) } }
  }

  /// The exercises' IDs, asked of optrepl when the shell completes.
  static var exerciseIDs: CompletionKind {
    .custom { _, _, prefix in LessonLibrary().exercises.map(\.id).filter { $0.hasPrefix(prefix) } }
  }
}

/// `optrepl walk LESSON`: the walkthrough, pausing between steps on a terminal.
struct Walk: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "walk", abstract: "Print a lesson's walkthrough: prose, each code cell and its live output.")

  @Argument(help: "The lesson, e.g. adagrad (`optrepl lessons` lists them).", completion: .lessonNames)
  var lesson: String

  @Flag(help: "Never pause between cells.")
  var all = false

  @Flag(name: .customLong("no-color"), help: "Do not colour output.")
  var noColor = false

  @Option(help: "Write the lesson as one self-contained web page (prose, code, output, plots as SVG) to this file.")
  var html: String?

  func run() throws {
    let context = LessonContext(noColor: noColor)
    let lesson = try context.lesson(self.lesson)
    if let html {
      // Every plot goes onto the page as SVG, in place of its terminal picture.
      let interpreter = Interpreter(output: { _ in })
      interpreter.runtime.notices = { StandardStream.error.write($0) }
      let export = HTMLExport(lesson: lesson, interpreter: interpreter)
      PlotLibrary.install(into: interpreter, onFigure: { [unowned export] _, svg in export.figure(svg: svg) })
      DataSets.install(into: interpreter)
      try AtomicFile.write(export.render(), to: html)
      print("saved \(html)")
      throw export.failed ? ExitCode.failure : ExitCode.success
    }
    let pausing = !all && Terminal.isTerminal(STDOUT_FILENO) && Terminal.isTerminal(STDIN_FILENO)
    let out: (String) -> Void = {
      print($0, terminator: "")
      fflush(nil)
    }
    // On a terminal a step longer than the screen pauses inside too.
    let pager = Pager(
      write: out,
      ask: {
        out(context.renderer.paint(Pager.prompt, .rule) + " ")
        return readLine()?.trimmingCharacters(in: .whitespaces).lowercased() != "a"
      })
    let walkthrough = Walkthrough(
      lesson: lesson, interpreter: context.makeInterpreter(), renderer: context.renderer,
      write: pausing ? pager.write : out)
    while true {
      pager.startPage()
      // Ctrl-C while a cell runs stops it with a KeyboardInterrupt; at the pause it ends the walk.
      switch ScriptRunner.withInterrupts({ walkthrough.showNext() }) {
      case .finished:
        throw ExitCode.success
      case .failed:
        throw ExitCode.failure
      case .shown:
        guard pausing, !walkthrough.isFinished else { continue }
        print(context.renderer.paint("[Enter] next · b back · q quit ", .rule), terminator: "")
        fflush(nil)
        guard let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() else { throw ExitCode.success }
        if answer == "q" { throw ExitCode.success }
        if answer == "b" {
          pager.startPage()
          _ = walkthrough.showPrevious()
        }
      }
    }
  }
}

/// `optrepl lessons`: every lesson with its title and exercise progress.
struct Lessons: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lessons", abstract: "List the lessons: name, title, what each teaches, exercises done.")

  @Flag(name: .customLong("no-color"), help: "Do not colour output.")
  var noColor = false

  func run() throws {
    let context = LessonContext(noColor: noColor)
    print(LessonListing.lessons(context.library, progress: context.loadProgress(), renderer: context.renderer))
  }
}

/// `optrepl exercises [ID]`: the list, or one exercise as a file to edit.
struct Exercises: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "exercises",
    abstract: "List the exercises (✓ done), or print one as a starter file: optrepl exercises ID > ID.opt")

  @Argument(help: "An exercise ID, e.g. adagrad-1: print its task and starter code.", completion: .exerciseIDs)
  var id: String?

  @Option(help: ArgumentHelp("Show the first N hints of exercise ID.", valueName: "N"))
  var hints: Int?

  @Flag(name: .customLong("no-color"), help: "Do not colour output.")
  var noColor = false

  func run() throws {
    let context = LessonContext(noColor: noColor)
    guard let id else {
      print(LessonListing.exercises(context.library, progress: context.loadProgress(), renderer: context.renderer))
      return
    }
    let exercise = try context.exercise(id)
    if let hints {
      for (k, hint) in exercise.hints.prefix(max(0, hints)).enumerated() {
        print("Hint \(k + 1) of \(exercise.hints.count):\n" + context.renderer.render(hint))
      }
      return
    }
    print(exercise.starterFile, terminator: "")
  }
}

/// `optrepl check ID [FILE]`: grades an answer kept in a file.
struct Check: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Grade your answer to exercise ID, kept in FILE (default: ID.opt). Exit 0 on pass, 1 on fail.")

  @Argument(help: "The exercise, e.g. adagrad-1.", completion: .exerciseIDs)
  var id: String

  @Argument(help: "The file with your answer (default: ID.opt in this folder).", completion: .file(extensions: ["opt"]))
  var file: String?

  @Flag(name: .customLong("no-color"), help: "Do not colour output.")
  var noColor = false

  /// How long an answer and its check may run before they are interrupted:
  /// 120 s, or `$OPTREPL_CHECK_SECONDS`.
  static var timeLimitSeconds: Int {
    Int(ProcessInfo.processInfo.environment["OPTREPL_CHECK_SECONDS"] ?? "") ?? 120
  }

  func run() throws {
    let context = LessonContext(noColor: noColor)
    let exercise = try context.exercise(id)
    let path = file ?? id + ".opt"
    if file == nil && !FileManager.default.fileExists(atPath: path) {
      throw ValidationError(
        "no file \(path) here: write your answer in it (`optrepl exercises \(id) > \(path)` gives the starter), "
          + "or name the file: optrepl check \(id) FILE")
    }
    let answer: SourceFile
    do {
      answer = try ScriptRunner.readSource(path)
    } catch {
      StandardStream.error.write(OptError.text(of: error))
      throw ExitCode.failure
    }
    // An answer that loops forever is stopped as Ctrl-C would stop it.
    let timeLimit = DispatchWorkItem { Interrupt.requested = true }
    DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(Self.timeLimitSeconds), execute: timeLimit)
    let outcome = ScriptRunner.withInterrupts {
      Checker.grade(exercise, answer: answer, in: context.makeInterpreter(), color: context.color)
    }
    timeLimit.cancel()
    var progress = context.loadProgress()
    switch outcome {
    case .passed:
      progress.recordPass(exercise.id)
      context.save(progress)
      print(LessonListing.passMessage(exercise, progress: progress, library: context.library))
    case .failed(let message), .notReady(let message):
      StandardStream.error.write(LessonListing.failMessage(exercise, message))
      throw ExitCode.failure
    }
  }
}
