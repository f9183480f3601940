import Foundation
import Testing

/// The lesson and exercise commands in the real REPL, in a pseudo-terminal:
/// walking a lesson with Enter, b and q, resuming it, and doing an exercise
/// with :exercise, :check, :hint and :solution.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct LessonTerminalTests {
  typealias Home = TerminalTests.Home

  static let pause = "[Enter] next · b back · q quit"

  @Test func aLessonGoesOnWithEnterBackWithBAndResumesWhereItWasLeft() throws {
    let home = try Home()
    let t = try TerminalTests.start(home)
    t.type(":lesson keras-decay\r")
    try t.expect("keras-decay · 1/")
    try TypingTests.expectStepEnd(t)
    t.type("\r")
    try t.expect("keras-decay · 2/")
    try TypingTests.expectStepEnd(t)
    // Code typed at the pause runs in the session, with the lesson's definitions.
    t.type("print(6 * 7)\r")
    try t.expectLine("42")
    // Back shows step 1 again; Enter then shows step 2 again, without running it twice.
    t.type("b\r")
    try t.expect("keras-decay · 1/")
    try TypingTests.expectStepEnd(t)
    t.type("\r")
    try t.expect("keras-decay · 2/")
    try TypingTests.expectStepEnd(t)
    t.type("q\r")
    try t.expect("Left keras-decay")
    try t.expectPrompt()
    let progress = try String(contentsOfFile: home.progressFile, encoding: .utf8)
    #expect(progress.contains("\"keras-decay\" : 2"), "\(progress)")
    // In the same session, :lesson goes on from the step after the last shown.
    t.type(":lesson keras-decay\r")
    try t.expect("keras-decay · 3/")
    try TypingTests.expectStepEnd(t)
    t.type("q\r")
    try t.expectPrompt()
    t.type(":quit\r")
    #expect(t.waitForExit() == 0)
    // A new session resumes from the progress file, running the earlier code first.
    let again = try TerminalTests.start(home)
    again.type(":lesson keras-decay\r")
    try again.expect("Resuming keras-decay at step 4")
    try again.expect("keras-decay · 4/")
    try TypingTests.expectStepEnd(again)
    again.type("q\r")
    try again.expectPrompt()
  }

  @Test func anExerciseIsCheckedHintedAndSolved() throws {
    let home = try Home()
    let t = try TerminalTests.start(home)
    t.type(":exercise decay-1\r")
    try t.expect("Exercise decay-1")
    try t.expect(":check grades it")
    try t.expectPrompt()
    // Nothing written yet: the check says what is missing.
    t.type(":check\r")
    try t.expect("define `my_time_decay` first")
    try t.expectPrompt()
    t.type(":hint\r")
    try t.expect("Hint 1 of")
    try t.expectPrompt()
    // A wrong answer, checked: now the solution opens.
    t.type("my_time_decay = lambda eta, decay: lambda k: eta\r")
    try t.expectPrompt()
    t.type(":check\r")
    try t.expect("decay-1 is not right yet")
    try t.expect("too high")
    try t.expectPrompt()
    t.type(":solution\r")
    try t.expect("A solution to decay-1:")
    try t.expectPrompt()
    t.type("def my_time_decay(eta, decay):\r")
    try t.expectPrompt("... ")
    t.type("return lambda k: eta / (1 + decay * k)\r")
    try t.expectPrompt("... ")
    t.type("\r")
    try t.expectPrompt()
    t.type(":check\r")
    try t.expect("✓ decay-1 passed")
    try t.expectPrompt()
    t.type(":exercises\r")
    try t.expect("✓ decay-1")
    try t.expectPrompt()
    let progress = try String(contentsOfFile: home.progressFile, encoding: .utf8)
    #expect(progress.contains("decay-1"))
  }

  @Test func theSolutionOpensOnlyAfterACheckRan() throws {
    let home = try Home()
    let t = try TerminalTests.start(home)
    t.type(":solution\r")
    try t.expect("no exercise chosen")
    try t.expectPrompt()
    t.type(":exercise decay-2\r")
    try t.expect("Exercise decay-2")
    try t.expectPrompt()
    t.type(":solution\r")
    try t.expect("The solution opens once you have tried")
    try t.expectPrompt()
    t.type(":exercise nosuch-9\r")
    try t.expect("there is no exercise 'nosuch-9'")
    try t.expectPrompt()
  }

  @Test func tabCompletesLessonNamesAndExerciseIDs() throws {
    let home = try Home()
    let t = try TerminalTests.start(home)
    t.type(":lesson keras-d\t")
    try t.expect("keras-decay")
    t.type("\u{15}")  // Ctrl-U: drop the line
    t.type(":exercise adagrad-\t\t")
    try t.expect("adagrad-2")
    t.type("\u{03}")
    try t.expectPrompt()
  }
}

/// `optrepl walk` on a terminal pauses between steps; piped, it never does.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct WalkTerminalTests {
  @Test func walkPausesOnATerminalAndQuitsWithQ() throws {
    let home = try TerminalTests.Home()
    let t = try Terminal(arguments: ["walk", "keras-decay"], environment: home.environment)
    try t.expect("keras-decay · 1/")
    try TypingTests.expectStepEnd(t)
    t.type("\r")
    try t.expect("keras-decay · 2/")
    try TypingTests.expectStepEnd(t)
    t.type("b\r")
    try t.expect("keras-decay · 1/")
    try TypingTests.expectStepEnd(t)
    t.type("q\r")
    #expect(t.waitForExit() == 0)
  }

  @Test func walkAllDoesNotPauseEvenOnATerminal() throws {
    let home = try TerminalTests.Home()
    let t = try Terminal(arguments: ["walk", "keras-decay", "--all"], environment: home.environment)
    #expect(t.waitForExit(timeout: 60) == 0)
    #expect(!t.text().contains(LessonTerminalTests.pause))
    #expect(t.text().contains("keras-decay · 2/"))
  }
}
