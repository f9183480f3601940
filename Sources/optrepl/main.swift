import ArgumentParser
import Foundation
import OptLang
import OptLessons
import OptPlot
import OptREPL

/// The `optrepl` command: the REPL, a script, `-e CODE`, or a program on
/// standard input. Exit status: 0 success, 1 an error in the program, 2 a usage error.
struct Optrepl: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "optrepl",
    abstract: "A teaching REPL for gradient-descent optimizers and learning-rate schedules.",
    discussion: """
      With no arguments optrepl starts the interactive REPL (when standard input is a \
      terminal) or runs all of standard input as one program (when it is not).
      Set NO_COLOR in the environment, or pass --no-color, to turn colour off.

      Lessons and exercises:
        optrepl lessons                 list the lessons
        optrepl walk LESSON [--all]     read a lesson: prose, code, live output
        optrepl exercises [ID]          list the exercises, or print one to edit
        optrepl check ID [FILE]         grade your answer (exit 0 pass, 1 fail)
      (`optrepl SUBCOMMAND --help` tells more.)
      """,
    version: REPL.version)

  @Argument(help: "A program to run, e.g. examples/adam.opt.")
  var file: String?

  @Option(
    name: .customShort("e"),
    help: ArgumentHelp("Run CODE; the value of a final expression is printed.", valueName: "code"))
  var code: String?

  @Flag(name: .customShort("i"), help: "After running FILE (or -e CODE), enter the REPL with its definitions.")
  var interactive = false

  @Flag(name: .customLong("no-color"), help: "Do not colour output.")
  var noColor = false

  func validate() throws {
    if file != nil && code != nil {
      throw ValidationError("give either FILE or -e CODE, not both")
    }
  }

  func run() throws {
    let interpreter = Interpreter(output: { print($0, terminator: "") })
    let color = ScriptRunner.colorWanted(noColorFlag: noColor)
    PlotLibrary.install(into: interpreter, settings: .detect(color: color))
    DataSets.install(into: interpreter)
    let runner = ScriptRunner(interpreter: interpreter, color: color)
    var status: Int32 = 0
    if let code {
      status = runner.runCode(code, name: "<-e>", echo: .last)
    } else if let file {
      status = runner.runFile(file)
    } else if isatty(STDIN_FILENO) == 0 {
      status = runner.runStandardInput()
    } else {
      status = startREPL(interpreter, color: color)
    }
    if interactive && (file != nil || code != nil) {
      status = startREPL(interpreter, color: color)
    }
    throw ExitCode(status)
  }

  private func startREPL(_ interpreter: Interpreter, color: Bool) -> Int32 {
    REPL(interpreter: interpreter, color: color, historyPath: REPL.defaultHistoryPath()).run()
  }

  /// Parses and runs, with exit status 2 for a usage error (the argument
  /// parser's own default is 64). The subcommands are found by their first
  /// word; anything else is the REPL, a FILE or -e (a file named like a
  /// subcommand: ./walk).
  static func mainWithUsageStatus() -> Never {
    let arguments = Array(CommandLine.arguments.dropFirst())
    let subcommands: [String: ParsableCommand.Type] = [
      "walk": Walk.self, "lessons": Lessons.self, "exercises": Exercises.self, "check": Check.self,
    ]
    if let first = arguments.first, let subcommand = subcommands[first] {
      parseAndRun(subcommand, Array(arguments.dropFirst()))
    }
    parseAndRun(Optrepl.self, arguments)
  }

  /// Parses `arguments` as `command` and runs it; exits 0, the command's own
  /// status, or 2 for a usage error.
  static func parseAndRun(_ command: ParsableCommand.Type, _ arguments: [String]) -> Never {
    do {
      var parsed = try command.parseAsRoot(arguments)
      try parsed.run()
      Foundation.exit(0)
    } catch {
      if command.exitCode(for: error) == .validationFailure {
        FileHandle.standardError.write(Data((command.fullMessage(for: error) + "\n").utf8))
        Foundation.exit(2)
      }
      command.exit(withError: error)
    }
  }
}

Optrepl.mainWithUsageStatus()
