import Foundation
import OptLang
import OptLessons
import OptPlot

/// What the lesson tests share: the shipped lessons, and interpreters with
/// plots installed whose output is collected.
enum LessonSupport {
  /// The lesson names the issue gives, in teaching order.
  static let names = [
    "gd-momentum-nag", "adagrad", "rmsprop", "adadelta", "bias-correction", "keras-adam-lr", "keras-decay",
    "max-norm", "nadam-amsgrad-adamw", "radam", "schedules", "warm-restarts", "which-optimizer", "real-network",
  ]

  static let library = LessonLibrary()

  /// Collects what an interpreter prints.
  final class Output: @unchecked Sendable {
    var text = ""
  }

  static func interpreter() -> (Interpreter, Output) {
    let output = Output()
    let interpreter = Interpreter(output: { output.text += $0 })
    PlotLibrary.install(into: interpreter)
    DataSets.install(into: interpreter)
    return (interpreter, output)
  }

  /// The value of an expression in `interpreter`, as a number.
  static func number(_ expression: String, in interpreter: Interpreter, output: Output) throws -> Double? {
    output.text = ""
    try Interpreter.onLargeStack { try interpreter.run("print(repr(float(\(expression))))", name: "<key number>") }
    return Double(output.text.trimmingCharacters(in: .whitespacesAndNewlines))
  }

  /// A key number a lesson must compute: `EXPRESSION EXPECTED RTOL # note`.
  struct KeyNumber: CustomStringConvertible {
    let expression: String
    let expected: Double
    let relativeTolerance: Double
    let note: String
    var description: String { "\(expression) ≈ \(expected) (\(note))" }
  }

  /// The key numbers of a lesson, from `KeyNumbers/NAME.txt` (derived by `NAME.py`).
  static func keyNumbers(of lesson: String) throws -> [KeyNumber] {
    guard let url = Bundle.module.url(forResource: "KeyNumbers/\(lesson)", withExtension: "txt") else {
      throw KeyNumberFileError(line: "there is no KeyNumbers/\(lesson).txt")
    }
    let text = try String(contentsOf: url, encoding: .utf8)
    return try text.split(whereSeparator: \.isNewline).compactMap { line in
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty || trimmed.hasPrefix("#") { return nil }
      let parts = trimmed.split(separator: "#", maxSplits: 1)
      let fields = parts[0].split(separator: " ", omittingEmptySubsequences: true)
      guard fields.count == 3, let expected = Double(fields[1]), let tolerance = Double(fields[2]) else {
        throw KeyNumberFileError(line: String(line))
      }
      let note = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
      return KeyNumber(expression: String(fields[0]), expected: expected, relativeTolerance: tolerance, note: note)
    }
  }

  /// A key-number file that is missing, or a line of it that is not `EXPRESSION EXPECTED RTOL`.
  struct KeyNumberFileError: Error {
    let line: String
  }
}
