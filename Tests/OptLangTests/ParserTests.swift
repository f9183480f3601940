import Testing

@testable import OptLang

/// The parser: the tree it builds, written as S-expressions, and the syntax
/// errors it reports. The expected trees follow Python's grammar; the
/// expression trees were cross-checked by printing CPython 3.11's `ast` for
/// the same source in the same notation.
@Suite struct ParserTests {
  func parse(_ text: String) throws -> [Stmt] {
    try Interpreter.onLargeStack { try Parser.parseProgram(SourceFile(name: "parse.opt", text: text)) }
  }

  /// The program as one S-expression per statement, joined by newlines.
  func tree(_ text: String) throws -> String {
    try parse(text).map(Tree.stmt).joined(separator: "\n")
  }

  /// The tree of a single expression statement.
  func expr(_ text: String) throws -> String {
    let statements = try parse(text)
    guard statements.count == 1, case .expression(let e) = statements[0].kind else {
      Issue.record("not one expression: \(text)")
      return ""
    }
    return Tree.expr(e)
  }

  func syntaxError(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> OptError? {
    expectSyntaxError(text, sourceLocation: sourceLocation) { _ = try parse(text) }
  }

  // MARK: Precedence and associativity

  @Test(
    "expressions parse with Python's precedence",
    arguments: [
      ("1 + 2 * 3", "(+ 1 (* 2 3))"),
      ("1 - 2 - 3", "(- (- 1 2) 3)"),
      ("2 ** 3 ** 2", "(** 2 (** 3 2))"),
      ("-x ** 2", "(- (** x 2))"),
      ("2 ** -1", "(** 2 (- 1))"),
      ("-2 ** -x", "(- (** 2 (- x)))"),
      ("a * b / c // d % e", "(% (// (/ (* a b) c) d) e)"),
      ("a + b * c ** d", "(+ a (* b (** c d)))"),
      ("- - x", "(- (- x))"),
      ("+x", "(+ x)"),
      ("a or b and c", "(or a (and b c))"),
      ("a and b or c", "(or (and a b) c)"),
      ("not a == b", "(not (compare a == b))"),
      ("not a and b", "(and (not a) b)"),
      ("a < b < c", "(compare a < b < c)"),
      ("a == b != c", "(compare a == b != c)"),
      ("x in xs", "(compare x in xs)"),
      ("x not in xs", "(compare x not-in xs)"),
      ("x is None", "(compare x is None)"),
      ("x is not None", "(compare x is-not None)"),
      ("a + 1 < b * 2", "(compare (+ a 1) < (* b 2))"),
      ("x if c else y", "(if c x y)"),
      ("a if b else c if d else e", "(if b a (if d c e))"),
      ("x if a or b else y", "(if (or a b) x y)"),
      ("lambda: 0", "(lambda () 0)"),
      ("lambda x, y=2: x + y", "(lambda (x y=2) (+ x y))"),
      ("lambda x: x if x else -x", "(lambda (x) (if x x (- x)))"),
      ("f(x)(y)", "(call (call f x) y)"),
      ("a.b.c", "(. (. a b) c)"),
      ("a.b(c)[d]", "(index (call (. a b) c) d)"),
      ("-a[0]", "(- (index a 0))"),
      ("-f(x) ** 2", "(- (** (call f x) 2))"),
      ("(1 + 2) * 3", "(* (+ 1 2) 3)"),
    ])
  func precedence(source: String, expected: String) throws {
    #expect(try expr(source) == expected)
  }

  // MARK: Atoms and postfix forms

  @Test func literals() throws {
    #expect(try expr("[1, 2.5, 'a', True, False, None]") == "[1 2.5 'a' True False None]")
    #expect(try expr("[]") == "[]")
    #expect(try expr("()") == "(tuple)")
    #expect(try expr("(1,)") == "(tuple 1)")
    #expect(try expr("(1)") == "1")
    #expect(try expr("1, 2") == "(tuple 1 2)")
    #expect(try expr("[1, 2,]") == "[1 2]")
    #expect(try expr("'a' 'b' \"c\"") == "'abc'")
  }

  @Test func callsWithKeywordArguments() throws {
    #expect(try expr("f()") == "(call f)")
    #expect(try expr("f(a, b=1, c=x + 1)") == "(call f a b=1 c=(+ x 1))")
    #expect(try expr("print(x, sep='', end='\\n')") == "(call print x sep='' end='\n')")
    #expect(try expr("f(a, )") == "(call f a)")
    // A generator argument is treated as a list comprehension.
    #expect(try expr("sum(x * x for x in xs)") == "(call sum (listcomp (* x x) (for x xs)))")
  }

  @Test func subscriptsAndSlices() throws {
    #expect(try expr("a[i]") == "(index a i)")
    #expect(try expr("a[-1]") == "(index a (- 1))")
    #expect(try expr("a[1:2]") == "(index a (slice 1 2 _))")
    #expect(try expr("a[:]") == "(index a (slice _ _ _))")
    #expect(try expr("a[::2]") == "(index a (slice _ _ 2))")
    #expect(try expr("a[1:]") == "(index a (slice 1 _ _))")
    #expect(try expr("a[:-1]") == "(index a (slice _ (- 1) _))")
    #expect(try expr("a[::-1]") == "(index a (slice _ _ (- 1)))")
    #expect(try expr("X[:, 0]") == "(index X (tuple (slice _ _ _) 0))")
    #expect(try expr("X[..., 1:2, None]") == "(index X (tuple ... (slice 1 2 _) None))")
    #expect(try expr("X[1,]") == "(index X (tuple 1))")
    #expect(try expr("A @ x + b") == "(+ (@ A x) b)")
    #expect(try expr("a[i][j]") == "(index (index a i) j)")
  }

  @Test func comprehensions() throws {
    #expect(try expr("[x * 2 for x in xs]") == "(listcomp (* x 2) (for x xs))")
    #expect(
      try expr("[(x, y) for x in a if x > 0 if x < 9 for y in b]")
        == "(listcomp (tuple x y) (for x a (if (compare x > 0)) (if (compare x < 9))) (for y b))")
    #expect(try expr("[a + b for a, b in zip(xs, ys)]") == "(listcomp (+ a b) (for (tuple a b) (call zip xs ys)))")
    #expect(try expr("{}") == "(dict)")
    #expect(try expr("{'a': 1, (1, 2): x + 1,}") == "(dict 'a':1 (tuple 1 2):(+ x 1))")
    #expect(try expr("{\n  'a': 1,\n  'b': 2\n}") == "(dict 'a':1 'b':2)")
    #expect(try expr("{k: v * 2 for k, v in d if v}") == "(dictcomp k:(* v 2) (for (tuple k v) d (if v)))")
  }

  @Test func fStrings() throws {
    #expect(try expr("f'x={x:.2f} and {y!r}'") == "(f 'x=' {x .2f} ' and ' {y !r})")
    #expect(try expr("f'{{literal}} {a + 1}'") == "(f '{literal} ' {(+ a 1)})")
    #expect(try expr("f'{x=}'") == "(f 'x=' {x !r})")
    #expect(try expr("f'{x = :.3f}'") == "(f 'x = ' {x .3f})")
  }

  // MARK: Statements

  @Test func assignments() throws {
    #expect(try tree("x = 1") == "(= x 1)")
    #expect(try tree("a = b = 0") == "(= a b 0)")
    #expect(try tree("a, b = b, a") == "(= (tuple a b) (tuple b a))")
    #expect(try tree("(a, b), c = t") == "(= (tuple (tuple a b) c) t)")
    #expect(try tree("[a, b] = t") == "(= [a b] t)")
    #expect(try tree("xs[i] = v") == "(= (index xs i) v)")
    #expect(try tree("g[0][1] = 2") == "(= (index (index g 0) 1) 2)")
    #expect(
      try tree("x += 1\nx -= 2\nx *= 3\nx /= 4\nx //= 5\nx %= 6\nx **= 7") == """
        (+= x 1)
        (-= x 2)
        (*= x 3)
        (/= x 4)
        (//= x 5)
        (%= x 6)
        (**= x 7)
        """)
    #expect(try tree("a[i] += 1") == "(+= (index a i) 1)")
    #expect(try tree("t = 1,") == "(= t (tuple 1))")
  }

  @Test func functionDefinitions() throws {
    let source = """
      def f(a, b=2, c=None):
          \"\"\"Adds.\"\"\"
          return a + b
      def g():
          pass
      def h(x: float) -> float:
          return
      """
    #expect(
      try tree(source) == """
        (def f (a b=2 c=None) "Adds." (return (+ a b)))
        (def g () pass)
        (def h (x) (return))
        """)
  }

  @Test func functionSignatureText() throws {
    let statements = try parse("def step(w, g, eta=0.1, betas=(0.9, 0.999)):\n    pass\n")
    guard case .function(let decl) = statements[0].kind else {
      Issue.record("not a def")
      return
    }
    #expect(decl.signature == "step(w, g, eta=0.1, betas=(0.9, 0.999))")
    #expect(decl.docstring == nil)
  }

  @Test func controlFlow() throws {
    let source = """
      if a:
          x
      elif b:
          y
      else:
          z
      for i, v in enumerate(xs):
          if v: break
          continue
      else:
          pass
      while n > 0:
          n -= 1
      """
    #expect(
      try tree(source) == """
        (if (a x) (b y) (else z))
        (for (tuple i v) (call enumerate xs) (if (v break)) continue (else pass))
        (while (compare n > 0) (-= n 1))
        """)
  }

  @Test func oneLineBodiesAndSemicolons() throws {
    #expect(try tree("if x: y = 1; z = 2\nw") == "(if (x (= y 1) (= z 2)))\nw")
    #expect(try tree("a = 1; b = 2;") == "(= a 1)\n(= b 2)")
  }

  @Test func simpleStatements() throws {
    let source = """
      assert x > 0, "x must be positive"
      assert y
      global a, b
      import numpy as np
      import math
      from math import sqrt, pi as PI
      """
    #expect(
      try tree(source) == """
        (assert (compare x > 0) 'x must be positive')
        (assert y)
        (global a b)
        (import numpy as np)
        (import math as math)
        (from math import sqrt as sqrt pi as PI)
        """)
  }

  @Test func rules() throws {
    let source = """
      rule adagrad(eta=0.01, eps=1e-10):
          \"\"\"AdaGrad.\"\"\"
          state v = 0
          v = v + g**2
          w = w - eta * g / (sqrt(v) + eps)
      """
    #expect(
      try tree(source) == """
        (rule adagrad (eta=0.01 eps=1e-10) "AdaGrad." (state v 0) (= v (+ v (** g 2))) \
        (= w (- w (/ (* eta g) (+ (call sqrt v) eps)))))
        """)
    // `rule` and `state` are keywords only in those places.
    #expect(try tree("rule = 3\nstate = rule(1)\n") == "(= rule 3)\n(= state (call rule 1))")
  }

  @Test func ruleErrors() throws {
    #expect(syntaxError("state v = 0\n")?.message == "'state' declarations belong in a rule body")
    #expect(
      syntaxError("rule r(w=1):\n    pass\n")?.message
        == "'w' cannot be a hyperparameter: every step binds it (w, g and t are given)")
  }

  @Test func docstringOnlyOpensABody() throws {
    // A string later in the body is an ordinary expression statement.
    #expect(try tree("def f():\n    x = 1\n    'not a doc'\n") == "(def f () (= x 1) 'not a doc')")
  }

  @Test func blankLinesAndCommentsBetweenStatements() throws {
    #expect(try tree("\n# c\nx = 1\n\n\n    # indented comment\ny = 2\n") == "(= x 1)\n(= y 2)")
  }

  @Test func rangesCoverTheSource() throws {
    let statements = try parse("total = f(a, b) + xs[3]\n")
    guard case .assign(_, let value) = statements[0].kind else {
      Issue.record("not an assignment")
      return
    }
    #expect(value.range.column == 9)
    let text = String(decoding: value.range.file.bytes[value.range.start..<value.range.end], as: UTF8.self)
    #expect(text == "f(a, b) + xs[3]")
  }

  // MARK: Syntax errors

  @Test func missingColon() throws {
    let error = try #require(syntaxError("x = 3\nif x > 1\n    print(x)\n"))
    #expect(error.message == "expected ':' to start the body of the if, but found the end of the line")
    #expect(error.range?.line == 2)
    #expect(error.range?.column == 9)
  }

  @Test func missingColonAfterAForHeader() throws {
    let error = try #require(syntaxError("for i in range(3)\n    print(i)\n"))
    #expect(error.message == "expected ':' to start the body of the for, but found the end of the line")
    #expect(error.hint == "a 'for' line ends with ':'")
    #expect(error.range?.column == 18)
  }

  @Test func missingIndentedBlockIsReportedAtTheHeader() throws {
    let error = try #require(syntaxError("x = 1\nfor i in range(3):\n"))
    #expect(error.message == "expected an indented block after the 'for' on line 2")
    #expect(error.range?.line == 2)
    #expect(error.range?.column == 1)
    let notIndented = try #require(syntaxError("def f():\nreturn 1\n"))
    #expect(notIndented.message == "expected an indented block after the 'def' on line 1")
  }

  @Test func unexpectedIndent() throws {
    let error = try #require(syntaxError("x = 1\n    y = 2\n"))
    #expect(error.message == "unexpected indentation: this line is indented but no block starts here")
    #expect(error.range?.line == 2)
  }

  @Test func invalidAssignmentTargets() throws {
    #expect(syntaxError("f() = 3")?.message == "cannot assign to a function call")
    #expect(syntaxError("f() = 3")?.hint == "did you mean '==' to compare?")
    #expect(syntaxError("1 = x")?.message == "cannot assign to this expression")
    #expect(syntaxError("a.b = 1")?.message == "cannot assign to the attribute 'b': attributes are read-only")
    #expect(throws: Never.self) { _ = try parse("a[1:2] = x") }  // slice assignment is numpy's and Python's
    #expect(syntaxError("a + 1 += 2")?.message == "'+=' needs a single name or item like a[i] on its left")
  }

  @Test func doubleEquals() throws {
    let error = try #require(syntaxError("y = 0\nx = = 1\n"))
    #expect(error.message == "expected a value, but found '='")
    #expect(error.range?.line == 2)
    #expect(error.range?.column == 5)
  }

  @Test func twoExpressionsOnOneLine() throws {
    let error = try #require(syntaxError("x = 1 2\n"))
    #expect(error.message == "expected the end of the statement, but found the number 2")
    #expect(error.hint == "put each statement on its own line, or separate them with ';'")
    #expect(error.range?.column == 7)
  }

  @Test func parameters() throws {
    #expect(
      syntaxError("def f(a=1, b):\n    pass\n")?.message
        == "the parameter 'b' needs a default value because the one before it has one")
    #expect(syntaxError("def f(a, a):\n    pass\n")?.message == "the parameter 'a' appears twice")
    #expect(
      syntaxError("def f(*args):\n    pass\n")?.message
        == "'*args' and '**kwargs' parameters are not part of optrepl's language")
  }

  @Test func arguments() throws {
    let positional = try #require(syntaxError("f(a=1, 2)\n"))
    #expect(positional.message == "a positional argument cannot follow keyword arguments")
    #expect(positional.range?.column == 8)
    #expect(syntaxError("f(a=1, a=2)\n")?.message == "the keyword argument 'a' is given twice")
  }

  @Test func unsupportedPython() throws {
    #expect(syntaxError("class A:\n    pass\n")?.message == "'class' is Python, but not part of optrepl's language")
    #expect(syntaxError("s = {1, 2}\n")?.message == "sets are not part of optrepl's language")
    #expect(syntaxError("s = {1}\n")?.message == "sets are not part of optrepl's language")
    #expect(
      syntaxError("x = 1 if y\n")?.message
        == "expected 'else' in the conditional expression, but found the end of the line")
  }

  @Test func elseWithoutIf() throws {
    #expect(syntaxError("else:\n    pass\n")?.message == "'else' without an 'if' (or with the wrong indentation)")
  }

  @Test func fStringErrors() throws {
    #expect(syntaxError("f'{x'\n")?.message == "'{' in this f-string is never closed")
    #expect(syntaxError("f'{}'\n")?.message == "an empty '{}' in an f-string")
    #expect(syntaxError("f'a}'\n")?.message == "a single '}' in an f-string")
    #expect(syntaxError("f'{a:>{w}}'\n")?.message == "a nested '{...}' inside a format spec is not supported")
  }

  @Test func expressionNestingHasALimitNotACrash() throws {
    // 200 brackets (the lexer's limit) parse; the tree is as deep as the brackets.
    let deep = String(repeating: "(", count: 200) + "1" + String(repeating: ")", count: 200)
    #expect(try expr(deep) == "1")
    let chain = "x = " + Array(repeating: "1", count: 3000).joined(separator: " + ") + "\n"
    let error = try #require(syntaxError(chain))
    #expect(error.message == "this expression is too long (more than 2000 operators in a row)")
    let minus = "x = " + String(repeating: "-", count: 600) + "1\n"
    #expect(syntaxError(minus)?.message == "this expression is nested too deeply")
  }
}

/// Writes syntax trees as S-expressions: `(op operand ...)`, names bare,
/// strings in single quotes, `_` for a missing slice bound.
enum Tree {
  static func number(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : "\(x)"
  }

  static func expr(_ e: Expr) -> String {
    switch e.kind {
    case .number(let x): return number(x)
    case .string(let s): return "'\(s)'"
    case .bool(let b): return b ? "True" : "False"
    case .none: return "None"
    case .name(let name, _): return name
    case .list(let items): return "[" + items.map(expr).joined(separator: " ") + "]"
    case .tuple(let items): return "(" + (["tuple"] + items.map(expr)).joined(separator: " ") + ")"
    case .dict(let entries):
      return "(dict" + entries.map { " \(expr($0.key)):\(expr($0.value))" }.joined() + ")"
    case .unary(let op, let x): return "(\(op.rawValue) \(expr(x)))"
    case .binary(let op, let l, let r): return "(\(op.rawValue) \(expr(l)) \(expr(r)))"
    case .compare(let first, let rest):
      let links = rest.map { "\($0.0.rawValue.replacingOccurrences(of: " ", with: "-")) \(expr($0.1))" }
      return "(compare \(expr(first)) " + links.joined(separator: " ") + ")"
    case .and(let l, let r): return "(and \(expr(l)) \(expr(r)))"
    case .or(let l, let r): return "(or \(expr(l)) \(expr(r)))"
    case .not(let x): return "(not \(expr(x)))"
    case .conditional(let c, let t, let f): return "(if \(expr(c)) \(expr(t)) \(expr(f)))"
    case .call(let callee, let arguments, let keywords):
      let parts = [expr(callee)] + arguments.map(expr) + keywords.map { "\($0.name)=\(expr($0.value))" }
      return "(call " + parts.joined(separator: " ") + ")"
    case .index(let base, let index): return "(index \(expr(base)) \(expr(index)))"
    case .slice(let lower, let upper, let step):
      let parts = [lower, upper, step].map { $0.map(expr) ?? "_" }
      return "(slice " + parts.joined(separator: " ") + ")"
    case .ellipsis: return "..."
    case .attribute(let base, let name, _): return "(. \(expr(base)) \(name))"
    case .lambda(let decl):
      guard case .return(let body?)? = decl.body.first?.kind else { return "(lambda ?)" }
      return "(lambda (\(parameters(decl))) \(expr(body)))"
    case .listComprehension(let element, let clauses):
      let parts = clauses.map { clause -> String in
        let conditions = clause.conditions.map { " (if \(expr($0)))" }.joined()
        return "(for \(expr(clause.target)) \(expr(clause.iterable))\(conditions))"
      }
      return "(listcomp \(expr(element)) " + parts.joined(separator: " ") + ")"
    case .dictComprehension(let key, let value, let clauses):
      let parts = clauses.map { clause -> String in
        let conditions = clause.conditions.map { " (if \(expr($0)))" }.joined()
        return "(for \(expr(clause.target)) \(expr(clause.iterable))\(conditions))"
      }
      return "(dictcomp \(expr(key)):\(expr(value)) " + parts.joined(separator: " ") + ")"
    case .fstring(let parts):
      let shown = parts.map { part -> String in
        switch part {
        case .text(let t): return "'\(t)'"
        case .value(let e, let spec, let conversion):
          let c = conversion.map { " !\($0)" } ?? ""
          return "{\(expr(e))\(spec.isEmpty ? "" : " " + spec)\(c)}"
        }
      }
      return "(f " + shown.joined(separator: " ") + ")"
    }
  }

  static func parameters(_ decl: FunctionDecl) -> String {
    decl.parameters.map { p in p.defaultValue.map { "\(p.name)=\(expr($0))" } ?? p.name }.joined(separator: " ")
  }

  static func block(_ body: [Stmt]) -> String {
    body.map { " " + stmt($0) }.joined()
  }

  static func stmt(_ s: Stmt) -> String {
    switch s.kind {
    case .expression(let e): return expr(e)
    case .assign(let targets, let value):
      return "(= " + (targets.map(expr) + [expr(value)]).joined(separator: " ") + ")"
    case .augmentedAssign(let target, let op, let value): return "(\(op.rawValue)= \(expr(target)) \(expr(value)))"
    case .function(let decl):
      let doc = decl.docstring.map { " \"\($0)\"" } ?? ""
      return "(def \(decl.name) (\(parameters(decl)))\(doc)\(block(decl.body)))"
    case .rule(let decl):
      let params = decl.hyperparameters.map { p in p.defaultValue.map { "\(p.name)=\(expr($0))" } ?? p.name }
      let doc = decl.docstring.map { " \"\($0)\"" } ?? ""
      return "(rule \(decl.name) (\(params.joined(separator: " ")))\(doc)\(block(decl.body)))"
    case .state(let name, let value, _): return "(state \(name) \(expr(value)))"
    case .return(let value): return value.map { "(return \(expr($0)))" } ?? "(return)"
    case .if(let branches, let orElse):
      let parts = branches.map { "(\(expr($0.condition))\(block($0.body)))" }
      let otherwise = orElse.isEmpty ? "" : " (else\(block(orElse)))"
      return "(if " + parts.joined(separator: " ") + otherwise + ")"
    case .for(let target, let iterable, let body, let orElse):
      let otherwise = orElse.isEmpty ? "" : " (else\(block(orElse)))"
      return "(for \(expr(target)) \(expr(iterable))\(block(body))\(otherwise))"
    case .while(let condition, let body, let orElse):
      let otherwise = orElse.isEmpty ? "" : " (else\(block(orElse)))"
      return "(while \(expr(condition))\(block(body))\(otherwise))"
    case .break: return "break"
    case .continue: return "continue"
    case .pass: return "pass"
    case .assert(let condition, let message):
      return "(assert \(expr(condition))" + (message.map { " " + expr($0) } ?? "") + ")"
    case .global(let names): return "(global " + names.joined(separator: " ") + ")"
    case .import(let module, let alias, _): return "(import \(module) as \(alias))"
    case .fromImport(let module, let names, _):
      return "(from \(module) import " + names.map { "\($0.name) as \($0.alias)" }.joined(separator: " ") + ")"
    }
  }
}
