/// The `dict` built-in and the methods of dicts, as Python's. `keys()`,
/// `values()` and `items()` give a `DictView` taken at the call. A method that
/// changes a dict (`update`, `pop`, `setdefault`, `clear`) changes the variable
/// it was called on.
enum DictMethods {
  /// The methods that change the dict they are called on.
  static let mutating: Set<String> = ["update", "pop", "setdefault", "clear"]
  static let names = ["keys", "values", "items", "get", "copy", "update", "pop", "setdefault", "clear"]

  static var builtins: [Builtin] {
    [
      Builtin(
        "dict", "dict(pairs=(), **keywords)",
        "A dict: empty, a copy of a dict, or made of (key, value) pairs such as zip(keys, values); keyword arguments add string keys: dict(lr=0.1).",
        .general { args in
          try args.check(min: 0, max: 1, keywords: args.keywords.map(\.0))
          var d = try args.positional.first.map { try dict(from: $0, what: "dict()") } ?? Dict()
          for (name, value) in args.keywords { d[DictKey(unchecked: .str(name))] = value }
          return .dict(d)
        })
    ]
  }

  /// A dict from a dict (a copy) or from an iterable of (key, value) pairs.
  static func dict(from v: Value, what: String) throws -> Dict {
    if case .dict(let d) = v { return d }
    let elements: Elements
    do { elements = try Elements(v) } catch {
      throw OptError(
        .typeError, "\(what) needs a dict or a sequence of (key, value) pairs, not \(v.typeNameWithArticle)")
    }
    var d = Dict()
    for k in 0..<elements.count {
      let pair = elements[k]
      let parts: [Value]
      switch pair {
      case .tuple(let items), .list(let items): parts = items
      default:
        throw OptError(
          .typeError, "\(what) needs (key, value) pairs, but item \(k) is \(pair.typeNameWithArticle)",
          hint: "dict(zip(keys, values)) pairs two lists")
      }
      guard parts.count == 2 else {
        throw OptError(.valueError, "\(what) needs (key, value) pairs, but item \(k) has \(parts.count) elements")
      }
      d[try DictKey(parts[0])] = parts[1]
    }
    return d
  }

  /// Runs a method that does not change the dict; nil if `name` is not one.
  static func call(_ d: Dict, _ name: String, _ args: Arguments) throws -> Value? {
    switch name {
    case "keys", "values", "items":
      try args.check(min: 0, max: 0)
      return .object(DictView(DictView.Kind(rawValue: name)!, of: d))
    case "get":
      try args.check(min: 1, max: 2)
      return d[try DictKey(args.positional[0])] ?? (args.count == 2 ? args.positional[1] : .none)
    case "copy":
      try args.check(min: 0, max: 0)
      return .dict(d)
    case _ where mutating.contains(name):
      // On a temporary: works on a copy, and gives what the method returns.
      var copy = Value.dict(d)
      return try mutate(&copy, name, args)
    default: return nil
    }
  }

  /// Runs a method that changes the dict, on the dict itself; nil if `name` is not one.
  static func mutate(_ receiver: inout Value, _ name: String, _ args: Arguments) throws -> Value? {
    guard case .dict(var d) = receiver, mutating.contains(name) else { return nil }
    var result = Value.none
    switch name {
    case "update":
      try args.check(min: 0, max: 1, keywords: args.keywords.map(\.0))
      let other = try args.positional.first.map { try dict(from: $0, what: "dict.update()") } ?? Dict()
      receiver = .none  // `d` is now the dict's only owner: changed in place
      for (key, value) in zip(other.keys, other.values) { d[DictKey(unchecked: key)] = value }
      for (name, value) in args.keywords { d[DictKey(unchecked: .str(name))] = value }
    case "pop":
      try args.check(min: 1, max: 2)
      let key = try DictKey(args.positional[0])
      guard let value = d[key] else {
        if args.count == 2 { return args.positional[1] }
        throw d.missing(args.positional[0])
      }
      receiver = .none
      d[key] = nil
      result = value
    case "setdefault":
      try args.check(min: 1, max: 2)
      let key = try DictKey(args.positional[0])
      if let value = d[key] { return value }
      result = args.count == 2 ? args.positional[1] : .none
      receiver = .none
      d[key] = result
    default:  // clear
      try args.check(min: 0, max: 0)
      d.removeAll()
    }
    receiver = .dict(d)
    return result
  }
}
