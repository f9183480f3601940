import Foundation
import OptLang

/// What a learner has done, kept between sessions: the exercises passed and
/// where each lesson's walkthrough was left. One JSON file per user,
/// `$XDG_DATA_HOME/optrepl/progress.json` (`~/.local/share/optrepl/` by
/// default), written atomically. A file that cannot be read is set aside
/// (renamed `progress.json.bad`) with a warning, and the learner starts fresh.
public struct LearnerProgress: Equatable, Sendable {
  /// Exercise ID → when it was first passed (ISO 8601).
  public var passed: [String: String] = [:]
  /// Lesson name → the walkthrough step to resume at.
  public var lessonSteps: [String: Int] = [:]

  public init() {}

  static let notice = "optrepl progress: do not edit; optrepl rewrites this file"

  public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
    if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") { return data + "/optrepl/progress.json" }
    let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    return home + "/.local/share/optrepl/progress.json"
  }

  /// Reads the progress at `path`. A missing file is a fresh start; an
  /// unreadable one is renamed `.bad` and reported in `warning`.
  public static func load(from path: String) -> (progress: LearnerProgress, warning: String?) {
    guard FileManager.default.fileExists(atPath: path) else { return (LearnerProgress(), nil) }
    do {
      let data = try Data(contentsOf: URL(fileURLWithPath: path))
      return (try decode(data), nil)
    } catch {
      let aside = path + ".bad"
      let kept = rename(path, aside) == 0
      let reason = (error as? OptError)?.message ?? error.localizedDescription
      return (
        LearnerProgress(),
        "could not read your progress file \(path) (\(reason)); starting fresh"
          + (kept ? " (the old file is kept as \(aside))" : "")
      )
    }
  }

  static func decode(_ data: Data) throws -> LearnerProgress {
    guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      throw OptError(.valueError, "it is not a JSON object")
    }
    guard (object["version"] as? Int) == 1 else { throw OptError(.valueError, "it is not version 1") }
    var progress = LearnerProgress()
    guard let passed = object["passed"] as? [String: String], let steps = object["lessons"] as? [String: Int] else {
      throw OptError(.valueError, "its 'passed' or 'lessons' entry is missing or malformed")
    }
    progress.passed = passed
    progress.lessonSteps = steps
    return progress
  }

  /// The file's text: a notice, the version, and the two tables, keys sorted.
  public func encoded() -> String {
    let object: [String: Any] = ["_": Self.notice, "version": 1, "passed": passed, "lessons": lessonSteps]
    let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])) ?? Data()
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  /// Writes the progress atomically (a temporary file renamed over the old one).
  public func save(to path: String) throws {
    try AtomicFile.write(encoded(), to: path, createFolder: true)
  }

  /// Records a passed exercise (keeping the date of the first pass).
  public mutating func recordPass(_ id: String, at date: Date = Date()) {
    if passed[id] == nil { passed[id] = ISO8601DateFormatter().string(from: date) }
  }
}
