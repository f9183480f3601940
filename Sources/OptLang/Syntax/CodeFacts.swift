import Foundation

/// Facts about a program's code that tools read without running it: which of
/// a learner's functions contain loop statements (an exercise that says "no
/// loop" checks this), and the tokens of a line (for syntax highlighting).
extension Interpreter {
  /// The functions and rules defined by the program, among `names` and the
  /// ones they name in turn, whose source has a `for` or `while` statement
  /// (a comprehension is not a statement). Built-ins are not followed.
  public func functionsWithLoops(reachableFrom names: [String]) -> [String] {
    var queue = names
    var seen = Set(names)
    var found: [String] = []
    while !queue.isEmpty {
      let name = queue.removeFirst()
      guard let value = runtime.globals[name], !runtime.globals.isBuiltin(name, value),
        let source = sourceText(of: name),
        let tokens = try? Lexer.tokenize(SourceFile(name: name, text: source + "\n"))
      else { continue }
      var statementStart = true
      for token in tokens {
        if statementStart && (token.kind == .kwFor || token.kind == .kwWhile), !found.contains(name) {
          found.append(name)
        }
        if token.kind == .name, seen.insert(token.text).inserted { queue.append(token.text) }
        statementStart = [.newline, .indent, .dedent, .colon].contains(token.kind)
      }
    }
    return found
  }

  /// The names of the parameters a callable takes by keyword, for completing
  /// `adam(et` to `adam(eta=`: a rule's hyperparameters, a function's
  /// parameters, a built-in's documented ones. `callee` may be dotted (`np.clip`).
  public func parameterNames(of callee: String) -> [String] {
    let path = callee.split(separator: ".").map(String.init)
    guard let first = path.first, var value = runtime.globals[first] ?? runtime.modules[first].map({ .object($0) })
    else { return [] }
    for part in path.dropFirst() {
      guard let next = try? Members.attribute(value, part) else { return [] }
      value = next
    }
    switch value {
    case .function(let rule as Rule): return rule.hyperparameterNames
    case .function(let function as UserFunction): return function.code.parameterNames
    case .function(let builtin as Builtin): return builtin.parameters
    default: return []
    }
  }

  /// What a piece of a line is, for colouring it.
  public enum TokenClass: Sendable {
    case keyword, number, string, comment, name, other
  }

  /// The line cut into classified pieces that together are the whole line;
  /// nil when it does not tokenize (an unclosed string: leave it plain).
  public static func highlightPieces(of line: String) -> [(text: Substring, kind: TokenClass)]? {
    guard let tokens = try? Lexer.tokenize(SourceFile(name: "<input>", text: line)) else { return nil }
    let utf8 = line.utf8
    var pieces: [(Substring, TokenClass)] = []
    var offset = 0
    func piece(_ from: Int, _ to: Int) -> Substring {
      let start = utf8.index(utf8.startIndex, offsetBy: from)
      let end = utf8.index(utf8.startIndex, offsetBy: to)
      return line[start..<end]
    }
    for token in tokens where ![.newline, .indent, .dedent, .eof].contains(token.kind) {
      let start = token.range.start
      let end = token.range.end
      guard start >= offset, end <= utf8.count else { continue }
      if start > offset { pieces.append(plainOrComment(piece(offset, start))) }
      pieces.append((piece(start, end), tokenClass(token)))
      offset = end
    }
    if offset < utf8.count { pieces.append(plainOrComment(piece(offset, utf8.count))) }
    return pieces
  }

  private static func plainOrComment(_ text: Substring) -> (Substring, TokenClass) {
    text.trimmingCharacters(in: .whitespaces).hasPrefix("#") ? (text, .comment) : (text, .other)
  }

  private static func tokenClass(_ token: Token) -> TokenClass {
    switch token.kind {
    case .number: return .number
    case .string, .fstring: return .string
    case .name: return .name
    case .kwTrue, .kwFalse, .kwNone: return .number
    default: return TokenKind.keywords[token.text] != nil ? .keyword : .other
    }
  }
}
