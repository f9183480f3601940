import Foundation
import OptLang
import OptSystem

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

  /// A prefix shared by a singular and a plural (`:ex` of `:exercise` and
  /// `:exercises`, `:le` of `:lesson` and `:lessons`) is the singular when
  /// an argument follows (`:ex adagrad-1`) and the plural when none does.
  func resolve(_ typed: String, hasArgument: Bool = false) -> Resolution {
    if let exact = commands.first(where: { $0.name == typed }) { return .found(exact) }
    if let name = shortcuts[typed], let command = commands.first(where: { $0.name == name }) { return .found(command) }
    let matching = typed.isEmpty ? [] : commands.filter { $0.name.hasPrefix(typed) }
    switch matching.count {
    case 1: return .found(matching[0])
    case 0: return .unknown(suggestion: Suggest.closest(to: typed, among: names))
    case 2 where matching[1].name == matching[0].name + "s" || matching[0].name == matching[1].name + "s":
      let (takesArgument, takesNone) =
        matching[0].argument == .none ? (matching[1], matching[0]) : (matching[0], matching[1])
      return .found(hasArgument ? takesArgument : takesNone)
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
          name: "time", usage: ":time EXPR",
          summary: "run EXPR, print its value, then time it as %timeit does (mean ± std. dev.)",
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
    switch commands.resolve(name, hasArgument: !argument.isEmpty) {
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
    if let text = KeywordHelp.texts[name] {
      write(text + (text.hasSuffix("\n") ? "" : "\n"))
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
      case .pasted(let text):
        lines += PastedPrompt.code(ofPaste: text).split(separator: "\n", omittingEmptySubsequences: false).map(
          String.init)
      }
    }
    guard lines.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else { return .keepGoing }
    evaluate(lines.joined(separator: "\n") + "\n", name: nextEntryName(), echo: .all)
    return .keepGoing
  }

  /// The learner's variables, then (under a heading) the ones lessons defined.
  func varsCommand() -> CommandOutcome {
    let variables = interpreter.userVariables.filter { $0.name != "_" }
    guard !variables.isEmpty else {
      write("(no variables yet)\n")
      return .keepGoing
    }
    let fromLessons = lessons.names.names
    let own = variables.filter { !fromLessons.contains($0.name) }
    let lessons = variables.filter { fromLessons.contains($0.name) }
    let nameWidth = min(variables.map(\.name.count).max() ?? 0, 20)
    let room = max(20, terminalWidth() - nameWidth - 4)
    func lines(_ list: [(name: String, value: String)]) -> String {
      list.map { name, value in
        let oneLine = value.replacingOccurrences(of: "\n", with: " ")
        let shown = oneLine.count > room ? String(oneLine.prefix(room - 1)) + "…" : oneLine
        return name.padding(toLength: max(nameWidth, name.count), withPad: " ", startingAt: 0) + " = " + shown + "\n"
      }.joined()
    }
    var text = own.isEmpty ? "(none of your own yet)\n" : lines(own)
    if !lessons.isEmpty {
      text += renderer.paint("From lessons and exercises:", .bold) + "\n" + lines(lessons)
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

  /// `:time EXPR`, as IPython's `%timeit`: runs EXPR once (its value is
  /// shown), then times seven runs of a loop that evaluates it many times, as
  /// many as fill about 0.2 s, and prints the mean time per evaluation ± the
  /// standard deviation across the runs. Output during the runs is not shown.
  func timeCommand(_ argument: String) -> CommandOutcome {
    guard !argument.isEmpty else {
      writeError("usage: :time EXPR, e.g. :time sum(range(100000))\n")
      return .keepGoing
    }
    let clock = ContinuousClock()
    let start = clock.now
    guard evaluate(argument, name: nextEntryName(), echo: .all) else { return .keepGoing }
    let once = Self.seconds(clock.now - start)
    let runs = once > 1 ? 1 : 7
    let loops = once >= 0.2 ? 1 : min(1_000_000, max(1, Int(0.2 / max(once, 1e-7))))
    let loopName = "__optrepl_time_loop__"
    let loopSource = "def \(loopName)(n):\n    for __optrepl_i in range(n):\n        \(argument)\n"
    defer { interpreter.runtime.globals[loopName] = nil }
    var times: [Double] = []
    let discard: (String) -> Void = { _ in }
    let silent = interpreter.withOutput(discard) {
      guard evaluate(loopSource, name: "<:time>", echo: .none) else { return false }
      for _ in 0..<runs {
        let begin = clock.now
        guard evaluate("\(loopName)(\(loops))", name: "<:time>", echo: .none) else { return false }
        times.append(Self.seconds(clock.now - begin) / Double(loops))
      }
      return true
    }
    guard silent, !times.isEmpty else {
      write("wall time: \(Self.describe(once)) (one run: it cannot be repeated as an expression)\n")
      return .keepGoing
    }
    let mean = times.reduce(0, +) / Double(times.count)
    let spread = (times.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(times.count)).squareRoot()
    let runsText = runs == 1 ? "1 run" : "\(runs) runs"
    write(
      "\(Self.describe(mean)) ± \(Self.describe(spread)) per loop (mean ± std. dev. of \(runsText), "
        + "\(loops) loop\(loops == 1 ? "" : "s") each)\n")
    return .keepGoing
  }

  static func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
  }

  /// A time in seconds in the unit that suits it: `850 µs`, `12.3 ms`, `2.05 s`.
  static func describe(_ seconds: Double) -> String {
    describe(Duration.nanoseconds(Int64((seconds * 1e9).rounded())))
  }

  /// A duration in the unit that suits it: `850 µs`, `12.3 ms`, `2.05 s`.
  static func describe(_ duration: Duration) -> String {
    let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    func three(_ x: Double) -> String {
      x >= 100 ? String(format: "%.0f", x) : x >= 10 ? String(format: "%.1f", x) : String(format: "%.2f", x)
    }
    if seconds < 1e-6 { return three(seconds * 1e9) + " ns" }
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
