/// A value of the language. Numbers, booleans and None are stored inline with
/// no allocation; lists, tuples and arrays are Swift collections, so they have
/// value semantics with copy-on-write for free (a dict copies on write by
/// hand, see `Dict`); everything else is an object.
///
/// The layout is 9 bytes (16 with padding): a number costs no more than a
/// Double plus a tag, which keeps the interpreter's arithmetic unboxed.
public enum Value {
  case number(Double)
  case bool(Bool)
  case none
  case string(Text)
  case list([Value])
  case tuple([Value])
  case array(NumArray)
  case dict(Dict)
  case function(Callable)
  case object(RuntimeObject)
  /// A variable that has not been assigned yet. Never visible to programs:
  /// reading one is a NameError or UnboundLocalError.
  case unbound
}

extension UnsafeMutablePointer where Pointee == Value {
  /// Initializes an unused slot with a copy of another slot's value; a number
  /// is copied as it is, without the general copy.
  @inline(__always) func initialize(copying source: UnsafeMutablePointer<Value>) {
    if case .number(let x) = source.pointee {
      initialize(to: .number(x))
    } else {
      initialize(to: source.pointee)
    }
  }

  /// Stores into a slot. When the old value holds no reference (a number, a
  /// bool, None, unbound) there is nothing to release, so it is overwritten
  /// without the general destroy; an old list or tuple is freed without
  /// recursion (`Value.release`).
  @inline(__always) func assign(_ value: Value) {
    // (Not a case of the switch: an unoptimised build keeps the switch's copy
    // of the old value alive, and the list would look shared.)
    if pointee.isListOrTuple { return Value.release(exchange(with: value)) }
    if pointee.holdsReference { pointee = value } else { initialize(to: value) }
  }

  /// Puts `value` in the slot and hands back what was there.
  @inline(__always) func exchange(with value: Value) -> Value {
    let old = move()
    initialize(to: value)
    return old
  }
}

extension Value {
  /// Whether letting go of the value has a reference to release: false for a
  /// number, a bool, None and unbound, which are bits in the slot.
  @inline(__always) var holdsReference: Bool {
    switch self {
    case .number, .bool, .none, .unbound: return false
    default: return true
    }
  }
}

/// An immutable string, boxed so that `Value` stays two words wide.
public final class Text {
  public let value: String
  public init(_ value: String) { self.value = value }
}

extension Value {
  /// Makes a string value.
  @inline(__always) public static func str(_ s: String) -> Value { .string(Text(s)) }

  /// The name of this value's type, as error messages say it.
  public var typeName: String {
    switch self {
    case .number: return "number"
    case .bool: return "bool"
    case .none: return "None"
    case .string: return "string"
    case .list: return "list"
    case .tuple: return "tuple"
    case .array: return "array"
    case .dict: return "dict"
    case .function(let f): return f.typeName
    case .object(let o): return o.typeName
    case .unbound: return "unbound"
    }
  }

  /// The type's name with its article, for messages: "a number", "an array",
  /// "an optimizer", "None".
  public var typeNameWithArticle: String { Value.withArticle(typeName) }

  /// A type name with "a" or "an" before it ("None" stays as it is).
  public static func withArticle(_ name: String) -> String {
    if name == "None" { return name }
    return ("aeiou".contains(name.first ?? "x") ? "an " : "a ") + name
  }

  /// The number inside, with True and False counting as 1 and 0 as in Python.
  @inline(__always) public var asNumber: Double? {
    switch self {
    case .number(let x): return x
    case .bool(let b): return b ? 1 : 0
    default: return nil
    }
  }

  /// Whether this is an array (of any shape).
  public var isArray: Bool {
    if case .array = self { return true }
    return false
  }

  public var isNone: Bool {
    if case .none = self { return true }
    return false
  }
}

/// The outcome of running a statement: carry on, or leave a loop or function.
public enum Flow {
  case normal
  case breakLoop
  case continueLoop
  /// A `return` ran; the value is in `Runtime.returnValue`.
  case returned
}

/// Base class of heap values that are not collections: modules, records,
/// ranges, cells, optimizers. Subclasses name their type and may expose attributes.
open class RuntimeObject {
  public init() {}
  /// The type's name in messages (`module`, `range`, `optimizer`).
  open var typeName: String { "object" }
  /// An attribute by name, or nil if there is none.
  open func attribute(_ name: String) -> Value? { nil }
  /// The attribute names, for completion and "did you mean".
  open var attributeNames: [String] { [] }
  /// How the object prints.
  open var repr: String { "<\(typeName)>" }
  /// Runs the object's own method `name` (an optimizer's `step`), called as
  /// `value.name(...)` without making a bound method first; nil if it has none.
  open func callMethod(_ name: String, _ args: Arguments) throws -> Value? { nil }
  /// The same, for a method given two arguments; objects with a hot
  /// two-argument method override it to skip the argument array.
  open func callMethod(_ name: String, _ a: Value, _ b: Value) throws -> Value? { nil }
}

/// A variable shared between a function and the closures made inside it.
public final class Cell: RuntimeObject {
  public var value: Value
  public init(_ value: Value) { self.value = value }
  public override var typeName: String { "cell" }
}

/// A read-only record with named fields, such as an optimizer's state or a
/// training history.
public final class Record: RuntimeObject {
  public let name: String
  public let fields: [(String, Value)]
  public init(name: String, fields: [(String, Value)]) {
    self.name = name
    self.fields = fields
  }
  public override var typeName: String { name }
  public override func attribute(_ name: String) -> Value? { fields.first { $0.0 == name }?.1 }
  public override var attributeNames: [String] { fields.map(\.0) }
  /// `state(m=0.1, v=0.001)`.
  public override var repr: String {
    "\(name)(" + fields.map { "\($0.0)=\(Format.repr($0.1))" }.joined(separator: ", ") + ")"
  }
}

/// `range(start, stop, step)`: a lazy sequence of numbers, as in Python 3.
public final class RangeObject: RuntimeObject {
  public let start: Double
  public let stop: Double
  public let step: Double
  public let count: Int

  public init(start: Double, stop: Double, step: Double) {
    self.start = start
    self.stop = stop
    self.step = step
    let span = step > 0 ? (stop - start) : (start - stop)
    let magnitude = abs(step)
    self.count = span <= 0 ? 0 : Int(((span + magnitude - 1) / magnitude).rounded(.down))
  }

  @inline(__always) public func element(_ k: Int) -> Double { start + Double(k) * step }
  public override var typeName: String { "range" }
  public override var repr: String {
    let s = Format.number(start)
    let e = Format.number(stop)
    return step == 1 ? "range(\(s), \(e))" : "range(\(s), \(e), \(Format.number(step)))"
  }
}
