import Testing

@testable import OptLang

/// Dicts: the layout of `Value`, keys compared as Python compares them, and
/// copy-on-write (the golden programs `Programs/dicts_*.opt` cover the language).
@Suite struct DictTests {
  @Test func aValueStaysSixteenBytes() {
    #expect(MemoryLayout<Value>.stride == 16)
    #expect(MemoryLayout<Dict>.size == 8)
  }

  @Test func equalNumbersAreOneKey() throws {
    var d = Dict()
    d[try DictKey(.number(1))] = .str("number")
    d[try DictKey(.bool(true))] = .str("bool")
    d[try DictKey(.number(-0.0))] = .str("minus zero")
    d[try DictKey(.number(0))] = .str("zero")
    #expect(d.count == 2)
    #expect(Format.repr(.dict(d)) == "{1: 'bool', -0: 'zero'}")
    #expect(d[try DictKey(.tuple([.number(1), .str("a")]))] == nil)
  }

  @Test func unhashableKeysAreTypeErrors() {
    for v: Value in [.list([]), .array(NumArray([1])), .dict(Dict()), .tuple([.number(1), .list([])])] {
      #expect(throws: OptError.self) { try DictKey(v) }
    }
  }

  @Test func aCopyIsIndependentAndSharesStorageUntilWritten() throws {
    var a = Dict()
    a[try DictKey(.str("x"))] = .number(1)
    var b = a
    #expect(a.storage === b.storage)
    b[try DictKey(.str("x"))] = .number(2)
    #expect(a.storage !== b.storage)
    #expect(a[try DictKey(.str("x"))].flatMap(\.asNumber) == 1)
    #expect(b[try DictKey(.str("x"))].flatMap(\.asNumber) == 2)
  }

  @Test func removingKeepsTheOrderOfTheRest() throws {
    var d = Dict()
    for k in ["a", "b", "c", "d"] { d[try DictKey(.str(k))] = .str(k.uppercased()) }
    d[try DictKey(.str("b"))] = nil
    #expect(Format.repr(.dict(d)) == "{'a': 'A', 'c': 'C', 'd': 'D'}")
    #expect(d.position(of: try DictKey(.str("d"))) == 2)
  }

  @Test func aBadGradientChangesNothing() throws {
    let interpreter = Interpreter(output: { _ in })
    try interpreter.run(
      """
      opt = momentum(0.1)
      w = opt.step({"a": 1.0, "b": [2.0, 3.0]}, {"a": 1.0, "b": [1.0, 1.0]})
      """, name: "first")
    let before = try #require(interpreter.runtime.globals["opt"]).stateText
    // The bad leaf comes last: no leaf before it may move.
    #expect(throws: OptError.self) {
      try interpreter.run("opt.step(w, {'a': 1.0, 'b': [1.0, 'x']})", name: "bad")
    }
    #expect(throws: OptError.self) {
      try interpreter.run("opt.step(w, {'a': 1.0, 'b': [1.0]})", name: "short")
    }
    let opt = try #require(interpreter.runtime.globals["opt"])
    #expect(opt.stateText == before)
    #expect(before == "1 {'a': state(u=1), 'b': [state(u=1), state(u=1)]}")
  }
}

extension Value {
  /// An optimizer's step count and state, as the prompt shows them.
  fileprivate var stateText: String {
    guard case .object(let o) = self, let t = o.attribute("t"), let state = o.attribute("state") else { return "" }
    return Format.repr(t) + " " + Format.repr(state)
  }
}

@Suite struct DictInputTests {
  @Test func anOpenBraceContinuesTheEntry() {
    #expect(Interpreter.inputStatus("d = {'a': 1,\n") == .incomplete)
    #expect(Interpreter.inputStatus("d = {'a': 1,\n     'b': 2}\n") == .complete)
  }
}
