import Foundation

/// The kinds of error a program can raise, named as Python names them so that a
/// learner's search for the message finds the right explanation.
public enum ErrorKind: String, Sendable {
  case syntaxError = "SyntaxError"
  case nameError = "NameError"
  case unboundLocalError = "UnboundLocalError"
  case attributeError = "AttributeError"
  case typeError = "TypeError"
  case valueError = "ValueError"
  case indexError = "IndexError"
  case zeroDivisionError = "ZeroDivisionError"
  case recursionError = "RecursionError"
  case memoryError = "MemoryError"
  case importError = "ImportError"
  case assertionError = "AssertionError"
  case keyboardInterrupt = "KeyboardInterrupt"
  case overflowError = "OverflowError"
  case osError = "OSError"
}

/// One step of the chain of calls that led to a runtime error.
public struct CallSite: Sendable {
  /// The function that was running at that step (`<module>` for top-level code).
  public let function: String
  /// Where in that function the call (or the error) happened.
  public let range: SourceRange
}

/// An error with everything a learner needs to fix it: what kind, what is wrong,
/// where (a source range), an optional hint, and the chain of calls.
///
/// It is a class so that a call site can add itself to `trace` as the error
/// passes through without copying it.
public final class OptError: Error, @unchecked Sendable {
  public let kind: ErrorKind
  public var message: String
  /// Where the error is; nil until the innermost construct that knows its place fills it in.
  public var range: SourceRange?
  /// A suggestion such as "did you mean 'grad_w'?".
  public var hint: String?
  /// The calls that were in progress, innermost first.
  public var trace: [CallSite] = []
  /// The function that was running where the error happened.
  public var function: String?

  public init(_ kind: ErrorKind, _ message: String, at range: SourceRange? = nil, hint: String? = nil) {
    self.kind = kind
    self.message = message
    self.range = range
    self.hint = hint
  }

  /// Fills in the place if no inner construct did.
  @discardableResult
  func locate(_ range: SourceRange) -> OptError {
    if self.range == nil { self.range = range }
    return self
  }
}

extension OptError: CustomStringConvertible {
  /// The error as it is shown: the place, the kind and message, the source line
  /// with a caret under the span, the hint, and the chain of calls.
  public var description: String { render(color: false) }

  public func render(color: Bool) -> String {
    let red = color ? "\u{1B}[1;31m" : ""
    let bold = color ? "\u{1B}[1m" : ""
    let cyan = color ? "\u{1B}[36m" : ""
    let reset = color ? "\u{1B}[0m" : ""
    var out = ""
    if !trace.isEmpty {
      out += "Call chain (most recent call last):\n"
      for site in trace.reversed() {
        out += "  \(site.range.location) in \(site.function)\n"
      }
    }
    guard let range else {
      out += "\(red)\(kind.rawValue)\(reset): \(bold)\(message)\(reset)\n"
      if let hint { out += "  \(cyan)hint:\(reset) \(hint)\n" }
      return out
    }
    let (line, column) = range.file.lineAndColumn(of: range.start)
    out += "\(range.file.name):\(line):\(column): \(red)\(kind.rawValue)\(reset): \(bold)\(message)\(reset)\n"
    let text = range.file.lineText(line)
    if !text.isEmpty || range.file.bytes.isEmpty == false {
      let gutter = String(line)
      let pad = String(repeating: " ", count: gutter.count)
      let shown = text.replacingTabs()
      // Characters before the caret, with tabs expanded the same way as the line.
      let prefixChars = Array(text.prefix(column - 1)).map(String.init).joined().replacingTabs().count
      let (endLine, endColumn) = range.file.lineAndColumn(of: range.end)
      var width: Int
      if endLine == line {
        let spanText = String(text.dropFirst(column - 1).prefix(max(0, endColumn - column)))
        width = spanText.replacingTabs().count
      } else {
        width = shown.count - prefixChars
      }
      width = max(1, width)
      out += " \(pad) |\n"
      out += " \(gutter) | \(shown)\n"
      out +=
        " \(pad) | \(String(repeating: " ", count: prefixChars))\(red)\(String(repeating: "^", count: width))\(reset)\n"
    }
    if let hint { out += "  \(cyan)hint:\(reset) \(hint)\n" }
    return out
  }
}

extension String {
  /// Tabs shown as four spaces, so that the caret lines up under the source.
  func replacingTabs() -> String { replacingOccurrences(of: "\t", with: "    ") }
}
