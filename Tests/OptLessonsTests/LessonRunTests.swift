import Foundation
import OptLang
import OptLessons
import Testing

/// Every shipped lesson runs as a plain script and as a walkthrough without
/// an error, and computes its key numbers. The expected values in
/// `KeyNumbers/NAME.txt` come from `KeyNumbers/NAME.py`, an independent
/// Python + numpy derivation, not from optrepl's output.
@Suite struct LessonRunTests {
  @Test func theLibraryHasTheIssuesLessonsInOrderWithoutProblems() {
    let library = LessonSupport.library
    #expect(library.problems == [])
    #expect(library.lessons.map(\.name) == LessonSupport.names)
    for lesson in library.lessons {
      #expect(!lesson.title.isEmpty && lesson.title != lesson.name, "\(lesson.name) has a title")
      #expect(!lesson.summary.isEmpty, "\(lesson.name) has a summary")
      #expect(lesson.steps.contains { $0.code != nil }, "\(lesson.name) has code")
      // Every lesson ends with a summary of what it showed.
      let lastProse = lesson.cells.last { $0.kind == .markdown }?.prose ?? ""
      #expect(lesson.cells.last?.kind == .markdown, "\(lesson.name) ends with prose")
      #expect(
        lastProse.hasPrefix("## Summary") || lastProse.hasPrefix("## What to remember"),
        "\(lesson.name) ends with a summary")
    }
  }

  @Test(arguments: LessonSupport.names)
  func runsAsAPlainScript(name: String) throws {
    guard let lesson = LessonSupport.library.lesson(named: name) else {
      Issue.record("there is no lesson \(name)")
      return
    }
    let (interpreter, _) = LessonSupport.interpreter()
    let text = try String(contentsOfFile: lesson.path, encoding: .utf8)
    try Interpreter.onLargeStack { try interpreter.run(text, name: lesson.path) }
  }

  @Test(arguments: LessonSupport.names)
  func walksThroughAndComputesItsKeyNumbers(name: String) throws {
    guard let lesson = LessonSupport.library.lesson(named: name) else {
      Issue.record("there is no lesson \(name)")
      return
    }
    let (interpreter, output) = LessonSupport.interpreter()
    var shown = ""
    let walkthrough = Walkthrough(
      lesson: lesson, interpreter: interpreter, renderer: ProseRenderer(width: 80), write: { shown += $0 })
    var steps = 0
    walking: while true {
      switch walkthrough.showNext() {
      case .finished: break walking
      case .shown: steps += 1
      case .failed(let error):
        Issue.record("\(name): step \(steps + 1) failed:\n\(error.render())")
        return
      }
    }
    #expect(steps == lesson.steps.count)
    #expect(shown.contains(lesson.title))
    let keys = try LessonSupport.keyNumbers(of: name)
    #expect(keys.count >= 4, "\(name) checks at least four key numbers")
    for key in keys {
      guard let got = try LessonSupport.number(key.expression, in: interpreter, output: output) else {
        Issue.record("\(name): \(key.expression) is not a number")
        continue
      }
      let allowed = key.relativeTolerance * abs(key.expected) + 1e-300
      #expect(abs(got - key.expected) <= allowed, "\(name): \(key) but got \(got)")
    }
  }
}
