import Foundation

/// The methods of strings, as Python's.
enum StringMembers {
  static let table = MemberTable(methods: [
    method("upper", 0...0) { s, _ in .str(s.uppercased()) },
    method("lower", 0...0) { s, _ in .str(s.lowercased()) },
    method("strip", 0...1) { s, args in .str(try stripped(s, args, leading: true, trailing: true)) },
    method("lstrip", 0...1) { s, args in .str(try stripped(s, args, leading: true, trailing: false)) },
    method("rstrip", 0...1) { s, args in .str(try stripped(s, args, leading: false, trailing: true)) },
    method("split", 0...1) { s, args in
      if args.count == 0 {
        return .list(s.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map { .str(String($0)) })
      }
      let separator = try text(args, 0)
      guard !separator.isEmpty else { throw OptError(.valueError, "split() needs a non-empty separator") }
      return .list(s.components(separatedBy: separator).map { .str($0) })
    },
    method("join", 1...1) { s, args in
      let parts = try Elements(args.positional[0]).all.map { v -> String in
        guard case .string(let t) = v else {
          throw OptError(.typeError, "join() needs strings, but got \(v.typeNameWithArticle); convert with str(x)")
        }
        return t.value
      }
      let total = parts.reduce(s.utf8.count * max(0, parts.count - 1)) { $0 + $1.utf8.count }
      try Runtime.checkLength(total, bytesEach: 1, what: "the joined string")
      return .str(parts.joined(separator: s))
    },
    method("replace", 2...2) { s, args in .str(try replacing(s, try text(args, 0), with: try text(args, 1))) },
    method("startswith", 1...1) { s, args in .bool(s.hasPrefix(try text(args, 0))) },
    method("endswith", 1...1) { s, args in .bool(s.hasSuffix(try text(args, 0))) },
    method("find", 1...1) { s, args in
      guard let r = s.range(of: try text(args, 0)) else { return .number(-1) }
      return .number(Double(s.unicodeScalars.distance(from: s.startIndex, to: r.lowerBound)))
    },
    method("count", 1...1) { s, args in
      let needle = try text(args, 0)
      guard !needle.isEmpty else { return .number(Double(s.count + 1)) }
      return .number(Double(s.components(separatedBy: needle).count - 1))
    },
    // Any positional and keyword arguments: the format string says which it needs.
    method("format", 0...Int.max, keywords: nil) { s, args in .str(try Library.formatMethod(s, args)) },
    method("title", 0...0) { s, _ in .str(s.capitalized) },
    method("capitalize", 0...0) { s, _ in .str(s.prefix(1).uppercased() + s.dropFirst().lowercased()) },
    method("isdigit", 0...0) { s, _ in .bool(!s.isEmpty && s.allSatisfy { $0.isASCII && $0.isNumber }) },
    padding("center", "^"), padding("ljust", "<"), padding("rjust", ">"),
  ])

  private static func method(
    _ name: String, _ arguments: ClosedRange<Int>, keywords: [String]? = [],
    _ body: @escaping @Sendable (String, Arguments) throws -> Value
  ) -> Method {
    Method(
      name, arguments: arguments, keywords: keywords,
      reads: { receiver, args in
        guard case .string(let s) = receiver else { return .none }
        return try body(s.value, args)
      })
  }

  /// `s.center(width)` and friends: `format(s, "^width")`.
  private static func padding(_ name: String, _ align: String) -> Method {
    method(name, 1...1) { s, args in
      .str(try FormatSpec.format(.str(s), spec: align + String(try args.whole(0, "width"))))
    }
  }

  /// The string argument at `index`.
  private static func text(_ args: Arguments, _ index: Int) throws -> String {
    guard case .string(let t) = args.positional[index] else {
      throw OptError(.typeError, "\(args.callee)() needs a string, not \(args.positional[index].typeNameWithArticle)")
    }
    return t.value
  }

  /// `s.strip(chars)`: without `chars`, whitespace.
  private static func stripped(_ s: String, _ args: Arguments, leading: Bool, trailing: Bool) throws -> String {
    let set: Set<Character> = args.count == 1 ? Set(try text(args, 0)) : [" ", "\t", "\n", "\r"]
    var chars = Substring(s)
    if leading { chars = chars.drop { set.contains($0) } }
    if trailing { while let last = chars.last, set.contains(last) { chars = chars.dropLast() } }
    return String(chars)
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
}
