import Foundation

/// One cell of a percent-format notebook (Jupytext's `# %%` format).
public struct Cell: Equatable, Sendable {
  /// What a cell is, from its marker line.
  public enum Kind: Equatable, Sendable {
    /// `# %%`: code that a walkthrough runs.
    case code
    /// `# %% [markdown]`: prose, each line prefixed `# `.
    case markdown
    /// `# %% [exercise ID]`: the task (leading `# ` lines) and starter code.
    case exercise(id: String)
    /// `# %% [check]`: code defining `check()`, run after the learner's answer.
    case check
    /// `# %% [hint]`: prose, revealed one hint at a time.
    case hint
    /// `# %% [solution]`: the reference answer.
    case solution
  }

  public let kind: Kind
  /// The cell's lines, without its marker line.
  public let lines: [String]
  /// The 1-based line of the file on which the cell's first line stands.
  public let firstLine: Int
  /// Jupytext's cell metadata, the `key="value"` words after the marker's
  /// brackets: `# %% [exercise adagrad-1] writes="adagrad"`.
  public var attributes: [String: String] = [:]

  /// The cell's text, with blank lines at the start and end dropped.
  public var text: String {
    var lines = self.lines[...]
    while let first = lines.first, first.trimmingCharacters(in: .whitespaces).isEmpty { lines = lines.dropFirst() }
    while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines = lines.dropLast() }
    return lines.joined(separator: "\n")
  }

  /// The cell's code as a program whose line numbers are the file's: blank lines
  /// stand in for everything above the cell, so an error points at the lesson
  /// file's own line.
  public var codeInPlace: String {
    String(repeating: "\n", count: firstLine - 1) + lines.joined(separator: "\n") + "\n"
  }

  /// The prose of a markdown or hint cell: each line without its `# ` (or `#`).
  public var prose: String {
    Cell.uncomment(lines[...]).joined(separator: "\n").trimmingCharacters(in: .newlines)
  }

  /// Lines with their comment prefix removed (`# text` → `text`, `#` → empty).
  static func uncomment(_ lines: ArraySlice<String>) -> [String] {
    lines.map { line in
      if line.hasPrefix("# ") { return String(line.dropFirst(2)) }
      if line.hasPrefix("#") { return String(line.dropFirst()) }
      return line
    }
  }
}

/// A percent-format notebook: a `.opt` file cut into cells at its `# %%` lines.
/// Text before the first marker is a code cell of its own (when not blank).
public enum Notebook {
  /// The problem with a marker line.
  public struct FormatError: Error, CustomStringConvertible {
    public let line: Int
    public let message: String
    public var description: String { "line \(line): \(message)" }
  }

  public static func cells(of text: String) throws -> [Cell] {
    var cells: [Cell] = []
    var kind: Cell.Kind = .code
    var lines: [String] = []
    var firstLine = 1
    var attributes: [String: String] = [:]
    var sawMarker = false
    func finish() {
      if sawMarker || lines.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
        cells.append(Cell(kind: kind, lines: lines, firstLine: firstLine, attributes: attributes))
      }
    }
    let allLines = text.replacingOccurrences(of: "\r\n", with: "\n").split(
      separator: "\n", omittingEmptySubsequences: false)
    for (index, rawLine) in allLines.enumerated() {
      let line = String(rawLine)
      guard line.hasPrefix("# %%") else {
        lines.append(line)
        continue
      }
      finish()
      kind = try Self.kind(ofMarker: line, line: index + 1)
      attributes = Self.attributes(ofMarker: line)
      lines = []
      firstLine = index + 2
      sawMarker = true
    }
    finish()
    return cells
  }

  /// The `key="value"` words after a marker's closing bracket.
  static func attributes(ofMarker marker: String) -> [String: String] {
    guard let close = marker.firstIndex(of: "]") else { return [:] }
    var result: [String: String] = [:]
    for word in marker[marker.index(after: close)...].split(separator: " ") {
      let parts = word.split(separator: "=", maxSplits: 1)
      guard parts.count == 2 else { continue }
      result[String(parts[0])] = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
    }
    return result
  }

  /// The kind named by a marker line: `# %%`, `# %% [markdown]`, `# %% [exercise ID]`, ...
  static func kind(ofMarker marker: String, line: Int) throws -> Cell.Kind {
    let rest = marker.dropFirst(4)
    guard let open = rest.firstIndex(of: "["), let close = rest[open...].firstIndex(of: "]") else { return .code }
    let words = rest[rest.index(after: open)..<close].split(separator: " ").map(String.init)
    switch (words.first ?? "", words.count) {
    case ("markdown", 1), ("md", 1): return .markdown
    case ("check", 1): return .check
    case ("hint", 1): return .hint
    case ("solution", 1): return .solution
    case ("exercise", 2): return .exercise(id: words[1])
    case ("exercise", _):
      throw FormatError(line: line, message: "an exercise marker names one ID: # %% [exercise ID]")
    default:
      throw FormatError(
        line: line,
        message: "unknown cell kind [\(words.joined(separator: " "))]: "
          + "use markdown, exercise ID, check, hint or solution")
    }
  }
}
