import Foundation
import OptLang
import OptLessons
import OptPlot
import OptSystem

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The kernel's answers to the shell channel: one interpreter session, the
/// execution count and the history of the cells run in it.
///
/// `execute_request` runs a cell: what it prints becomes `stream` output, the
/// value of a final expression the `execute_result`, an error an `error`
/// message with the located, caret-pointed text. Besides the language, a cell
/// may be `?name` (help, as the REPL shows it) or start with `%%markdown`
/// (prose whose `{{expression}}`s show values of the session: how a lesson's
/// prose is shown in a notebook).
final class MessageHandlers {
  private let output: CellOutput
  let interpreter: Interpreter
  private var executionCount = 0
  /// Every cell run with `store_history`: its number, code and result text.
  private var history: [(count: Int, input: String, output: String?)] = []

  init(kernel: Kernel) {
    let output = CellOutput(kernel: kernel)
    self.output = output
    interpreter = Interpreter(output: { output.write($0, to: "stdout") })
    interpreter.runtime.notices = { output.write($0, to: "stderr") }
    PlotLibrary.install(
      into: interpreter, settings: PlotSettings(color: false, unicode: true),
      onFigure: { text, svg in output.display(["image/svg+xml": svg, "text/plain": text]) })
    NotebookBuiltins.install(into: interpreter, output: output)
    DataSets.install(into: interpreter)
  }

  /// What `kernel_info_request` answers.
  static func kernelInfo(version: String) -> JSONObject {
    [
      "status": "ok", "protocol_version": WireMessage.protocolVersion, "implementation": "optrepl",
      "implementation_version": version, "language_info": languageInfo(version: version),
      "banner": "optrepl \(version): gradient-descent optimizers and learning-rate schedules",
      "help_links": [] as [Any], "debugger": false,
    ]
  }

  /// The language, for `kernel_info` and a notebook's metadata.
  static func languageInfo(version: String) -> JSONObject {
    [
      "name": "optrepl", "version": version, "mimetype": "text/x-optrepl", "file_extension": ".opt",
      // The language is Python-flavoured: Python's highlighting fits it.
      "pygments_lexer": "python", "codemirror_mode": ["name": "python", "version": 3] as JSONObject,
      "nbconvert_exporter": "script",
    ]
  }

  /// The reply to a shell request (type and content), or nil for a message that has none.
  func handle(_ request: WireMessage) -> (String, JSONObject)? {
    let content = request.content
    switch request.type {
    case "execute_request": return ("execute_reply", execute(request))
    case "complete_request": return ("complete_reply", complete(content))
    case "inspect_request": return ("inspect_reply", inspect(content))
    case "is_complete_request": return ("is_complete_reply", isComplete(content["code"] as? String ?? ""))
    case "history_request": return ("history_reply", self.history(content))
    case "comm_info_request": return ("comm_info_reply", ["status": "ok", "comms": [:] as JSONObject])
    case "comm_open":
      // No comm targets here: the protocol says to close the comm at once.
      output.parent = request
      output.send("comm_close", ["comm_id": content["comm_id"] as? String ?? "", "data": [:] as JSONObject])
      output.parent = nil
      return nil
    default: return nil
    }
  }

  // MARK: - execute

  private func execute(_ request: WireMessage) -> JSONObject {
    let code = request.content["code"] as? String ?? ""
    let silent = request.content["silent"] as? Bool ?? false
    let storeHistory = !silent && (request.content["store_history"] as? Bool ?? true)
    if storeHistory { executionCount += 1 }
    let count = executionCount
    output.parent = request
    output.silent = silent
    defer { output.parent = nil }
    output.send("execute_input", ["code": code, "execution_count": count])
    var result: String?
    var payload: [JSONObject] = []
    // An interrupt that came while no cell ran is for no cell.
    Interrupt.requested = false
    do {
      try run(code, count: count, result: &result, payload: &payload)
      output.flush()
    } catch {
      output.flush()
      let (name, value, traceback) = Self.describe(error)
      output.send("error", ["ename": name, "evalue": value, "traceback": traceback])
      if storeHistory { history.append((count, code, nil)) }
      return ["status": "error", "execution_count": count, "ename": name, "evalue": value, "traceback": traceback]
    }
    if let result {
      output.send(
        "execute_result",
        ["execution_count": count, "data": ["text/plain": result] as JSONObject, "metadata": [:] as JSONObject])
    }
    if storeHistory { history.append((count, code, result)) }
    return ["status": "ok", "execution_count": count, "payload": payload, "user_expressions": [:] as JSONObject]
  }

  private func run(_ code: String, count: Int, result: inout String?, payload: inout [JSONObject]) throws {
    let trimmed = code.trimmingCharacters(in: .whitespacesAndNewlines)
    if let name = Self.helpRequest(trimmed) {
      guard let text = interpreter.help(for: name) else {
        throw OptError(.nameError, "name '\(name)' is not defined, so there is no help for it")
      }
      payload.append(["source": "page", "data": ["text/plain": text] as JSONObject, "start": 0])
      return
    }
    if trimmed.hasPrefix(NotebookBuiltins.markdownMagic) {
      let prose = trimmed.dropFirst(NotebookBuiltins.markdownMagic.count).drop { $0 != "\n" }.dropFirst()
      let text = try NotebookBuiltins.interpolate(String(prose), in: interpreter)
      output.display(["text/markdown": text, "text/plain": text])
      return
    }
    var echoed: String?
    interpreter.runtime.echo = { echoed = $0 }
    defer { interpreter.runtime.echo = nil }
    try interpreter.run(SourceFile(name: "<cell \(count)>", text: code), echo: .last)
    result = echoed
  }

  /// `?name` or `name?`: the dotted name asked about, else nil.
  static func helpRequest(_ text: String) -> String? {
    var name = text
    if name.hasPrefix("?") {
      name.removeFirst()
    } else if name.hasSuffix("?") {
      name.removeLast()
    } else {
      return nil
    }
    name = name.trimmingCharacters(in: .whitespaces)
    let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "_."))
    guard !name.isEmpty, name.unicodeScalars.allSatisfy(allowed.contains) else { return nil }
    return name
  }

  /// An error as Jupyter shows it: its kind, its words, and the whole located
  /// text with the caret (in colour, which notebooks show) as the traceback.
  static func describe(_ error: Error) -> (name: String, value: String, traceback: [String]) {
    guard let error = error as? OptError else { return ("Error", "\(error)", ["\(error)"]) }
    var lines = error.render(.terminal).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    while lines.last?.isEmpty == true { lines.removeLast() }
    return (error.kind.rawValue, error.message, lines)
  }

  // MARK: - complete, inspect, is_complete

  /// The REPL's completions for the word before the cursor.
  private func complete(_ content: JSONObject) -> JSONObject {
    let code = content["code"] as? String ?? ""
    let scalars = Array(code.unicodeScalars)
    let cursor = min(max(content["cursor_pos"] as? Int ?? scalars.count, 0), scalars.count)
    let before = String(String.UnicodeScalarView(scalars[..<cursor]))
    let wordLength = Self.wordScalars(before, fromEnd: true)
    let matches = interpreter.completions(for: before)
    return [
      "status": "ok", "matches": matches, "cursor_start": cursor - wordLength, "cursor_end": cursor,
      "metadata": [:] as JSONObject,
    ]
  }

  /// What `?name` shows for the name under the cursor.
  private func inspect(_ content: JSONObject) -> JSONObject {
    let code = content["code"] as? String ?? ""
    let scalars = Array(code.unicodeScalars)
    let cursor = min(max(content["cursor_pos"] as? Int ?? scalars.count, 0), scalars.count)
    let left = Self.wordScalars(String(String.UnicodeScalarView(scalars[..<cursor])), fromEnd: true)
    let right = Self.wordScalars(String(String.UnicodeScalarView(scalars[cursor...])), fromEnd: false)
    var name = String(String.UnicodeScalarView(scalars[(cursor - left)..<(cursor + right)]))
    while name.hasSuffix(".") { name.removeLast() }
    guard !name.isEmpty, let text = interpreter.help(for: name) else {
      return ["status": "ok", "found": false, "data": [:] as JSONObject, "metadata": [:] as JSONObject]
    }
    return ["status": "ok", "found": true, "data": ["text/plain": text] as JSONObject, "metadata": [:] as JSONObject]
  }

  /// How many Unicode scalars of a name (letters, digits, `_`, `.`) end (or start) `text`.
  static func wordScalars(_ text: String, fromEnd: Bool) -> Int {
    let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "_."))
    let scalars = fromEnd ? Array(text.unicodeScalars.reversed()) : Array(text.unicodeScalars)
    return scalars.prefix { allowed.contains($0) }.count
  }

  /// For `jupyter console`: whether the lines typed make a whole entry (as the
  /// REPL decides), and if not, how to indent the next line.
  func isComplete(_ code: String) -> JSONObject {
    if Interpreter.inputStatus(code) == .incomplete {
      let last = code.split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? ""
      let indent = String(last.prefix { $0 == " " || $0 == "\t" })
      let opens = last.trimmingCharacters(in: .whitespaces).hasSuffix(":")
      return ["status": "incomplete", "indent": opens ? indent + "    " : indent]
    }
    do {
      _ = try Parser.parseProgram(SourceFile(name: "<input>", text: code))
      return ["status": "complete"]
    } catch {
      return ["status": "invalid"]
    }
  }

  // MARK: - history

  /// The cells run in this session: the last `n`, a range of numbers, or those matching a glob pattern.
  private func history(_ content: JSONObject) -> JSONObject {
    let withOutput = content["output"] as? Bool ?? false
    var entries = history
    switch content["hist_access_type"] as? String ?? "tail" {
    case "range":
      let start = content["start"] as? Int ?? 0
      let stop = content["stop"] as? Int ?? Int.max
      entries = entries.filter { $0.count >= start && $0.count < stop }
    case "search":
      let pattern = content["pattern"] as? String ?? "*"
      entries = entries.filter { fnmatch(pattern, $0.input, 0) == 0 }
      if content["unique"] as? Bool ?? false {
        var seen = Set<String>()
        entries = entries.reversed().filter { seen.insert($0.input).inserted }.reversed()
      }
      if let n = content["n"] as? Int { entries = Array(entries.suffix(max(0, n))) }
    default:
      entries = Array(entries.suffix(max(0, content["n"] as? Int ?? 1000)))
    }
    // The session number 1: this kernel keeps one session's history, in memory.
    let rows: [[Any]] = entries.map { entry in
      let input: Any = withOutput ? [entry.input, entry.output ?? NSNull()] as [Any] : entry.input
      return [1, entry.count, input]
    }
    return ["status": "ok", "history": rows]
  }
}
