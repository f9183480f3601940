/// The syntax tree. Every node carries the source range it was parsed from, so
/// that every later error can point at it.

/// An expression node.
public struct Expr: Sendable {
  public var kind: Kind
  public var range: SourceRange

  public init(_ kind: Kind, _ range: SourceRange) {
    self.kind = kind
    self.range = range
  }

  public indirect enum Kind: Sendable {
    case number(Double)
    case string(String)
    case fstring([FStringPart])
    case bool(Bool)
    case none
    /// A name; the `NameID` lets the resolver record what the name refers to.
    case name(String, NameID)
    case list([Expr])
    case tuple([Expr])
    /// `{key: value, ...}`.
    case dict([(key: Expr, value: Expr)])
    case unary(UnaryOperator, Expr)
    case binary(BinaryOperator, Expr, Expr)
    /// `a < b <= c`: the first operand and each (operator, operand) after it.
    case compare(Expr, [(CompareOperator, Expr)])
    case and(Expr, Expr)
    case or(Expr, Expr)
    case not(Expr)
    case conditional(condition: Expr, then: Expr, else: Expr)
    case call(Expr, arguments: [Expr], keywords: [KeywordArgument])
    /// `a[i]`, `a[i:j]`, `a[:, 0]`: the index is one item or a tuple of items.
    case index(Expr, Expr)
    /// `lower:upper:step` as an item of an index (only inside `[...]`).
    case slice(lower: Expr?, upper: Expr?, step: Expr?)
    /// `...` as an item of an index.
    case ellipsis
    case attribute(Expr, name: String, nameRange: SourceRange)
    case lambda(FunctionDecl)
    /// `[element for target in iterable if condition ...]`.
    case listComprehension(element: Expr, clauses: [ComprehensionClause])
    /// `{key: value for target in iterable if condition ...}`.
    case dictComprehension(key: Expr, value: Expr, clauses: [ComprehensionClause])
  }
}

/// Identifies one occurrence of a name, so the resolver can annotate it.
public typealias NameID = Int

/// A literal piece or a `{expression:spec}` piece of an f-string.
public enum FStringPart: Sendable {
  case text(String)
  case value(Expr, spec: String, conversion: Character?)
}

/// `name=value` in a call.
public struct KeywordArgument: Sendable {
  public var name: String
  public var value: Expr
  public var range: SourceRange
}

/// One `for target in iterable if cond...` clause of a comprehension.
public struct ComprehensionClause: Sendable {
  public var target: Expr
  public var iterable: Expr
  public var conditions: [Expr]
}

public enum UnaryOperator: String, Sendable {
  case negate = "-"
  case plus = "+"
  /// `~`: logical not of a boolean array (or bool), bitwise not of a whole number.
  case invert = "~"
}

public enum BinaryOperator: String, Sendable {
  case add = "+"
  case subtract = "-"
  case multiply = "*"
  case divide = "/"
  case floorDivide = "//"
  case modulo = "%"
  case power = "**"
  /// Matrix multiplication (numpy's `matmul`); numbers alone are an error.
  case matmul = "@"
  /// `&` and `|`: element-wise logic on boolean arrays (numpy's masks), bitwise on whole numbers.
  case bitAnd = "&"
  case bitOr = "|"
}

public enum CompareOperator: String, Sendable {
  case equal = "=="
  case notEqual = "!="
  case less = "<"
  case lessEqual = "<="
  case greater = ">"
  case greaterEqual = ">="
  case `in` = "in"
  case notIn = "not in"
  case `is` = "is"
  case isNot = "is not"
}

/// A parameter of a `def`, `lambda` or `rule`.
public struct Parameter: Sendable {
  public var name: String
  public var defaultValue: Expr?
  public var range: SourceRange

  /// `name(a, b=2)`, each default as it was written.
  static func signature(_ name: String, _ parameters: [Parameter]) -> String {
    let params = parameters.map { p -> String in
      guard let d = p.defaultValue else { return p.name }
      let text = String(decoding: d.range.file.bytes[d.range.start..<d.range.end], as: UTF8.self)
      return "\(p.name)=\(text)"
    }
    return "\(name)(\(params.joined(separator: ", ")))"
  }
}

/// A function: a `def` or a `lambda` (whose body is one `return`).
public final class FunctionDecl: Sendable {
  public let name: String
  public let parameters: [Parameter]
  public let body: [Stmt]
  public let docstring: String?
  /// The `def name(...)` header, for errors and `help`.
  public let headerRange: SourceRange
  public let range: SourceRange
  public let isLambda: Bool

  init(
    name: String, parameters: [Parameter], body: [Stmt], docstring: String?, headerRange: SourceRange,
    range: SourceRange, isLambda: Bool
  ) {
    self.name = name
    self.parameters = parameters
    self.body = body
    self.docstring = docstring
    self.headerRange = headerRange
    self.range = range
    self.isLambda = isLambda
  }

  /// The signature as a learner would write the call: `f(a, b=2)`.
  public var signature: String { Parameter.signature(name, parameters) }
}

/// A step rule: `rule NAME(hyper=default, ...):` and its body (SPEC §4).
/// Inside the body `w`, `g` and `t` are bound, the hyperparameters are
/// read-only, and `state` declarations keep their values between steps.
public final class RuleDecl: Sendable {
  public let name: String
  public let hyperparameters: [Parameter]
  public let body: [Stmt]
  public let docstring: String?
  public let headerRange: SourceRange
  public let range: SourceRange

  init(
    name: String, hyperparameters: [Parameter], body: [Stmt], docstring: String?, headerRange: SourceRange,
    range: SourceRange
  ) {
    self.name = name
    self.hyperparameters = hyperparameters
    self.body = body
    self.docstring = docstring
    self.headerRange = headerRange
    self.range = range
  }

  /// The names every step binds before the body runs, in slot order.
  public static let stepNames = ["w", "g", "t"]

  /// `adam(eta=0.001, beta1=0.9, ...)`.
  public var signature: String { Parameter.signature(name, hyperparameters) }
}

/// A statement node.
public struct Stmt: Sendable {
  public var kind: Kind
  public var range: SourceRange

  public init(_ kind: Kind, _ range: SourceRange) {
    self.kind = kind
    self.range = range
  }

  public indirect enum Kind: Sendable {
    case expression(Expr)
    /// `a = b = value`: every target gets the value.
    case assign(targets: [Expr], value: Expr)
    case augmentedAssign(target: Expr, op: BinaryOperator, value: Expr)
    case function(FunctionDecl)
    case rule(RuleDecl)
    /// `state NAME = value` in a rule body: evaluated at the first step only.
    case state(name: String, value: Expr, nameRange: SourceRange)
    case `return`(Expr?)
    /// `if`/`elif` branches in order, then the `else` body.
    case `if`(branches: [(condition: Expr, body: [Stmt])], orElse: [Stmt])
    case `for`(target: Expr, iterable: Expr, body: [Stmt], orElse: [Stmt])
    case `while`(condition: Expr, body: [Stmt], orElse: [Stmt])
    case `break`
    case `continue`
    case pass
    case assert(condition: Expr, message: Expr?)
    case global([String])
    /// `import module as alias`.
    case `import`(module: String, alias: String, moduleRange: SourceRange)
    /// `from module import a, b as c`.
    case fromImport(
      module: String, names: [(name: String, alias: String, range: SourceRange)], moduleRange: SourceRange)
  }
}
