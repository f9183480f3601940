import Foundation

/// Built-ins on values in general and on sequences: printing, conversions,
/// `len`, `range`, `zip`, `sum`, `min`, `max` and friends, as in Python.
enum SequenceLibrary {
  /// A value as text by `format`, raising KeyboardInterrupt if Ctrl-C cut a
  /// long text short, and a MemoryError past the length every string has.
  static func interruptibleText(_ format: @escaping (Value) -> String) -> (Value) throws -> Value {
    { v in
      let text = format(v)
      try Interrupt.check()
      try Runtime.checkLength(text.utf8.count, bytesEach: 1, what: "the text")
      return .str(text)
    }
  }

  static var builtins: [Builtin] {
    [
      Builtin(
        "print", "print(*values, sep=' ', end='\\n')",
        "Writes the values separated by sep and followed by end. Strings are written as they are.",
        .general { args in
          try args.check(min: 0, max: Int.max, keywords: ["sep", "end"])
          let sep = try args.keyword("sep").map(text) ?? " "
          let end = try args.keyword("end").map(text) ?? "\n"
          let text = args.positional.map(Format.str).joined(separator: sep) + end
          try Interrupt.check()  // Ctrl-C cut a long text short: print none of it
          args.runtime.output(text)
          return .none
        }),
      Builtin(
        "len", "len(x)", "The number of elements of a list, tuple, array, string or range, or of keys of a dict.",
        parameters: ["x"],
        .unary { v in
          switch v {
          case .list(let items), .tuple(let items): return .number(Double(items.count))
          case .array(let a):
            guard let n = a.shape.first else { throw OptError(.typeError, "a 0-d array has no length") }
            return .number(Double(n))
          case .dict(let d): return .number(Double(d.count))
          case .string(let s): return .number(Double(s.value.unicodeScalars.count))
          case .object(let r as RangeObject): return .number(Double(r.count))
          case .object(let view as DictView): return .number(Double(view.items.count))
          default: throw OptError(.typeError, "\(v.typeNameWithArticle) has no length")
          }
        }),
      Builtin(
        "range", "range(stop) or range(start, stop, step=1)",
        "The whole numbers from start (0) up to, not including, stop. Lazy: range(10**9) costs nothing until used.",
        .general { args in
          try args.check(min: 1, max: 3)
          return .object(try Library.makeRange(args.positional))
        }),
      Builtin(
        "zip", "zip(a, b, ...)", "A list of tuples pairing the elements of each sequence, as long as the shortest.",
        .general { args in
          try args.check(min: 1, max: Int.max)
          let sequences = try args.positional.map { try Elements($0) }
          let count = sequences.map(\.count).min() ?? 0
          try Runtime.checkLength(count)
          return .list((0..<count).map { k in .tuple(sequences.map { $0[k] }) })
        }),
      Builtin(
        "enumerate", "enumerate(xs, start=0)", "A list of (index, element) tuples.", parameters: ["xs", "start"],
        .general { args in
          try args.check(min: 1, max: 2, keywords: ["start"])
          let elements = try Elements(args.positional[0])
          let start = try args.optional(1, "start").map { _ in try args.number(1, "start") } ?? 0
          try Runtime.checkLength(elements.count)
          return .list((0..<elements.count).map { .tuple([.number(start + Double($0)), elements[$0]]) })
        }),
      Builtin(
        "list", "list(xs=())", "A list of the elements of xs (a copy).",
        .general { args in
          try args.check(min: 0, max: 1)
          guard let v = args.positional.first else { return .list([]) }
          let elements = try Elements(v)
          try Runtime.checkLength(elements.count, what: "the list")
          return .list(try elements.all)
        }),
      Builtin(
        "tuple", "tuple(xs=())", "A tuple of the elements of xs.",
        .general { args in
          try args.check(min: 0, max: 1)
          guard let v = args.positional.first else { return .tuple([]) }
          let elements = try Elements(v)
          try Runtime.checkLength(elements.count, what: "the tuple")
          return .tuple(try elements.all)
        }),
      Builtin(
        "str", "str(x)", "x as text, as print writes it.", parameters: ["x"], .unary(interruptibleText(Format.str))),
      Builtin(
        "repr", "repr(x)", "x as text, as the prompt shows it.", parameters: ["x"],
        .unary(interruptibleText(Format.repr))),
      Builtin(
        "bool", "bool(x)", "True or False by Python's truthiness.", parameters: ["x"],
        .unary {
          .bool(try Operators.truthy($0))
        }),
      Builtin(
        "float", "float(x)", "x as a number; also reads text such as '1e-3', 'inf' or 'nan'.", parameters: ["x"],
        .unary { v in
          if let x = v.asNumber { return .number(x) }
          guard case .string(let s) = v else {
            throw OptError(.typeError, "float() cannot convert \(v.typeNameWithArticle)")
          }
          return .number(try parseNumber(s.value, for: "float"))
        }),
      Builtin(
        "int", "int(x)", "x with its fraction dropped (towards zero); also reads text such as '42'. Still a Float64.",
        parameters: ["x"],
        .unary { v in
          var x: Double
          if let n = v.asNumber {
            x = n
          } else if case .string(let s) = v {
            let text = s.value.trimmingCharacters(in: .whitespaces)
            guard let n = Int(text.replacingOccurrences(of: "_", with: "")), !text.hasPrefix("_") else {
              throw OptError(.valueError, "int() cannot read \(Format.quoted(s.value)) as a whole number")
            }
            x = Double(n)
          } else {
            throw OptError(.typeError, "int() cannot convert \(v.typeNameWithArticle)")
          }
          if x.isNaN { throw OptError(.valueError, "int() cannot convert nan to a whole number") }
          if x.isInfinite {
            throw OptError(.overflowError, "int() cannot convert \(Format.number(x)) to a whole number")
          }
          x.round(.towardZero)
          return .number(x == 0 ? 0 : x)  // an integer has no negative zero
        }),
      Builtin(
        "sum", "sum(xs, start=0)", "start plus the elements of xs, added left to right as Python does.",
        parameters: ["xs", "start"],
        .general { args in
          try args.check(min: 1, max: 2, keywords: ["start"])
          var total: Value = args.optional(1, "start") ?? .number(0)
          let elements = try Elements(args.positional[0])
          for k in 0..<elements.count {
            if k & 0xFFFF == 0 { try Interrupt.check() }
            if case .number(let a) = total, case .number(let b) = elements[k] {
              total = .number(a + b)
            } else {
              total = try Operators.binary(.add, total, elements[k])
            }
          }
          return total
        }),
      Builtin(
        "min", "min(xs) or min(a, b, ...)", "The smallest element of xs, or the smallest argument.",
        .general { args in try extreme(args, smallest: true) }),
      Builtin(
        "max", "max(xs) or max(a, b, ...)", "The largest element of xs, or the largest argument.",
        .general { args in try extreme(args, smallest: false) }),
      Builtin(
        "sorted", "sorted(xs, key=None, reverse=False)", "A sorted list of the elements of xs.",
        .general { args in
          try args.check(min: 1, max: 1, keywords: ["key", "reverse"])
          return .list(try Library.sorted(try Elements(args.positional[0]).all, args))
        }),
      Builtin(
        "reversed", "reversed(xs)", "A list of the elements of xs, last first.", parameters: ["xs"],
        .unary {
          .list(try Elements($0).all.reversed())
        }),
      Builtin(
        "any", "any(xs)", "True if some element of xs is true.", parameters: ["xs"],
        .unary { v in
          let elements = try Elements(v)
          for k in 0..<elements.count where try Operators.truthy(elements[k]) { return .bool(true) }
          return .bool(false)
        }),
      Builtin(
        "all", "all(xs)", "True if every element of xs is true.", parameters: ["xs"],
        .unary { v in
          let elements = try Elements(v)
          for k in 0..<elements.count where !(try Operators.truthy(elements[k])) { return .bool(false) }
          return .bool(true)
        }),
      Builtin(
        "format", "format(x, spec='')",
        "x formatted by a format spec, as in an f-string: format(0.1234, '.2f') is '0.12'.",
        parameters: ["x", "spec"],
        .general { args in
          try args.check(min: 1, max: 2)
          let spec = try args.optional(1, "spec").map(text) ?? ""
          return .str(try FormatSpec.format(args.positional[0], spec: spec))
        }),
      Builtin("type", "type(x)", "The name of x's type, as a string.", parameters: ["x"], .unary { .str($0.typeName) }),
      Builtin(
        "help", "help(x)", "Shows the signature and documentation of a function, rule, optimizer or module.",
        parameters: ["x"],
        .general { args in
          try args.check(min: 0, max: 1)
          let text = args.positional.first.map { Help.describe($0, runtime: args.runtime) } ?? Help.overview
          args.runtime.output(text.hasSuffix("\n") ? text : text + "\n")
          return .none
        }),
    ]
  }

  static func text(_ v: Value) throws -> String {
    guard case .string(let s) = v else { throw OptError(.typeError, "expected a string, not \(v.typeNameWithArticle)") }
    return s.value
  }

  static func parseNumber(_ s: String, for name: String) throws -> Double {
    let text = s.trimmingCharacters(in: .whitespaces).lowercased()
    switch text {
    case "inf", "+inf", "infinity": return .infinity
    case "-inf", "-infinity": return -.infinity
    case "nan", "+nan", "-nan": return .nan
    default:
      guard let x = Double(text.replacingOccurrences(of: "_", with: "")), !text.isEmpty else {
        throw OptError(.valueError, "\(name)() cannot read \(Format.quoted(s)) as a number")
      }
      return x
    }
  }

  /// `min`/`max`: of the arguments, or of one iterable argument.
  static func extreme(_ args: Arguments, smallest: Bool) throws -> Value {
    try args.check(min: 1, max: Int.max, keywords: ["key"])
    let candidates = args.count == 1 ? try Elements(args.positional[0]).all : args.positional
    guard var best = candidates.first else {
      throw OptError(.valueError, "\(smallest ? "min" : "max")() of an empty sequence")
    }
    let key = args.keyword("key")
    var bestKey = try key.map { try args.runtime.call($0, [best]) } ?? best
    for item in candidates.dropFirst() {
      let itemKey = try key.map { try args.runtime.call($0, [item]) } ?? item
      let order = try Operators.ordering(itemKey, bestKey)
      if order != 2 && (smallest ? order < 0 : order > 0) {
        best = item
        bestKey = itemKey
      }
    }
    return best
  }
}
