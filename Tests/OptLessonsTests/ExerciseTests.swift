import Foundation
import OptLang
import OptLessons
import Testing

/// Every exercise is gradable: its solution passes its check, its starter
/// code fails it with a message, and the IDs are unique and stable.
@Suite struct ExerciseTests {
  static let exercises = LessonSupport.library.exercises

  @Test func thereAreAtLeastThirtyWithUniqueIDs() {
    #expect(Self.exercises.count >= 30)
    let ids = Self.exercises.map(\.id)
    #expect(Set(ids).count == ids.count, "duplicate IDs: \(ids)")
    for id in ids {
      #expect(id.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }, "\(id) is short and plain")
    }
    for lesson in LessonSupport.library.lessons {
      #expect(lesson.exercises.count >= 2, "\(lesson.name) has at least two exercises")
    }
  }

  @Test(arguments: exercises.map(\.id))
  func theSolutionPasses(id: String) throws {
    let exercise = try #require(LessonSupport.library.exercise(id: id))
    let (interpreter, _) = LessonSupport.interpreter()
    let answer = SourceFile(name: "solution", text: exercise.solution.text + "\n")
    let outcome = Checker.grade(exercise, answer: answer, in: interpreter, color: false)
    #expect(outcome == .passed, "\(id): \(outcome)")
  }

  @Test(arguments: exercises.map(\.id))
  func theStarterFailsWithAMessage(id: String) throws {
    let exercise = try #require(LessonSupport.library.exercise(id: id))
    let (interpreter, _) = LessonSupport.interpreter()
    let answer = SourceFile(name: "starter", text: exercise.starter + "\n")
    let outcome = Checker.grade(exercise, answer: answer, in: interpreter, color: false)
    guard case .failed(let message) = outcome else {
      Issue.record("\(id): the starter code does not fail its check: \(outcome)")
      return
    }
    // The starter runs (it is valid code) and the check explains the difference.
    #expect(!message.contains("your answer stopped with an error"), "\(id): \(message)")
    #expect(!message.contains("a bug in optrepl"), "\(id): \(message)")
    #expect(message.count > 10, "\(id): \(message)")
  }

  @Test func aMissingDefinitionSaysDefineItFirst() throws {
    let exercise = try #require(LessonSupport.library.exercise(id: "bias-1"))
    let (interpreter, _) = LessonSupport.interpreter()
    let outcome = Checker.grade(exercise, answer: SourceFile(name: "empty", text: "\n"), in: interpreter, color: false)
    #expect(!outcome.ranTheCheck)
    let message = try #require(outcome.message)
    #expect(message.hasPrefix("define `corrected_ema` first"), "\(message)")
  }

  @Test func anAnswerWithAnErrorSaysSo() throws {
    let exercise = try #require(Self.exercises.first)
    let (interpreter, _) = LessonSupport.interpreter()
    let outcome = Checker.grade(
      exercise, answer: SourceFile(name: "a.opt", text: "1/0 +\n"), in: interpreter, color: false)
    #expect(!outcome.ranTheCheck)
    let message = try #require(outcome.message)
    #expect(message.contains("your answer stopped with an error") && message.contains("SyntaxError"), "\(message)")
  }
}
