import Foundation

/// How values print: numbers as the shortest text that reads back to the same
/// Float64 (Python's `repr` of a float), whole numbers below 1e15 without a
/// fraction; lists, tuples and strings as Python prints them; arrays as
/// `array([1, 2.5])` (`ArrayFormat`).
public enum Format {
  /// Text of a number by the printing rule of SPEC §3.
  public static func number(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x < 0 ? "-inf" : "inf" }
    if x == x.rounded(.towardZero) && abs(x) < 1e15 {
      if x == 0 { return x.sign == .minus ? "-0" : "0" }
      return String(Int64(x))
    }
    return shortestRepr(x)
  }

  /// Python's `repr(float)`: the shortest round-trip digits, in positional
  /// notation when the decimal exponent is in [-4, 16), else scientific.
  public static func shortestRepr(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x < 0 ? "-inf" : "inf" }
    // Swift's description gives the shortest round-trip digits; re-lay them out.
    let (negative, digits, pointPosition) = decimalDigits(x)
    let sign = negative ? "-" : ""
    if digits == "0" { return sign + "0.0" }
    let exponent = pointPosition - 1
    if pointPosition > 16 || pointPosition <= -4 {
      var mantissa = String(digits.first!)
      if digits.count > 1 { mantissa += "." + digits.dropFirst() }
      let expSign = exponent < 0 ? "-" : "+"
      let expDigits = String(abs(exponent))
      return sign + mantissa + "e" + expSign + (expDigits.count < 2 ? "0" + expDigits : expDigits)
    }
    if pointPosition <= 0 {
      return sign + "0." + String(repeating: "0", count: -pointPosition) + digits
    }
    if pointPosition >= digits.count {
      return sign + digits + String(repeating: "0", count: pointPosition - digits.count) + ".0"
    }
    let index = digits.index(digits.startIndex, offsetBy: pointPosition)
    return sign + digits[..<index] + "." + digits[index...]
  }

  /// The shortest round-trip significant digits of `x` and where the decimal
  /// point goes: `x = 0.DIGITS × 10^pointPosition`.
  static func decimalDigits(_ x: Double) -> (negative: Bool, digits: String, pointPosition: Int) {
    var text = abs(x).description
    let negative = x.sign == .minus
    var exponent = 0
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      exponent = Int(text[text.index(after: e)...])!
      text = String(text[..<e])
    }
    var intPart = text
    var fracPart = ""
    if let dot = text.firstIndex(of: ".") {
      intPart = String(text[..<dot])
      fracPart = String(text[text.index(after: dot)...])
    }
    var digits = intPart + fracPart
    var point = intPart.count + exponent
    while digits.hasPrefix("0") && digits.count > 1 {
      digits.removeFirst()
      point -= 1
    }
    while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
    if digits == "0" { point = 1 }
    return (negative, digits, point)
  }

  /// The text `print` writes: strings raw, everything else as `repr`.
  public static func str(_ v: Value) -> String {
    if case .string(let s) = v { return s.value }
    return repr(v)
  }

  /// The text the prompt shows for a value.
  public static func repr(_ v: Value) -> String {
    var out = ""
    write(v, into: &out, depth: 0)
    return out
  }

  static func write(_ v: Value, into out: inout String, depth: Int) {
    if depth > 50 {
      out += "..."
      return
    }
    switch v {
    case .number(let x): out += number(x)
    case .bool(let b): out += b ? "True" : "False"
    case .none: out += "None"
    case .string(let s): out += quoted(s.value)
    case .list(let items):
      out += "["
      writeItems(items, into: &out, depth: depth)
      out += "]"
    case .tuple(let items):
      out += "("
      writeItems(items, into: &out, depth: depth)
      out += items.count == 1 ? ",)" : ")"
    case .array(let a): out += ArrayFormat.repr(a)
    case .dict(let d): writeDict(d, into: &out, depth: depth)
    case .function(let f): out += f.repr
    case .object(let o): out += o.repr
    case .unbound: out += "<unbound>"
    }
  }

  /// The items of a list or tuple, separated by commas. Printing ten million
  /// of them takes seconds: on Ctrl-C (checked every 4,096 items) the text stops at "...", and `str`,
  /// `repr`, `print` and the prompt's echo raise the KeyboardInterrupt.
  private static func writeItems(_ items: [Value], into out: inout String, depth: Int) {
    for (i, item) in items.enumerated() {
      if i > 0 { out += ", " }
      if i & 0xFFF == 0xFFF && Interrupt.requested {
        out += "..."
        return
      }
      write(item, into: &out, depth: depth + 1)
    }
  }

  /// A string in quotes, escaped as Python's `repr` does.
  public static func quoted(_ s: String) -> String {
    let quote: Character = s.contains("'") && !s.contains("\"") ? "\"" : "'"
    var out = String(quote)
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      default:
        if Character(scalar) == quote {
          out += "\\" + String(quote)
        } else if scalar.value < 0x20 || scalar.value == 0x7F {
          out += String(format: "\\x%02x", scalar.value)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out.append(quote)
    return out
  }
}
