/// The `dict` built-in and the methods of dicts, as Python's. `keys()`,
/// `values()` and `items()` give a `DictView` taken at the call. A method that
/// changes a dict (`update`, `pop`, `setdefault`, `clear`) changes the variable
/// it was called on.
enum DictMembers {
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

  static let table = MemberTable(methods: [
    view(.keys), view(.values), view(.items),
    Method(
      "get", arguments: 1...2,
      reads: { receiver, args in
        guard case .dict(let d) = receiver else { return .none }
        return d[try DictKey(args.positional[0])] ?? (args.count == 2 ? args.positional[1] : .none)
      }),
    Method("copy", arguments: 0...0, reads: { receiver, _ in receiver }),
    // Any keywords: each one is a string key.
    changing("update", 0...1, keywords: nil) { d, receiver, args in
      let other = try args.positional.first.map { try dict(from: $0, what: "dict.update()") } ?? Dict()
      receiver = .none  // `d` is now the dict's only owner: changed in place
      for (key, value) in zip(other.keys, other.values) { d[DictKey(unchecked: key)] = value }
      for (name, value) in args.keywords { d[DictKey(unchecked: .str(name))] = value }
      return .none
    },
    changing("pop", 1...2) { d, receiver, args in
      let key = try DictKey(args.positional[0])
      guard let value = d[key] else {
        if args.count == 2 { return args.positional[1] }
        throw d.missing(args.positional[0])
      }
      receiver = .none
      d[key] = nil
      return value
    },
    changing("setdefault", 1...2) { d, receiver, args in
      let key = try DictKey(args.positional[0])
      if let value = d[key] { return value }
      let value = args.count == 2 ? args.positional[1] : .none
      receiver = .none
      d[key] = value
      return value
    },
    changing("clear", 0...0) { d, _, _ in
      d.removeAll()
      return .none
    },
  ])

  /// `d.keys()`, `d.values()`, `d.items()`: a view taken at the call.
  private static func view(_ kind: DictView.Kind) -> Method {
    Method(
      kind.rawValue, arguments: 0...0,
      reads: { receiver, _ in
        guard case .dict(let d) = receiver else { return .none }
        return .object(DictView(kind, of: d))
      })
  }

  /// A method that changes the dict. The body gets the dict and the receiver:
  /// it sets the receiver to None before its first change, so that the dict
  /// has one owner and changes in place, and the dict is put back afterwards.
  private static func changing(
    _ name: String, _ arguments: ClosedRange<Int>, keywords: [String]? = [],
    _ change: @escaping @Sendable (inout Dict, inout Value, Arguments) throws -> Value
  ) -> Method {
    Method(
      name, arguments: arguments, keywords: keywords,
      changes: { receiver, args in
        guard case .dict(var d) = receiver else { return .none }
        let result = try change(&d, &receiver, args)
        receiver = .dict(d)
        return result
      })
  }
}
