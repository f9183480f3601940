import Foundation

/// The built-in functions and modules, installed into every runtime. Each
/// theme has its own file (math, sequences, arrays, random, modules); this
/// file holds the catalogue and the helpers they share.
public enum Library {
  /// Every built-in function, by its bare name; modules share these objects,
  /// so `np.sqrt is sqrt`. A static `let`: built once, safely, whichever
  /// thread makes the first interpreter.
  nonisolated(unsafe) static let catalogue: [String: Builtin] = Dictionary(
    uniqueKeysWithValues: (MathLibrary.builtins + SequenceLibrary.builtins + ArrayLibrary.builtins
      + RandomLibrary.builtins + Reductions.builtins + ArrayShapes.builtins + DictMembers.builtins
      + LinearAlgebra.builtins + Searching.builtins + TextFiles.builtins + GradCheck.builtins).map {
        ($0.name, $0)
      })

  static func install(into runtime: Runtime) {
    for name in bareNames {
      if let builtin = catalogue[name] { runtime.define(name, .function(builtin)) }
    }
    for (name, value) in constants { runtime.define(name, .number(value)) }
    for module in Modules.make() { runtime.register(module: module) }
  }

  static let constants: [(String, Double)] = [("pi", Double.pi), ("e", M_E), ("inf", .infinity), ("nan", .nan)]

  /// The built-ins available without a module prefix (SPEC §3's list and Python's usual ones).
  static let bareNames = [
    "print", "len", "range", "zip", "enumerate", "list", "tuple", "str", "float", "int", "round", "abs", "min",
    "max", "sum", "mean", "sqrt", "exp", "log", "log10", "log2", "sin", "cos", "tan", "tanh", "floor", "ceil", "pow",
    "maximum", "minimum", "sign", "isnan", "isfinite", "array", "zeros", "ones", "full", "linspace", "arange",
    "dot", "norm", "argmin", "argmax", "where", "format", "help", "seed", "rand", "randn", "uniform", "sorted",
    "reversed", "any", "all", "clip", "cumsum", "std", "var", "type", "bool", "repr", "dict",
    "gradcheck",
  ]

  /// Calls a built-in by name (used by array methods such as `a.sum()`).
  static func call(_ name: String, _ positional: [Value], runtime: Runtime) throws -> Value {
    guard let builtin = catalogue[name] else { throw OptError(.nameError, "no built-in named '\(name)'") }
    return try builtin.call(Arguments(positional, runtime: runtime, callee: name))
  }

  /// Makes a built-in applied element-wise: to a number, or to every element
  /// of an array (a list or tuple of numbers becomes an array, as in numpy).
  static func elementwise(_ name: String, _ doc: String, _ function: MathFunction1) -> Builtin {
    Builtin(
      name, "\(name)(x)", doc, parameters: ["x"],
      .unary { v in
        if case .number(let x) = v { return .number(function.apply(x)) }
        return try mapNumbers(consume v, name) { function.apply($0) }
      }, numeric1: function)
  }

  /// Makes a built-in of two numbers applied element-wise (a number pairs with every element).
  static func elementwise2(_ name: String, _ signature: String, _ doc: String, _ function: MathFunction2) -> Builtin {
    Builtin(
      name, signature, doc, parameters: ["x", "y"],
      .binary { a, b in
        if case .number(let x) = a, case .number(let y) = b { return .number(function.apply(x, y)) }
        return try zipNumbers(a, b, name) { function.apply($0, $1) }
      }, numeric2: function)
  }

  /// Applies `f` to a number, or element-wise to an array or list of numbers;
  /// an array temporary (held by nothing else) takes the results in place.
  static func mapNumbers(_ v: consuming Value, _ name: String, _ f: (Double) -> Double) throws -> Value {
    if case .array = v { return .array(NumArray.mapped(consume v, f)) }
    switch v {
    case .number(let x): return .number(f(x))
    case .bool(let b): return .number(f(b ? 1 : 0))
    case .list, .tuple: return .array(try Convert.array(v, what: "\(name)()").map(f))
    default:
      throw OptError(.typeError, "\(name)() needs a number or an array, not \(v.typeNameWithArticle)")
    }
  }

  /// Combines two numbers or arrays element-wise, with numpy's broadcasting.
  static func zipNumbers(_ a: Value, _ b: Value, _ name: String, _ f: (Double, Double) -> Double) throws -> Value {
    if let x = a.asNumber, let y = b.asNumber { return .number(f(x, y)) }
    guard let p = try ArrayMath.operand(a), let q = try ArrayMath.operand(b) else {
      let bad = (try ArrayMath.operand(a)) == nil ? a : b
      throw OptError(.typeError, "\(name)() needs numbers or arrays, not \(bad.typeNameWithArticle)")
    }
    let shape = try Broadcast.checkedShape(p.shape, q.shape, "combine in \(name)()")
    return ArrayMath.wrap(Broadcast.combine(p, q, shape: shape, f))
  }

  /// `range(stop)`, `range(start, stop)`, `range(start, stop, step)`: whole numbers only.
  public static func makeRange(_ bounds: [Value]) throws -> RangeObject {
    let numbers = try bounds.map { v -> Double in
      guard let x = v.asNumber else {
        throw OptError(.typeError, "range() needs numbers, not \(v.typeNameWithArticle)")
      }
      _ = try Runtime.wholeNumber(x, what: "range()'s arguments")
      return x
    }
    switch numbers.count {
    case 1: return RangeObject(start: 0, stop: numbers[0], step: 1)
    case 2: return RangeObject(start: numbers[0], stop: numbers[1], step: 1)
    case 3:
      guard numbers[2] != 0 else { throw OptError(.valueError, "range() step must not be zero") }
      return RangeObject(start: numbers[0], stop: numbers[1], step: numbers[2])
    default:
      throw OptError(.typeError, "range() takes 1 to 3 arguments, but \(numbers.count) were given")
    }
  }

  /// `sorted(xs, key=None, reverse=False)` and `xs.sort(...)`: a stable
  /// merge sort, as Python's (Objects/listsort.txt), written out so that a
  /// comparison that fails or Ctrl-C stops it at once.
  static func sorted(_ items: [Value], _ args: Arguments) throws -> [Value] {
    let key = args.keyword("key")
    let reverse = try args.keyword("reverse").map { try Operators.truthy($0) } ?? false
    var keys = items
    if let key {
      for i in items.indices {
        if i & 0xFFF == 0 { try Interrupt.check() }
        keys[i] = try args.runtime.call(key, [items[i]])
      }
    }
    // Whether item i goes before item j; with `reverse` the order is turned
    // round but equal items keep their order, as in Python.
    func before(_ i: Int, _ j: Int) throws -> Bool {
      if case .number(let x) = keys[i], case .number(let y) = keys[j], !x.isNaN, !y.isNaN {
        return reverse ? x > y : x < y
      }
      let c = try Operators.ordering(keys[i], keys[j])
      return reverse ? c > 0 && c != 2 : c < 0
    }
    var order = Array(items.indices)
    var merged = order
    var comparisons = 0
    var width = 1
    while width < order.count {
      var start = 0
      while start < order.count {
        let middle = min(start + width, order.count)
        let end = min(start + 2 * width, order.count)
        var (i, j, k) = (start, middle, start)
        while i < middle && j < end {
          comparisons += 1
          if comparisons & 0xFFFF == 0 { try Interrupt.check() }
          if try before(order[j], order[i]) {
            merged[k] = order[j]
            j += 1
          } else {
            merged[k] = order[i]
            i += 1
          }
          k += 1
        }
        while i < middle {
          merged[k] = order[i]
          (i, k) = (i + 1, k + 1)
        }
        while j < end {
          merged[k] = order[j]
          (j, k) = (j + 1, k + 1)
        }
        start = end
      }
      swap(&order, &merged)
      width *= 2
    }
    return order.map { items[$0] }
  }

  /// `"{} and {:.2f}".format(a, b)`: positional fields, by order or by number.
  static func formatMethod(_ template: String, _ args: Arguments) throws -> String {
    var out = ""
    var chars = Array(template)[...]
    var nextIndex = 0
    while let c = chars.first {
      chars = chars.dropFirst()
      if c == "{" {
        if chars.first == "{" {
          out.append("{")
          chars = chars.dropFirst()
          continue
        }
        guard let close = chars.firstIndex(of: "}") else {
          throw OptError(.valueError, "'{' in the format string is never closed")
        }
        let field = String(chars[..<close])
        chars = chars[chars.index(after: close)...]
        let parts = field.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let name = parts.first.map(String.init) ?? ""
        let spec = parts.count > 1 ? String(parts[1]) : ""
        let value: Value
        if name.isEmpty {
          guard nextIndex < args.count else { throw OptError(.indexError, "format() has more fields than arguments") }
          value = args.positional[nextIndex]
          nextIndex += 1
        } else if name.allSatisfy({ $0.isASCII && $0.isNumber }), let k = Int(name) {
          guard k < args.count else { throw OptError(.indexError, "format() has no argument \(k)") }
          value = args.positional[k]
        } else if let v = args.keyword(name) {
          value = v
        } else {
          throw OptError(.valueError, "format() has no argument named '\(name)'")
        }
        out += try FormatSpec.format(value, spec: spec)
      } else if c == "}" {
        if chars.first == "}" { chars = chars.dropFirst() }
        out.append("}")
      } else {
        out.append(c)
      }
    }
    return out
  }

  /// numpy's pairwise summation (`pairwise_sum_DOUBLE` in numpy's loops): the
  /// same additions in the same order, so `np.sum` and `mean` agree with numpy
  /// to the last bit. numpy 2's reduction starts from 0.0 and adds the pairwise
  /// sum of every element (so the sum of `[-0.0]` is 0).
  static func numpySum(_ xs: [Double]) -> Double {
    xs.withUnsafeBufferPointer { numpySum($0) }
  }

  /// The same, of numbers in place.
  static func numpySum(_ xs: UnsafeBufferPointer<Double>) -> Double {
    guard let start = xs.baseAddress, !xs.isEmpty else { return 0 }
    return 0.0 + pairwiseSum(start, xs.count)
  }

  private static func pairwiseSum(_ a: UnsafePointer<Double>, _ n: Int) -> Double {
    if n < 8 {
      var result = -0.0
      for i in 0..<n { result += a[i] }
      return result
    }
    if n <= 128 {
      var r = (a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7])
      var i = 8
      while i < n - (n % 8) {
        r.0 += a[i]
        r.1 += a[i + 1]
        r.2 += a[i + 2]
        r.3 += a[i + 3]
        r.4 += a[i + 4]
        r.5 += a[i + 5]
        r.6 += a[i + 6]
        r.7 += a[i + 7]
        i += 8
      }
      var result = ((r.0 + r.1) + (r.2 + r.3)) + ((r.4 + r.5) + (r.6 + r.7))
      while i < n {
        result += a[i]
        i += 1
      }
      return result
    }
    var n2 = n / 2
    n2 -= n2 % 8
    return pairwiseSum(a, n2) + pairwiseSum(a + n2, n - n2)
  }
}
