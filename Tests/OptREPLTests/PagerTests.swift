import Testing

@testable import OptREPL

/// The pager that keeps a lesson's step within one screen.
@Suite struct PagerTests {
  final class Screen {
    var text = ""
    var asked = 0
  }

  @Test func itAsksAfterAScreenfulAndOnlyIfMoreFollows() {
    let screen = Screen()
    let pager = Pager(
      write: { screen.text += $0 },
      ask: {
        screen.asked += 1
        return true
      }, size: { (80, 10) })
    pager.startPage()
    // Eight lines fill a 10-row screen (one row each for the prompts after it): no question yet.
    pager.write((1...8).map { "line \($0)\n" }.joined())
    #expect(screen.asked == 0)
    pager.write("line 9\n")
    #expect(screen.asked == 1)
    #expect(screen.text.hasSuffix("line 9\n"))
  }

  @Test func longLinesCountAsTheRowsTheyWrapTo() {
    let screen = Screen()
    let pager = Pager(
      write: { screen.text += $0 },
      ask: {
        screen.asked += 1
        return true
      }, size: { (20, 10) })
    pager.startPage()
    pager.write(String(repeating: "x", count: 200) + "\nmore\n")  // ten rows, then more
    #expect(screen.asked == 1)
    #expect(screen.text == String(repeating: "x", count: 200) + "\nmore\n")
  }

  @Test func answeringAShowsTheRestWithoutAsking() {
    let screen = Screen()
    let pager = Pager(
      write: { screen.text += $0 },
      ask: {
        screen.asked += 1
        return false
      }, size: { (80, 6) })
    pager.startPage()
    pager.write((1...30).map { "\($0)\n" }.joined())
    #expect(screen.asked == 1)
    pager.startPage()
    pager.write((1...5).map { "\($0)\n" }.joined())
    #expect(screen.asked == 2)
  }
}
