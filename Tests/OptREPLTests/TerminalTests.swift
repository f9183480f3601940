import Foundation
import Testing

/// The real `optrepl` in a pseudo-terminal: typing, editing, history, completion,
/// Ctrl-C and Ctrl-D as a learner meets them. Serialized: the Ctrl-C timings are
/// measured, and two cores are few.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct TerminalTests {
  /// A fresh home directory (the history file goes under it).
  final class Home {
    let path: String
    init() throws {
      path =
        FileManager.default.temporaryDirectory
        .appendingPathComponent("optrepl-pty-\(getpid())-\(UUID().uuidString)").path
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }

    var historyFile: String { path + "/state/optrepl/history" }
    var progressFile: String { path + "/data/optrepl/progress.json" }

    /// No LANG or LC_*: the REPL must manage UTF-8 on its own.
    var environment: [String: String] {
      [
        "PATH": "/usr/bin:/bin", "HOME": path, "XDG_STATE_HOME": path + "/state", "XDG_DATA_HOME": path + "/data",
        "TERM": "xterm", "NO_COLOR": "1",
      ]
    }
  }

  static let up = "\u{1B}[A"
  static let down = "\u{1B}[B"
  static let left = "\u{1B}[D"
  static let ctrlC = "\u{03}"
  static let ctrlD = "\u{04}"
  static let ctrlR = "\u{12}"

  /// Starts optrepl and waits for its banner and first prompt.
  static func start(_ home: Home) throws -> Terminal {
    let terminal = try Terminal(environment: home.environment)
    try terminal.expect("type :help for help, Ctrl-D to quit")
    try terminal.expectPrompt()
    return terminal
  }

  @Test func editingInTheMiddleOfTheLine() throws {
    let home = try Home()
    let t = try Self.start(home)
    // 1+2, cursor back before the '+', insert 0: 10+2.
    t.type("1+2" + Self.left + Self.left + "0\r")
    try t.expectLine("12")
    try t.expectPrompt()
  }

  @Test func multiLineBlockWithContinuationPrompt() throws {
    let home = try Home()
    let t = try Self.start(home)
    t.type("def f(x):\r")
    try t.expectPrompt("... ")
    t.type("return x*2\r")  // the line starts indented by itself
    try t.expectPrompt("... ")
    t.type("\r")
    try t.expectPrompt()
    t.type("f(21)\r")
    try t.expectLine("42")
  }

  @Test func historyIsKeptAcrossSessions() throws {
    let home = try Home()
    do {
      let first = try Self.start(home)
      first.type("40+2\r")
      try first.expectLine("42")
      try first.expectPrompt()
      first.type("7*7\r")
      try first.expectLine("49")
      try first.expectPrompt()
      first.type("a = 3\r")
      try first.expectPrompt()
      first.type(":quit\r")
      #expect(first.waitForExit() == 0)
    }
    let saved = try String(contentsOfFile: home.historyFile, encoding: .utf8)
    #expect(saved.contains("\n40+2\n7*7\na = 3\n:quit\n"))

    let second = try Self.start(home)
    // Up on an empty line: the newest entries, one by one.
    second.type(Self.up + Self.up + Self.up + "\r")
    try second.expectLine("49")
    try second.expectPrompt()
    // Up after a prefix: the newest entry starting with it.
    second.type("4" + Self.up + "\r")
    try second.expectLine("42")
    try second.expectPrompt()
    // Down past the newest match gives back what was typed.
    second.type("7" + Self.up + Self.down + "*8\r")
    try second.expectLine("56")
    try second.expectPrompt()
    // Ctrl-R: incremental search, back past the newest entry (7*8).
    // (libedit's search reads * and + in the pattern as regex operators.)
    second.type(Self.ctrlR + "40")
    second.type("\r")
    try second.expectLine("42")
    try second.expectPrompt()
    second.type(Self.ctrlD)
    #expect(second.waitForExit() == 0)
  }

  @Test func upOnAnEmptyLineIsNotStuckOnAnEarlierSearch() throws {
    let home = try Home()
    let t = try Self.start(home)
    t.type("40+2\r")
    try t.expectLine("42")
    try t.expectPrompt()
    t.type("1+1\r")
    try t.expectLine("2")
    try t.expectPrompt()
    // Search for "4", abandon it, then Up on an empty line: the newest entry.
    t.type("4" + Self.up)
    t.type(Self.ctrlC)
    try t.expect("^C")
    try t.expectPrompt()
    t.type(Self.up + "\r")
    try t.expectLine("2")
  }

  @Test func tabCompletesModuleMembersAndCommands() throws {
    let home = try Home()
    let t = try Self.start(home)
    t.type("import numpy as np\r")
    try t.expectPrompt()
    // np.sq is both sqrt and square: Tab lists them.
    t.type("np.sq\t")
    try t.expect("np.sqrt")
    try t.expect("np.square")
    t.type(Self.ctrlC)
    try t.expect("^C")
    try t.expectPrompt()
    t.type("np.sqr\t(16)\r")
    try t.expect("np.sqrt(16)")
    try t.expectLine("4")
    try t.expectPrompt()
    t.type(":rel\t\r")
    try t.expect("nothing to reload")
  }

  /// Presses Ctrl-C while a program runs; expects a KeyboardInterrupt within a
  /// second, then the prompt.
  func interruptRunningProgram(_ t: Terminal) throws {
    Thread.sleep(forTimeInterval: 0.3)
    let pressed = Date()
    t.type(Self.ctrlC)
    try t.expect("KeyboardInterrupt", timeout: 5)
    let took = Date().timeIntervalSince(pressed)
    #expect(took < 1.0, "KeyboardInterrupt came \(took) s after Ctrl-C")
    try t.expectPrompt()
  }

  @Test func ctrlCStopsARunningProgramAndKeepsTheSession() throws {
    let home = try Home()
    let t = try Self.start(home)
    t.type("y = 5\r")
    try t.expectPrompt()
    t.type("while True: x = 1\r")
    try t.expect("while True: x = 1\n")
    try interruptRunningProgram(t)
    t.type("x\r")
    try t.expectLine("1")
    try t.expectPrompt()
    t.type("y\r")
    try t.expectLine("5")
  }

  /// Issue 7: a `:time` of a long loop, interrupted with Ctrl-C, returns to the
  /// prompt with the session intact.
  @Test func ctrlCStopsATimedLoopAndKeepsTheSession() throws {
    let home = try Home()
    let t = try Self.start(home)
    t.type("def spin(n):\r")
    try t.expect("... ")
    t.type("total = 0\r")  // each line starts indented by itself
    t.type("for i in range(n): total += i\r")
    t.type("return total\r")
    t.type("\r")
    try t.expectPrompt()
    t.type("y = 7\r")
    try t.expectPrompt()
    t.type(":time spin(10**12)\r")
    try t.expect(":time spin(10**12)\n")
    try interruptRunningProgram(t)
    t.type("y + spin(4)\r")
    try t.expectLine("13")
  }

  /// Turning ten million numbers into text takes seconds; Ctrl-C stops it.
  @Test func ctrlCStopsTheTextOfAHugeList() throws {
    let home = try Home()
    let t = try Self.start(home)
    t.type("l = list(range(10000000))\r")
    try t.expectPrompt(timeout: 30)
    t.type("s = str(l)\r")
    try t.expect("s = str(l)\n")
    try interruptRunningProgram(t)
    t.type("len(l)\r")
    try t.expectLine("10000000")
  }

  @Test func ctrlCAbandonsAHalfTypedLine() throws {
    let home = try Home()
    let t = try Self.start(home)
    t.type("1+")
    try t.expect("1+")
    t.type(Self.ctrlC)
    try t.expect("^C")
    try t.expectPrompt()
    // Had "1+" survived, this would print 7.
    t.type("2*3\r")
    try t.expectLine("6")
    try t.expectPrompt()
    // In a block, Ctrl-C drops the lines typed so far.
    t.type("def g():\r")
    try t.expectPrompt("... ")
    t.type(Self.ctrlC)
    try t.expect("^C")
    try t.expectPrompt()
    t.type("g\r")
    try t.expect("NameError")
  }

  @Test func ctrlDOnAnEmptyLineExitsWithStatusZero() throws {
    let home = try Home()
    let t = try Self.start(home)
    t.type("1+1\r")
    try t.expectLine("2")
    try t.expectPrompt()
    t.type(Self.ctrlD)
    #expect(t.waitForExit() == 0)
    #expect(FileManager.default.fileExists(atPath: home.historyFile))
  }

  @Test func nonASCIINamesAreKept() throws {
    let home = try Home()
    let t = try Self.start(home)
    t.type("β = 0.9\r")
    try t.expectPrompt()
    t.type("β\r")
    try t.expectLine("0.9")
  }

  @Test func anErrorKeepsTheSession() throws {
    let home = try Home()
    let t = try Self.start(home)
    t.type("k = 10\r")
    try t.expectPrompt()
    t.type("undefined_thing + 1\r")
    try t.expect("NameError")
    try t.expectPrompt()
    t.type("k + 1\r")
    try t.expectLine("11")
  }

  @Test func pastedPromptsAreStripped() throws {
    let home = try Home()
    let t = try Self.start(home)
    t.type(">>> def h(n):\r")
    try t.expectPrompt("... ")
    t.type("...     return n + 1\r")
    try t.expectPrompt("... ")
    t.type("...\r")
    try t.expectPrompt()
    t.type(">>> h(1)\r")
    try t.expectLine("2")
  }
}
