/// How the parts of an error or warning are set off when shown. The language
/// renders messages as plain text; a host that draws on a terminal or a
/// notebook passes a style that wraps each part (OptSystem's `terminal`
/// style uses ANSI colours), so the language itself knows nothing of
/// escape codes.
public struct MessageStyle: Sendable {
  /// Text put before and after one part of a message.
  public struct Mark: Sendable {
    public var before: String
    public var after: String

    public init(before: String, after: String) {
      self.before = before
      self.after = after
    }

    /// No marking.
    public static let none = Mark(before: "", after: "")

    func apply(_ text: String) -> String { before + text + after }
  }

  /// The error's kind: `TypeError`.
  public var errorKind: Mark
  /// The word `warning`.
  public var warningKind: Mark
  /// The message after the kind.
  public var message: Mark
  /// The label `hint:`.
  public var hintLabel: Mark
  /// The carets under the span.
  public var caret: Mark

  public init(errorKind: Mark, warningKind: Mark, message: Mark, hintLabel: Mark, caret: Mark) {
    self.errorKind = errorKind
    self.warningKind = warningKind
    self.message = message
    self.hintLabel = hintLabel
    self.caret = caret
  }

  /// Plain text: what files, tests and embedders get.
  public static let plain = MessageStyle(
    errorKind: .none, warningKind: .none, message: .none, hintLabel: .none, caret: .none)
}
