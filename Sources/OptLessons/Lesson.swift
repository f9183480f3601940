/// A lesson: a percent-format notebook in `lessons/`, read as a walkthrough
/// (prose, code, live output) with exercises in it.
public struct Lesson: Sendable {
  /// The file name without `.opt`, e.g. `bias-correction`.
  public let name: String
  /// Where the file is.
  public let path: String
  /// The first heading of the first prose cell.
  public let title: String
  /// The first paragraph after the title: one line of what the lesson teaches.
  public let summary: String
  public let cells: [Cell]
  /// The walkthrough, one pause at a time.
  public let steps: [Step]
  public let exercises: [Exercise]

  /// One pause of a walkthrough: the prose before a code cell, the cell (run
  /// when shown), or the prose before an exercise and the exercise (shown, not run).
  public struct Step: Sendable {
    public var prose: [String]
    public var code: Cell?
    public var exercise: Exercise?
  }

  /// Reads a lesson from the text of its file.
  public init(name: String, path: String, text: String) throws {
    self.name = name
    self.path = path
    cells = try Notebook.cells(of: text)
    var steps: [Step] = []
    var exercises: [Exercise] = []
    var prose: [String] = []
    var setup: [Cell] = []
    var index = 0
    while index < cells.count {
      let cell = cells[index]
      index += 1
      switch cell.kind {
      case .markdown:
        prose.append(cell.prose)
      case .code:
        steps.append(Step(prose: prose, code: cell, exercise: nil))
        prose = []
        setup.append(cell)
      case .exercise(let id):
        var check: Cell?
        var solution: Cell?
        var hints: [String] = []
        while index < cells.count, [.check, .hint, .solution].contains(cells[index].kind) {
          let part = cells[index]
          index += 1
          switch part.kind {
          case .check:
            if check != nil {
              throw Notebook.FormatError(line: part.firstLine - 1, message: "\(id) has two [check] cells")
            }
            check = part
          case .solution:
            if solution != nil {
              throw Notebook.FormatError(line: part.firstLine - 1, message: "\(id) has two [solution] cells")
            }
            solution = part
          default: hints.append(part.prose)
          }
        }
        guard let check, let solution, !hints.isEmpty else {
          throw Notebook.FormatError(
            line: cell.firstLine - 1,
            message: "exercise \(id) needs a [check] cell, at least one [hint] cell and a [solution] cell after it")
        }
        let (task, starter) = Exercise.split(cell)
        var exercise = Exercise(
          id: id, lessonName: name, task: task, starter: starter, check: check, hints: hints, solution: solution,
          setup: setup)
        exercise.writes = (cell.attributes["writes"] ?? "").split(separator: ",").map(String.init)
        exercise.without = Set((cell.attributes["without"] ?? "").split(separator: ",").map(String.init))
        exercises.append(exercise)
        steps.append(Step(prose: prose, code: nil, exercise: exercise))
        prose = []
      case .check, .hint, .solution:
        throw Notebook.FormatError(
          line: cell.firstLine - 1,
          message: "a [check], [hint] or [solution] cell belongs right after an [exercise ID] cell")
      }
    }
    if !prose.isEmpty { steps.append(Step(prose: prose, code: nil, exercise: nil)) }
    self.steps = steps
    self.exercises = exercises
    let (title, summary) = Self.titleAndSummary(of: cells.first { $0.kind == .markdown }?.prose ?? "")
    self.title = title.isEmpty ? name : title
    self.summary = summary
  }

  /// The `# Title` line and the paragraph after it.
  static func titleAndSummary(of prose: String) -> (String, String) {
    var lines = prose.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[...]
    while let first = lines.first, first.trimmingCharacters(in: .whitespaces).isEmpty { lines = lines.dropFirst() }
    guard let heading = lines.first, heading.hasPrefix("#") else { return ("", "") }
    let title = heading.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
    lines = lines.dropFirst().drop { $0.trimmingCharacters(in: .whitespaces).isEmpty }
    let paragraph = lines.prefix { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    let summary = paragraph.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    return (title, summary)
  }
}
