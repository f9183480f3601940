/// A warning found before a program runs (a `def` whose in-place change of a
/// parameter is lost, see `LostChanges`): shown as an error is, with its
/// place, the source line and a caret, but headed "warning" and not stopping
/// anything. The runtime's `warn` receives it.
public struct Warning: Sendable {
  public let message: String
  public let range: SourceRange
  public let hint: String?

  public init(_ message: String, at range: SourceRange, hint: String? = nil) {
    self.message = message
    self.range = range
    self.hint = hint
  }

  public func render(color: Bool) -> String {
    let yellow = color ? "\u{1B}[1;33m" : ""
    let bold = color ? "\u{1B}[1m" : ""
    let reset = color ? "\u{1B}[0m" : ""
    return OptError.located(
      "\(yellow)warning\(reset): \(bold)\(message)\(reset)\n", at: range, hint: hint, color: color)
  }
}
