import Testing

@testable import OptLang

/// The lexer: tokens, Python's indentation rules, literals and the errors
/// it reports. Literal values are Python's: each was checked with CPython 3.11
/// (`float('1_000')`, `0x1F`, `'\x41\u00e9\d'`, ...).
@Suite struct LexerTests {
  func tokens(_ text: String) throws -> [Token] {
    try Lexer.tokenize(SourceFile(name: "lex.opt", text: text))
  }

  func kinds(_ text: String) throws -> [TokenKind] {
    try tokens(text).map(\.kind)
  }

  /// The syntax error the lexer reports for `text`.
  func lexError(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> OptError? {
    expectSyntaxError(text, sourceLocation: sourceLocation) { _ = try tokens(text) }
  }

  // MARK: Statements and lines

  @Test func simpleStatement() throws {
    #expect(try kinds("x = 1\n") == [.name, .assign, .number, .newline, .eof])
    // A missing final newline is supplied.
    #expect(try kinds("x") == [.name, .newline, .eof])
    #expect(try kinds("") == [.eof])
    #expect(try kinds("\n\n# only a comment\n") == [.eof])
  }

  @Test func indentationMakesIndentAndDedent() throws {
    let source = """
      if a:
          b
          if c:
              d
      e
      """
    #expect(
      try kinds(source) == [
        .kwIf, .name, .colon, .newline, .indent, .name, .newline, .kwIf, .name, .colon, .newline, .indent, .name,
        .newline, .dedent, .dedent, .name, .newline, .eof,
      ])
  }

  @Test func blocksStillOpenAtTheEndAreClosed() throws {
    #expect(
      try kinds("if a:\n    if b:\n        c") == [
        .kwIf, .name, .colon, .newline, .indent, .kwIf, .name, .colon, .newline, .indent, .name, .newline, .dedent,
        .dedent, .eof,
      ])
  }

  @Test func blankAndCommentLinesDoNotChangeIndentation() throws {
    let source = "if a:\n\n    # a comment\n        # deeper comment\n    b\n  \n"
    #expect(try kinds(source) == [.kwIf, .name, .colon, .newline, .indent, .name, .newline, .dedent, .eof])
  }

  @Test func newlinesInsideBracketsJoinLines() throws {
    let source = "f(1,\n      2,\n  [3,\n4])\n"
    #expect(
      try kinds(source) == [
        .name, .lparen, .number, .comma, .number, .comma, .lbracket, .number, .comma, .number, .rbracket, .rparen,
        .newline, .eof,
      ])
  }

  @Test func backslashJoinsLines() throws {
    #expect(try kinds("x = 1 + \\\n    2\n") == [.name, .assign, .number, .plus, .number, .newline, .eof])
    #expect(try kinds("x = 1 + \\\r\n    2\r\n") == [.name, .assign, .number, .plus, .number, .newline, .eof])
  }

  @Test func crlfLineEndingsLexLikeLF() throws {
    let lf = "if a:\n    b = 'x'\n    c = [1,\n         2]\nd\n"
    let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
    #expect(try kinds(crlf) == kinds(lf))
    #expect(try tokens(crlf).map(\.text) == tokens(lf).map(\.text))
    // Line numbers count CRLF as one line end.
    let d = try #require(try tokens(crlf).first { $0.text == "d" })
    #expect(d.range.line == 5)
    #expect(d.range.column == 1)
  }

  @Test func crlfInsideStrings() throws {
    // Regression test (a bug found and fixed): CPython reads source with universal newlines, so a CRLF file
    // means the same as the LF file: '''two<CRLF>lines''' is 'two\nlines', and a backslash before CRLF inside
    // a string continues it ('con\<CRLF>tinued' is 'continued').
    let triple = try tokens("s = '''two\r\nlines'''\r\n")
    #expect(triple[2].text == "two\nlines")
    let continued = try tokens("t = 'con\\\r\ntinued'\r\n")
    #expect(continued[2].text == "continued")
  }

  @Test func semicolonsAndColons() throws {
    #expect(
      try kinds("a = 1; b = 2") == [.name, .assign, .number, .semicolon, .name, .assign, .number, .newline, .eof])
  }

  // MARK: Names and keywords

  @Test func keywords() throws {
    let source =
      "and or not if elif else for while in is def return break continue pass assert global import from as lambda True False None"
    #expect(
      try kinds(source).dropLast(2) == [
        .kwAnd, .kwOr, .kwNot, .kwIf, .kwElif, .kwElse, .kwFor, .kwWhile, .kwIn, .kwIs, .kwDef, .kwReturn,
        .kwBreak, .kwContinue, .kwPass, .kwAssert, .kwGlobal, .kwImport, .kwFrom, .kwAs, .kwLambda, .kwTrue,
        .kwFalse, .kwNone,
      ])
  }

  @Test func pythonKeywordsTheLanguageLacks() throws {
    for word in ["class", "try", "except", "finally", "raise", "with", "yield", "del", "nonlocal", "async", "await"] {
      #expect(try kinds(word).first == .unsupportedKeyword, "\(word)")
    }
    // Words that merely start like keywords are names.
    #expect(try tokens("classes iffy None_ _if").dropLast(2).map(\.kind) == [.name, .name, .name, .name])
  }

  @Test func unicodeNames() throws {
    let toks = try tokens("β = η_t * 2")
    #expect(toks[0].kind == .name)
    #expect(toks[0].text == "β")
    #expect(toks[2].text == "η_t")
  }

  @Test func aSymbolIsNotPartOfAName() throws {
    let error = try #require(lexError("∇f = 1\n"))
    #expect(error.message == "'∇' (U+2207) cannot be part of a name")
  }

  // MARK: Operators

  @Test func operators() throws {
    let source = "** **= // //= -> != <= >= == = += -= *= /= %= < > + - * / % . , : ( ) [ ] { }"
    #expect(
      try kinds(source).dropLast(2) == [
        .starStar, .starStarAssign, .slashSlash, .slashSlashAssign, .arrow, .notEqual, .lessEqual, .greaterEqual,
        .equal, .assign, .plusAssign, .minusAssign, .starAssign, .slashAssign, .percentAssign, .less, .greater,
        .plus, .minus, .star, .slash, .percent, .dot, .comma, .colon, .lparen, .rparen, .lbracket, .rbracket,
        .lbrace, .rbrace,
      ])
  }

  // MARK: Numbers

  @Test(
    "number literals have Python's values",
    arguments: [
      // (literal, CPython's float(literal) or the int literal's value)
      ("3", 3.0), ("0.1", 0.1), ("1e-8", 1e-8), (".5", 0.5), ("2.", 2.0), ("1E5", 100_000.0), ("1_000", 1000.0),
      ("1_000.5", 1000.5), ("0x1F", 31.0), ("0o17", 15.0), ("0b101", 5.0), ("0XfF", 255.0),
      ("1e309", Double.infinity), ("2.5e-3", 0.0025), ("123456789012345678", 123_456_789_012_345_680.0),
    ])
  func numbers(literal: String, value: Double) throws {
    let toks = try tokens(literal)
    #expect(toks.map(\.kind) == [.number, .newline, .eof])
    #expect(toks[0].number == value)
    #expect(toks[0].text == literal)
  }

  @Test func minusIsNotPartOfANumber() throws {
    #expect(try kinds("-1") == [.minus, .number, .newline, .eof])
    #expect(try kinds("1e-5-2") == [.number, .minus, .number, .newline, .eof])
  }

  @Test func malformedNumbers() throws {
    let glued = try #require(lexError("y = 2x\n"))
    #expect(glued.message == "'2x' is not a valid number or name")
    #expect(glued.hint == "a name cannot start with a digit; write a '*' for multiplication, as in 2*x")
    #expect(glued.range?.column == 5)
    #expect(lexError("1__0")?.message == "'1__0' is not a valid number")
    #expect(lexError("1_")?.message == "'1_' is not a valid number")
    #expect(lexError("0x")?.message == "'0x' is not a valid number")
    #expect(lexError("0b102")?.message == "'0b102' is not a valid number")
  }

  // MARK: Strings

  @Test(
    "string literals have Python's values",
    arguments: [
      // (source, CPython's value of the literal)
      (#"'a\nb'"#, "a\nb"), (#""\x41\u00e9\d""#, "Aé\\d"), (#"r'\n'"#, "\\n"), (#""it's""#, "it's"),
      (#"'\''"#, "'"), (#"'tab\there'"#, "tab\there"), ("'''line1\nline2'''", "line1\nline2"),
      ("\"\"\"a \"quoted\" word\"\"\"", "a \"quoted\" word"), ("'ab\\\ncd'", "abcd"), (#"'\\'"#, "\\"),
      (#"'\U0001F600'"#, "\u{1F600}"), (#"'\0'"#, "\u{0}"), ("''", ""), (#"R"\d""#, "\\d"),
    ])
  func strings(source: String, value: String) throws {
    let toks = try tokens(source)
    #expect(toks.map(\.kind) == [.string, .newline, .eof])
    #expect(toks[0].text == value)
  }

  @Test func fStringsKeepTheirBody() throws {
    let toks = try tokens(#"f"x={x:.2f}\n""#)
    #expect(toks[0].kind == .fstring)
    #expect(toks[0].text == #"x={x:.2f}\n"#)
    #expect(try tokens("F'{a}'")[0].kind == .fstring)
    #expect(try tokens("rf'{a}'")[0].kind == .fstring)
  }

  @Test func unterminatedStringsAreReportedAtTheOpener() throws {
    let single = try #require(lexError("x = 1\nprint('hello)\nprint(x)\n"))
    #expect(single.message == "this string is not closed before the end of the line")
    #expect(single.range?.line == 2)
    #expect(single.range?.column == 7)
    let triple = try #require(lexError("def f():\n    \"\"\"Doc.\n    return 1\n"))
    #expect(triple.message == "this triple-quoted string is never closed")
    #expect(triple.range?.line == 2)
    #expect(triple.range?.column == 5)
  }

  @Test func badEscape() throws {
    let error = try #require(lexError(#"s = '\x4'"#))
    #expect(error.message == #"this \x escape needs 2 hex digits"#)
  }

  // MARK: Brackets

  @Test func unclosedBracketIsReportedAtItsOpener() throws {
    let error = try #require(lexError("w = [0.5,\n     1.5,\n     2.5\nprint(w)\n"))
    #expect(error.message == "'[' was never closed")
    #expect(error.hint == "every '[' needs a matching ']'")
    #expect(error.range?.line == 1)
    #expect(error.range?.column == 5)
  }

  @Test func mismatchedAndUnmatchedBrackets() throws {
    let mismatched = try #require(lexError("x = [1, 2)\n"))
    #expect(mismatched.message == "')' does not match '[' opened on line 1")
    #expect(mismatched.hint == "close the '[' with ']' first")
    #expect(mismatched.range?.column == 10)
    let unmatched = try #require(lexError("x = 1)\n"))
    #expect(unmatched.message == "unmatched ')': there is no bracket open here to close")
    #expect(unmatched.range?.column == 6)
  }

  @Test func bracketNestingHasALimitNotACrash() throws {
    let ok = String(repeating: "(", count: 200) + "1" + String(repeating: ")", count: 200)
    #expect(try kinds(ok).count == 403)
    let deep = String(repeating: "(", count: 201) + "1" + String(repeating: ")", count: 201)
    let error = try #require(lexError(deep))
    #expect(error.message == "brackets are nested too deeply (the limit is 200)")
    #expect(error.range?.column == 201)
  }

  // MARK: Indentation errors

  @Test func tabsAndSpacesOfTheSameWidthAreInconsistent() throws {
    for source in ["if a:\n        b = 1\n\tc = 2\n", "if a:\n\tb = 1\n        c = 2\n"] {
      let error = try #require(lexError(source))
      #expect(error.message == "inconsistent use of tabs and spaces in indentation")
      #expect(error.hint == "indent with spaces only (4 per level is usual)")
      #expect(error.range?.line == 3)
    }
  }

  @Test func mixedTabsAndSpacesOfDifferentWidthsAreAnError() throws {
    // Python: TabError. Whatever the wording, it is a syntax error on line 3.
    let error = try #require(lexError("if a:\n    b = 1\n\tc = 2\n"))
    #expect(error.range?.line == 3)
  }

  @Test func aDedentMustLandOnAnEnclosingLevel() throws {
    let error = try #require(lexError("if a:\n        b\n    c\n"))
    #expect(error.message == "this line's indentation does not match any enclosing block")
    #expect(error.range?.line == 3)
  }

  @Test func indentationDepthHasALimit() throws {
    // 100 levels, as Python allows; one more is an error, not a crash.
    func nested(_ levels: Int) -> String {
      var lines = (0..<levels).map { String(repeating: " ", count: $0) + "if 1:" }
      lines.append(String(repeating: " ", count: levels) + "x = 1")
      return lines.joined(separator: "\n") + "\n"
    }
    #expect(try kinds(nested(100)).filter { $0 == .indent }.count == 100)
    let error = try #require(lexError(nested(101)))
    #expect(error.message == "too many levels of indentation (the limit is 100)")
    #expect(error.range?.line == 102)
  }

  // MARK: Other characters

  @Test func strayCharacters() throws {
    let dollar = try #require(lexError("x = 1 $ 2\n"))
    #expect(dollar.message == "'$' is not allowed here")
    #expect(dollar.range?.column == 7)
    let bang = try #require(lexError("if !done:\n    pass\n"))
    #expect(bang.message == "'!' on its own is not an operator")
    #expect(bang.hint == "write 'not x' for negation, 'a != b' for inequality")
    #expect(lexError("m &= b")?.message == "'&=' is not supported")
    #expect(lexError("a ^ 2")?.hint == "write '**' for powers")
  }

  @Test func backslashOutsideAString() throws {
    #expect(lexError("x = 1 \\ 2")?.message == "unexpected backslash: a backslash outside a string may only end a line")
    #expect(
      lexError("x = 1 + \\")?.message == "a backslash at the end of the input continues a line that never comes")
  }

  @Test func nulByteIsAnError() throws {
    let error = try #require(lexError("x = 1\u{0}\n"))
    #expect(error.message == "the source contains a NUL byte, which cannot appear in a program")
    #expect(error.range?.column == 6)
    #expect(lexError("s = 'a\u{0}b'\n")?.message == "a string contains a NUL byte")
  }

  // MARK: Positions

  @Test func columnsCountCharactersNotBytes() throws {
    let toks = try tokens("β = 'é'; x")
    let x = try #require(toks.first { $0.text == "x" })
    #expect(x.range.line == 1)
    #expect(x.range.column == 10)
  }

  @Test func tokenRangesCoverTheirText() throws {
    let toks = try tokens("total = total + 0.25\n")
    let file = toks[0].range.file
    for token in toks where token.kind == .name || token.kind == .number {
      let text = String(decoding: file.bytes[token.range.start..<token.range.end], as: UTF8.self)
      #expect(text == token.text)
    }
  }
}
