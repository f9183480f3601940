import Foundation

/// Turns source text into tokens, Python's way: indentation becomes INDENT and
/// DEDENT tokens, a newline inside brackets is not the end of a statement, and
/// a backslash at the end of a line joins it with the next.
///
/// The lexer reports the first problem it meets as a `SyntaxError` pointing at
/// it; an unclosed bracket or string is reported at its opener.
struct Lexer {
  /// The deepest nesting of brackets accepted; deeper input is an error, not a stack overflow.
  static let maxBracketDepth = 200
  /// The deepest indentation accepted (Python's limit too).
  static let maxIndentDepth = 100

  private let file: SourceFile
  private let bytes: [UInt8]
  private var i: Int
  private let end: Int
  private var tokens: [Token] = []
  /// Open brackets, innermost last, for implicit line joining and for reporting an unclosed one.
  private var brackets: [Token] = []
  /// Indentation of the enclosing blocks: widths with tab size 8 and 1.
  private var indents: [(wide: Int, narrow: Int)] = [(0, 0)]
  private var atLineStart = true

  /// Lexes the bytes `[start, end)` of `file`; a sub-range is used for the
  /// expressions inside f-strings, so that their errors point into the file.
  init(file: SourceFile, start: Int = 0, end: Int? = nil) {
    self.file = file
    self.bytes = file.bytes
    self.i = start
    self.end = end ?? file.bytes.count
  }

  /// Tokenizes a whole program: statements, newlines, INDENT/DEDENT and EOF.
  static func tokenize(_ file: SourceFile) throws -> [Token] {
    var lexer = Lexer(file: file)
    return try lexer.run(expressionOnly: false)
  }

  /// Tokenizes an expression inside an f-string: no newlines, no indentation.
  static func tokenizeExpression(_ file: SourceFile, start: Int, end: Int) throws -> [Token] {
    var lexer = Lexer(file: file, start: start, end: end)
    return try lexer.run(expressionOnly: true)
  }

  private func range(_ a: Int, _ b: Int) -> SourceRange { SourceRange(file: file, start: a, end: b) }

  private func error(_ message: String, _ a: Int, _ b: Int, hint: String? = nil) -> OptError {
    OptError(.syntaxError, message, at: range(a, max(b, a + 1)), hint: hint)
  }

  private func peek(_ offset: Int = 0) -> UInt8 {
    let j = i + offset
    return j < end ? bytes[j] : 0
  }

  private mutating func add(_ kind: TokenKind, _ a: Int, _ b: Int, text: String = "", number: Double = 0) {
    tokens.append(Token(kind: kind, range: range(a, b), text: text, number: number))
  }

  private mutating func run(expressionOnly: Bool) throws -> [Token] {
    if expressionOnly { atLineStart = false }
    while i < end {
      if atLineStart {
        atLineStart = false
        try lexIndentation()
        continue
      }
      let c = bytes[i]
      switch c {
      case UInt8(ascii: " "), UInt8(ascii: "\t"), 0x0C:
        i += 1
      case UInt8(ascii: "\n"):
        if brackets.isEmpty && !expressionOnly {
          addNewline(at: i)
          atLineStart = true
        }
        i += 1
      case UInt8(ascii: "#"):
        while i < end && bytes[i] != UInt8(ascii: "\n") { i += 1 }
      case UInt8(ascii: "\\"):
        // Explicit line joining: a backslash must be the last thing on its line.
        let j = i + 1
        if j < end && bytes[j] == UInt8(ascii: "\n") {
          i = j + 1
        } else if j >= end {
          throw error("a backslash at the end of the input continues a line that never comes", i, i + 1)
        } else {
          throw error("unexpected backslash: a backslash outside a string may only end a line", i, i + 1)
        }
      case 0:
        throw error("the source contains a NUL byte, which cannot appear in a program", i, i + 1)
      default:
        try lexToken()
      }
    }
    if let open = brackets.last {
      throw OptError(
        .syntaxError, "'\(open.text)' was never closed", at: open.range,
        hint: "every '\(open.text)' needs a matching '\(closer(of: open.kind))'")
    }
    if !expressionOnly {
      if let last = tokens.last, last.kind != .newline { addNewline(at: end) }
      while indents.count > 1 {
        indents.removeLast()
        add(.dedent, end, end)
      }
    }
    add(.eof, end, end)
    return tokens
  }

  private mutating func addNewline(at position: Int) {
    // Blank and comment-only lines end no statement, so they produce no NEWLINE.
    guard let last = tokens.last, last.kind != .newline else { return }
    add(.newline, position, position + 1)
  }

  private func closer(of kind: TokenKind) -> String {
    switch kind {
    case .lparen: return ")"
    case .lbracket: return "]"
    default: return "}"
    }
  }

  /// Measures the indentation of a new logical line and emits INDENT/DEDENT.
  /// As Python does, the width is measured twice, with tabs to the next
  /// multiple of 8 and with a tab as one column: if the two disagree about
  /// where the line stands, its tabs and spaces are mixed ambiguously.
  private mutating func lexIndentation() throws {
    let start = i
    while i < end && (bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") || bytes[i] == 0x0C) {
      i += 1
    }
    // Blank and comment-only lines do not change the indentation.
    if i >= end || bytes[i] == UInt8(ascii: "\n") || bytes[i] == UInt8(ascii: "#") {
      return
    }
    let indent = Array(bytes[start..<i])
    let (wide, narrow) = (width(indent, tab: 8), width(indent, tab: 1))
    let (topWide, topNarrow) = indents.last!
    func inconsistent() -> OptError {
      error(
        "inconsistent use of tabs and spaces in indentation", start, i,
        hint: "indent with spaces only (4 per level is usual)")
    }
    if wide == topWide {
      if narrow != topNarrow { throw inconsistent() }
      return
    }
    if wide > topWide {
      if narrow <= topNarrow { throw inconsistent() }
      if indents.count > Lexer.maxIndentDepth {
        throw error("too many levels of indentation (the limit is \(Lexer.maxIndentDepth))", start, i)
      }
      indents.append((wide, narrow))
      add(.indent, start, i)
      return
    }
    while let last = indents.last, last.wide > wide {
      indents.removeLast()
      add(.dedent, i, i)
    }
    guard let last = indents.last, last.wide == wide else {
      throw error("this line's indentation does not match any enclosing block", start, i)
    }
    if last.narrow != narrow { throw inconsistent() }
  }

  /// Indentation width with tabs to the next multiple of `tab`.
  private func width(_ indent: [UInt8], tab: Int) -> Int {
    var w = 0
    for b in indent { w = b == UInt8(ascii: "\t") ? (w / tab + 1) * tab : w + 1 }
    return w
  }

  private static func isNameStart(_ c: UInt8) -> Bool {
    (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || c == 0x5F || c >= 0x80
  }

  private static func isNameContinue(_ c: UInt8) -> Bool {
    isNameStart(c) || (c >= 0x30 && c <= 0x39)
  }

  private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

  private mutating func lexToken() throws {
    let start = i
    let c = bytes[i]
    if Lexer.isDigit(c) || (c == UInt8(ascii: ".") && Lexer.isDigit(peek(1))) {
      try lexNumber()
      return
    }
    if Lexer.isNameStart(c) {
      // String prefixes: f, r, rf, fr (any case) directly before a quote.
      var j = i
      while j < end && j - i < 2 && "fFrR".utf8.contains(bytes[j]) { j += 1 }
      if j > i && j < end && (bytes[j] == UInt8(ascii: "'") || bytes[j] == UInt8(ascii: "\"")) {
        let prefix = String(decoding: bytes[i..<j], as: UTF8.self).lowercased()
        if prefix == "f" || prefix == "r" || prefix == "rf" || prefix == "fr" {
          i = j
          try lexString(start: start, raw: prefix.contains("r"), formatted: prefix.contains("f"))
          return
        }
      }
      try lexName()
      return
    }
    if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") {
      try lexString(start: start, raw: false, formatted: false)
      return
    }
    try lexPunctuation()
  }

  private mutating func lexName() throws {
    let start = i
    while i < end && Lexer.isNameContinue(bytes[i]) { i += 1 }
    var text = String(decoding: bytes[start..<i], as: UTF8.self)
    if bytes[start..<i].contains(where: { $0 >= 0x80 }) {
      // As Python: a name is read in Unicode's NFKC form (β₁ is β1), and must
      // then be letters, digits and underscores (η and β are fine; a stray symbol is not).
      if text.unicodeScalars.contains("\u{FFFD}") {
        throw error("the source is not valid UTF-8 text here", start, i)
      }
      text = text.precomposedStringWithCompatibilityMapping
      for (k, scalar) in text.unicodeScalars.enumerated()
      where !(k == 0 ? scalar.properties.isXIDStart || scalar == "_" : scalar.properties.isXIDContinue) {
        throw error(
          "'\(scalar)' (U+\(String(scalar.value, radix: 16, uppercase: true))) cannot be part of a name", start, i)
      }
    }
    if let keyword = TokenKind.keywords[text] {
      add(keyword, start, i, text: text)
    } else {
      add(.name, start, i, text: text)
    }
  }

  private mutating func lexNumber() throws {
    let start = i
    if bytes[i] == UInt8(ascii: "0"), i + 1 < end, "xXoObB".utf8.contains(bytes[i + 1]) {
      let radixChar = bytes[i + 1] | 0x20
      let radix = radixChar == UInt8(ascii: "x") ? 16 : radixChar == UInt8(ascii: "o") ? 8 : 2
      i += 2
      let digitsStart = i
      while i < end && (Lexer.isNameContinue(bytes[i])) { i += 1 }
      let digits = String(decoding: bytes[digitsStart..<i], as: UTF8.self).replacingUnderscores()
      guard let value = UInt64(digits, radix: radix) else {
        throw error("'\(String(decoding: bytes[start..<i], as: UTF8.self))' is not a valid number", start, i)
      }
      add(.number, start, i, text: String(decoding: bytes[start..<i], as: UTF8.self), number: Double(value))
      return
    }
    while i < end && (Lexer.isDigit(bytes[i]) || bytes[i] == UInt8(ascii: "_")) { i += 1 }
    if i < end && bytes[i] == UInt8(ascii: ".") {
      i += 1
      while i < end && (Lexer.isDigit(bytes[i]) || bytes[i] == UInt8(ascii: "_")) { i += 1 }
    }
    if i < end && (bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E")) {
      var j = i + 1
      if j < end && (bytes[j] == UInt8(ascii: "+") || bytes[j] == UInt8(ascii: "-")) { j += 1 }
      if j < end && Lexer.isDigit(bytes[j]) {
        i = j
        while i < end && Lexer.isDigit(bytes[i]) { i += 1 }
      }
    }
    let text = String(decoding: bytes[start..<i], as: UTF8.self)
    if i < end && Lexer.isNameStart(bytes[i]) {
      var j = i
      while j < end && Lexer.isNameContinue(bytes[j]) { j += 1 }
      throw error(
        "'\(String(decoding: bytes[start..<j], as: UTF8.self))' is not a valid number or name", start, j,
        hint: "a name cannot start with a digit; write a '*' for multiplication, as in 2*x")
    }
    let cleaned = text.replacingUnderscores()
    guard !text.hasSuffix("_"), !text.contains("__"), let value = Double(cleaned) else {
      throw error("'\(text)' is not a valid number", start, i)
    }
    add(.number, start, i, text: text, number: value)
  }

  /// Lexes a string literal starting at the quote at `i`. An f-string keeps its
  /// raw body; the parser splits it into text and expressions.
  private mutating func lexString(start: Int, raw: Bool, formatted: Bool) throws {
    let quote = bytes[i]
    let triple = peek(1) == quote && peek(2) == quote
    i += triple ? 3 : 1
    let bodyStart = i
    var value: [UInt8] = []
    while true {
      guard i < end else {
        if triple {
          throw OptError(
            .syntaxError, "this triple-quoted string is never closed", at: range(start, bodyStart),
            hint: "end it with the same three quotes it starts with")
        }
        // A one-line string ends with its line, even the input's last line.
        throw OptError(
          .syntaxError, "this string is not closed before the end of the line", at: range(start, i),
          hint: "end it with the same quote it starts with, on the same line")
      }
      let c = bytes[i]
      if c == quote {
        if !triple {
          i += 1
          break
        }
        if peek(1) == quote && peek(2) == quote {
          i += 3
          break
        }
      }
      if (c == UInt8(ascii: "\n")) && !triple {
        throw OptError(
          .syntaxError, "this string is not closed before the end of the line", at: range(start, i),
          hint: "end it with the same quote it starts with, on the same line")
      }
      if c == 0 {
        throw error("a string contains a NUL byte", i, i + 1)
      }
      if c == UInt8(ascii: "\\") && i + 1 < end {
        if raw || formatted {
          // Raw strings keep escapes; f-strings decode them when split.
          value.append(c)
          value.append(bytes[i + 1])
          i += 2
          continue
        }
        i += 1
        try decodeEscape(into: &value)
        continue
      }
      value.append(c)
      i += 1
    }
    let bodyEnd = i - (triple ? 3 : 1)
    if formatted {
      tokens.append(
        Token(
          kind: .fstring, range: range(start, i),
          text: String(decoding: bytes[bodyStart..<bodyEnd], as: UTF8.self),
          number: Double(bodyStart)))
      return
    }
    add(.string, start, i, text: String(decoding: value, as: UTF8.self))
  }

  /// Decodes the escape after a backslash (at `i`), Python's set.
  private mutating func decodeEscape(into value: inout [UInt8]) throws {
    let c = bytes[i]
    i += 1
    switch c {
    case UInt8(ascii: "n"): value.append(0x0A)
    case UInt8(ascii: "t"): value.append(0x09)
    case UInt8(ascii: "r"): value.append(0x0D)
    case UInt8(ascii: "0"): value.append(0x00)
    case UInt8(ascii: "a"): value.append(0x07)
    case UInt8(ascii: "b"): value.append(0x08)
    case UInt8(ascii: "f"): value.append(0x0C)
    case UInt8(ascii: "v"): value.append(0x0B)
    case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""): value.append(c)
    case UInt8(ascii: "\n"): break
    case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
      let count = c == UInt8(ascii: "x") ? 2 : c == UInt8(ascii: "u") ? 4 : 8
      guard i + count <= end,
        let code = UInt32(String(decoding: bytes[i..<i + count], as: UTF8.self), radix: 16),
        let scalar = Unicode.Scalar(code)
      else {
        throw error("this \\\(Character(Unicode.Scalar(c))) escape needs \(count) hex digits", i - 2, i)
      }
      value.append(contentsOf: Array(String(Character(scalar)).utf8))
      i += count
    default:
      // Python keeps an unknown escape as written.
      value.append(UInt8(ascii: "\\"))
      value.append(c)
    }
  }

  private mutating func lexPunctuation() throws {
    let start = i
    let c = bytes[i]
    let n = peek(1)
    let n2 = peek(2)
    func op(_ kind: TokenKind, _ length: Int) {
      i += length
      add(kind, start, i, text: String(decoding: bytes[start..<i], as: UTF8.self))
    }
    switch c {
    case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
      let kind: TokenKind = c == UInt8(ascii: "(") ? .lparen : c == UInt8(ascii: "[") ? .lbracket : .lbrace
      op(kind, 1)
      if brackets.count >= Lexer.maxBracketDepth {
        throw error("brackets are nested too deeply (the limit is \(Lexer.maxBracketDepth))", start, i)
      }
      brackets.append(tokens.last!)
    case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
      let kind: TokenKind = c == UInt8(ascii: ")") ? .rparen : c == UInt8(ascii: "]") ? .rbracket : .rbrace
      guard let open = brackets.last else {
        throw error("unmatched '\(Character(Unicode.Scalar(c)))': there is no bracket open here to close", i, i + 1)
      }
      let expected: TokenKind = open.kind == .lparen ? .rparen : open.kind == .lbracket ? .rbracket : .rbrace
      if kind != expected {
        let (line, _) = file.lineAndColumn(of: open.range.start)
        throw error(
          "'\(Character(Unicode.Scalar(c)))' does not match '\(open.text)' opened on line \(line)", i, i + 1,
          hint: "close the '\(open.text)' with '\(closer(of: open.kind))' first")
      }
      brackets.removeLast()
      op(kind, 1)
    case UInt8(ascii: ","): op(.comma, 1)
    case UInt8(ascii: ":"): op(.colon, 1)
    case UInt8(ascii: ";"): op(.semicolon, 1)
    case UInt8(ascii: "."):
      n == UInt8(ascii: ".") && n2 == UInt8(ascii: ".") ? op(.ellipsis, 3) : op(.dot, 1)
    case UInt8(ascii: "+"): n == UInt8(ascii: "=") ? op(.plusAssign, 2) : op(.plus, 1)
    case UInt8(ascii: "-"):
      if n == UInt8(ascii: "=") {
        op(.minusAssign, 2)
      } else if n == UInt8(ascii: ">") {
        op(.arrow, 2)
      } else {
        op(.minus, 1)
      }
    case UInt8(ascii: "*"):
      if n == UInt8(ascii: "*") {
        n2 == UInt8(ascii: "=") ? op(.starStarAssign, 3) : op(.starStar, 2)
      } else {
        n == UInt8(ascii: "=") ? op(.starAssign, 2) : op(.star, 1)
      }
    case UInt8(ascii: "/"):
      if n == UInt8(ascii: "/") {
        n2 == UInt8(ascii: "=") ? op(.slashSlashAssign, 3) : op(.slashSlash, 2)
      } else {
        n == UInt8(ascii: "=") ? op(.slashAssign, 2) : op(.slash, 1)
      }
    case UInt8(ascii: "%"): n == UInt8(ascii: "=") ? op(.percentAssign, 2) : op(.percent, 1)
    case UInt8(ascii: "&"), UInt8(ascii: "|"):
      guard n != UInt8(ascii: "=") else {
        throw error("'\(Character(Unicode.Scalar(c)))=' is not supported", i, i + 2, hint: "write m = m & other")
      }
      op(c == UInt8(ascii: "&") ? .ampersand : .pipe, 1)
    case UInt8(ascii: "~"): op(.tilde, 1)
    case UInt8(ascii: "@"):
      guard n != UInt8(ascii: "=") else {
        throw error("'@=' is not supported", i, i + 2, hint: "write A = A @ B")
      }
      op(.at, 1)
    case UInt8(ascii: "="): n == UInt8(ascii: "=") ? op(.equal, 2) : op(.assign, 1)
    case UInt8(ascii: "!"):
      guard n == UInt8(ascii: "=") else {
        throw error(
          "'!' on its own is not an operator", i, i + 1, hint: "write 'not x' for negation, 'a != b' for inequality")
      }
      op(.notEqual, 2)
    case UInt8(ascii: "<"): n == UInt8(ascii: "=") ? op(.lessEqual, 2) : op(.less, 1)
    case UInt8(ascii: ">"): n == UInt8(ascii: "=") ? op(.greaterEqual, 2) : op(.greater, 1)
    default:
      var j = i + 1
      while j < end && bytes[j] & 0xC0 == 0x80 { j += 1 }
      let text = String(decoding: bytes[i..<j], as: UTF8.self)
      let hint: String? = text == "^" ? "write '**' for powers" : nil
      throw error("'\(text)' is not allowed here", i, j, hint: hint)
    }
  }
}

extension String {
  fileprivate func replacingUnderscores() -> String { String(self.filter { $0 != "_" }) }
}
