/// The methods and properties of arrays, as numpy's. Most methods are the
/// built-in of the same name with the array first (`a.sum(axis=0)` is
/// `np.sum(a, axis=0)`), and that built-in checks the arguments.
enum ArrayMembers {
  static let table = MemberTable(
    methods: [
      builtin("sum", "npsum"), builtin("mean"), builtin("max", "amax"), builtin("min", "amin"), builtin("argmax"),
      builtin("argmin"),
      method("copy", 0...0) { a, _ in .array(a) },
      method("tolist", 0...0) { a, _ in nestedList(a) },
      builtin("dot"), builtin("std"), builtin("var"), builtin("cumsum"), changesInPlace("fill"),
      changesInPlace("sort"), builtin("prod"), builtin("any", "npany"), builtin("all", "npall"),
      // a.reshape(2, 3) and a.reshape((2, 3)) both work, as in numpy.
      method("reshape", 1...Int.max) { a, args in
        .array(try ArrayShapes.reshape(a, args.count == 1 ? args.positional[0] : .tuple(args.positional)))
      },
      builtin("ravel"), builtin("flatten", "ravel"), builtin("transpose"), builtin("squeeze"),
      method("item", 0...0) { a, _ in
        guard a.count == 1 else {
          throw OptError(.valueError, "a.item() needs an array of one element, not \(a.count)", hint: "index it: a[i]")
        }
        return ArrayMath.wrap(a.reshaped([]))
      },
      builtin("argsort"), builtin("nonzero"),
    ],
    properties: [
      "shape": { v in array(v).map { a in .tuple(a.shape.map { .number(Double($0)) }) } ?? .none },
      "size": { v in array(v).map { .number(Double($0.count)) } ?? .none },
      "ndim": { v in array(v).map { .number(Double($0.ndim)) } ?? .none },
      "T": { v in array(v).map { a in .array(ArrayShapes.transpose(a, Array((0..<a.ndim).reversed()))) } ?? .none },
    ])

  private static func array(_ v: Value) -> NumArray? {
    guard case .array(let a) = v else { return nil }
    return a
  }

  private static func method(
    _ name: String, _ arguments: ClosedRange<Int>, _ body: @escaping @Sendable (NumArray, Arguments) throws -> Value
  ) -> Method {
    Method(
      name, arguments: arguments,
      reads: { receiver, args in
        guard let a = array(receiver) else { return .none }
        return try body(a, args)
      })
  }

  /// The method `name` as the built-in `builtin` with the array first; the built-in checks the arguments.
  private static func builtin(_ name: String, _ builtin: String? = nil) -> Method {
    Method(
      name, arguments: 0...Int.max, keywords: nil,
      reads: { receiver, args in
        guard let function = Library.catalogue[builtin ?? name] else { return .none }
        var call = args
        call.positional.insert(receiver, at: 0)
        return try function.call(call)
      })
  }

  /// numpy's `a.fill(v)` and `a.sort()` change the array in place, which an
  /// array here never does (it is a value): the error gives the spelling that works.
  private static func changesInPlace(_ name: String) -> Method {
    Method(
      name, arguments: 0...Int.max, keywords: nil,
      reads: { _, _ in
        throw OptError(
          .attributeError,
          "array.\(name)() would change the array in place; write a = np.sort(a) or a = np.full(a.shape, v)")
      })
  }

  /// `a.tolist()`: nested lists of numbers (or bools), as numpy gives.
  static func nestedList(_ a: NumArray) -> Value {
    if a.ndim == 0 { return ArrayMath.wrap(a) }
    if a.ndim == 1 { return .list(a.storage.map { a.isBool ? .bool($0 != 0) : .number($0) }) }
    return .list((0..<a.shape[0]).map { nestedList(a.row($0)) })
  }
}
