/// One method of a built-in type (a list's `append`, a string's `upper`):
/// how many arguments and which keywords it takes, checked before it runs,
/// and what it does — read the receiver and give a result, or change the
/// receiver where it lives (a list or dict variable).
struct Method: Sendable {
  enum Body: Sendable {
    /// Leaves the receiver as it is.
    case reads(@Sendable (Value, Arguments) throws -> Value)
    /// Changes the receiver in place; on a temporary it changes a copy.
    case changes(@Sendable (inout Value, Arguments) throws -> Value)
  }

  let name: String
  let minArguments: Int
  let maxArguments: Int
  /// The keywords it takes; nil when any keyword may come (`dict.update(lr=0.1)`,
  /// `str.format(x=1)`), and the body checks them.
  let keywords: [String]?
  let body: Body

  init(
    _ name: String, arguments: ClosedRange<Int>, keywords: [String]? = [],
    reads: @escaping @Sendable (Value, Arguments) throws -> Value
  ) {
    self.init(name, arguments, keywords, .reads(reads))
  }

  init(
    _ name: String, arguments: ClosedRange<Int>, keywords: [String]? = [],
    changes: @escaping @Sendable (inout Value, Arguments) throws -> Value
  ) {
    self.init(name, arguments, keywords, .changes(changes))
  }

  private init(_ name: String, _ arguments: ClosedRange<Int>, _ keywords: [String]?, _ body: Body) {
    self.name = name
    minArguments = arguments.lowerBound
    maxArguments = arguments.upperBound
    self.keywords = keywords
    self.body = body
  }

  var changesReceiver: Bool {
    if case .changes = body { return true }
    return false
  }

  /// Checks the arguments, then runs the method on `receiver` itself.
  func run(on receiver: inout Value, _ args: Arguments) throws -> Value {
    try check(args)
    switch body {
    case .reads(let read): return try read(receiver, args)
    case .changes(let change): return try change(&receiver, args)
    }
  }

  /// Checks the arguments, then runs the method without changing `receiver`:
  /// one that changes its receiver changes a copy.
  func run(reading receiver: Value, _ args: Arguments) throws -> Value {
    switch body {
    case .reads(let read):
      try check(args)
      return try read(receiver, args)
    case .changes:
      var copy = receiver
      return try run(on: &copy, args)
    }
  }

  private func check(_ args: Arguments) throws {
    if let keywords {
      try args.check(min: minArguments, max: maxArguments, keywords: keywords)
    } else {
      try args.check(min: minArguments, max: maxArguments, keywords: args.keywords.map(\.0))
    }
  }
}

/// The methods and properties of one built-in type, by name: what `value.name`
/// and `value.name(...)` find, what completion and "did you mean" list.
struct MemberTable: Sendable {
  let methods: [String: Method]
  let properties: [String: @Sendable (Value) -> Value]
  /// Every member's name, methods first, in the order they were given.
  let names: [String]

  init(methods: [Method], properties: KeyValuePairs<String, @Sendable (Value) -> Value> = [:]) {
    self.methods = Dictionary(uniqueKeysWithValues: methods.map { ($0.name, $0) })
    self.properties = Dictionary(uniqueKeysWithValues: properties.map { ($0.key, $0.value) })
    names = methods.map(\.name) + properties.map(\.key)
  }
}
