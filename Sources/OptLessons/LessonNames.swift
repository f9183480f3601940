import OptLang

/// The global names that lessons have bound in a session (a walkthrough's
/// cells, an exercise's setup), so that `:vars` can list the learner's own
/// apart, and so that a cell that replaces one of the learner's variables can
/// say so instead of doing it silently.
public final class LessonNames {
  /// Every name a lesson's code has bound in this session.
  public private(set) var names: Set<String> = []

  public init() {}

  /// Runs a lesson's code; returns the learner's own names (bound before, and
  /// not by a lesson) whose values it replaced, in the order they were first defined.
  @discardableResult
  public func track(_ interpreter: Interpreter, _ body: () throws -> Void) throws -> [String] {
    let globals = interpreter.runtime.globals
    var before: [String: Value] = [:]
    for name in globals.userNames { before[name] = globals[name] }
    // What the code bound counts as the lesson's even when it stopped with an error.
    func update() -> [String] {
      var replaced: [String] = []
      for name in globals.userNames {
        guard let now = globals[name] else { continue }
        if let old = before[name] {
          guard !Value.identical(old, now) else { continue }
          if !names.contains(name) { replaced.append(name) }
        }
        names.insert(name)
      }
      return replaced
    }
    do {
      try body()
    } catch {
      _ = update()
      throw error
    }
    return update()
  }

  /// "(this replaced your `w` and `b`: they hold the lesson's values now)", or nil.
  public static func note(_ replaced: [String]) -> String? {
    guard !replaced.isEmpty else { return nil }
    let quoted = replaced.map { "`\($0)`" }
    let list = quoted.count == 1 ? quoted[0] : quoted.dropLast().joined(separator: ", ") + " and " + quoted.last!
    let verb = replaced.count == 1 ? "it holds" : "they hold"
    return "(this replaced your \(list): \(verb) the lesson's value\(replaced.count == 1 ? "" : "s") now)"
  }
}
