import Foundation

/// Methods of lists, tuples, strings, arrays and dicts, called as `value.name(...)`.
/// A method that changes a list or a dict (`append`, `update`, ...) changes the
/// variable it was called on; they have value semantics, so no other variable sees it.
public enum Methods {
  /// The names of the methods that change a list in place.
  static let listMutating: Set<String> = ["append", "extend", "insert", "pop", "remove", "reverse", "sort", "clear"]
  /// The names of the methods that change a list or a dict in place.
  public static let mutating = listMutating.union(DictMethods.mutating)

  static let listMethods = [
    "append", "extend", "insert", "pop", "remove", "reverse", "sort", "clear", "index", "count", "copy",
  ]
  static let tupleMethods = ["index", "count"]
  static let stringMethods = [
    "upper", "lower", "strip", "lstrip", "rstrip", "split", "join", "replace", "startswith", "endswith", "find",
    "count", "format", "title", "capitalize", "isdigit", "center", "ljust", "rjust",
  ]
  static let arrayMethods = [
    "sum", "mean", "max", "min", "argmax", "argmin", "copy", "tolist", "dot", "std", "var", "cumsum", "fill", "sort",
    "prod", "any", "all", "reshape", "ravel", "flatten", "transpose", "squeeze", "item", "argsort", "nonzero",
  ]

  /// The built-in behind an array method, where their names differ (`a.sum()` is `np.sum(a)`).
  static let arrayMethodBuiltins = [
    "sum": "npsum", "max": "amax", "min": "amin", "any": "npany", "all": "npall", "flatten": "ravel",
  ]

  /// The method names a value has, for completion and "did you mean".
  public static func names(of v: Value) -> [String] {
    switch v {
    case .list: return listMethods
    case .tuple: return tupleMethods
    case .string: return stringMethods
    case .array: return arrayMethods
    case .dict: return DictMethods.names
    default: return []
    }
  }

  /// Runs a method that changes a list or a dict, on the receiver itself;
  /// nil if the receiver has no such method.
  static func mutate(_ receiver: inout Value, _ name: String, _ args: Arguments) throws -> Value? {
    var args = args
    args.setMethod(name, of: receiver.typeName)
    switch receiver {
    case .list where listMutating.contains(name): return try mutateList(&receiver, name, args)
    case .dict: return try DictMethods.mutate(&receiver, name, args)
    default: return nil
    }
  }

  /// Runs a method that changes a list, on the list itself.
  static func mutateList(_ receiver: inout Value, _ name: String, _ args: Arguments) throws -> Value {
    guard case .list(var items) = receiver else { return .none }
    receiver = .none  // `items` is now the list's only owner: changed in place
    defer { receiver = .list(items) }
    var args = args
    args.setMethod(name, of: "list")
    switch name {
    case "append":
      try args.check(min: 1, max: 1)
      try Runtime.checkLength(items.count + 1, growingBy: 1, what: "the list")
      items.append(args.positional[0])
    case "extend":
      try args.check(min: 1, max: 1)
      let more = try Elements(args.positional[0]).all
      try Runtime.checkLength(items.count + more.count, growingBy: more.count, what: "the list")
      items.append(contentsOf: more)
    case "insert":
      try args.check(min: 2, max: 2)
      let i = try args.whole(0, "index")
      let k = i < 0 ? max(0, items.count + i) : min(i, items.count)
      items.insert(args.positional[1], at: k)
    case "pop":
      try args.check(min: 0, max: 1)
      guard !items.isEmpty else { throw OptError(.indexError, "pop from an empty list") }
      let k =
        args.count == 0
        ? items.count - 1 : try Subscripts.position(args.positional[0], count: items.count, typeName: "list")
      return items.remove(at: k)
    case "remove":
      try args.check(min: 1, max: 1)
      guard let k = items.firstIndex(where: { Operators.equal($0, args.positional[0]) }) else {
        throw OptError(.valueError, "list.remove(x): \(Format.repr(args.positional[0])) is not in the list")
      }
      items.remove(at: k)
    case "reverse":
      try args.check(min: 0, max: 0)
      items.reverse()
    case "sort":
      try args.check(min: 0, max: 0, keywords: ["reverse", "key"])
      items = try Library.sorted(items, args)
    case "clear":
      try args.check(min: 0, max: 0)
      items.removeAll()
    default: break
    }
    return .none
  }

  /// Runs a method that does not change its receiver; nil if `name` is not one of its methods.
  public static func call(_ receiver: Value, _ name: String, _ args: Arguments) throws -> Value? {
    var args = args
    args.setMethod(name, of: receiver.typeName)
    switch receiver {
    case .list(let items), .tuple(let items):
      switch name {
      case "index":
        try args.check(min: 1, max: 1)
        guard let k = items.firstIndex(where: { Operators.equal($0, args.positional[0]) }) else {
          throw OptError(.valueError, "\(Format.repr(args.positional[0])) is not in the \(receiver.typeName)")
        }
        return .number(Double(k))
      case "count":
        try args.check(min: 1, max: 1)
        return .number(Double(items.filter { Operators.equal($0, args.positional[0]) }.count))
      case "copy":
        try args.check(min: 0, max: 0)
        return receiver
      case _ where listMutating.contains(name):
        // A list method on a temporary (or a tuple): works on a copy.
        var copy = receiver
        if case .tuple = receiver {
          throw OptError(.attributeError, "a tuple cannot be changed, so it has no '\(name)'; make a list: list(t)")
        }
        return try mutateList(&copy, name, args)
      default: return nil
      }
    case .string(let text):
      return try stringMethod(text.value, name, args)
    case .array(let a):
      return try arrayMethod(a, name, args)
    case .dict(let d):
      return try DictMethods.call(d, name, args)
    case .object(let o):
      return try o.callMethod(name, args)
    default:
      return nil
    }
  }

  private static func stringMethod(_ s: String, _ name: String, _ args: Arguments) throws -> Value? {
    func text(_ i: Int) throws -> String {
      guard case .string(let t) = args.positional[i] else {
        throw OptError(.typeError, "\(args.callee)() needs a string, not \(args.positional[i].typeNameWithArticle)")
      }
      return t.value
    }
    if ["upper", "lower", "title", "capitalize", "isdigit"].contains(name) { try args.check(min: 0, max: 0) }
    switch name {
    case "upper": return .str(s.uppercased())
    case "lower": return .str(s.lowercased())
    case "title": return .str(s.capitalized)
    case "capitalize": return .str(s.prefix(1).uppercased() + s.dropFirst().lowercased())
    case "strip", "lstrip", "rstrip":
      try args.check(min: 0, max: 1)
      let set: Set<Character> = args.count == 1 ? Set(try text(0)) : [" ", "\t", "\n", "\r"]
      var chars = Substring(s)
      if name != "rstrip" { chars = chars.drop { set.contains($0) } }
      if name != "lstrip" { while let last = chars.last, set.contains(last) { chars = chars.dropLast() } }
      return .str(String(chars))
    case "split":
      try args.check(min: 0, max: 1)
      if args.count == 0 {
        return .list(s.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map { .str(String($0)) })
      }
      let separator = try text(0)
      guard !separator.isEmpty else { throw OptError(.valueError, "split() needs a non-empty separator") }
      return .list(s.components(separatedBy: separator).map { .str($0) })
    case "join":
      try args.check(min: 1, max: 1)
      let parts = try Elements(args.positional[0]).all.map { v -> String in
        guard case .string(let t) = v else {
          throw OptError(.typeError, "join() needs strings, but got \(v.typeNameWithArticle); convert with str(x)")
        }
        return t.value
      }
      let total = parts.reduce(s.utf8.count * max(0, parts.count - 1)) { $0 + $1.utf8.count }
      try Runtime.checkLength(total, bytesEach: 1, what: "the joined string")
      return .str(parts.joined(separator: s))
    case "replace":
      try args.check(min: 2, max: 2)
      return .str(try replacing(s, try text(0), with: try text(1)))
    case "startswith":
      try args.check(min: 1, max: 1)
      return .bool(s.hasPrefix(try text(0)))
    case "endswith":
      try args.check(min: 1, max: 1)
      return .bool(s.hasSuffix(try text(0)))
    case "find":
      try args.check(min: 1, max: 1)
      guard let r = s.range(of: try text(0)) else { return .number(-1) }
      return .number(Double(s.unicodeScalars.distance(from: s.startIndex, to: r.lowerBound)))
    case "count":
      try args.check(min: 1, max: 1)
      let needle = try text(0)
      guard !needle.isEmpty else { return .number(Double(s.count + 1)) }
      return .number(Double(s.components(separatedBy: needle).count - 1))
    case "isdigit": return .bool(!s.isEmpty && s.allSatisfy { $0.isASCII && $0.isNumber })
    case "center", "ljust", "rjust":
      try args.check(min: 1, max: 1)
      let width = try args.whole(0, "width")
      let spec = (name == "center" ? "^" : name == "ljust" ? "<" : ">") + String(width)
      return .str(try FormatSpec.format(.str(s), spec: spec))
    case "format":
      return .str(try Library.formatMethod(s, args))
    default: return nil
    }
  }

  /// `s.replace(old, new)`: a search of the UTF-8 bytes (code point for code
  /// point, as Python compares), which checks the length limit as the result
  /// grows and stops at Ctrl-C. An empty `old` puts `new` around every code
  /// point, as Python's does.
  static func replacing(_ s: String, _ old: String, with new: String) throws -> String {
    var s = s
    var old = old
    if old.isEmpty {
      let total = s.utf8.count + (s.unicodeScalars.count + 1) * new.utf8.count
      try Runtime.checkLength(total, bytesEach: 1, what: "the replaced string")
      return new + s.unicodeScalars.map { String($0) + new }.joined()
    }
    let newBytes = Array(new.utf8)
    let replaced: [UInt8]? = try s.withUTF8 { h in
      try old.withUTF8 { n in
        var out: [UInt8] = []
        var i = 0
        var copiedTo = 0
        var checkAt = 1 << 20  // the output length at which the limits are checked next
        while i + n.count <= h.count {
          if i & 0xFFFF == 0 { try Interrupt.check() }
          if h[i] == n[0] && memcmp(h.baseAddress! + i, n.baseAddress!, n.count) == 0 {
            out.append(contentsOf: h[copiedTo..<i])
            out.append(contentsOf: newBytes)
            i += n.count
            copiedTo = i
            if out.count >= checkAt {
              try Runtime.checkLength(out.count + h.count - i, bytesEach: 1, what: "the replaced string")
              checkAt = out.count + (1 << 20)
            }
          } else {
            i += 1
          }
        }
        if copiedTo == 0 { return nil }
        out.append(contentsOf: h[copiedTo...])
        return out
      }
    }
    guard let replaced else { return s }
    return String(decoding: replaced, as: UTF8.self)
  }

  private static func arrayMethod(_ a: NumArray, _ name: String, _ args: Arguments) throws -> Value? {
    let value = Value.array(a)
    switch name {
    case "copy", "tolist":
      try args.check(min: 0, max: 0)
      return name == "copy" ? value : nestedList(a)
    case "item":
      try args.check(min: 0, max: 0)
      guard a.count == 1 else {
        throw OptError(.valueError, "a.item() needs an array of one element, not \(a.count)", hint: "index it: a[i]")
      }
      return ArrayMath.wrap(a.reshaped([]))
    case "reshape":
      // a.reshape(2, 3) and a.reshape((2, 3)) both work, as in numpy.
      try args.check(min: 1, max: Int.max)
      return .array(try ArrayShapes.reshape(a, args.count == 1 ? args.positional[0] : .tuple(args.positional)))
    case "fill", "sort":
      throw OptError(
        .attributeError,
        "array.\(name)() would change the array in place; write a = np.sort(a) or a = np.full(a.shape, v)")
    default:
      guard arrayMethods.contains(name), let builtin = Library.catalogue[arrayMethodBuiltins[name] ?? name] else {
        return nil
      }
      var call = args
      call.positional.insert(value, at: 0)
      return try builtin.call(call)
    }
  }

  /// `a.tolist()`: nested lists of numbers (or bools), as numpy gives.
  static func nestedList(_ a: NumArray) -> Value {
    if a.ndim == 0 { return ArrayMath.wrap(a) }
    if a.ndim == 1 { return .list(a.storage.map { a.isBool ? .bool($0 != 0) : .number($0) }) }
    return .list((0..<a.shape[0]).map { nestedList(a.row($0)) })
  }
}
