/// What kind of token the lexer produced.
public enum TokenKind: Equatable, Sendable {
  case name
  case number
  case string
  /// An f-string: the token's range covers its body between the quotes, undecoded.
  case fstring
  case newline
  case indent
  case dedent
  case eof
  // Keywords.
  case kwAnd, kwOr, kwNot, kwIf, kwElif, kwElse, kwFor, kwWhile, kwIn, kwIs, kwDef, kwReturn
  case kwBreak, kwContinue, kwPass, kwAssert, kwGlobal, kwImport, kwFrom, kwAs, kwLambda
  case kwTrue, kwFalse, kwNone
  /// A Python keyword the language does not have (`class`, `try`, ...): a clear error.
  case unsupportedKeyword
  // Punctuation.
  case lparen, rparen, lbracket, rbracket, lbrace, rbrace
  case comma, colon, dot, semicolon, arrow
  case plus, minus, star, slash, slashSlash, percent, starStar, at, ellipsis, ampersand, pipe, tilde
  case assign, plusAssign, minusAssign, starAssign, slashAssign, slashSlashAssign, percentAssign
  case starStarAssign
  case equal, notEqual, less, lessEqual, greater, greaterEqual
}

/// One token: its kind, where it is, and its decoded value for names, numbers and strings.
public struct Token: Sendable {
  public var kind: TokenKind
  public var range: SourceRange
  /// The name, the decoded string, or the keyword/punctuation text.
  public var text: String
  /// The value of a number literal.
  public var number: Double = 0
}

extension TokenKind {
  static let keywords: [String: TokenKind] = [
    "and": .kwAnd, "or": .kwOr, "not": .kwNot, "if": .kwIf, "elif": .kwElif, "else": .kwElse,
    "for": .kwFor, "while": .kwWhile, "in": .kwIn, "is": .kwIs, "def": .kwDef,
    "return": .kwReturn, "break": .kwBreak, "continue": .kwContinue, "pass": .kwPass,
    "assert": .kwAssert, "global": .kwGlobal, "import": .kwImport, "from": .kwFrom, "as": .kwAs,
    "lambda": .kwLambda, "True": .kwTrue, "False": .kwFalse, "None": .kwNone,
    "class": .unsupportedKeyword, "try": .unsupportedKeyword, "except": .unsupportedKeyword,
    "finally": .unsupportedKeyword, "raise": .unsupportedKeyword, "with": .unsupportedKeyword,
    "yield": .unsupportedKeyword, "del": .unsupportedKeyword, "nonlocal": .unsupportedKeyword,
    "async": .unsupportedKeyword, "await": .unsupportedKeyword,
  ]

  /// How a learner would name this token in an error message.
  var displayName: String {
    switch self {
    case .name: return "a name"
    case .number: return "a number"
    case .string, .fstring: return "a string"
    case .newline: return "the end of the line"
    case .indent: return "an indented block"
    case .dedent: return "the end of the block"
    case .eof: return "the end of the input"
    case .lparen: return "'('"
    case .rparen: return "')'"
    case .lbracket: return "'['"
    case .rbracket: return "']'"
    case .lbrace: return "'{'"
    case .rbrace: return "'}'"
    case .comma: return "','"
    case .colon: return "':'"
    case .dot: return "'.'"
    case .assign: return "'='"
    default: return "this"
    }
  }
}
