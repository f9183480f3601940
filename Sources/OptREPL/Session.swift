import CEditLine
import Foundation
import Glibc
import OptLang
import OptSystem

/// The interactive session: reads entries with line editing, runs them in one
/// interpreter (definitions persist), prints values and errors, and goes on
/// until Ctrl-D on an empty line or `:quit`.
///
/// An entry is one line, or several when the first opens a block (it ends in
/// `:`, and then a blank line ends it) or leaves a bracket open. `>>> ` and
/// `... ` prompts pasted with code are dropped. A line starting with `:` is a
/// command (`:help` lists them), `?name` shows help. An error is printed and the
/// session goes on; Ctrl-C abandons the line being typed, or stops the running
/// program with a `KeyboardInterrupt` and keeps every variable.
public final class REPL {
  /// optrepl's version, for the banner and `--version`.
  public static let version = "0.1.0"

  /// The session's interpreter: every entry runs in it.
  public let interpreter: Interpreter
  let color: Bool
  let historyPath: String?
  /// The colon commands; a feature adds its own with `commands.add(...)`.
  var commands = CommandTable.standard
  /// The line editor while `run()` is going.
  var editor: LineEditor?
  /// The file of the last `:load`, for `:reload`.
  var lastLoaded: String?
  /// Lessons begun, the current exercise, the learner's progress.
  let lessons: LessonSession
  private var entryCount = 0
  private let output: (String) -> Void
  private let errorOutput: (String) -> Void

  /// - Parameters:
  ///   - interpreter: the session to run entries in (it may hold definitions
  ///     already, from `optrepl -i FILE`).
  ///   - color: colour error messages.
  ///   - historyPath: where history is kept between sessions (usually
  ///     `REPL.defaultHistoryPath()`), or nil for none.
  public convenience init(interpreter: Interpreter, color: Bool, historyPath: String?) {
    self.init(
      interpreter: interpreter, color: color, historyPath: historyPath,
      // Through stdio, as libedit and (usually) the interpreter's own output go,
      // so that everything appears in the order it was written.
      output: { optrepl_print($0) },
      errorOutput: {
        fflush(nil)
        StandardStream.error.write($0)
      })
  }

  init(
    interpreter: Interpreter, color: Bool, historyPath: String?,
    output: @escaping (String) -> Void, errorOutput: @escaping (String) -> Void
  ) {
    self.interpreter = interpreter
    self.color = color
    self.historyPath = historyPath
    self.output = output
    self.errorOutput = errorOutput
    self.lessons = LessonSession()
    interpreter.runtime.messageStyle = .forTerminal(color: color)
  }

  /// `$XDG_STATE_HOME/optrepl/history`, or `~/.local/state/optrepl/history`
  /// when `XDG_STATE_HOME` is not set.
  public static func defaultHistoryPath() -> String {
    HistoryFile.defaultPath()
  }

  /// Runs the session on the terminal; returns the exit status (0, or 128 +
  /// the signal that ended it).
  public func run() -> Int32 {
    InterruptHandler.install()
    InterruptHandler.claimQuitSignals()
    defer { InterruptHandler.uninstall() }
    let editor = LineEditor(historyPath: historyPath) { [unowned self] warning in
      writeError("optrepl: warning: \(warning)\n")
    }
    editor.completer = { [unowned self] line in
      Completion.complete(line, interpreter: interpreter, commands: commands)
    }
    self.editor = editor
    defer {
      editor.saveHistory()
      self.editor = nil
    }
    write("optrepl \(Self.version) — type :help for help, Ctrl-D to quit\n")
    while true {
      switch readEntry(editor) {
      case .endOfInput:
        if InterruptHandler.quitSignal == 0 { write("\n") }
        return InterruptHandler.exitStatus
      case .abandoned:
        continue
      case .entry(let text):
        let outcome = handle(text)
        editor.saveHistory()
        if outcome == .quit || InterruptHandler.quitSignal != 0 { return InterruptHandler.exitStatus }
      }
    }
  }

  /// What reading an entry produced.
  enum EntryRead: Equatable {
    case entry(String)
    /// Ctrl-C while typing.
    case abandoned
    case endOfInput
  }

  /// Reads lines until they make a whole entry, which goes into the history
  /// as one item (Up brings a whole `def` back). A line after one ending in
  /// `:` starts indented one level more, and one level less after `return`,
  /// `pass`, `break`, `continue`; a pasted block (bracketed paste) is one
  /// entry, blank lines inside included; with colour on, each line entered is
  /// redrawn with syntax colours.
  func readEntry(_ editor: LineEditor) -> EntryRead {
    var lines: [String] = []
    while true {
      let prompt = lines.isEmpty ? ">>> " : "... "
      switch editor.readLine(prompt: prompt, initial: Self.indentation(after: lines)) {
      case .endOfInput:
        return .endOfInput
      case .interrupted:
        write("^C\n")
        return .abandoned
      case .pasted(let text):
        // The paste is shown as if typed: its first line after the prompt, the rest after `... `.
        var code = PastedPrompt.code(ofPaste: text)
        while code.hasSuffix("\n") { code.removeLast() }
        var shown = "\u{1B}[1A\r\u{1B}[K"
        for (i, line) in code.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
          shown += (i == 0 ? prompt : "... ") + (color ? Highlight.paint(String(line)) : String(line)) + "\n"
        }
        write(shown)
        if let entry = Self.addBlock(code, to: &lines) {
          editor.addHistory(entry)
          return .entry(entry)
        }
      case .line(let raw) where raw.contains("\n"):
        // A multi-line entry recalled from the history: whole, as a paste is.
        if let entry = Self.addBlock(raw, to: &lines) {
          editor.addHistory(entry)
          return .entry(entry)
        }
      case .line(let raw):
        // A prompt typed or pasted after the automatic indentation is still a prompt.
        let unindented = String(raw.drop { $0 == " " })
        let pastedPrompt =
          PastedPrompt.prompts.contains { unindented.hasPrefix($0) } || [">>>", "..."].contains(unindented)
        let line = PastedPrompt.strip(pastedPrompt ? unindented : raw)
        if color && !line.hasPrefix(":") && !line.hasPrefix("?") {
          write(Highlight.redraw(raw, prompt: prompt, columns: terminalWidth()))
        }
        if let entry = Self.addLine(line, to: &lines) {
          editor.addHistory(entry)
          return .entry(entry)
        }
      }
    }
  }

  /// The indentation the next line of an entry starts with: the last line's,
  /// one level (four spaces) more after a `:`, one less after a statement
  /// that ends a block; none inside an open bracket or on the first line.
  static func indentation(after lines: [String]) -> String {
    guard let last = lines.last else { return "" }
    if Interpreter.inputStatus(lines.joined(separator: "\n") + "\n\n") == .incomplete { return "" }
    let lead = last.prefix { $0 == " " }.count
    let code = (last.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
      .trimmingCharacters(in: .whitespaces)
    if code.isEmpty { return "" }
    var level = lead
    if code.hasSuffix(":") {
      level += 4
    } else if let word = code.split(separator: " ").first,
      ["return", "pass", "break", "continue", "raise"].contains(String(word))
    {
      level = max(0, lead - 4)
    }
    return String(repeating: " ", count: level)
  }

  /// Adds a block of lines (a paste, a recalled entry) to the entry being
  /// typed; the entry is whole unless a bracket or string is still open.
  static func addBlock(_ block: String, to lines: inout [String]) -> String? {
    let blockLines = block.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.isEmpty, blockLines.count == 1, let entry = addLine(blockLines[0], to: &lines) { return entry }
    lines += blockLines
    let text = lines.joined(separator: "\n")
    guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
      lines = []
      return nil
    }
    if Interpreter.inputStatus(text + "\n\n") == .incomplete { return nil }
    while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
    return lines.joined(separator: "\n")
  }

  /// Adds a line to the entry being typed; returns the entry once it is whole.
  /// A command or `?name` is whole on its own line; a blank first line is
  /// skipped; a block ends at a blank line; an open bracket goes on until it
  /// is closed (Ctrl-C abandons the entry).
  static func addLine(_ line: String, to lines: inout [String]) -> String? {
    let blank = line.trimmingCharacters(in: .whitespaces).isEmpty
    if lines.isEmpty {
      if blank { return nil }
      if line.hasPrefix(":") || line.hasPrefix("?") { return line }
    }
    lines.append(line)
    let text = lines.joined(separator: "\n")
    if Interpreter.inputStatus(text) == .complete { return text }
    return nil
  }

  /// Runs one entry: a command, a help request, or code.
  func handle(_ entry: String) -> CommandOutcome {
    if entry.hasPrefix(":") { return runCommand(entry) }
    if entry.hasPrefix("?") {
      showHelp(for: String(entry.dropFirst()))
      return .keepGoing
    }
    let trimmed = entry.trimmingCharacters(in: .whitespacesAndNewlines)
    if trimmed.count > 1, trimmed.hasSuffix("?"), Self.isDottedName(trimmed.dropLast()) {
      showHelp(for: String(trimmed.dropLast()))
      return .keepGoing
    }
    if ["exit", "quit", "exit()", "quit()"].contains(trimmed) {
      let name = String(trimmed.prefix { $0 != "(" })
      if !interpreter.isDefined(name) {
        if trimmed.hasSuffix("()") { return .quit }
        write("to leave, type :quit or press Ctrl-D\n")
        return .keepGoing
      }
    }
    evaluate(entry, name: nextEntryName(), echo: .all)
    return .keepGoing
  }

  static func isDottedName(_ text: Substring) -> Bool {
    text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { part in
      guard let first = part.first, first.isLetter || first == "_" else { return false }
      return part.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }
  }

  /// The name the next entry's errors are reported under: `<repl:N>`.
  func nextEntryName() -> String {
    entryCount += 1
    return "<repl:\(entryCount)>"
  }

  /// Runs source text on the interpreter's large stack; prints an error if it
  /// throws one. Returns whether it ran to the end.
  @discardableResult
  func evaluate(_ source: String, name: String, echo: EchoMode) -> Bool {
    InterruptHandler.clear()
    defer { InterruptHandler.clear() }
    do {
      let interpreter = self.interpreter
      try Interpreter.onLargeStack { try interpreter.run(source, name: name, echo: echo) }
      return true
    } catch {
      // The terminal has echoed ^C where the cursor was: start the message on a line of its own.
      if (error as? OptError)?.kind == .keyboardInterrupt { write("\n") }
      writeError(OptError.text(of: error, style: .forTerminal(color: color)))
    }
    return false
  }

  func write(_ text: String) { output(text) }
  func writeError(_ text: String) { errorOutput(text) }

  /// The terminal's width in columns (80 when it cannot be told).
  func terminalWidth() -> Int { LineEditor.terminalWidth() }
}
