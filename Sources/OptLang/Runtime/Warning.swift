/// A warning: found before a program runs (a `def` whose in-place change of a
/// parameter is lost, see `LostChanges`) with its place, the source line and a
/// caret, or while it runs (an optimizer that diverged) without one. Shown as
/// an error is, but headed "warning" and not stopping anything. `Runtime.warn`
/// renders it in the runtime's style and hands the text to `notices`.
public struct Warning: Sendable {
  public let message: String
  public let range: SourceRange?
  public let hint: String?

  public init(_ message: String, at range: SourceRange?, hint: String? = nil) {
    self.message = message
    self.range = range
    self.hint = hint
  }

  public func render(_ style: MessageStyle = .plain) -> String {
    let heading = style.warningKind.apply("warning") + ": " + style.message.apply(message) + "\n"
    return OptError.located(heading, at: range, hint: hint, style: style)
  }
}
