import Testing

@testable import OptLang

/// The exact text of rendered errors (SPEC §8): for a runtime error the chain
/// of calls, outermost first; then `file:line:column: Kind: message`; the
/// source line under a gutter with its number; a caret under the span; and
/// the hint. The layout is the renderer's design (OptError.render); the
/// places were counted by hand in the sources below, and every message was
/// read for whether it tells a learner what is wrong.
@Suite struct ErrorRenderingTests {
  /// The rendered error `source` fails with, without colour.
  func rendered(_ source: String, name: String = "lesson.opt") throws -> String {
    let error = try #require(Opt.error(source, name: name))
    return error.description
  }

  @Test func nameErrorInAFunctionWithTheChainAndAHint() throws {
    let source = """
      def step(w, g, learning_rate):
          return w - learning_rat * g
      w = step(1.0, 2.0, 0.1)
      """
    #expect(
      try rendered(source) == """
        Call chain (most recent call last):
          lesson.opt:3:5 in <module>
        lesson.opt:2:16: NameError: name 'learning_rat' is not defined
           |
         2 |     return w - learning_rat * g
           |                ^^^^^^^^^^^^
          hint: did you mean 'learning_rate'?

        """)
  }

  @Test func aChainThroughSeveralFunctions() throws {
    let source = """
      def grad(w, x):
          return w * x[5]

      def step(w, xs):
          return w - 0.1 * grad(w, xs)

      def train(w):
          xs = [1, 2, 3]
          for i in range(2):
              w = step(w, xs)
          return w

      train(1)
      """
    #expect(
      try rendered(source, name: "chain.opt") == """
        Call chain (most recent call last):
          chain.opt:13:1 in <module>
          chain.opt:10:13 in train
          chain.opt:5:22 in step
        chain.opt:2:16: IndexError: index 5 is out of range for a list of length 3 (valid indexes are 0 to 2, or -3 to -1)
           |
         2 |     return w * x[5]
           |                ^^^^

        """)
  }

  @Test func runawayRecursionFoldsTheRepeatedCalls() throws {
    let source = """
      def down(n):
          return down(n + 1)
      down(0)
      """
    // 1000 nested calls are allowed: the call that would be the 1001st fails;
    // the 999 calls of down from down before it are shown 3 times and counted.
    #expect(
      try rendered(source, name: "deep.opt") == """
        Call chain (most recent call last):
          deep.opt:3:1 in <module>
          deep.opt:2:12 in down
          deep.opt:2:12 in down
          deep.opt:2:12 in down
          ... the same call 996 more times
        deep.opt:2:12: RecursionError: maximum recursion depth exceeded (1000 nested calls)
           |
         2 |     return down(n + 1)
           |            ^^^^^^^^^^^
          hint: a function that calls itself needs a case that stops the recursion

        """)
  }

  @Test func unboundLocal() throws {
    let source = """
      count = 0
      def bump():
          count = count + 1
          return count
      bump()
      """
    #expect(
      try rendered(source, name: "bump.opt") == """
        Call chain (most recent call last):
          bump.opt:5:1 in <module>
        bump.opt:3:13: UnboundLocalError: the local variable 'count' is used before it is given a value
           |
         3 |     count = count + 1
           |             ^^^^^
          hint: assign it first; a name assigned anywhere in a function is local to the whole function \
        (declare it 'global' to use the global one)

        """)
  }

  @Test func missingColon() throws {
    let source = "for i in range(3)\n    print(i)\n"
    #expect(
      try rendered(source, name: "loop.opt") == """
        loop.opt:1:18: SyntaxError: expected ':' to start the body of the for, but found the end of the line
           |
         1 | for i in range(3)
           |                  ^
          hint: a 'for' line ends with ':'

        """)
  }

  @Test func unclosedBracketAtItsOpener() throws {
    let source = "xs = [1, 2,\n      3, 4\nprint(xs)\n"
    #expect(
      try rendered(source, name: "list.opt") == """
        list.opt:1:6: SyntaxError: '[' was never closed
           |
         1 | xs = [1, 2,
           |      ^
          hint: every '[' needs a matching ']'

        """)
  }

  @Test func unterminatedString() throws {
    #expect(
      try rendered("print(\"hello)\n", name: "s.opt") == """
        s.opt:1:7: SyntaxError: this string is not closed before the end of the line
           |
         1 | print("hello)
           |       ^^^^^^^
          hint: end it with the same quote it starts with, on the same line

        """)
  }

  @Test func typeErrorWithAHint() throws {
    let source = "loss = 0.25\nprint(\"loss: \" + loss)\n"
    #expect(
      try rendered(source, name: "t.opt") == """
        t.opt:2:7: TypeError: cannot use '+' on a string and a number
           |
         2 | print("loss: " + loss)
           |       ^^^^^^^^^^^^^^^
          hint: convert the number with str(x), or use an f-string

        """)
  }

  @Test func twoDigitLineNumbersWidenTheGutter() throws {
    let source = String(repeating: "# a comment\n", count: 8) + "xs = [1, 2, 3]\nprint(xs[3])\n"
    #expect(
      try rendered(source, name: "g.opt") == """
        g.opt:10:7: IndexError: index 3 is out of range for a list of length 3 (valid indexes are 0 to 2, or -3 to -1)
            |
         10 | print(xs[3])
            |       ^^^^^

        """)
  }

  @Test func aSpanOverSeveralLinesIsUnderlinedToTheEndOfItsFirstLine() throws {
    let source = "total = len(\n    5)\n"
    #expect(
      try rendered(source, name: "m.opt") == """
        m.opt:1:9: TypeError: a number has no length
           |
         1 | total = len(
           |         ^^^^

        """)
  }

  @Test func aLongLineIsShownAsAWindowAroundTheCaret() throws {
    // 334 characters; the window is 100 characters from 30 before the caret,
    // with "…" where the line is cut.
    let long = "total = " + String(repeating: "1 + ", count: 40) + "xs[99]" + String(repeating: " + 1", count: 40)
    let source = "xs = [1, 2, 3]\n" + long + "\n"
    #expect(
      try rendered(source, name: "w.opt") == """
        w.opt:2:169: IndexError: index 99 is out of range for a list of length 3 (valid indexes are 0 to 2, or -3 to -1)
           |
         2 | …+ 1 + 1 + 1 + 1 + 1 + 1 + 1 + xs[99] + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1…
           |                                ^^^^^^

        """)
  }

  @Test func tabsInTheShownLineBecomeSpacesSoTheCaretLinesUp() throws {
    #expect(
      try rendered("if True:\n\tprint(xs_undefined)\n", name: "tab.opt") == """
        tab.opt:2:8: NameError: name 'xs_undefined' is not defined
           |
         2 |  print(xs_undefined)
           |        ^^^^^^^^^^^^

        """)
  }

  @Test func assertionMessages() throws {
    let source = """
      loss_before = 1.0
      loss_after = 1.5
      assert loss_after < loss_before, "loss must decrease"
      """
    #expect(
      try rendered(source, name: "a.opt") == """
        a.opt:3:8: AssertionError: loss must decrease
           |
         3 | assert loss_after < loss_before, "loss must decrease"
           |        ^^^^^^^^^^^^^^^^^^^^^^^^

        """)
    #expect(Opt.error("assert 1 == 2\n")?.message == "assertion failed")
  }

  @Test func anErrorWithoutAPlaceIsTheHeadingAndTheHint() {
    let error = OptError(.valueError, "something is off", hint: "try again")
    #expect(error.description == "ValueError: something is off\n  hint: try again\n")
    #expect(OptError(.osError, "cannot open 'x.opt'").description == "OSError: cannot open 'x.opt'\n")
  }

  @Test func aStyleMarksTheKindTheMessageTheCaretAndTheHint() {
    let file = SourceFile(name: "c.opt", text: "y = x + 1\n")
    let error = OptError(
      .nameError, "name 'x' is not defined", at: SourceRange(file: file, start: 4, end: 5),
      hint: "did you mean 'y'?")
    func mark(_ name: String) -> MessageStyle.Mark { MessageStyle.Mark(before: "<\(name)>", after: "</\(name)>") }
    let style = MessageStyle(
      errorKind: mark("kind"), warningKind: mark("warn"), message: mark("msg"), hintLabel: mark("label"),
      caret: mark("caret"))
    #expect(
      error.render(style)
        == "c.opt:1:5: <kind>NameError</kind>: <msg>name 'x' is not defined</msg>\n"
        + "   |\n"
        + " 1 | y = x + 1\n"
        + "   |     <caret>^</caret>\n"
        + "  <label>hint:</label> did you mean 'y'?\n")
    let warning = Warning("w diverged", at: nil, hint: "a smaller eta")
    #expect(
      warning.render(style) == "<warn>warning</warn>: <msg>w diverged</msg>\n  <label>hint:</label> a smaller eta\n")
    #expect(error.render() == error.description)
    #expect(warning.render() == "warning: w diverged\n  hint: a smaller eta\n")
  }
}
