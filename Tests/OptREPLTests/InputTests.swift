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

  /// An open bracket goes on, blank lines and all, until it is closed (Ctrl-C abandons it).
  @Test func blankLinesDoNotEndAnEntryWhoseBracketIsOpen() {
    let (whole, at) = entry(["a = [1,", "", "", "2]"])
    #expect(whole == "a = [1,\n\n\n2]")
    #expect(at == 3)
  }

  @Test func theNextLineIsIndentedAfterAColonAndDedentedAfterReturn() {
    #expect(REPL.indentation(after: []) == "")
    #expect(REPL.indentation(after: ["def f(x):"]) == "    ")
    #expect(REPL.indentation(after: ["def f(x):", "    y = x"]) == "    ")
    #expect(REPL.indentation(after: ["def f(x):", "    if x:"]) == "        ")
    #expect(REPL.indentation(after: ["def f(x):", "    if x:", "        return 1"]) == "    ")
    #expect(REPL.indentation(after: ["for i in r:", "    pass  # done"]) == "")
    #expect(REPL.indentation(after: ["f(1,"]) == "")
  }

  @Test func aPastedTranscriptKeepsItsCodeAndDropsItsOutput() {
    #expect(
      PastedPrompt.code(ofPaste: ">>> x = 2\n>>> x * 3\n6\n>>> def f():\n...     return 1\n...\n")
        == "x = 2\nx * 3\ndef f():\n    return 1\n")
    #expect(PastedPrompt.code(ofPaste: "def g():\n\n    return 2\n") == "def g():\n\n    return 2\n")
  }

  @Test func helpSuffixNames() {
    #expect(REPL.isDottedName("np.sqrt"))
    #expect(REPL.isDottedName("adam"))
    #expect(!REPL.isDottedName("1+x"))
    #expect(!REPL.isDottedName("np."))
  }
}
