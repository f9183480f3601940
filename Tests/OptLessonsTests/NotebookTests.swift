import OptLang
import Testing

@testable import OptLessons

/// The percent format: cells, their kinds, and how a lesson is assembled from them.
@Suite struct NotebookTests {
  static let sample = """
    # %% [markdown]
    # # A tiny lesson
    #
    # It teaches *one* thing,
    # in two lines.

    # %%
    x = 1
    print(x)

    # %% [markdown]
    # Now an exercise.

    # %% [exercise tiny-1]
    # Set `y` to twice `x`.
    y = 0

    # %% [check]
    def check():
        check_close(y, 2 * x, "y")

    # %% [hint]
    # Use `x`.

    # %% [hint]
    # y = 2 * x

    # %% [solution]
    y = 2 * x

    # %%
    print("after")
    """

  @Test func cellsHaveTheirKindsAndLines() throws {
    let cells = try Notebook.cells(of: Self.sample)
    #expect(
      cells.map(\.kind) == [
        .markdown, .code, .markdown, .exercise(id: "tiny-1"), .check, .hint, .hint, .solution, .code,
      ])
    #expect(cells[1].text == "x = 1\nprint(x)")
    #expect(cells[1].firstLine == 8)
    // The code keeps the file's line numbers: line 8 of the program is `x = 1`.
    #expect(cells[1].codeInPlace.split(separator: "\n", omittingEmptySubsequences: false)[7] == "x = 1")
    #expect(cells[0].prose == "# A tiny lesson\n\nIt teaches *one* thing,\nin two lines.")
  }

  @Test func textBeforeTheFirstMarkerIsACodeCell() throws {
    let cells = try Notebook.cells(of: "a = 1\n# %%\nb = 2\n")
    #expect(cells.map(\.kind) == [.code, .code])
    #expect(cells[0].text == "a = 1")
    #expect(try Notebook.cells(of: "\n\n# %%\nb = 2\n").count == 1)
  }

  @Test func anUnknownCellKindIsAnErrorWithItsLine() {
    #expect(throws: Notebook.FormatError.self) { try Notebook.cells(of: "# %%\nx = 1\n# %% [slides]\n") }
    do {
      _ = try Notebook.cells(of: "# %%\nx = 1\n# %% [slides]\n")
    } catch let error as Notebook.FormatError {
      #expect(error.line == 3)
      #expect(error.message.contains("slides"))
    } catch {
      Issue.record("unexpected \(error)")
    }
    #expect(throws: Notebook.FormatError.self) { try Notebook.cells(of: "# %% [exercise]\n") }
  }

  @Test func aLessonHasTitleSummaryStepsAndExercises() throws {
    let lesson = try Lesson(name: "tiny", path: "tiny.opt", text: Self.sample)
    #expect(lesson.title == "A tiny lesson")
    #expect(lesson.summary == "It teaches *one* thing, in two lines.")
    // Steps: [title prose + code], [prose + exercise], [code].
    #expect(lesson.steps.count == 3)
    #expect(lesson.steps[0].prose.count == 1 && lesson.steps[0].code?.text == "x = 1\nprint(x)")
    #expect(lesson.steps[1].exercise?.id == "tiny-1")
    #expect(lesson.steps[2].code?.text == "print(\"after\")")
    let exercise = try #require(lesson.exercises.first)
    #expect(exercise.task == "Set `y` to twice `x`.")
    #expect(exercise.starter == "y = 0")
    #expect(exercise.hints == ["Use `x`.", "y = 2 * x"])
    #expect(exercise.solution.text == "y = 2 * x")
    #expect(exercise.setup.map(\.text) == ["x = 1\nprint(x)"])
    #expect(exercise.starterFile.hasPrefix("# Exercise tiny-1 (lesson tiny)\n#\n# Set `y` to twice `x`.\n\ny = 0\n"))
  }

  @Test func proseShowsValuesComputedByEarlierCells() throws {
    let text = """
      # %%
      lr = 0.003 / (1 + 0.0002)

      # %% [markdown]
      # After one update the rate is {{f"{lr:.7f}"}}, down from {{ 0.003 }}.
      # An unknown name is an error: {{nosuch}}.
      """
    let lesson = try Lesson(name: "p", path: "p.opt", text: text)
    let interpreter = Interpreter(output: { _ in })
    var shown = ""
    let walkthrough = Walkthrough(
      lesson: lesson, interpreter: interpreter, renderer: ProseRenderer(width: 200), write: { shown += $0 })
    _ = walkthrough.showNext()
    #expect(try walkthrough.interpolate("rate {{f\"{lr:.7f}\"}} from {{ 0.003 }}") == "rate 0.0029994 from 0.003")
    guard case .failed(let error) = walkthrough.showNext() else {
      Issue.record("an unknown name in prose should fail the step")
      return
    }
    #expect(error.kind == .nameError)
  }

  @Test func anExerciseWithoutCheckHintOrSolutionIsRejected() {
    let noHint = "# %% [exercise a-1]\nx = 0\n# %% [check]\ndef check():\n    pass\n# %% [solution]\nx = 1\n"
    #expect(throws: Notebook.FormatError.self) { try Lesson(name: "a", path: "a.opt", text: noHint) }
    let stray = "# %%\nx = 1\n# %% [hint]\n# a hint of nothing\n"
    #expect(throws: Notebook.FormatError.self) { try Lesson(name: "a", path: "a.opt", text: stray) }
    let twoChecks =
      "# %% [exercise a-1]\nx = 0\n# %% [check]\ndef check():\n    pass\n# %% [check]\ndef check():\n    pass\n"
      + "# %% [hint]\n# h\n# %% [solution]\nx = 1\n"
    #expect(throws: Notebook.FormatError.self) { try Lesson(name: "a", path: "a.opt", text: twoChecks) }
  }
}
