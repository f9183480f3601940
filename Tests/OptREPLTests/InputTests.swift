import Testing

@testable import OptREPL

/// Pasted prompts, and when the lines typed make a whole entry.
struct InputTests {
  @Test func pastedPromptsAreStripped() {
    #expect(PastedPrompt.strip(">>> x = 1") == "x = 1")
    #expect(PastedPrompt.strip("...     return w") == "    return w")
    #expect(PastedPrompt.strip("...") == "")
    #expect(PastedPrompt.strip(">>>") == "")
    #expect(PastedPrompt.strip("... ") == "")
    #expect(PastedPrompt.strip("x = 1") == "x = 1")
    #expect(PastedPrompt.strip("    >>> x") == "    >>> x")
    #expect(PastedPrompt.strip("...x") == "...x")
    // Only one prompt goes.
    #expect(PastedPrompt.strip(">>> >>> x") == ">>> x")
  }

  func entry(_ lines: [String]) -> (String?, Int) {
    var pending: [String] = []
    for (i, line) in lines.enumerated() {
      if let whole = REPL.addLine(line, to: &pending) { return (whole, i) }
    }
    return (nil, lines.count)
  }

  @Test func aSimpleLineIsWhole() {
    #expect(entry(["x = 1"]).0 == "x = 1")
    #expect(entry([":help"]).0 == ":help")
    #expect(entry(["?sqrt"]).0 == "?sqrt")
  }

  @Test func aBlankFirstLineIsSkipped() {
    let (whole, at) = entry(["", "   ", "1+1"])
    #expect(whole == "1+1")
    #expect(at == 2)
  }

  @Test func aBlockGoesOnUntilABlankLine() {
    let (whole, at) = entry(["def f(x):", "    return x", "", "never"])
    #expect(whole == "def f(x):\n    return x\n")
    #expect(at == 2)
  }

  @Test func anOpenBracketGoesOn() {
    let (whole, at) = entry(["a = [1,", "2]"])
    #expect(whole == "a = [1,\n2]")
    #expect(at == 1)
  }

  @Test func twoBlankLinesEndAnEntryThatIsStillOpen() {
    let (whole, at) = entry(["a = [1,", "", ""])
    #expect(whole == "a = [1,\n\n")
    #expect(at == 2)
  }

  @Test func helpSuffixNames() {
    #expect(REPL.isDottedName("np.sqrt"))
    #expect(REPL.isDottedName("adam"))
    #expect(!REPL.isDottedName("1+x"))
    #expect(!REPL.isDottedName("np."))
  }
}
