/// Anything that can be called: a user function, a built-in, a method bound to
/// its receiver (and, later, a rule). `kind` lets a call site pick its fast
/// path with one comparison instead of a dynamic cast.
open class Callable: RuntimeObject {
  public enum Kind { case user, builtin, boundMethod, other }
  public let kind: Kind
  public let name: String

  public init(kind: Kind, name: String) {
    self.kind = kind
    self.name = name
  }

  open override var typeName: String { "function" }
  /// The signature for `help` and error messages, e.g. `sqrt(x)`.
  open var signature: String { "\(name)(...)" }
  /// The docstring for `help`.
  open var doc: String? { nil }
  /// Calls it with arguments already evaluated: the general (slower) path.
  open func call(_ args: Arguments) throws -> Value {
    throw OptError(.typeError, "'\(name)' cannot be called")
  }
  open override var repr: String { "<function \(name)>" }
}

/// The compiled form of a `def` or `lambda`, shared by every function value
/// made from it: the slot layout the resolver chose and the compiled body.
public final class FunctionCode {
  public let name: String
  public let parameterNames: [String]
  public let parameterCount: Int
  /// Slots for parameters, locals, hidden comprehension variables and captured cells.
  public let frameSize: Int
  /// Parameters that inner functions capture: wrapped in a cell on entry.
  let cellParameterSlots: [Int]
  /// Other locals that inner functions capture: a fresh cell on entry.
  let cellLocalSlots: [Int]
  /// Where the captured cells of the enclosing function go, in capture order.
  let freeSlots: [Int]
  /// For each captured cell: the slot in the *defining* frame that holds it.
  let captureSourceSlots: [Int]
  let body: (Frame) throws -> Flow
  public let docstring: String?
  public let signature: String
  /// The whole definition, for `:source` (as `FunctionDecl.range`).
  public let range: SourceRange

  init(
    name: String, parameterNames: [String], frameSize: Int, cellParameterSlots: [Int], cellLocalSlots: [Int],
    freeSlots: [Int], captureSourceSlots: [Int], docstring: String?, signature: String, range: SourceRange,
    body: @escaping (Frame) throws -> Flow
  ) {
    self.range = range
    self.body = body
    self.parameterCount = parameterNames.count
    self.isSimple = cellParameterSlots.isEmpty && cellLocalSlots.isEmpty && freeSlots.isEmpty
    self.name = name
    self.parameterNames = parameterNames
    self.frameSize = frameSize
    self.cellParameterSlots = cellParameterSlots
    self.cellLocalSlots = cellLocalSlots
    self.freeSlots = freeSlots
    self.captureSourceSlots = captureSourceSlots
    self.docstring = docstring
    self.signature = signature
  }

  /// True when entering needs no cell set-up, the common case.
  let isSimple: Bool
  /// The numeric calling convention, when the body is straight-line arithmetic.
  var numeric: NumericBody?
}

/// A function value: compiled code plus its default values and captured cells.
public final class UserFunction: Callable {
  public let code: FunctionCode
  public let defaults: [Value]
  let captured: [Cell]
  unowned(unsafe) let runtime: Runtime

  init(code: FunctionCode, defaults: [Value], captured: [Cell], runtime: Runtime) {
    self.code = code
    self.defaults = defaults
    self.captured = captured
    self.runtime = runtime
    super.init(kind: .user, name: code.name)
  }

  public override var signature: String { code.signature }
  public override var doc: String? { code.docstring }
  public override func call(_ args: Arguments) throws -> Value {
    try runtime.callUser(self, positional: args.positional, keywords: args.keywords)
  }
}

/// A built-in function written in Swift.
public final class Builtin: Callable {
  /// How a built-in is given: one- and two-argument built-ins have their own
  /// cases so that `sqrt(x)` or `pow(a, b)` is called without an argument array.
  public enum Body {
    /// The argument is taken, so an array temporary can be changed in place (see `NumArray.isSoleOwner`).
    case unary((consuming Value) throws -> Value)
    case binary((Value, Value) throws -> Value)
    case general((Arguments) throws -> Value)
  }

  /// The implementation for exactly one argument, if it has that form.
  public let unary: Unary?
  /// The implementation for exactly two arguments, if it has that form.
  public let binary: Binary?
  let general: ((Arguments) throws -> Value)?
  /// For math functions: the function of numbers, used by the numeric fast path.
  public let numeric1: MathFunction1?
  public let numeric2: MathFunction2?

  // Closures in struct fields: an optional closure would be called through
  // conversion thunks (see `ExprCode`).
  public struct Unary { public let call: (consuming Value) throws -> Value }
  public struct Binary { public let call: (Value, Value) throws -> Value }
  public let parameters: [String]
  let signatureText: String
  let docText: String

  public init(
    _ name: String, _ signature: String, _ doc: String, parameters: [String] = [], _ body: Body,
    numeric1: MathFunction1? = nil, numeric2: MathFunction2? = nil
  ) {
    switch body {
    case .unary(let f): (unary, binary, general) = (Unary(call: f), nil, nil)
    case .binary(let f): (unary, binary, general) = (nil, Binary(call: f), nil)
    case .general(let f): (unary, binary, general) = (nil, nil, f)
    }
    self.numeric1 = numeric1
    self.numeric2 = numeric2
    self.signatureText = signature
    self.docText = doc
    self.parameters = parameters
    super.init(kind: .builtin, name: name)
  }

  /// Whether the numeric fast path may call it with `arity` numbers.
  func isNumeric(arity: Int) -> Bool { arity == 1 ? numeric1 != nil : arity == 2 ? numeric2 != nil : false }

  public override var typeName: String { "built-in function" }
  public override var signature: String { signatureText }
  public override var doc: String? { docText }
  public override var repr: String { "<built-in function \(name)>" }

  public override func call(_ args: Arguments) throws -> Value {
    if let unary {
      try args.expectCount(1, of: self)
      return try unary.call(args.positional[0])
    }
    if let binary {
      try args.expectCount(2, of: self)
      return try binary.call(args.positional[0], args.positional[1])
    }
    return try general!(args)
  }
}

/// A method together with the value it was looked up on: `xs.index`, `a.sum`.
public final class BoundMethod: Callable {
  public let receiver: Value
  let method: (Value, Arguments) throws -> Value
  let signatureText: String

  init(receiver: Value, name: String, signature: String, _ method: @escaping (Value, Arguments) throws -> Value) {
    self.receiver = receiver
    self.method = method
    self.signatureText = signature
    super.init(kind: .boundMethod, name: name)
  }

  public override var typeName: String { "method" }
  public override var signature: String { signatureText }
  public override func call(_ args: Arguments) throws -> Value { try method(receiver, args) }
  public override var repr: String { "<method \(name) of \(receiver.typeName)>" }
}

/// The arguments of a call to a built-in, with helpers that check them and
/// say clearly what was wrong.
public struct Arguments {
  public var positional: [Value]
  public var keywords: [(String, Value)]
  public unowned(unsafe) let runtime: Runtime
  /// The callee's name, for messages: `sqrt`, or `list.append` with an owner.
  public var callee: String {
    get { owner.map { "\($0).\(name)" } ?? name }
    set {
      name = newValue
      owner = nil
    }
  }
  private var name: String
  private var owner: String?

  public init(_ positional: [Value], keywords: [(String, Value)] = [], runtime: Runtime, callee: String) {
    self.positional = positional
    self.keywords = keywords
    self.runtime = runtime
    self.name = callee
  }

  /// Names the callee as a method of `owner`, without building the text until a message needs it.
  public mutating func setMethod(_ name: String, of owner: String) {
    self.name = name
    self.owner = owner
  }

  public var count: Int { positional.count }

  func expectCount(_ n: Int, of builtin: Builtin) throws {
    if let k = keywords.first {
      throw OptError(.typeError, "\(builtin.name)() takes no keyword arguments (got '\(k.0)=')")
    }
    if positional.count != n {
      throw OptError(
        .typeError,
        "\(builtin.signature) takes \(n) argument\(n == 1 ? "" : "s"), but \(positional.count) \(positional.count == 1 ? "was" : "were") given"
      )
    }
  }

  /// Checks the number of positional arguments and that every keyword is one of `allowed`.
  public func check(min: Int, max: Int, keywords allowed: [String] = []) throws {
    if positional.count < min || positional.count > max {
      let expected = min == max ? "\(min)" : max == Int.max ? "at least \(min)" : "\(min) to \(max)"
      throw OptError(
        .typeError,
        "\(callee)() takes \(expected) argument\(max == 1 && min == 1 ? "" : "s"), but \(positional.count) \(positional.count == 1 ? "was" : "were") given"
      )
    }
    for (name, _) in keywords where !allowed.contains(name) {
      let valid = allowed.isEmpty ? "it takes none" : "valid ones: " + allowed.joined(separator: ", ")
      throw OptError(.typeError, "\(callee)() got an unexpected keyword argument '\(name)' (\(valid))")
    }
  }

  /// The argument at `index`, or the keyword `name`, or nil.
  public func optional(_ index: Int, _ name: String) -> Value? {
    if index < positional.count { return positional[index] }
    return keywords.first { $0.0 == name }?.1
  }

  public func keyword(_ name: String) -> Value? { keywords.first { $0.0 == name }?.1 }

  /// A number argument; `what` names it in the message.
  public func number(_ index: Int, _ name: String) throws -> Double {
    guard let v = optional(index, name) else {
      throw OptError(.typeError, "\(callee)() is missing the argument '\(name)'")
    }
    guard let x = v.asNumber else {
      throw OptError(.typeError, "\(callee)(): '\(name)' must be a number, not \(v.typeName)")
    }
    return x
  }

  /// A whole-number argument, such as a length or a count.
  public func whole(_ index: Int, _ name: String) throws -> Int {
    let x = try number(index, name)
    return try Runtime.wholeNumber(x, what: "\(callee)(): '\(name)'")
  }
}
