import Testing

@testable import OptLang

/// The member tables of the built-in types: every method checks its
/// arguments, every name listed works, and a changing method changes the
/// variable it is called on and nothing else.
struct MemberTests {
  /// One value of each type that has a table, as a program spells it.
  static let receivers = ["[3, 1, 2]", "(3, 1, 2)", "'a,b'", "np.array([[1.0, 2.0], [3.0, 4.0]])", "{'a': 1}"]

  /// The member names completion offers after `x.`, with `x` bound to `source`.
  func memberNames(_ source: String, in interpreter: Interpreter) throws -> [String] {
    try interpreter.run("import numpy as np\nx = \(source)\n", name: "m.opt")
    return interpreter.completions(for: "x.").map { String($0.dropFirst(2)) }
  }

  /// Methods that take any number of arguments, as Python's and numpy's do:
  /// `format` ignores the ones its text does not use; `reshape` and
  /// `transpose` read them as a shape or axes, and refuse 40 with a ValueError.
  static let variadic: Set = ["format", "reshape", "transpose"]

  @Test(arguments: receivers)
  func everyMethodRefusesTooManyArguments(_ source: String) throws {
    let interpreter = Interpreter(output: { _ in })
    let names = try memberNames(source, in: interpreter)
    #expect(names.count >= 2)
    for name in names where name != "format" {
      let call = "x = \(source)\nx.\(name)(" + Array(repeating: "0", count: 40).joined(separator: ", ") + ")\n"
      do {
        try interpreter.run(call, name: "m.opt")
        // A property (`a.shape`) is not callable: that is a TypeError too, so nothing may run.
        Issue.record("x.\(name)(0, ... 40 times) ran on \(source)")
      } catch let error as OptError {
        let refused =
          error.kind == .typeError || (error.kind == .attributeError && error.message.contains("in place"))
          || (Self.variadic.contains(name) && error.kind == .valueError)
        #expect(refused, "x.\(name)(40 arguments) on \(source): \(error.kind) \(error.message)")
      }
    }
  }

  @Test(arguments: receivers)
  func everyListedNameIsAnAttribute(_ source: String) throws {
    let interpreter = Interpreter(output: { _ in })
    for name in try memberNames(source, in: interpreter) {
      try interpreter.run("y = x.\(name)\n", name: "m.opt")
    }
  }

  @Test func aChangingMethodChangesTheVariableAndNotACopy() throws {
    var text = ""
    let interpreter = Interpreter(output: { text += $0 })
    try interpreter.run(
      """
      a = [3, 1]
      b = a
      a.append(2)
      a.sort()
      d = {'k': 1}
      e = d
      d.update(j=2)
      print(a, b, d, e, [5, 4].pop(), {'k': 1}.pop('k'))
      """, name: "m.opt")
    #expect(text == "[1, 2, 3] [3, 1] {'k': 1, 'j': 2} {'k': 1} 4 1\n")
  }

  @Test func aTupleNamesTheListForAChangingMethod() throws {
    let interpreter = Interpreter(output: { _ in })
    #expect(throws: OptError.self) { try interpreter.run("(1, 2).append(3)\n", name: "m.opt") }
    do { try interpreter.run("(1, 2).append(3)\n", name: "m.opt") } catch let error as OptError {
      #expect(error.kind == .attributeError)
      #expect(error.message.contains("make a list: list(t)"))
    }
  }
}
