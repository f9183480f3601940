import Testing

@testable import OptLang

/// The prelude loads when a program first uses a name it defines (see
/// `Prelude.loadWhenUsed`), and a program sees the same built-ins as if it
/// had loaded at start-up.
@Suite struct PreludeTests {
  func quietInterpreter() -> (Interpreter, () -> String) {
    final class Sink: @unchecked Sendable { var text = "" }
    let sink = Sink()
    return (Interpreter(output: { sink.text += $0 }), { sink.text })
  }

  @Test func aProgramThatUsesNoneOfThePreludeLeavesItUnloaded() throws {
    let (interpreter, _) = quietInterpreter()
    try interpreter.run("x = [1, 2]\nprint(sum(x) + len(x))", name: "<test>")
    #expect(interpreter.runtime.globals.pending != nil)
  }

  @Test(
    "the first use of a prelude name loads it",
    arguments: [
      "print(adam)", "def f():\n    return sgd\n", "print(type(adam))", "adam = 3",
      "for r in [adagrad]:\n    pass\n",
    ])
  func firstUseLoads(source: String) throws {
    let (interpreter, _) = quietInterpreter()
    try interpreter.run(source, name: "<test>")
    #expect(interpreter.runtime.globals.pending == nil)
  }

  @Test func namesReadFromTheTextAreExactlyTheNamesLoadingDefines() throws {
    let interpreter = Interpreter(output: { _ in })
    let before = Set(interpreter.runtime.globals.names)
    interpreter.runtime.globals.pending = nil
    try Prelude.load(into: interpreter)
    let defined = Set(interpreter.runtime.globals.names).subtracting(before)
      .filter { !Namespace.isPrivate($0) }
    #expect(defined == Prelude.definedNames)
  }

  @Test func listingNamesLoadsThePreludeFirst() {
    let (interpreter, _) = quietInterpreter()
    #expect(interpreter.completions(for: "ada").contains("adam"))
    let (other, _) = quietInterpreter()
    #expect(other.runtime.builtins["rmsprop"] != nil)
  }

  @Test func aLearnersDefinitionMadeBeforeTheFirstUseStillWins() throws {
    let (interpreter, printed) = quietInterpreter()
    try interpreter.run("def sgd(eta=0.1):\n    return 'mine'\n\nprint(sgd())\nprint(adam)", name: "<test>")
    #expect(printed().hasPrefix("mine\n<rule adam"))
    interpreter.reset()
    try interpreter.run("print(sgd)", name: "<test>")
    #expect(printed().contains("<rule sgd"))
  }

  @Test func aCheckNamespaceSeesThePreludeOnFirstUse() throws {
    let (interpreter, printed) = quietInterpreter()
    let namespace = Namespace(prefix: "test:")
    try interpreter.run(SourceFile(name: "<check>", text: "print(adagrad)"), in: namespace)
    #expect(printed().hasPrefix("<rule adagrad"))
  }

  // MARK: reset looks only at slots that changed (`Globals.initialVersions`)

  @Test func resetPutsBackOnlyWhatChangedAndForgetsTheRest() throws {
    let (interpreter, printed) = quietInterpreter()
    try interpreter.run("x = 1\nsqrt = 3\nprint(adam is not None)", name: "<test>")
    interpreter.reset()
    try interpreter.run("print(sqrt(4))", name: "<test>")
    #expect(printed() == "True\n2\n")
    #expect(!interpreter.isDefined("x"))
    interpreter.reset()
    #expect(!interpreter.isDefined("x"))
  }

  @Test func aBuiltinDefinedLaterReachesPrivateSlotsAtTheNextReset() throws {
    let (interpreter, _) = quietInterpreter()
    let namespace = Namespace(prefix: "test:")
    try interpreter.run(SourceFile(name: "<t>", text: "y = sqrt"), in: namespace)
    let replacement = Value.number(42)
    interpreter.runtime.define("sqrt", replacement)
    interpreter.clear(namespace)
    #expect(interpreter.value(of: "sqrt", in: namespace).map { Value.identical($0, replacement) } == true)
  }

  @Test func aLoadWithNoRoomOnTheValueStackIsTriedAgainAtTheNextUse() throws {
    // As when a NameError's suggestions are listed at the bottom of a recursion
    // that has filled the value stack: the prelude's frame does not fit.
    let (interpreter, printed) = quietInterpreter()
    let runtime = interpreter.runtime
    let saved = runtime.sp
    runtime.sp = runtime.stackEnd
    runtime.globals.loadPending()
    runtime.sp = saved
    #expect(runtime.globals.pending != nil)
    try interpreter.run("print(adam)", name: "<test>")
    #expect(runtime.globals.pending == nil)
    #expect(printed().hasPrefix("<rule adam"))
  }
}
