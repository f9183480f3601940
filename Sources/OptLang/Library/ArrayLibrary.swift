import Foundation

/// numpy's array functions: making arrays from numbers, products and norms.
enum ArrayLibrary {
  static var builtins: [Builtin] {
    [
      Builtin(
        "array", "array(xs)", "A numeric array of the numbers in xs (a list, tuple, range or array).",
        parameters: ["xs"], .unary { .array(try Convert.array($0)) }),
      Builtin(
        "linspace", "linspace(start, stop, num=50)",
        "num evenly spaced numbers from start to stop, both included (numpy's formula: start + i*step, last = stop).",
        parameters: ["start", "stop", "num"],
        .general { args in
          try args.check(min: 2, max: 3, keywords: ["num"])
          let start = try args.number(0, "start")
          let stop = try args.number(1, "stop")
          let n = args.optional(2, "num") == nil ? 50 : try args.whole(2, "num")
          guard n >= 0 else { throw OptError(.valueError, "linspace() needs num >= 0, not \(n)") }
          try Runtime.checkLength(n, what: "linspace()")
          if n == 0 { return .array(NumArray([])) }
          if n == 1 { return .array(NumArray([start])) }
          let step = (stop - start) / Double(n - 1)
          var values = (0..<n).map { Double($0) * step + start }
          values[n - 1] = stop
          return .array(NumArray(values))
        }),
      Builtin(
        "arange", "arange(stop) or arange(start, stop, step=1)",
        "Evenly spaced numbers from start up to, not including, stop (numpy's length: ceil((stop-start)/step)).",
        .general { args in
          try args.check(min: 1, max: 3)
          let numbers = try (0..<args.count).map { try args.number($0, "bound") }
          let (start, stop, step) =
            numbers.count == 1
            ? (0, numbers[0], 1.0) : (numbers[0], numbers[1], numbers.count == 3 ? numbers[2] : 1)
          guard step != 0 else { throw OptError(.valueError, "arange() step must not be zero") }
          let count = Swift.max(0, ((stop - start) / step).rounded(.up))
          guard count.isFinite else { throw OptError(.valueError, "arange() bounds must be finite") }
          try Runtime.checkLength(count > 1e12 ? Int.max : Int(count), what: "arange()")
          // numpy's fill: the first two elements, then start + i*delta with
          // delta = (start + step) - start, the step as the array holds it.
          let n = Int(count)
          let second = start + step
          let delta = second - start
          return .array(NumArray((0..<n).map { $0 == 1 ? second : start + Double($0) * delta }))
        }),
      Builtin(
        "dot", "dot(a, b)",
        "The dot product of two 1-D arrays, the matrix product of 2-D ones (as a @ b), or a product with a number.",
        parameters: ["a", "b"],
        .binary { a, b in
          if a.asNumber != nil || b.asNumber != nil { return try Operators.binary(.multiply, a, b) }
          return try ArrayMath.matmul(try Convert.array(a, what: "dot()"), try Convert.array(b, what: "dot()"))
        }),
      Builtin(
        "matmul", "matmul(a, b)",
        "The matrix product a @ b (1-D operands are a row on the left, a column on the right).",
        parameters: ["a", "b"],
        .binary { a, b in
          try ArrayMath.matmul(try Convert.array(a, what: "matmul()"), try Convert.array(b, what: "matmul()"))
        }),
      Builtin(
        "append", "np.append(a, values)", "A new array: a followed by values.", parameters: ["a", "values"],
        .binary { a, b in
          let p = try Convert.array(a, what: "np.append()")
          let q = try b.asNumber.map { NumArray([$0]) } ?? Convert.array(b, what: "np.append()")
          try Runtime.checkLength(p.count + q.count)
          return .array(NumArray(p.storage + q.storage))
        }),
      Builtin(
        "copy", "copy(a)", "A copy of a (every value is already copied on assignment).", parameters: ["a"],
        .unary { $0 }),
    ]
  }

  static func length(_ v: Value, _ name: String) throws -> Int {
    guard let x = v.asNumber else {
      throw OptError(.typeError, "\(name)() needs a length, not \(v.typeNameWithArticle)")
    }
    let n = try Runtime.wholeNumber(x, what: "\(name)()'s length")
    guard n >= 0 else { throw OptError(.valueError, "\(name)() needs a length >= 0, not \(n)") }
    try Runtime.checkLength(n, what: "\(name)(\(n))")
    return n
  }

}
