/// Prompts copied along with code from a Python session, a book or this REPL.
///
/// A line that starts with `>>> ` or `... ` loses that prefix, and a line that is
/// only `>>>` or `...` becomes blank (which, as in Python, ends a block), so that
/// a transcript pasted at the prompt runs as the code it shows.
enum PastedPrompt {
  static let prompts = [">>> ", "... "]

  static func strip(_ line: String) -> String {
    for prompt in prompts where line.hasPrefix(prompt) {
      return String(line.dropFirst(prompt.count))
    }
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    if trimmed == ">>>" || trimmed == "..." { return "" }
    return line
  }
}
