import Foundation

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
  /// Names the answer must not call while it is checked: the built-ins (or
  /// lesson functions) the task asks the learner to write, from the marker's
  /// `writes="adagrad,do_adagrad"`.
  public var writes: [String] = []
  /// Constraints the task states that the checker enforces, from the marker's
  /// `without="loops"`: `loops` means no `for` or `while` statement.
  public var without: Set<String> = []

  /// The names the answer defines: what the starter code binds at its top
  /// level (`def NAME`, `rule NAME`, `NAME = ...`). The check reads these from
  /// the learner's session; everything else it uses is its own.
  public var answerNames: [String] {
    var names: [String] = []
    for line in starter.split(separator: "\n") where !(line.first?.isWhitespace ?? true) && !line.hasPrefix("#") {
      let words = line.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") })
      if line.hasPrefix("def ") || line.hasPrefix("rule ") {
        if words.count > 1 { names.append(String(words[1])) }
      } else if let equals = line.firstIndex(of: "="), line[line.index(after: equals)...].first != "=" {
        let targets = line[..<equals].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        names += targets.filter { !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } }
      }
    }
    var seen: Set<String> = []
    return names.filter { seen.insert($0).inserted }
  }

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
