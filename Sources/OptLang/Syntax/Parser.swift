/// A recursive-descent parser from tokens to the syntax tree. Each function
/// parses one production, written as a comment above it. The parser stops at
/// the first error: a learner fixes one thing at a time, and a second message
/// caused by the first only confuses.
public struct Parser {
  /// How deeply expressions may nest before the parser refuses, so that
  /// absurd input is an error rather than a stack overflow. A bracket counts
  /// twice (the bracket and the expression inside it), so this allows the
  /// lexer's 200 nested brackets.
  static let maxNesting = 500
  /// The most binary operators in one chain (`1 + 1 + ...`): each makes the
  /// tree one level deeper.
  static let maxOperatorChain = 2000

  private let file: SourceFile
  private var tokens: [Token]
  private var position = 0
  private var nesting = 0
  private var nameCounter: NameIDCounter
  /// Inside a rule body, where `state NAME = value` is a declaration.
  private var inRule = false

  /// Hands out `NameID`s; shared with the parsers of f-string expressions.
  final class NameIDCounter {
    var next = 0
    func take() -> Int {
      next += 1
      return next
    }
  }

  init(file: SourceFile, tokens: [Token], counter: NameIDCounter) {
    self.file = file
    self.tokens = tokens
    self.nameCounter = counter
  }

  /// Parses a whole program (a file, a REPL entry, a cell).
  public static func parseProgram(_ file: SourceFile) throws -> [Stmt] {
    var parser = Parser(file: file, tokens: try Lexer.tokenize(file), counter: NameIDCounter())
    return try parser.parseProgram()
  }

  // MARK: - Token helpers

  private var current: Token { tokens[position] }
  private func peekKind(_ offset: Int = 1) -> TokenKind {
    tokens[min(position + offset, tokens.count - 1)].kind
  }

  @discardableResult
  private mutating func advance() -> Token {
    let token = tokens[position]
    if position < tokens.count - 1 { position += 1 }
    return token
  }

  private func check(_ kind: TokenKind) -> Bool { current.kind == kind }

  private mutating func match(_ kind: TokenKind) -> Bool {
    guard check(kind) else { return false }
    advance()
    return true
  }

  private func describe(_ token: Token) -> String {
    switch token.kind {
    case .name: return "the name '\(token.text)'"
    case .number: return "the number \(token.text)"
    case .string, .fstring: return "a string"
    case .newline, .indent, .dedent, .eof: return token.kind.displayName
    case .unsupportedKeyword: return "'\(token.text)'"
    default: return "'\(token.text)'"
    }
  }

  private func error(_ message: String, at token: Token? = nil, hint: String? = nil) -> OptError {
    let token = token ?? current
    var range = token.range
    if token.kind == .newline || token.kind == .eof || token.kind == .dedent {
      // Point at the end of the previous token: that is where something is missing.
      let previous = tokens[max(0, position - 1)].range
      range = SourceRange(file: file, start: previous.end, end: previous.end + 1)
    }
    return OptError(.syntaxError, message, at: range, hint: hint)
  }

  @discardableResult
  private mutating func expect(_ kind: TokenKind, _ what: String, hint: String? = nil) throws -> Token {
    guard check(kind) else {
      throw error("expected \(what), but found \(describe(current))", hint: hint)
    }
    return advance()
  }

  private mutating func enterNesting() throws {
    nesting += 1
    if nesting > Parser.maxNesting {
      throw error("this expression is nested too deeply")
    }
  }

  /// From `start` to the end of the last token consumed, not counting the
  /// NEWLINE, INDENT and DEDENT tokens that close a block.
  private func range(from start: SourceRange) -> SourceRange {
    var i = max(0, position - 1)
    while i > 0, [.newline, .indent, .dedent, .eof].contains(tokens[i].kind) { i -= 1 }
    return start.to(tokens[i].range)
  }

  // MARK: - Statements

  /// program -> statement* EOF
  mutating func parseProgram() throws -> [Stmt] {
    var statements: [Stmt] = []
    while match(.newline) {}
    while !check(.eof) {
      if check(.indent) {
        throw error("unexpected indentation: this line is indented but no block starts here")
      }
      statements += try parseStatement()
      while match(.newline) {}
    }
    return statements
  }

  /// statement -> compound_statement | simple_statement (';' simple_statement)* NEWLINE
  private mutating func parseStatement() throws -> [Stmt] {
    switch current.kind {
    case .kwIf: return [try parseIf()]
    case .kwFor: return [try parseFor()]
    case .kwWhile: return [try parseWhile()]
    case .kwDef: return [try parseDef()]
    case .name where current.text == "rule" && peekKind() == .name && peekKind(2) == .lparen:
      return [try parseRule()]
    default:
      var statements = [try parseSimpleStatement()]
      while match(.semicolon) {
        if check(.newline) || check(.eof) { break }
        statements.append(try parseSimpleStatement())
      }
      if !check(.eof) && !check(.dedent) {
        try expectEndOfStatement()
      }
      return statements
    }
  }

  private mutating func expectEndOfStatement() throws {
    guard match(.newline) else {
      if check(.assign) {
        throw error(
          "'=' cannot follow this: the left side of '=' must be a name, an item like a[i], or a tuple of names")
      }
      throw error(
        "expected the end of the statement, but found \(describe(current))",
        hint: "put each statement on its own line, or separate them with ';'")
    }
  }

  /// block -> ':' (NEWLINE INDENT statement+ DEDENT | simple_statement NEWLINE)
  private mutating func parseBlock(after header: Token, what: String) throws -> [Stmt] {
    let article = ["if", "elif", "else"].contains(what) ? "an" : "a"
    try expect(.colon, "':' to start the body of the \(what)", hint: "\(article) '\(what)' line ends with ':'")
    if !check(.newline) {
      // A body on the same line: `if x: y = 1`.
      var statements = [try parseSimpleStatement()]
      while match(.semicolon) {
        if check(.newline) || check(.eof) { break }
        statements.append(try parseSimpleStatement())
      }
      if !check(.eof) && !check(.dedent) { try expectEndOfStatement() }
      return statements
    }
    advance()
    guard match(.indent) else {
      let line = header.range.line
      throw OptError(
        .syntaxError, "expected an indented block after the '\(what)' on line \(line)", at: header.range,
        hint: "indent the body of the '\(what)' (4 spaces is usual)")
    }
    var statements: [Stmt] = []
    while !check(.dedent) && !check(.eof) {
      statements += try parseStatement()
      while match(.newline) {}
    }
    match(.dedent)
    return statements
  }

  /// if_statement -> 'if' test block ('elif' test block)* ('else' block)?
  private mutating func parseIf() throws -> Stmt {
    let header = advance()
    var branches: [(condition: Expr, body: [Stmt])] = []
    let condition = try parseTest()
    branches.append((condition, try parseBlock(after: header, what: "if")))
    var orElse: [Stmt] = []
    while check(.kwElif) {
      let elifToken = advance()
      let condition = try parseTest()
      branches.append((condition, try parseBlock(after: elifToken, what: "elif")))
    }
    if check(.kwElse) {
      let elseToken = advance()
      orElse = try parseBlock(after: elseToken, what: "else")
    }
    return Stmt(.if(branches: branches, orElse: orElse), range(from: header.range))
  }

  /// for_statement -> 'for' target_list 'in' test_list block ('else' block)?
  private mutating func parseFor() throws -> Stmt {
    let header = advance()
    let target = try parseTargetList()
    try expect(.kwIn, "'in' after the loop variable", hint: "a for loop reads: for x in values:")
    let iterable = try parseTestList()
    let body = try parseBlock(after: header, what: "for")
    var orElse: [Stmt] = []
    if check(.kwElse) {
      let elseToken = advance()
      orElse = try parseBlock(after: elseToken, what: "else")
    }
    return Stmt(.for(target: target, iterable: iterable, body: body, orElse: orElse), range(from: header.range))
  }

  /// while_statement -> 'while' test block ('else' block)?
  private mutating func parseWhile() throws -> Stmt {
    let header = advance()
    let condition = try parseTest()
    let body = try parseBlock(after: header, what: "while")
    var orElse: [Stmt] = []
    if check(.kwElse) {
      let elseToken = advance()
      orElse = try parseBlock(after: elseToken, what: "else")
    }
    return Stmt(.while(condition: condition, body: body, orElse: orElse), range(from: header.range))
  }

  /// def_statement -> 'def' NAME '(' parameters ')' ('->' test)? block
  private mutating func parseDef() throws -> Stmt {
    let d = try parseDefinition(what: "def", itsName: "the function's name", rule: false)
    let decl = FunctionDecl(
      name: d.name, parameters: d.parameters, body: d.body, docstring: d.docstring, headerRange: d.headerRange,
      range: d.range, isLambda: false)
    return Stmt(.function(decl), d.headerRange)
  }

  /// rule_statement -> 'rule' NAME '(' parameters ')' block   (`rule` is a keyword only here)
  private mutating func parseRule() throws -> Stmt {
    let d = try parseDefinition(what: "rule", itsName: "the rule's name", rule: true)
    for p in d.parameters where RuleDecl.stepNames.contains(p.name) {
      throw OptError(
        .syntaxError, "'\(p.name)' cannot be a hyperparameter: every step binds it (w, g and t are given)",
        at: p.range)
    }
    let decl = RuleDecl(
      name: d.name, hyperparameters: d.parameters, body: d.body, docstring: d.docstring, headerRange: d.headerRange,
      range: d.range)
    return Stmt(.rule(decl), d.headerRange)
  }

  /// The parts `def` and `rule` share: KEYWORD NAME '(' parameters ')' ('->' test)? block.
  private mutating func parseDefinition(what: String, itsName: String, rule: Bool) throws -> (
    name: String, parameters: [Parameter], body: [Stmt], docstring: String?, headerRange: SourceRange,
    range: SourceRange
  ) {
    let header = advance()
    let name = try expect(.name, "\(itsName) after '\(what)'")
    try expect(.lparen, "'(' after \(itsName)")
    let parameters = try parseParameters(closing: .rparen)
    try expect(.rparen, "')' to close the list of \(rule ? "hyperparameters" : "parameters")")
    if !rule && match(.arrow) { _ = try parseTest() }
    let headerRange = range(from: header.range)
    let wasInRule = inRule
    inRule = rule
    var body = try parseBlock(after: header, what: what)
    inRule = wasInRule
    let docstring = Parser.takeDocstring(&body)
    return (name.text, parameters, body, docstring, headerRange, range(from: header.range))
  }

  /// A string literal opening a body is its docstring, not a statement.
  static func takeDocstring(_ body: inout [Stmt]) -> String? {
    guard let first = body.first, case .expression(let e) = first.kind, case .string(let text) = e.kind else {
      return nil
    }
    body.removeFirst()
    return text
  }

  /// parameters -> (NAME ('=' test)? (',' NAME ('=' test)?)* ','?)?
  private mutating func parseParameters(closing: TokenKind) throws -> [Parameter] {
    var parameters: [Parameter] = []
    var seen = Set<String>()
    while !check(closing) {
      if check(.star) || check(.starStar) {
        throw error("'*args' and '**kwargs' parameters are not part of optrepl's language")
      }
      let name = try expect(.name, "a parameter name")
      if seen.contains(name.text) {
        throw error("the parameter '\(name.text)' appears twice", at: name)
      }
      seen.insert(name.text)
      if closing == .rparen && match(.colon) { _ = try parseTest() }  // an annotation, ignored
      var defaultValue: Expr?
      if match(.assign) {
        defaultValue = try parseTest()
      } else if parameters.last?.defaultValue != nil {
        throw error(
          "the parameter '\(name.text)' needs a default value because the one before it has one", at: name)
      }
      parameters.append(Parameter(name: name.text, defaultValue: defaultValue, range: name.range))
      if !match(.comma) { break }
    }
    return parameters
  }

  /// simple_statement -> return | pass | break | continue | assert | global | import | expression_statement
  private mutating func parseSimpleStatement() throws -> Stmt {
    let start = current
    switch current.kind {
    case .kwPass:
      advance()
      return Stmt(.pass, start.range)
    case .kwBreak:
      advance()
      return Stmt(.break, start.range)
    case .kwContinue:
      advance()
      return Stmt(.continue, start.range)
    case .kwReturn:
      advance()
      var value: Expr?
      if !check(.newline) && !check(.semicolon) && !check(.eof) && !check(.dedent) {
        value = try parseTestList()
      }
      return Stmt(.return(value), range(from: start.range))
    case .kwAssert:
      advance()
      let condition = try parseTest()
      var message: Expr?
      if match(.comma) { message = try parseTest() }
      return Stmt(.assert(condition: condition, message: message), range(from: start.range))
    case .kwGlobal:
      advance()
      var names = [try expect(.name, "a name after 'global'").text]
      while match(.comma) { names.append(try expect(.name, "a name").text) }
      return Stmt(.global(names), range(from: start.range))
    case .kwImport:
      advance()
      let (module, moduleRange) = try parseDottedName()
      var alias = String(module.split(separator: ".").first ?? "")
      if match(.kwAs) { alias = try expect(.name, "a name after 'as'").text }
      return Stmt(.import(module: module, alias: alias, moduleRange: moduleRange), range(from: start.range))
    case .kwFrom:
      advance()
      let (module, moduleRange) = try parseDottedName()
      try expect(.kwImport, "'import' after the module name")
      var names: [(name: String, alias: String, range: SourceRange)] = []
      let parenthesized = match(.lparen)
      repeat {
        if check(.star) {
          let star = advance()
          names.append(("*", "*", star.range))
          break
        }
        let name = try expect(.name, "a name to import")
        var alias = name.text
        if match(.kwAs) { alias = try expect(.name, "a name after 'as'").text }
        names.append((name.text, alias, name.range))
      } while match(.comma) && !check(.rparen) && !check(.newline)
      if parenthesized { try expect(.rparen, "')'") }
      return Stmt(.fromImport(module: module, names: names, moduleRange: moduleRange), range(from: start.range))
    case .name where inRule && current.text == "state" && peekKind() == .name:
      // state_statement -> 'state' NAME '=' test
      advance()
      let name = advance()
      try expect(.assign, "'=' and the state's first value, as in: state v = 0")
      let value = try parseTest()
      return Stmt(.state(name: name.text, value: value, nameRange: name.range), range(from: start.range))
    case .name where !inRule && current.text == "state" && peekKind() == .name && peekKind(2) == .assign:
      throw error("'state' declarations belong in a rule body", hint: "see help(adagrad) for a rule that keeps state")
    case .kwDef, .kwIf, .kwFor, .kwWhile:
      throw error("a '\(current.text)' block must start on its own line")
    case .kwElif, .kwElse:
      throw error("'\(current.text)' without an 'if' (or with the wrong indentation)")
    case .unsupportedKeyword:
      throw error(
        "'\(current.text)' is Python, but not part of optrepl's language",
        hint: current.text == "del"
          ? "d.pop(key) removes a key from a dict, xs.pop(i) an item from a list"
          : "see :help for the statements optrepl understands")
    case .indent:
      throw error("unexpected indentation: this line is indented but no block starts here")
    default:
      return try parseExpressionStatement()
    }
  }

  private mutating func parseDottedName() throws -> (String, SourceRange) {
    let first = try expect(.name, "a module name")
    var name = first.text
    while match(.dot) { name += "." + (try expect(.name, "a name after '.'").text) }
    return (name, range(from: first.range))
  }

  /// expression_statement -> test_list (('=' test_list)+ | augmented_op test_list)?
  private mutating func parseExpressionStatement() throws -> Stmt {
    let start = current.range
    let first = try parseTestList()
    if check(.assign) {
      var targets = [first]
      var value = first
      while match(.assign) {
        value = try parseTestList()
        targets.append(value)
      }
      targets.removeLast()
      for target in targets { try validateTarget(target) }
      return Stmt(.assign(targets: targets, value: value), range(from: start))
    }
    let augmented: [TokenKind: BinaryOperator] = [
      .plusAssign: .add, .minusAssign: .subtract, .starAssign: .multiply, .slashAssign: .divide,
      .slashSlashAssign: .floorDivide, .percentAssign: .modulo, .starStarAssign: .power,
    ]
    if let op = augmented[current.kind] {
      advance()
      switch first.kind {
      case .name, .index: break
      default:
        throw OptError(
          .syntaxError, "'\(op.rawValue)=' needs a single name or item like a[i] on its left", at: first.range)
      }
      let value = try parseTestList()
      return Stmt(.augmentedAssign(target: first, op: op, value: value), range(from: start))
    }
    return Stmt(.expression(first), first.range)
  }

  /// Checks that an expression can be assigned to.
  private func validateTarget(_ target: Expr) throws {
    switch target.kind {
    case .name, .index: return
    case .tuple(let items), .list(let items):
      for item in items { try validateTarget(item) }
    case .attribute(_, let name, _):
      throw OptError(
        .syntaxError, "cannot assign to the attribute '\(name)': attributes are read-only", at: target.range)
    case .call:
      throw OptError(
        .syntaxError, "cannot assign to a function call", at: target.range,
        hint: "did you mean '==' to compare?")
    default:
      throw OptError(
        .syntaxError, "cannot assign to this expression", at: target.range,
        hint: "the left side of '=' must be a name, an item like a[i], or a tuple of names")
    }
  }

  /// target_list -> primary (',' primary)* ','?   (the variables of a `for`)
  private mutating func parseTargetList() throws -> Expr {
    let start = current.range
    var items = [try parsePostfix()]
    var trailingComma = false
    while match(.comma) {
      if check(.kwIn) {
        trailingComma = true
        break
      }
      items.append(try parsePostfix())
    }
    let target = items.count == 1 && !trailingComma ? items[0] : Expr(.tuple(items), range(from: start))
    try validateTarget(target)
    return target
  }

  // MARK: - Expressions

  /// test_list -> test (',' test)* ','?   (a bare tuple when there is a comma)
  private mutating func parseTestList() throws -> Expr {
    let start = current.range
    let first = try parseTest()
    guard check(.comma) else { return first }
    var items = [first]
    while match(.comma) {
      if isEndOfTestList() { break }
      items.append(try parseTest())
    }
    return Expr(.tuple(items), range(from: start))
  }

  private func isEndOfTestList() -> Bool {
    switch current.kind {
    case .newline, .eof, .assign, .rparen, .rbracket, .semicolon, .colon, .dedent: return true
    case .plusAssign, .minusAssign, .starAssign, .slashAssign: return true
    default: return false
    }
  }

  /// test -> or_test ('if' or_test 'else' test)? | lambda
  mutating func parseTest() throws -> Expr {
    try enterNesting()
    defer { nesting -= 1 }
    if check(.kwLambda) { return try parseLambda() }
    let start = current.range
    let value = try parseOr()
    if check(.kwIf) {
      advance()
      let condition = try parseOr()
      try expect(.kwElse, "'else' in the conditional expression", hint: "write: a if condition else b")
      let otherwise = try parseTest()
      return Expr(.conditional(condition: condition, then: value, else: otherwise), range(from: start))
    }
    return value
  }

  /// lambda -> 'lambda' parameters ':' test
  private mutating func parseLambda() throws -> Expr {
    let header = advance()
    let parameters = try parseParameters(closing: .colon)
    try expect(.colon, "':' after the lambda's parameters")
    let body = try parseTest()
    let bodyStatement = Stmt(.return(body), body.range)
    let decl = FunctionDecl(
      name: "<lambda>", parameters: parameters, body: [bodyStatement], docstring: nil,
      headerRange: header.range, range: range(from: header.range), isLambda: true)
    return Expr(.lambda(decl), range(from: header.range))
  }

  /// or_test -> and_test ('or' and_test)*
  private mutating func parseOr() throws -> Expr {
    var left = try parseAnd()
    var chain = 0
    while match(.kwOr) {
      chain += 1
      if chain > Parser.maxOperatorChain { throw error("this expression is too long (too many 'or's in a row)") }
      let right = try parseAnd()
      left = Expr(.or(left, right), left.range.to(right.range))
    }
    return left
  }

  /// and_test -> not_test ('and' not_test)*
  private mutating func parseAnd() throws -> Expr {
    var left = try parseNot()
    var chain = 0
    while match(.kwAnd) {
      chain += 1
      if chain > Parser.maxOperatorChain { throw error("this expression is too long (too many 'and's in a row)") }
      let right = try parseNot()
      left = Expr(.and(left, right), left.range.to(right.range))
    }
    return left
  }

  /// not_test -> 'not' not_test | comparison
  private mutating func parseNot() throws -> Expr {
    if check(.kwNot) {
      let start = advance()
      try enterNesting()
      defer { nesting -= 1 }
      let operand = try parseNot()
      return Expr(.not(operand), start.range.to(operand.range))
    }
    return try parseComparison()
  }

  /// comparison -> arith (compare_op arith)*
  private mutating func parseComparison() throws -> Expr {
    let first = try parseArithmetic(level: 0)
    var rest: [(CompareOperator, Expr)] = []
    while true {
      var op: CompareOperator?
      switch current.kind {
      case .equal: op = .equal
      case .notEqual: op = .notEqual
      case .less: op = .less
      case .lessEqual: op = .lessEqual
      case .greater: op = .greater
      case .greaterEqual: op = .greaterEqual
      case .kwIn: op = .in
      case .kwIs:
        op = peekKind() == .kwNot ? .isNot : .is
        if op == .isNot { advance() }
      case .kwNot where peekKind() == .kwIn:
        advance()
        op = .notIn
      default: op = nil
      }
      guard let op else { break }
      advance()
      rest.append((op, try parseArithmetic(level: 0)))
    }
    if rest.isEmpty { return first }
    return Expr(.compare(first, rest), first.range.to(rest.last!.1.range))
  }

  /// The binary operators by precedence, loosest first (Python's order).
  private static let binaryLevels: [[TokenKind: BinaryOperator]] = [
    [.pipe: .bitOr],
    [.ampersand: .bitAnd],
    [.plus: .add, .minus: .subtract],
    [.star: .multiply, .slash: .divide, .slashSlash: .floorDivide, .percent: .modulo, .at: .matmul],
  ]

  /// or_expr -> and_expr ('|' and_expr)*;  and_expr -> arith ('&' arith)*;
  /// arith -> term (('+'|'-') term)*;  term -> factor (('*'|'/'|'//'|'%'|'@') factor)*
  private mutating func parseArithmetic(level: Int) throws -> Expr {
    if level == Parser.binaryLevels.count { return try parseUnary() }
    var left = try parseArithmetic(level: level + 1)
    var chain = 0
    while let op = Parser.binaryLevels[level][current.kind] {
      chain += 1
      if chain > Parser.maxOperatorChain {
        throw error(
          "this expression is too long (more than \(Parser.maxOperatorChain) operators in a row)",
          hint: "split it into several statements, or use sum() over a list")
      }
      advance()
      let right = try parseArithmetic(level: level + 1)
      left = Expr(.binary(op, left, right), left.range.to(right.range))
    }
    return left
  }

  /// factor -> ('-'|'+'|'~') factor | power
  private mutating func parseUnary() throws -> Expr {
    if check(.minus) || check(.plus) || check(.tilde) {
      let start = advance()
      try enterNesting()
      defer { nesting -= 1 }
      let operand = try parseUnary()
      let op: UnaryOperator = start.kind == .minus ? .negate : start.kind == .plus ? .plus : .invert
      return Expr(.unary(op, operand), start.range.to(operand.range))
    }
    return try parsePower()
  }

  /// power -> postfix ('**' factor)?   (right-associative, tighter than unary minus on its left)
  private mutating func parsePower() throws -> Expr {
    let base = try parsePostfix()
    if match(.starStar) {
      try enterNesting()
      defer { nesting -= 1 }
      let exponent = try parseUnary()
      return Expr(.binary(.power, base, exponent), base.range.to(exponent.range))
    }
    return base
  }

  /// postfix -> atom ('(' arguments ')' | '[' subscript ']' | '.' NAME)*
  private mutating func parsePostfix() throws -> Expr {
    var expr = try parseAtom()
    var chain = 0
    while true {
      chain += 1
      if chain > Parser.maxOperatorChain {
        throw error("this expression is too long (too many calls, indexes or attributes in a row)")
      }
      if check(.lparen) {
        expr = try parseCall(expr)
      } else if check(.lbracket) {
        expr = try parseSubscript(expr)
      } else if check(.dot) {
        advance()
        let name = try expect(.name, "an attribute name after '.'")
        expr = Expr(.attribute(expr, name: name.text, nameRange: name.range), expr.range.to(name.range))
      } else {
        return expr
      }
    }
  }

  /// arguments -> (test | NAME '=' test) (',' ...)* ','?
  private mutating func parseCall(_ callee: Expr) throws -> Expr {
    let open = advance()
    var arguments: [Expr] = []
    var keywords: [KeywordArgument] = []
    while !check(.rparen) {
      if check(.star) || check(.starStar) {
        throw error("'*' and '**' unpacking in calls are not part of optrepl's language")
      }
      if check(.name) && peekKind() == .assign {
        let name = advance()
        advance()
        let value = try parseTest()
        if keywords.contains(where: { $0.name == name.text }) {
          throw error("the keyword argument '\(name.text)' is given twice", at: name)
        }
        keywords.append(KeywordArgument(name: name.text, value: value, range: name.range.to(value.range)))
      } else {
        let value = try parseTest()
        if !keywords.isEmpty {
          throw OptError(
            .syntaxError, "a positional argument cannot follow keyword arguments", at: value.range,
            hint: "put the positional arguments first")
        }
        if check(.kwFor) {
          // f(x for x in xs): a generator argument, treated as a list comprehension.
          let clauses = try parseComprehensionClauses()
          arguments.append(Expr(.listComprehension(element: value, clauses: clauses), range(from: value.range)))
          continue
        }
        arguments.append(value)
      }
      if !match(.comma) { break }
    }
    try expect(.rparen, "')' to close the call opened at \(open.range.location)")
    return Expr(.call(callee, arguments: arguments, keywords: keywords), range(from: callee.range))
  }

  /// subscript -> item (',' item)* ','?
  private mutating func parseSubscript(_ base: Expr) throws -> Expr {
    let open = advance()
    var items: [Expr] = []
    var trailingComma = false
    while !check(.rbracket) {
      items.append(try parseSubscriptItem())
      trailingComma = match(.comma)
      if !trailingComma { break }
    }
    if items.isEmpty { throw error("an index is needed between '[' and ']'") }
    try expect(.rbracket, "']' to close the subscript opened at \(open.range.location)")
    let index =
      items.count == 1 && !trailingComma ? items[0] : Expr(.tuple(items), items[0].range.to(items.last!.range))
    return Expr(.index(base, index), range(from: base.range))
  }

  /// item -> '...' | test | test? ':' test? (':' test?)?
  private mutating func parseSubscriptItem() throws -> Expr {
    let start = current
    if match(.ellipsis) { return Expr(.ellipsis, start.range) }
    var lower: Expr?
    if !check(.colon) {
      let index = try parseTest()
      if !check(.colon) { return index }
      lower = index
    }
    try expect(.colon, "']' or ':' in the subscript")
    func ends() -> Bool { check(.colon) || check(.rbracket) || check(.comma) }
    var upper: Expr?
    var step: Expr?
    if !ends() { upper = try parseTest() }
    if match(.colon) {
      if !check(.rbracket) && !check(.comma) { step = try parseTest() }
    }
    return Expr(.slice(lower: lower, upper: upper, step: step), range(from: start.range))
  }

  /// comprehension_clauses -> ('for' target_list 'in' or_test ('if' or_test)*)+
  private mutating func parseComprehensionClauses() throws -> [ComprehensionClause] {
    var clauses: [ComprehensionClause] = []
    while match(.kwFor) {
      let target = try parseTargetList()
      try expect(.kwIn, "'in' in the comprehension")
      let iterable = try parseOr()
      var conditions: [Expr] = []
      while match(.kwIf) { conditions.append(try parseOr()) }
      clauses.append(ComprehensionClause(target: target, iterable: iterable, conditions: conditions))
    }
    return clauses
  }

  /// atom -> NAME | NUMBER | STRING+ | 'True' | 'False' | 'None' | '(' ... ')' | '[' ... ']'
  private mutating func parseAtom() throws -> Expr {
    let token = current
    switch token.kind {
    case .name:
      advance()
      return Expr(.name(token.text, nameCounter.take()), token.range)
    case .number:
      advance()
      return Expr(.number(token.number), token.range)
    case .string, .fstring:
      return try parseStrings()
    case .kwTrue:
      advance()
      return Expr(.bool(true), token.range)
    case .kwFalse:
      advance()
      return Expr(.bool(false), token.range)
    case .kwNone:
      advance()
      return Expr(.none, token.range)
    case .lparen:
      advance()
      try enterNesting()
      defer { nesting -= 1 }
      if match(.rparen) { return Expr(.tuple([]), range(from: token.range)) }
      let first = try parseTest()
      if check(.kwFor) {
        let clauses = try parseComprehensionClauses()
        try expect(.rparen, "')'")
        return Expr(.listComprehension(element: first, clauses: clauses), range(from: token.range))
      }
      if match(.rparen) { return Expr(first.kind, range(from: token.range)) }
      var items = [first]
      while match(.comma) {
        if check(.rparen) { break }
        items.append(try parseTest())
      }
      try expect(.rparen, "')' to close the '(' at \(token.range.location)")
      return Expr(.tuple(items), range(from: token.range))
    case .lbracket:
      advance()
      try enterNesting()
      defer { nesting -= 1 }
      var items: [Expr] = []
      if !check(.rbracket) {
        let first = try parseTest()
        if check(.kwFor) {
          let clauses = try parseComprehensionClauses()
          try expect(.rbracket, "']' to close the list comprehension")
          return Expr(.listComprehension(element: first, clauses: clauses), range(from: token.range))
        }
        items.append(first)
        while match(.comma) {
          if check(.rbracket) { break }
          items.append(try parseTest())
        }
      }
      try expect(.rbracket, "']' to close the list opened at \(token.range.location)")
      return Expr(.list(items), range(from: token.range))
    case .lbrace:
      return try parseDict()
    case .unsupportedKeyword:
      throw error("'\(token.text)' is Python, but not part of optrepl's language")
    case .newline, .eof, .dedent:
      throw error("expected a value, but the line ends here")
    default:
      throw error("expected a value, but found \(describe(token))")
    }
  }

  /// dict -> '{' (test ':' test (comprehension_clauses | (',' test ':' test)* ','?))? '}'
  private mutating func parseDict() throws -> Expr {
    let open = advance()
    try enterNesting()
    defer { nesting -= 1 }
    var entries: [(key: Expr, value: Expr)] = []
    while !check(.rbrace) {
      if check(.starStar) {
        throw error("'**' unpacking in a dict is not part of optrepl's language", hint: "use d.update(other)")
      }
      let key = try parseTest()
      guard match(.colon) else {
        if entries.isEmpty && (check(.comma) || check(.rbrace) || check(.kwFor)) {
          throw OptError(
            .syntaxError, "sets are not part of optrepl's language", at: range(from: open.range),
            hint: "use a list [a, b], or a dict {key: value}")
        }
        throw OptError(
          .syntaxError, "expected ':' and a value after this dict key, but found \(describe(current))",
          at: key.range, hint: "a dict is written {key: value, key: value}")
      }
      let value = try parseTest()
      if entries.isEmpty && check(.kwFor) {
        let clauses = try parseComprehensionClauses()
        try expect(.rbrace, "'}' to close the dict comprehension")
        return Expr(.dictComprehension(key: key, value: value, clauses: clauses), range(from: open.range))
      }
      entries.append((key, value))
      if !match(.comma) { break }
    }
    try expect(.rbrace, "'}' to close the dict opened at \(open.range.location)")
    return Expr(.dict(entries), range(from: open.range))
  }

  /// strings -> (STRING | FSTRING)+   (adjacent literals are joined)
  private mutating func parseStrings() throws -> Expr {
    let start = current.range
    var parts: [FStringPart] = []
    var plain = true
    while check(.string) || check(.fstring) {
      let token = advance()
      if token.kind == .string {
        parts.append(.text(token.text))
      } else {
        plain = false
        parts += try parseFString(token)
      }
    }
    let whole = range(from: start)
    if plain {
      let text = parts.map { if case .text(let t) = $0 { return t } else { return "" } }.joined()
      return Expr(.string(text), whole)
    }
    return Expr(.fstring(parts), whole)
  }

  /// Splits an f-string body into text and `{expression!conversion:spec}` parts.
  private mutating func parseFString(_ token: Token) throws -> [FStringPart] {
    let bytes = file.bytes
    let bodyStart = Int(token.number)
    let raw = file.bytes[token.range.start..<bodyStart].contains { $0 | 0x20 == UInt8(ascii: "r") }
    let bodyEnd = bodyStart + token.text.utf8.count
    var parts: [FStringPart] = []
    var text: [UInt8] = []
    var i = bodyStart
    func flush() {
      if !text.isEmpty {
        let decoded = raw ? String(decoding: text, as: UTF8.self) : Parser.decodeEscapes(text)
        parts.append(.text(decoded))
        text = []
      }
    }
    while i < bodyEnd {
      let c = bytes[i]
      if c == UInt8(ascii: "{") {
        if i + 1 < bodyEnd && bytes[i + 1] == UInt8(ascii: "{") {
          text.append(c)
          i += 2
          continue
        }
        flush()
        // Find the end of the expression: a top-level '}', ':' or '!' (not '!=').
        let exprStart = i + 1
        var j = exprStart
        var depth = 0
        var quote: UInt8 = 0
        while j < bodyEnd {
          let d = bytes[j]
          if quote != 0 {
            if d == quote { quote = 0 }
          } else if d == UInt8(ascii: "'") || d == UInt8(ascii: "\"") {
            quote = d
          } else if d == UInt8(ascii: "(") || d == UInt8(ascii: "[") || d == UInt8(ascii: "{") {
            depth += 1
          } else if d == UInt8(ascii: ")") || d == UInt8(ascii: "]") {
            depth -= 1
          } else if d == UInt8(ascii: "}") {
            if depth == 0 { break }
            depth -= 1
          } else if depth == 0 && d == UInt8(ascii: ":") {
            break
          } else if depth == 0 && d == UInt8(ascii: "!") && j + 1 < bodyEnd && bytes[j + 1] != UInt8(ascii: "=") {
            break
          }
          j += 1
        }
        guard j < bodyEnd else {
          throw OptError(
            .syntaxError, "'{' in this f-string is never closed", at: SourceRange(file: file, start: i, end: i + 1),
            hint: "close it with '}', or write '{{' for a literal brace")
        }
        var exprEnd = j
        // `f"{x=}"` shows the expression's text before its value.
        var echo: String?
        var trimmed = exprEnd
        while trimmed > exprStart && bytes[trimmed - 1] == UInt8(ascii: " ") { trimmed -= 1 }
        if trimmed > exprStart && bytes[trimmed - 1] == UInt8(ascii: "=")
          && !(trimmed - 2 >= exprStart && "=!<>".utf8.contains(bytes[trimmed - 2]))
        {
          echo = String(decoding: bytes[exprStart..<exprEnd], as: UTF8.self)
          exprEnd = trimmed - 1
        }
        let exprTokens = try Lexer.tokenizeExpression(file, start: exprStart, end: exprEnd)
        if exprTokens.count == 1 {
          throw OptError(
            .syntaxError, "an empty '{}' in an f-string", at: SourceRange(file: file, start: i, end: j + 1),
            hint: "put an expression inside the braces, or write '{{}}' for literal braces")
        }
        var sub = Parser(file: file, tokens: exprTokens, counter: nameCounter)
        sub.nesting = nesting
        let expression = try sub.parseTestList()
        if !sub.check(.eof) {
          throw sub.error("expected '}' to end the expression in the f-string, but found \(sub.describe(sub.current))")
        }
        var conversion: Character?
        if j < bodyEnd && bytes[j] == UInt8(ascii: "!") {
          guard j + 1 < bodyEnd, "rsa".utf8.contains(bytes[j + 1]) else {
            throw OptError(
              .syntaxError, "after '!' in an f-string comes r, s or a",
              at: SourceRange(file: file, start: j, end: j + 1))
          }
          conversion = Character(Unicode.Scalar(bytes[j + 1]))
          j += 2
        }
        var spec = ""
        if j < bodyEnd && bytes[j] == UInt8(ascii: ":") {
          let specStart = j + 1
          j = specStart
          while j < bodyEnd && bytes[j] != UInt8(ascii: "}") {
            if bytes[j] == UInt8(ascii: "{") {
              throw OptError(
                .syntaxError, "a nested '{...}' inside a format spec is not supported",
                at: SourceRange(file: file, start: j, end: j + 1))
            }
            j += 1
          }
          spec = String(decoding: bytes[specStart..<j], as: UTF8.self)
        }
        guard j < bodyEnd, bytes[j] == UInt8(ascii: "}") else {
          throw OptError(
            .syntaxError, "expected '}' to end this replacement field",
            at: SourceRange(file: file, start: i, end: i + 1))
        }
        if let echo {
          parts.append(.text(echo))
          if conversion == nil && spec.isEmpty { conversion = "r" }
        }
        parts.append(.value(expression, spec: spec, conversion: conversion))
        i = j + 1
        continue
      }
      if c == UInt8(ascii: "}") {
        if i + 1 < bodyEnd && bytes[i + 1] == UInt8(ascii: "}") {
          text.append(c)
          i += 2
          continue
        }
        throw OptError(
          .syntaxError, "a single '}' in an f-string", at: SourceRange(file: file, start: i, end: i + 1),
          hint: "write '}}' for a literal brace")
      }
      text.append(c)
      i += 1
    }
    flush()
    return parts
  }

  /// Decodes backslash escapes in an f-string's literal text.
  static func decodeEscapes(_ raw: [UInt8]) -> String {
    var out: [UInt8] = []
    var i = 0
    while i < raw.count {
      let c = raw[i]
      if c == UInt8(ascii: "\\") && i + 1 < raw.count {
        let n = raw[i + 1]
        i += 2
        switch n {
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""): out.append(n)
        case UInt8(ascii: "\n"): break
        default:
          out.append(c)
          out.append(n)
        }
        continue
      }
      out.append(c)
      i += 1
    }
    return String(decoding: out, as: UTF8.self)
  }
}
