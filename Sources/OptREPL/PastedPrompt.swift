import Foundation

/// Prompts copied along with code from a Python session, a book or this REPL.
///
/// A line that starts with `>>> ` or `... ` loses that prefix, and a line that is
/// only `>>>` or `...` becomes blank (which, as in Python, ends a block), so that
/// a transcript pasted at the prompt runs as the code it shows.
enum PastedPrompt {
  static let prompts = [">>> ", "... "]

  /// A pasted block as the code to run: when it is a transcript (some line
  /// starts with `>>> `), its prompt lines lose their prompts and the other
  /// lines — the output the transcript shows — are dropped; otherwise every
  /// line is kept as it is (blank lines inside a `def` included).
  static func code(ofPaste text: String) -> String {
    let lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
      .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard lines.contains(where: { $0.hasPrefix(">>> ") || $0 == ">>>" }) else { return lines.joined(separator: "\n") }
    return lines.filter { line in prompts.contains { line.hasPrefix($0) } || line == ">>>" || line == "..." }
      .map(strip).joined(separator: "\n")
  }

  static func strip(_ line: String) -> String {
    for prompt in prompts where line.hasPrefix(prompt) {
      return String(line.dropFirst(prompt.count))
    }
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    if trimmed == ">>>" || trimmed == "..." { return "" }
    return line
  }
}
