import OptLang

extension MessageStyle {
  /// Errors and warnings on a colour terminal (and in Jupyter, which shows
  /// ANSI colours): the kind in bold red or yellow, the message in bold, the
  /// hint's label in cyan and the carets in red.
  public static let terminal = MessageStyle(
    errorKind: ANSI.mark("1;31"), warningKind: ANSI.mark("1;33"), message: ANSI.mark("1"),
    hintLabel: ANSI.mark("36"), caret: ANSI.mark("1;31"))

  /// `terminal` when `color`, else `plain`.
  public static func forTerminal(color: Bool) -> MessageStyle { color ? .terminal : .plain }
}

/// ANSI's select-graphic-rendition codes (ECMA-48 §8.3.117).
enum ANSI {
  /// Turns `parameters` on before the text and everything off after it.
  static func mark(_ parameters: String) -> MessageStyle.Mark {
    MessageStyle.Mark(before: "\u{1B}[\(parameters)m", after: "\u{1B}[0m")
  }
}
