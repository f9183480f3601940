import ArgumentParser
import Foundation
import OptLang
import OptLessons
import OptPlot
import OptREPL
import OptSystem

/// The `optrepl` command: its subcommands, `run` (the default: the REPL, a
/// script, `-e CODE`, standard input) and the lesson commands. Exit status: 0
/// success, 1 an error in the program, 2 a usage error.
struct Optrepl: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "optrepl",
    abstract: "A teaching REPL for gradient-descent optimizers and learning-rate schedules.",
    discussion: """
      With no subcommand optrepl runs `run`: the interactive REPL (when standard input \
      is a terminal), FILE, -e CODE, or all of standard input as one program.
      Set NO_COLOR in the environment, or pass --no-color, to turn colour off.
      Shell completion: optrepl --generate-completion-script bash (or zsh, fish).
      """,
    version: REPL.version,
    // One command per line, so that adding one is a one-line change.
    subcommands: [
      Run.self,
      Walk.self,
      Lessons.self,
      Exercises.self,
      Check.self,
      KernelCommand.self,
      NotebookCommand.self,
    ],
    defaultSubcommand: Run.self)

  /// Parses the command line (the subcommands included) and runs what it
  /// names; exits 0, the command's own status, or 2 for a usage error (the
  /// argument parser's own default is 64).
  static func mainWithUsageStatus() -> Never {
    var command: ParsableCommand
    do {
      command = try parseAsRoot()
    } catch {
      if exitCode(for: error) == .validationFailure {
        FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
        Foundation.exit(2)
      }
      exit(withError: error)
    }
    do {
      try command.run()
      Foundation.exit(0)
    } catch let error as ValidationError {
      // A usage error found while running (no such lesson): the subcommand's usage.
      let name = type(of: command).configuration.commandName ?? "run"
      let usage = usageString(for: type(of: command))
      FileHandle.standardError.write(
        Data("Error: \(error.message)\nUsage: \(usage)\n  See 'optrepl help \(name)' for more information.\n".utf8))
      Foundation.exit(2)
    } catch {
      exit(withError: error)
    }
  }
}

/// `optrepl [run] [FILE | -e CODE ...] [-i]`: the REPL, a program, or standard input.
struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "The REPL (the default), a program FILE, -e CODE, or standard input (- or a pipe).")

  @Argument(
    help: "A program to run, e.g. train.opt; - reads it from standard input.", completion: .file(extensions: ["opt"]))
  var file: String?

  @Option(
    name: .customShort("e"),
    help: ArgumentHelp(
      "Run CODE; the value of a final expression is printed. Several -e run as the lines of one program.",
      valueName: "code"))
  var code: [String] = []

  @Flag(name: .customShort("i"), help: "After running FILE (or -e CODE), enter the REPL with its definitions.")
  var interactive = false

  @Flag(name: .customLong("no-color"), help: "Do not colour output.")
  var noColor = false

  func validate() throws {
    if file != nil && !code.isEmpty {
      throw ValidationError("give either FILE or -e CODE, not both")
    }
  }

  func run() throws {
    let color = Terminal.colorWanted(noColorFlag: noColor)
    let interpreter = Interpreter.forTerminal(color: color)
    let runner = ScriptRunner(interpreter: interpreter, color: color)
    var status: Int32 = 0
    if !code.isEmpty {
      status = runner.runCode(code.joined(separator: "\n"), name: "<-e>", echo: .last)
    } else if file == "-" {
      status = runner.runStandardInput()
    } else if let file {
      status = runner.runFile(file)
    } else if !Terminal.isTerminal(STDIN_FILENO) {
      status = runner.runStandardInput()
    } else {
      status = startREPL(interpreter, color: color)
    }
    if interactive && (file != nil || !code.isEmpty) {
      status = startREPL(interpreter, color: color)
    }
    throw ExitCode(status)
  }

  private func startREPL(_ interpreter: Interpreter, color: Bool) -> Int32 {
    REPL(interpreter: interpreter, color: color, historyPath: REPL.defaultHistoryPath()).run()
  }
}

StandardStreams.reopenClosed()
Optrepl.mainWithUsageStatus()
