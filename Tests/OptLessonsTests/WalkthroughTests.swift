import OptLang
import Testing

@testable import OptLessons

/// A walkthrough step by step: running cells once, going back, resuming in
/// a fresh session, and a cell that fails.
@Suite struct WalkthroughTests {
  static let text = """
    # %% [markdown]
    # # Counting
    #
    # Each cell adds one.

    # %%
    n = 1
    print("n is", n)

    # %%
    n = n + 1
    print("n is", n)

    # %% [markdown]
    # Now n is {{n}}.

    # %%
    n = n + 1
    print("n is", n)
    """

  func make() throws -> (Walkthrough, Interpreter, () -> String) {
    let lesson = try Lesson(name: "counting", path: "counting.opt", text: Self.text)
    let interpreter = Interpreter(output: { _ in })
    final class Box { var text = "" }
    let shown = Box()
    let walkthrough = Walkthrough(
      lesson: lesson, interpreter: interpreter, renderer: ProseRenderer(width: 60), write: { shown.text += $0 })
    return (
      walkthrough, interpreter,
      {
        defer { shown.text = "" }
        return shown.text
      }
    )
  }

  @Test func goingBackShowsAStepAgainWithoutRunningItAgain() throws {
    let (w, interpreter, take) = try make()
    guard case .shown = w.showNext() else {
      Issue.record("step 1")
      return
    }
    #expect(take().contains("n is 1"))
    _ = w.showNext()
    #expect(take().contains("n is 2"))
    #expect(w.showPrevious())
    #expect(take().contains("counting · 1/3"))
    _ = w.showNext()
    let again = take()
    #expect(again.contains("n is 2"), "step 2 is shown as it was")
    _ = w.showNext()
    let third = take()
    #expect(third.contains("Now n is 2."), "prose shows the value computed so far: \(third)")
    #expect(third.contains("n is 3"), "the code of step 2 ran once, not twice")
    guard case .finished = w.showNext() else {
      Issue.record("the end")
      return
    }
    #expect(w.isFinished)
    _ = interpreter
  }

  @Test func theFirstStepHasNothingBeforeIt() throws {
    let (w, _, _) = try make()
    #expect(!w.showPrevious())
    _ = w.showNext()
    #expect(!w.showPrevious())
  }

  @Test func catchingUpRunsTheEarlierCellsSilently() throws {
    let (w, _, take) = try make()
    try w.catchUp(to: 2)
    #expect(take() == "")
    #expect(w.position == 2)
    _ = w.showNext()
    #expect(take().contains("n is 3"))
  }

  @Test func restartingRunsTheCellsAgain() throws {
    let (w, _, take) = try make()
    while !w.isFinished { _ = w.showNext() }
    _ = take()
    w.restart()
    _ = w.showNext()
    #expect(take().contains("n is 1"))
  }

  @Test func aFailingCellShowsItsErrorAtTheLessonsLine() throws {
    let lesson = try Lesson(name: "bad", path: "bad.opt", text: "# %%\nx = 1\n\n# %%\ny = nosuch + 1\n")
    var shown = ""
    let w = Walkthrough(
      lesson: lesson, interpreter: Interpreter(output: { _ in }), renderer: ProseRenderer(), write: { shown += $0 })
    _ = w.showNext()
    guard case .failed(let error) = w.showNext() else {
      Issue.record("the second cell should fail")
      return
    }
    #expect(error.kind == .nameError)
    #expect(shown.contains("bad.opt:5:5: NameError"), "\(shown)")
  }
}
