import Foundation
import Glibc
import Testing

/// Issue 15, item 7: Ctrl-\ (SIGQUIT) and SIGTERM at the prompt end optrepl
/// quietly, and only optrepl: libedit passed them on to the whole process
/// group, so the shell script that started optrepl died too, and SIGQUIT
/// printed a crash report and waited 30 s.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct SignalTests {
  /// The processes whose parent is `pid` (from /proc).
  static func children(of pid: pid_t) -> [pid_t] {
    let text = (try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)) ?? ""
    return text.split(separator: " ").compactMap { pid_t($0) }
  }

  @Test func ctrlBackslashAtThePromptLeavesQuietly() throws {
    let home = try TerminalTests.Home()
    let t = try TerminalTests.start(home)
    t.type("x = 1\r")
    try t.expectPrompt()
    let pressed = Date()
    t.type("\u{1C}")
    let status = t.waitForExit(timeout: 5)
    #expect(status == 128 + SIGQUIT)
    #expect(Date().timeIntervalSince(pressed) < 3)
    let text = t.text()
    for word in ["crash", "Crash", "backtrace", "Fatal"] { #expect(!text.contains(word), "\(text)") }
    // The history was saved on the way out.
    #expect(try String(contentsOfFile: home.historyFile, encoding: .utf8).contains("x = 1"))
  }

  @Test func sigtermAtThePromptEndsOnlyOptrepl() throws {
    let home = try TerminalTests.Home()
    let binary = try Terminal.binaryPath()
    let t = try Terminal(
      executable: "/bin/sh", arguments: ["-c", "\"$0\"; echo \"the script goes on after status $?\"", binary],
      environment: home.environment)
    try t.expect("type :help for help, Ctrl-D to quit")
    try t.expectPrompt()
    let optrepl = try #require(Self.children(of: t.pid).first)
    kill(optrepl, SIGTERM)
    try t.expect("the script goes on after status 143", timeout: 5)
    #expect(t.waitForExit(timeout: 5) == 0)
  }

  // Item 15: long built-ins stop at Ctrl-C (a sort of 3·10^7 numbers, a
  // replace in 48 MB of text, a repeated tuple); they used to run to the end (the sort, for
  // minutes in an unoptimised build). The sort's limit allows for letting go
  // of its 3·10^7-element work arrays, unoptimised.
  @Test(arguments: [
    // Random numbers: a reversed list sorts in linear time (22 s for these, optimised).
    ("import numpy as np; xs = np.random.rand(30000000).tolist()", "ys = sorted(xs)", 10.0),
    ("s = 'ab' * 24000000", "t = s.replace('a', 'c')", 1.5),
    // Found by the fuzzer's grow mode: a repeated tuple ignored Ctrl-C. One repetition of 2·10^7
    // takes about 0.5 s in the (optimised) debug build and nothing between the calls looks for
    // Ctrl-C, so 23 of them run about 12 s to the end (on one line, inside 80 columns).
    (
      "def g(x): return (x * 20000000 != 1,)\ru = (1,)",
      "t = " + String(repeating: "g(", count: 23) + "u" + String(repeating: ")", count: 23), 5.0
    ),
  ])
  func ctrlCStopsALongBuiltIn(_ setUp: String, _ long: String, _ limit: Double) throws {
    let home = try TerminalTests.Home()
    let t = try TerminalTests.start(home)
    t.type(setUp + "\r")
    try t.expectPrompt(timeout: 60)
    t.type(long + "\r")
    try t.expect(long + "\n")
    Thread.sleep(forTimeInterval: 0.5)
    let pressed = Date()
    t.type(TerminalTests.ctrlC)
    try t.expect("KeyboardInterrupt", timeout: 10)
    let took = Date().timeIntervalSince(pressed)
    #expect(took < limit, "KeyboardInterrupt came \(took) s after Ctrl-C")
    try t.expectPrompt()
  }
}
