import Foundation

/// Python's format-spec mini-language, for f-strings and `format(x, spec)`:
/// `[[fill]align][sign][0][width][,|_][.precision][type]` with the types
/// `f e g d % s` (and their upper-case forms).
public enum FormatSpec {
  /// The widest field and the most digits a format spec may ask for.
  static let maxWidth = 1000

  struct Parsed {
    var fill: Character = " "
    var align: Character?
    var sign: Character = "-"
    var width = 0
    var grouping: Character?
    var precision: Int?
    var type: Character?
  }

  static func parse(_ spec: String) throws -> Parsed {
    var p = Parsed()
    var chars = Array(spec)
    var i = 0
    let aligns: Set<Character> = ["<", ">", "^", "="]
    if chars.count >= 2 && aligns.contains(chars[1]) {
      p.fill = chars[0]
      p.align = chars[1]
      i = 2
    } else if let c = chars.first, aligns.contains(c) {
      p.align = c
      i = 1
    }
    if i < chars.count && "+- ".contains(chars[i]) {
      p.sign = chars[i]
      i += 1
    }
    if i < chars.count && chars[i] == "#" { i += 1 }
    if i < chars.count && chars[i] == "0" {
      if p.align == nil {
        p.fill = "0"
        p.align = "="
      }
      i += 1
    }
    var width = ""
    while i < chars.count && chars[i].isASCII && chars[i].isNumber {
      width.append(chars[i])
      i += 1
    }
    p.width = Int(width.prefix(9)) ?? 0
    if width.count > 6 || p.width > maxWidth {
      throw OptError(.valueError, "the width in the format spec '\(spec)' is too large (at most \(maxWidth))")
    }
    if i < chars.count && (chars[i] == "," || chars[i] == "_") {
      p.grouping = chars[i]
      i += 1
    }
    if i < chars.count && chars[i] == "." {
      i += 1
      var digits = ""
      while i < chars.count && chars[i].isASCII && chars[i].isNumber {
        digits.append(chars[i])
        i += 1
      }
      guard digits.count <= 4, let precision = Int(digits), precision <= maxWidth else {
        if !digits.isEmpty {
          throw OptError(.valueError, "the precision in the format spec '\(spec)' is too large (at most \(maxWidth))")
        }
        throw OptError(.valueError, "the format spec '\(spec)' has a '.' without a precision after it")
      }
      p.precision = precision
    }
    if i < chars.count {
      p.type = chars[i]
      i += 1
    }
    if i != chars.count || (p.type != nil && !"fFeEgGd%sn".contains(p.type!)) {
      chars = []
      throw OptError(
        .valueError, "'\(spec)' is not a format spec optrepl understands",
        hint: "for example .3f (3 decimals), .2e (scientific), .4g, d (whole number), 8.3f (width 8)")
    }
    return p
  }

  /// Formats a value by a spec, after an optional `!r` / `!s` conversion.
  /// The text is held to the limit every string has (`Runtime.checkLength`):
  /// formatting a value that holds its own text (`x = (x, format(x))` in a
  /// loop) doubles it each time, and would fill memory in a few dozen steps.
  public static func format(_ value: Value, spec: String, conversion: Character? = nil) throws -> String {
    let text = try unchecked(value, spec: spec, conversion: conversion)
    try Runtime.checkLength(text.utf8.count, bytesEach: 1, what: "the formatted text")
    return text
  }

  private static func unchecked(_ value: Value, spec: String, conversion: Character?) throws -> String {
    var value = value
    switch conversion {
    case "r"?, "a"?: value = .str(Format.repr(value))
    case "s"?: value = .str(Format.str(value))
    default: break
    }
    if spec.isEmpty { return Format.str(value) }
    let p = try parse(spec)
    if let x = value.asNumber, p.type != "s" {
      if case .bool(let b) = value, p.type == nil { return pad(b ? "True" : "False", p, numeric: false) }
      return try formatNumber(x, p)
    }
    if p.type != nil && p.type != "s" {
      throw OptError(.valueError, "the format '\(spec)' is for numbers, but this is \(value.typeNameWithArticle)")
    }
    var text = Format.str(value)
    if let precision = p.precision { text = String(text.prefix(precision)) }
    return pad(text, p, numeric: false)
  }

  static func formatNumber(_ x: Double, _ p: Parsed) throws -> String {
    var body: String
    let negative = x.sign == .minus && !(x == 0 && p.type == "d")
    let magnitude = abs(x)
    switch p.type {
    case "f"?, "F"?:
      body = fixed(magnitude, p.precision ?? 6)
    case "e"?, "E"?:
      body = magnitude.isFinite ? String(format: "%.*e", p.precision ?? 6, magnitude) : Format.number(magnitude)
    case "g"?, "G"?, "n"?:
      body = magnitude.isFinite ? String(format: "%.*g", max(1, p.precision ?? 6), magnitude) : Format.number(magnitude)
    case "%"?:
      body = fixed(magnitude * 100, p.precision ?? 6) + "%"
    case "d"?:
      guard x == x.rounded(.towardZero) && x.isFinite else {
        throw OptError(
          .valueError, "the format 'd' needs a whole number, not \(Format.number(x))",
          hint: "use .0f to round, or int(x)")
      }
      body = String(format: "%.0f", magnitude)
    default:
      if let precision = p.precision {
        // No type with a precision: like 'g', but a fixed-point result keeps a '.0'.
        body = magnitude.isFinite ? String(format: "%.*g", max(1, precision), magnitude) : Format.number(magnitude)
        if magnitude.isFinite && !body.contains(".") && !body.contains("e") { body += ".0" }
      } else {
        body = Format.number(magnitude)
      }
    }
    if p.type == "E" || p.type == "G" || p.type == "F" { body = body.uppercased() }
    if let grouping = p.grouping { body = group(body, grouping) }
    let sign = negative && !(x.isNaN) ? "-" : p.sign == "+" ? "+" : p.sign == " " ? " " : ""
    return pad(body, p, numeric: true, sign: sign)
  }

  private static func fixed(_ x: Double, _ precision: Int) -> String {
    x.isFinite ? String(format: "%.*f", precision, x) : Format.number(x)
  }

  private static func group(_ body: String, _ separator: Character) -> String {
    let digitsEnd = body.firstIndex { !$0.isNumber } ?? body.endIndex
    let integer = Array(body[..<digitsEnd])
    var grouped = ""
    for (i, c) in integer.enumerated() {
      if i > 0 && (integer.count - i) % 3 == 0 { grouped.append(separator) }
      grouped.append(c)
    }
    return grouped + body[digitsEnd...]
  }

  private static func pad(_ body: String, _ p: Parsed, numeric: Bool, sign: String = "") -> String {
    let length = body.count + sign.count
    guard p.width > length else { return sign + body }
    let padding = p.width - length
    let fill = String(p.fill)
    switch p.align ?? (numeric ? ">" : "<") {
    case "<": return sign + body + String(repeating: fill, count: padding)
    case "^":
      let left = padding / 2
      return String(repeating: fill, count: left) + sign + body + String(repeating: fill, count: padding - left)
    case "=": return sign + String(repeating: fill, count: padding) + body
    default: return String(repeating: fill, count: padding) + sign + body
    }
  }
}
