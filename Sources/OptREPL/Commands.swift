import Foundation
import OptLang

/// What a colon command takes after its name, which decides how Tab completes it.
enum ArgumentKind: Equatable {
  case none
  /// A file path (`:load FILE`).
  case file
  /// Code (`:time EXPR`, `:source NAME`).
  case code
  /// A command or a name (`:help NAME`).
  case commandOrName
  /// A lesson's name (`:lesson NAME`).
  case lesson
  /// An exercise ID (`:exercise ID`).
  case exercise
}

/// What the session does after a command.
enum CommandOutcome: Equatable {
  case keepGoing
  case quit
}

/// One colon command: its name, how it is written, what it does, and the action.
/// A new command (`:lessons`, `:exercise ID`, ...) is one more `Command` in
/// `CommandTable.standard`, or one `add` call.
struct Command {
  let name: String
  /// As `:help` shows it, e.g. `:load FILE`.
  let usage: String
  let summary: String
  let argument: ArgumentKind
  /// Runs the command with the text after its name (trimmed).
  let action: (REPL, String) -> CommandOutcome
}

/// The REPL's colon commands, and how a typed name finds one: the exact name,
/// a one-letter shortcut (`:l` is `:load`), or else any unique prefix (`:lo`
/// is `:load`; `:re` is ambiguous between `:reload` and `:reset`).
struct CommandTable {
  private(set) var commands: [Command] = []

  /// How a typed command name resolved.
  enum Resolution {
    case found(Command)
    case ambiguous([Command])
    /// No command starts so; `suggestion` is the closest name, if one is close.
    case unknown(suggestion: String?)

    var command: Command? {
      if case .found(let command) = self { return command }
      return nil
    }
  }

  init(_ commands: [Command] = []) {
    for command in commands { add(command) }
  }

  var names: [String] { commands.map(\.name) }

  /// Adds a command, replacing one of the same name.
  mutating func add(_ command: Command) {
    if let i = commands.firstIndex(where: { $0.name == command.name }) {
      commands[i] = command
    } else {
      commands.append(command)
    }
  }

  /// One-letter names for the commands used most, which would otherwise be
  /// ambiguous prefixes: `:l` is `:load` (not `:lesson`), `:h` is `:help`
  /// (not `:hint`), `:s` is `:source` (not `:solution`).
  var shortcuts: [String: String] = ["l": "load", "h": "help", "s": "source"]

  func resolve(_ typed: String) -> Resolution {
    if let exact = commands.first(where: { $0.name == typed }) { return .found(exact) }
    if let name = shortcuts[typed], let command = commands.first(where: { $0.name == name }) { return .found(command) }
    let matching = typed.isEmpty ? [] : commands.filter { $0.name.hasPrefix(typed) }
    switch matching.count {
    case 1: return .found(matching[0])
    case 0: return .unknown(suggestion: Suggest.closest(to: typed, among: names))
    default: return .ambiguous(matching)
    }
  }

  /// Splits `:name argument` into the name and the trimmed argument; nil if
  /// `line` is not a command.
  static func split(_ line: String) -> (name: String, argument: String)? {
    guard line.hasPrefix(":") else { return nil }
    let body = line.dropFirst()
    let name = body.prefix { !$0.isWhitespace }
    let argument = body.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
    return (String(name), argument)
  }

  /// Every command of the REPL, in the order `:help` lists them: the
  /// session's own, the lessons' and exercises', and `:quit` last.
  static var standard: CommandTable {
    CommandTable(
      [
        Command(
          name: "help", usage: ":help [NAME]", summary: "this list, or help on a command or a name (as ?NAME)",
          argument: .commandOrName, action: { $0.helpCommand($1) }),
        Command(
          name: "load", usage: ":load FILE", summary: "run FILE in this session; its definitions stay",
          argument: .file, action: { $0.loadCommand($1) }),
        Command(
          name: "reload", usage: ":reload", summary: "run the file of the last :load again",
          argument: .none, action: { repl, _ in repl.reloadCommand() }),
        Command(
          name: "paste", usage: ":paste",
          summary: "type or paste lines until a line :end, then run them as one program",
          argument: .none, action: { repl, _ in repl.pasteCommand() }),
        Command(
          name: "vars", usage: ":vars", summary: "list the variables you have defined, with their values",
          argument: .none, action: { repl, _ in repl.varsCommand() }),
        Command(
          name: "source", usage: ":source NAME", summary: "show the source of a function or rule",
          argument: .code, action: { $0.sourceCommand($1) }),
        Command(
          name: "time", usage: ":time EXPR", summary: "run EXPR, print its value and how long it took",
          argument: .code, action: { $0.timeCommand($1) }),
        Command(
          name: "reset", usage: ":reset", summary: "forget every definition: a fresh session",
          argument: .none, action: { repl, _ in repl.resetCommand() }),
      ] + lessonCommands + [
        Command(
          name: "quit", usage: ":quit", summary: "leave (Ctrl-D on an empty line does the same)",
          argument: .none, action: { _, _ in .quit })
      ])
  }
}

// MARK: - The actions

extension REPL {
  /// Runs a line that starts with `:`.
  func runCommand(_ line: String) -> CommandOutcome {
    guard let (name, argument) = CommandTable.split(line) else { return .keepGoing }
    if name.isEmpty {
      writeError("a command goes right after the colon, e.g. :help\n")
      return .keepGoing
    }
    switch commands.resolve(name) {
    case .found(let command):
      return command.action(self, argument)
    case .ambiguous(let candidates):
      let list = candidates.map { ":" + $0.name }.joined(separator: ", ")
      writeError(":\(name) is ambiguous: it could be \(list); type more of the name\n")
    case .unknown(let suggestion):
      var message = "unknown command :\(name)"
      if let suggestion { message += " (did you mean :\(suggestion)?)" }
      message += "\ncommands: " + commands.names.map { ":" + $0 }.joined(separator: " ") + "  (:help explains them)\n"
      writeError(message)
    }
    return .keepGoing
  }

  func helpCommand(_ argument: String) -> CommandOutcome {
    if !argument.isEmpty {
      let bare = argument.hasPrefix(":") ? String(argument.dropFirst()) : argument
      if argument.hasPrefix(":") || interpreter.help(for: argument) == nil,
        let command = commands.resolve(bare).command
      {
        write("\(command.usage)\n    \(command.summary)\n")
        return .keepGoing
      }
      showHelp(for: argument)
      return .keepGoing
    }
    let width = (commands.commands.map(\.usage.count).max() ?? 0) + 2
    var text = "Commands (any unique prefix works: :l is :load):\n"
    for command in commands.commands {
      text += "  " + command.usage.padding(toLength: width, withPad: " ", startingAt: 0) + command.summary + "\n"
    }
    text += """

      Help on a name: ?NAME or help(NAME), e.g. ?adam or help(np.sqrt).
      Keys: Tab completes; Up/Down recall history entries that start like the text
      before the cursor; Ctrl-R searches the history; a line ending in ':' goes on
      with '... ' until a blank line; Ctrl-C abandons the line or stops a running
      program; Ctrl-D on an empty line quits.

      """
    write(text)
    return .keepGoing
  }

  /// `?name`, `help(name)` as a command.
  func showHelp(for name: String) {
    let name = name.trimmingCharacters(in: .whitespaces)
    if name.isEmpty {
      write(Help.overview + "\n")
      return
    }
    if let text = interpreter.help(for: name) {
      write(text + "\n")
      return
    }
    writeNotDefined(name)
  }

  /// "NameError: 'x' is not defined (did you mean 'y'?)" for a name asked about.
  func writeNotDefined(_ name: String) {
    var message = "NameError: '\(name)' is not defined"
    if let close = interpreter.closestName(to: name) { message += " (did you mean '\(close)'?)" }
    writeError(message + "\n")
  }

  func loadCommand(_ argument: String) -> CommandOutcome {
    var path = argument
    if path.count >= 2, let first = path.first, first == "'" || first == "\"", path.last == first {
      path = String(path.dropFirst().dropLast())
    }
    guard !path.isEmpty else {
      writeError("usage: :load FILE (Tab completes the file name)\n")
      return .keepGoing
    }
    path = HomeFolder.expandingTilde(path)
    load(path)
    return .keepGoing
  }

  func reloadCommand() -> CommandOutcome {
    guard let path = lastLoaded else {
      writeError("nothing to reload: :load a file first\n")
      return .keepGoing
    }
    load(path)
    return .keepGoing
  }

  private func load(_ path: String) {
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      var isDirectory: ObjCBool = false
      if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
        writeError("cannot load \(path): there is no such file\n")
      } else if isDirectory.boolValue {
        writeError("cannot load \(path): it is a directory\n")
      } else {
        writeError("cannot load \(path): \(error.localizedDescription)\n")
      }
      return
    }
    lastLoaded = path
    if evaluate(text, name: path, echo: .none) {
      write("loaded \(path)\n")
    }
  }

  func pasteCommand() -> CommandOutcome {
    guard let editor else {
      writeError(":paste needs a terminal\n")
      return .keepGoing
    }
    write("paste mode: paste or type lines, then a line :end (Ctrl-C abandons, Ctrl-D also ends)\n")
    var lines: [String] = []
    editor.tabInsertsTab = true
    defer { editor.tabInsertsTab = false }
    reading: while true {
      switch editor.readLine(prompt: "") {
      case .interrupted:
        write("^C\npaste abandoned\n")
        return .keepGoing
      case .endOfInput:
        write("\n")
        break reading
      case .line(let line):
        if line.trimmingCharacters(in: .whitespaces) == ":end" { break reading }
        lines.append(PastedPrompt.strip(line))
      }
    }
    guard lines.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else { return .keepGoing }
    evaluate(lines.joined(separator: "\n") + "\n", name: nextEntryName(), echo: .all)
    return .keepGoing
  }

  func varsCommand() -> CommandOutcome {
    let variables = interpreter.userVariables
    guard !variables.isEmpty else {
      write("(no variables yet)\n")
      return .keepGoing
    }
    let nameWidth = min(variables.map(\.name.count).max() ?? 0, 20)
    let room = max(20, terminalWidth() - nameWidth - 4)
    var text = ""
    for (name, value) in variables {
      let oneLine = value.replacingOccurrences(of: "\n", with: " ")
      let shown = oneLine.count > room ? String(oneLine.prefix(room - 1)) + "…" : oneLine
      text += name.padding(toLength: max(nameWidth, name.count), withPad: " ", startingAt: 0) + " = " + shown + "\n"
    }
    write(text)
    return .keepGoing
  }

  func sourceCommand(_ argument: String) -> CommandOutcome {
    let name = argument.trimmingCharacters(in: .whitespaces)
    guard !name.isEmpty else {
      writeError("usage: :source NAME (a function or rule)\n")
      return .keepGoing
    }
    if let source = interpreter.sourceText(of: name) {
      write(source + "\n")
    } else if interpreter.isDefined(name) {
      writeError("'\(name)' has no source to show: only functions and rules written in code have one (try ?\(name))\n")
    } else {
      writeNotDefined(name)
    }
    return .keepGoing
  }

  func timeCommand(_ argument: String) -> CommandOutcome {
    guard !argument.isEmpty else {
      writeError("usage: :time EXPR, e.g. :time sum(range(100000))\n")
      return .keepGoing
    }
    let clock = ContinuousClock()
    let start = clock.now
    let succeeded = evaluate(argument, name: nextEntryName(), echo: .all)
    let elapsed = clock.now - start
    if succeeded { write("wall time: \(Self.describe(elapsed))\n") }
    return .keepGoing
  }

  /// A duration in the unit that suits it: `850 µs`, `12.3 ms`, `2.05 s`.
  static func describe(_ duration: Duration) -> String {
    let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    func three(_ x: Double) -> String {
      x >= 100 ? String(format: "%.0f", x) : x >= 10 ? String(format: "%.1f", x) : String(format: "%.2f", x)
    }
    if seconds < 1e-3 { return three(seconds * 1e6) + " µs" }
    if seconds < 1 { return three(seconds * 1e3) + " ms" }
    return three(seconds) + " s"
  }

  func resetCommand() -> CommandOutcome {
    interpreter.reset()
    write("session reset: every definition is forgotten\n")
    return .keepGoing
  }
}
