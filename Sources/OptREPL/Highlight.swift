import OptLang

/// Syntax colours for a line of code at the prompt, when colour is on:
/// keywords magenta, numbers (and True, False, None) cyan, strings green,
/// comments dim. The line is coloured once it is entered (libedit draws the
/// line being typed itself, without colours).
enum Highlight {
  static func paint(_ line: String) -> String {
    guard let pieces = Interpreter.highlightPieces(of: line) else { return line }
    return pieces.map { text, kind in
      switch kind {
      case .keyword: return "\u{1B}[35m" + text + "\u{1B}[0m"
      case .number: return "\u{1B}[36m" + text + "\u{1B}[0m"
      case .string: return "\u{1B}[32m" + text + "\u{1B}[0m"
      case .comment: return "\u{1B}[2m" + text + "\u{1B}[0m"
      case .name, .other: return String(text)
      }
    }.joined()
  }

  /// Redraws the line just entered (the cursor is at the start of the next
  /// line) in colour: up over the rows it took, the prompt, the coloured line.
  static func redraw(_ line: String, prompt: String, columns: Int) -> String {
    let width = prompt.count + line.count
    let rows = max(1, (width + max(columns, 1) - 1) / max(columns, 1))
    return "\u{1B}[\(rows)A\r" + prompt + paint(line) + "\u{1B}[0J\n"
  }
}
