import Foundation
import Testing

/// Issue 14, through the real binary in an 80×24 pseudo-terminal with colour
/// on: typing as in IPython (pastes, whole entries in the history, automatic
/// indentation, brackets, `_`, command prefixes, completion, colours, `:time`,
/// `?for`) and lessons that fit the terminal and say what they replace.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct TypingTests {
  typealias Home = TerminalTests.Home

  /// The home's environment with colour on (no NO_COLOR) and a UTF-8 locale.
  static func colorEnvironment(_ home: Home) -> [String: String] {
    var environment = home.environment
    environment["NO_COLOR"] = nil
    environment["LANG"] = "C.UTF-8"
    return environment
  }

  static func start(_ home: Home, color: Bool = true) throws -> Terminal {
    let t = try Terminal(environment: color ? colorEnvironment(home) : home.environment)
    try t.expect("type :help for help, Ctrl-D to quit")
    try t.expectPrompt()
    return t
  }

  static func raw(_ t: Terminal) -> String { String(decoding: t.output, as: UTF8.self) }

  /// Waits for the next pause of a lesson: the end of a step or a "more"
  /// inside one; returns which, consumed.
  static func nextPause(_ t: Terminal, also other: String? = nil, timeout: Double = 60) throws -> String {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      let rest = t.unconsumed
      if let other, rest.contains(other), !rest.contains("[Enter] next"), !rest.contains("more: Enter") {
        try t.expect(other)
        return other
      }
      let step = rest.range(of: "[Enter] next")
      let more = rest.range(of: "more: Enter")
      if let step, more == nil || step.lowerBound < more!.lowerBound {
        try t.expect("[Enter] next")
        return "[Enter] next"
      }
      if more != nil {
        try t.expect("more: Enter")
        return "more: Enter"
      }
      _ = try? t.expect("\u{0}", timeout: 0.2)
    }
    throw Terminal.Failure(description: "no pause came; the screen had:\n\(t.text())")
  }

  /// Waits for the end of a lesson's step, pressing Enter at each "more" inside it.
  static func expectStepEnd(_ t: Terminal, timeout: Double = 60) throws {
    while try nextPause(t, timeout: timeout) != "[Enter] next" { t.type("\r") }
  }

  static func paste(_ text: String) -> String { "\u{1B}[200~" + text + "\u{1B}[201~" }

  @Test func aPastedBlockIsOneEntryBlankLinesIncluded() throws {
    let t = try Self.start(Home())
    t.type(Self.paste("def g(a):\n    b = a + 1\n\n    return b * 10\n"))
    try t.expectPrompt()
    t.type("g(1)\r")
    try t.expectLine("20")
    // A pasted transcript runs its code and skips the output it shows.
    t.type(Self.paste(">>> x = 6\n>>> x * 7\n42\n>>> print('done')\ndone\n"))
    try t.expectLine("42")
    try t.expectLine("done")
    try t.expectPrompt()
    t.type("x\r")
    try t.expectLine("6")
  }

  @Test func aMultiLineEntryIsOneHistoryItemAndComesBackWhole() throws {
    let home = try Home()
    do {
      let t = try Self.start(home)
      t.type("def h(x):\r")
      try t.expectPrompt("... ")
      t.type("return x + 1\r")  // indented by itself
      try t.expectPrompt("... ")
      t.type("\r")
      try t.expectPrompt()
      t.type("h(1)\r")
      try t.expectLine("2")
      try t.expectPrompt()
      // Up twice: the whole def; Enter defines it again.
      t.type(TerminalTests.up + TerminalTests.up + "\r")
      try t.expectPrompt()
      t.type(":quit\r")
      #expect(t.waitForExit() == 0)
    }
    let saved = try String(contentsOfFile: home.historyFile, encoding: .utf8)
    #expect(saved.contains("def h(x):\\n    return x + 1\n"), "\(saved)")
    // Reloaded in a new session as one entry.
    let again = try Self.start(home)
    again.type(":reset\r")
    try again.expectPrompt()
    again.type(TerminalTests.up + TerminalTests.up + TerminalTests.up + "\r")
    try again.expectPrompt()
    again.type("h(41)\r")
    try again.expectLine("42")
  }

  @Test func blocksIndentAndDedentThemselvesAndBracketsContinue() throws {
    let t = try Self.start(Home())
    t.type("total = 0\r")
    try t.expectPrompt()
    t.type("for i in range(5):\r")
    try t.expectPrompt("... ")
    t.type("total += i\r")  // four spaces in, by itself
    try t.expectPrompt("... ")
    t.type("if i == 3:\r")  // the level is kept
    try t.expectPrompt("... ")
    t.type("break\r")  // eight spaces in
    try t.expectPrompt("... ")
    t.type("total += 100\r")  // back to four after `break`: runs for i = 0, 1, 2
    try t.expectPrompt("... ")
    t.type("\r")
    try t.expectPrompt()
    t.type("total\r")
    try t.expectLine("306")
    // An open bracket goes on, blank lines and all, until it is closed.
    t.type("(1 +\r")
    try t.expectPrompt("... ")
    t.type("\r")
    try t.expectPrompt("... ")
    t.type("\r")
    try t.expectPrompt("... ")
    t.type("2)\r")
    try t.expectLine("3")
  }

  @Test func underscorePrefixesTimeAndKeywordHelp() throws {
    let t = try Self.start(Home())
    t.type("3 + 4\r")
    try t.expectLine("7")
    t.type("_ * 2\r")
    try t.expectLine("14")
    t.type(":time sum(range(100))\r")
    try t.expectLine("4950")
    try t.expect("per loop (mean ± std. dev. of 7 runs,")
    try t.expectPrompt()
    t.type("?for\r")
    try t.expect("runs the indented block once for each item")
    try t.expectPrompt()
    t.type(":le\r")
    try t.expect("which-optimizer")
    try t.expectPrompt()
    t.type(":ex decay-1\r")
    try t.expect("Exercise decay-1")
    try t.expectPrompt()
  }

  @Test func tabCompletesKeywordArgumentsRecordFieldsAndHomePaths() throws {
    let home = try Home()
    FileManager.default.createFile(atPath: home.path + "/notes.opt", contents: Data("n = 1\n".utf8))
    let t = try Self.start(home)
    t.type("adam(et\t")
    try t.expect("adam(eta=")
    t.type("\u{15}")  // Ctrl-U
    t.type("o = adam(0.1)\r")
    try t.expectPrompt()
    t.type("o.step(1.0, 2.0)\r")
    try t.expectPrompt()
    t.type("o.state.\t\t")
    try t.expect("o.state.vmax")
    t.type("\u{15}:load ~/no\t")
    try t.expect("~/notes.opt")
    t.type("\r")
    try t.expect("loaded")
  }

  @Test func theLineEnteredIsColouredOnlyWithColourOn() throws {
    let t = try Self.start(Home())
    t.type("for x in [1]: print(x, 'a')\r")
    try t.expectLine("1 a")
    let raw = Self.raw(t)
    #expect(
      raw.contains("\u{1B}[35mfor\u{1B}[0m x \u{1B}[35min\u{1B}[0m [\u{1B}[36m1\u{1B}[0m]"), "\(raw.debugDescription)")
    #expect(raw.contains("\u{1B}[32m'a'\u{1B}[0m"))
    let plain = try Self.start(Home(), color: false)
    plain.type("for x in [1]: print(x)\r")
    try plain.expectLine("1")
    #expect(!Self.raw(plain).contains("\u{1B}[35m"))
  }

  @Test func aLessonPromptHasNoLiteralEscapesAndEveryLineFits() throws {
    let t = try Self.start(Home())
    t.type(":lesson gd-momentum-nag\r")
    // Step after step (Enter also goes on where a long step pauses inside).
    // Every step to the end, where the contour and the plot of the errors are.
    while try Self.nextPause(t, also: "End of gd-momentum-nag", timeout: 120) != "End of gd-momentum-nag" {
      t.type("\r")
    }
    try t.expectPrompt()
    let screen = t.text()
    #expect(!screen.contains("[2m") && !screen.contains("[0m"), "a literal escape was shown")
    // What optrepl lays out itself fits: plots (braille and frames) and code
    // (what a cell prints is the program's own).
    func laidOut(_ line: Substring) -> Bool {
      line.hasPrefix("  │ ")
        || line.unicodeScalars.contains { (0x2800...0x28FF).contains($0.value) || "┌┐└┘".unicodeScalars.contains($0) }
    }
    let plotLines = screen.split(separator: "\n").filter(laidOut)
    #expect(
      plotLines.contains { $0.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) } }, "a plot was shown")
    let long = plotLines.filter { $0.count > 80 }
    #expect(long.isEmpty, "lines wider than the terminal: \(long)")
  }

  @Test func aStepLongerThanTheScreenPausesInside() throws {
    let t = try Self.start(Home())
    t.type("for i in range(5): pass\r")
    try t.expectPrompt()
    t.type(":lesson which-optimizer\r")
    try t.expect("── more: Enter · a shows the rest of this step ──", timeout: 60)
    // Between the start of the step and the pause, at most a screenful.
    let shown = t.text().components(separatedBy: ":lesson which-optimizer").last ?? ""
    let before = shown.components(separatedBy: "── more").first ?? ""
    #expect(before.split(separator: "\n", omittingEmptySubsequences: false).count <= 24, "\(before)")
    t.type("a\r")
    try t.expect("[Enter] next", timeout: 60)
    t.type("q\r")
    try t.expectPrompt()
  }

  @Test func anExerciseSaysWhatItReplacedAndVarsKeepsTheLearnersApart() throws {
    let t = try Self.start(Home())
    t.type("X = 5\r")
    try t.expectPrompt()
    t.type("mine = 1\r")
    try t.expectPrompt()
    t.type(":exercise bias-1\r")
    try t.expect("(this replaced your `X`: it holds the lesson's value now)")
    try t.expectPrompt()
    // :check before the function exists says what to define.
    t.type(":check\r")
    try t.expect("define `corrected_ema` first")
    try t.expectPrompt()
    // The solution opens only after a check has run on an answer.
    t.type(":solution\r")
    try t.expect("The solution opens once you have tried")
    try t.expectPrompt()
    t.type(Self.paste("def corrected_ema(xs, beta):\n    return xs\n"))
    try t.expectPrompt()
    t.type(":check\r")
    try t.expect("bias-1 is not right yet")
    try t.expectPrompt()
    t.type(":solution\r")
    try t.expect("A solution to bias-1:")
    try t.expectPrompt()
    t.type(":vars\r")
    try t.expect("mine")
    try t.expect("From lessons and exercises:")
    try t.expect("X ")
    try t.expectPrompt()
  }
}
