/// The methods of lists and tuples, as Python's. The ones that change a list
/// (`append`, `sort`, ...) change the variable they are called on.
enum ListMembers {
  static let list = MemberTable(
    methods: [
      changing("append", 1...1) { items, args in
        try Runtime.checkLength(items.count + 1, growingBy: 1, what: "the list")
        items.append(args.positional[0])
      },
      changing("extend", 1...1) { items, args in
        let more = try Elements(args.positional[0]).all
        try Runtime.checkLength(items.count + more.count, growingBy: more.count, what: "the list")
        items.append(contentsOf: more)
      },
      changing("insert", 2...2) { items, args in
        let i = try args.whole(0, "index")
        let k = i < 0 ? max(0, items.count + i) : min(i, items.count)
        items.insert(args.positional[1], at: k)
      },
      Method(
        "pop", arguments: 0...1,
        changes: { receiver, args in
          try withItems(&receiver) { items in
            guard !items.isEmpty else { throw OptError(.indexError, "pop from an empty list") }
            let k =
              args.count == 0
              ? items.count - 1 : try Subscripts.position(args.positional[0], count: items.count, typeName: "list")
            return items.remove(at: k)
          }
        }),
      changing("remove", 1...1) { items, args in
        guard let k = items.firstIndex(where: { Operators.equal($0, args.positional[0]) }) else {
          throw OptError(.valueError, "list.remove(x): \(Format.repr(args.positional[0])) is not in the list")
        }
        items.remove(at: k)
      },
      changing("reverse", 0...0) { items, _ in items.reverse() },
      changing("sort", 0...0, keywords: ["reverse", "key"]) { items, args in items = try Library.sorted(items, args) },
      changing("clear", 0...0) { items, _ in items.removeAll() },
      index, count,
      Method("copy", arguments: 0...0, reads: { receiver, _ in receiver }),
    ])

  static let tuple = MemberTable(methods: [index, count])

  /// `xs.index(x)`: where `x` first is.
  static let index = Method(
    "index", arguments: 1...1,
    reads: { receiver, args in
      let items = elements(receiver)
      guard let k = items.firstIndex(where: { Operators.equal($0, args.positional[0]) }) else {
        throw OptError(.valueError, "\(Format.repr(args.positional[0])) is not in the \(receiver.typeName)")
      }
      return .number(Double(k))
    })

  /// `xs.count(x)`: how many elements equal `x`.
  static let count = Method(
    "count", arguments: 1...1,
    reads: { receiver, args in
      .number(Double(elements(receiver).filter { Operators.equal($0, args.positional[0]) }.count))
    })

  private static func elements(_ v: Value) -> [Value] {
    switch v {
    case .list(let items), .tuple(let items): return items
    default: return []
    }
  }

  /// A method that changes the list and gives None.
  private static func changing(
    _ name: String, _ arguments: ClosedRange<Int>, keywords: [String] = [],
    _ change: @escaping @Sendable (inout [Value], Arguments) throws -> Void
  ) -> Method {
    Method(
      name, arguments: arguments, keywords: keywords,
      changes: { receiver, args in
        try withItems(&receiver) { items in
          try change(&items, args)
          return .none
        }
      })
  }

  /// Runs `body` on the list's elements, owned alone so that they change in place.
  private static func withItems(_ receiver: inout Value, _ body: (inout [Value]) throws -> Value) throws -> Value {
    guard case .list(var items) = receiver else { return .none }
    receiver = .none  // `items` is now the list's only owner: changed in place
    defer { receiver = .list(items) }
    return try body(&items)
  }
}
