/// A self-study exercise of a lesson: the task and starter code a learner
/// sees, the check that grades an answer, hints revealed one at a time, and the
/// reference solution.
public struct Exercise: Sendable {
  /// Short and stable, e.g. `adagrad-1`; the progress file keys on it.
  public let id: String
  /// The name of the lesson it belongs to.
  public let lessonName: String
  /// The task, as markdown (the leading `# ` lines of the exercise cell).
  public let task: String
  /// The starter code (the rest of the exercise cell).
  public let starter: String
  /// The cell that defines `check()`.
  public let check: Cell
  /// The hints' prose, in the order they are revealed.
  public let hints: [String]
  /// The reference answer.
  public let solution: Cell
  /// The lesson's ordinary code cells before the exercise: what the exercise
  /// may use (data, `grad_w`, ...). They run before the answer is checked.
  public let setup: [Cell]

  /// The task as comments followed by the starter code: a file to edit and
  /// pass to `optrepl check ID FILE`.
  public var starterFile: String {
    let comments = task.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "#" : "# " + $0 }
    return "# Exercise \(id) (lesson \(lessonName))\n#\n" + comments.joined(separator: "\n") + "\n\n" + starter + "\n"
  }

  /// Splits an exercise cell into its task (leading comment lines) and starter code.
  static func split(_ cell: Cell) -> (task: String, starter: String) {
    var lines = cell.lines[...]
    while let first = lines.first, first.trimmingCharacters(in: .whitespaces).isEmpty { lines = lines.dropFirst() }
    let taskLines = lines.prefix { $0.hasPrefix("#") }
    let rest = Cell(kind: .code, lines: Array(lines.dropFirst(taskLines.count)), firstLine: 1)
    let task = Cell.uncomment(taskLines).joined(separator: "\n").trimmingCharacters(in: .newlines)
    return (task, rest.text)
  }
}
