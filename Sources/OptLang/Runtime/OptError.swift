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
  case keyError = "KeyError"
  case zeroDivisionError = "ZeroDivisionError"
  case recursionError = "RecursionError"
  case memoryError = "MemoryError"
  case importError = "ImportError"
  case assertionError = "AssertionError"
  case keyboardInterrupt = "KeyboardInterrupt"
  case overflowError = "OverflowError"
  case osError = "OSError"
  case linAlgError = "LinAlgError"
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
  public var description: String { render() }

  /// Any error as the learner sees it: an `OptError` rendered with its place,
  /// anything else as its description, on a line of its own.
  public static func text(of error: Error, style: MessageStyle = .plain) -> String {
    (error as? OptError)?.render(style) ?? "\(error)\n"
  }

  /// The chain of calls, then the error as `located` shows it.
  public func render(_ style: MessageStyle = .plain) -> String {
    var out = ""
    if !trace.isEmpty { out += OptError.renderTrace(trace.reversed()) }
    let heading = style.errorKind.apply(kind.rawValue) + ": " + style.message.apply(OptError.shown(message)) + "\n"
    return out + OptError.located(heading, at: range, hint: hint, style: style)
  }

  /// A heading after the place, the source line with a caret under the span,
  /// and the hint: how errors and warnings are shown.
  static func located(_ heading: String, at range: SourceRange?, hint: String?, style: MessageStyle) -> String {
    var out = ""
    let hintLine = hint.map { "  " + style.hintLabel.apply("hint:") + " \(OptError.shown($0))\n" } ?? ""
    guard let range else { return heading + hintLine }
    let (line, column) = range.file.lineAndColumn(of: range.start)
    out += "\(range.file.name):\(line):\(column): " + heading
    let (endLine, endColumn) = range.file.lineAndColumn(of: range.end)
    // Columns count code points, as SourceFile does.
    let characters = range.file.lineText(line).unicodeScalars.map { $0 == "\t" ? " " : OptError.visible($0) }
    let start = min(column - 1, characters.count)
    let end = endLine == line ? max(start + 1, min(endColumn - 1, characters.count)) : max(start + 1, characters.count)
    // A long line is shown as a window around the caret.
    let window = 100
    var first = 0
    var last = characters.count
    if characters.count > window {
      first = max(0, min(start - 30, characters.count - window))
      last = min(characters.count, first + window)
    }
    let shown =
      (first > 0 ? "…" : "") + String(String.UnicodeScalarView(characters[first..<last]))
      + (last < characters.count ? "…" : "")
    let caretStart = start - first + (first > 0 ? 1 : 0)
    let caretWidth = max(1, min(end, last) - start)
    let gutter = String(line)
    let pad = String(repeating: " ", count: gutter.count)
    out += " \(pad) |\n"
    out += " \(gutter) | \(shown)\n"
    out +=
      " \(pad) | \(String(repeating: " ", count: caretStart))"
      + style.caret.apply(String(repeating: "^", count: caretWidth)) + "\n"
    return out + hintLine
  }

  /// The longest message or hint shown whole; a longer one (quoting a
  /// megabyte-long argument, say) is cut in the middle.
  static let maxShownLength = 600

  /// A message as it is shown: control characters made visible (an escape
  /// code from the program must not reach the terminal), line breaks kept,
  /// and a very long one cut.
  static func shown(_ message: String) -> String {
    var scalars = message.unicodeScalars.map { $0 == "\n" ? $0 : visible($0) }
    if scalars.count > maxShownLength {
      let cut = scalars.count - maxShownLength
      scalars =
        Array(scalars[..<(maxShownLength / 2)]) + Array(" …(\(cut) characters left out)… ".unicodeScalars)
        + Array(scalars[(scalars.count - maxShownLength / 2)...])
    }
    return String(String.UnicodeScalarView(scalars))
  }

  /// A control character as its picture (U+2400 to U+241F, U+2421 for DEL),
  /// one column wide like the character it stands for, so carets stay aligned.
  static func visible(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
    switch scalar.value {
    case 0..<0x20: return Unicode.Scalar(0x2400 + scalar.value)!
    case 0x7F: return "\u{2421}"
    case 0x80..<0xA0: return "\u{FFFD}"
    default: return scalar
    }
  }

  /// The chain of calls, outermost first; a call repeated many times in a row
  /// (runaway recursion) is shown three times and counted.
  static func renderTrace(_ sites: [CallSite]) -> String {
    var out = "Call chain (most recent call last):\n"
    var i = 0
    while i < sites.count {
      var j = i + 1
      while j < sites.count && sites[j].function == sites[i].function && sites[j].range.start == sites[i].range.start
        && sites[j].range.file === sites[i].range.file
      {
        j += 1
      }
      let repeats = j - i
      for _ in 0..<min(repeats, 3) { out += "  \(sites[i].range.location) in \(sites[i].function)\n" }
      if repeats > 3 { out += "  ... the same call \(repeats - 3) more times\n" }
      i = j
    }
    return out
  }
}
