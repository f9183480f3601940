import Foundation
import OptLang
import OptSystem

/// What a learner has done, kept between sessions: the exercises passed and
/// where each lesson's walkthrough was left. One JSON file per user,
/// `$XDG_DATA_HOME/optrepl/progress.json` (`~/.local/share/optrepl/` by default).
///
/// Several optrepl processes may use the file at once (`optrepl check` in two
/// terminals, a REPL's `:check`), so saving takes the file's `FileLock`,
/// reads the file again, merges this progress into it (passes are never
/// lost; a lesson's step is this process's) and writes the result atomically.
/// Reading keeps every entry that reads: a badly typed entry is left out and
/// reported, with the whole file first set aside as `progress.json.bad`
/// (`.bad.1`, ... : an older one is never overwritten). A file that may not be
/// read (permissions) is reported and left alone, and is not saved over.
public struct LearnerProgress: Equatable, Sendable {
  /// Exercise ID → when it was first passed (ISO 8601).
  public var passed: [String: String] = [:]
  /// Lesson name → the walkthrough step to resume at.
  public var lessonSteps: [String: Int] = [:]

  public init() {}

  static let notice = "optrepl progress: do not edit; optrepl rewrites this file"

  public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
    if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") { return data + "/optrepl/progress.json" }
    return HomeFolder.path(environment: environment) + "/.local/share/optrepl/progress.json"
  }

  /// Reads the progress at `path`. A missing file is a fresh start; problems
  /// are described in `warning`, in plain words.
  public static func load(from path: String) -> (progress: LearnerProgress, warning: String?) {
    guard FileManager.default.fileExists(atPath: path) else { return (LearnerProgress(), nil) }
    do {
      return try FileLock.withLock(path) {
        let read = try readLocked(path)
        return (read.progress, read.warning)
      }
    } catch {
      return (LearnerProgress(), "cannot read your progress file \(path) (\(SystemError.reason(error)))")
    }
  }

  /// Saves this progress merged into what the file holds now; returns the merged progress.
  @discardableResult
  public func save(to path: String) throws -> LearnerProgress {
    try FileLock.withLock(path) {
      AtomicFile.removeLeftovers(of: path)
      let onDisk = try Self.readLocked(path, forSaving: true).progress
      let merged = onDisk.merging(self)
      try AtomicFile.write(merged.encoded(), to: path, createFolder: true)
      return merged
    }
  }

  /// `other`'s passes added to these (the earlier date kept), and its lesson steps.
  public func merging(_ other: LearnerProgress) -> LearnerProgress {
    var merged = self
    for (id, date) in other.passed { merged.passed[id] = min(date, passed[id] ?? date) }
    for (lesson, step) in other.lessonSteps { merged.lessonSteps[lesson] = step }
    return merged
  }

  /// Reads the file (its lock held). A file whose text does not read, or
  /// holds entries that do not, is set aside; one that may not be read is an
  /// error when saving (so that it is not written over) and a warning otherwise.
  private static func readLocked(_ path: String, forSaving: Bool = false) throws -> (
    progress: LearnerProgress, warning: String?
  ) {
    guard FileManager.default.fileExists(atPath: path) else { return (LearnerProgress(), nil) }
    let data: Data
    do {
      data = try FileContents.read(path)
    } catch {
      // (FileContents's message names the file and gives the system's reason.)
      if forSaving { throw OptError(.osError, SystemError.reason(error) + ", so it is not written over") }
      return (LearnerProgress(), SystemError.reason(error) + "; your progress cannot be shown or saved")
    }
    let read: (progress: LearnerProgress, dropped: Int)
    do {
      read = try decode(data)
    } catch {
      let aside = AtomicFile.setAside(path)
      return (
        LearnerProgress(),
        "could not read your progress file \(path) (\(SystemError.reason(error))); starting fresh"
          + (aside.map { " (the old file is kept as \($0))" } ?? "")
      )
    }
    guard read.dropped > 0 else { return (read.progress, nil) }
    let aside = AtomicFile.setAside(path)
    return (
      read.progress,
      "\(read.dropped) entr\(read.dropped == 1 ? "y" : "ies") of your progress file \(path) could not be read and "
        + "\(read.dropped == 1 ? "was" : "were") left out" + (aside.map { " (the old file is kept as \($0))" } ?? "")
    )
  }

  /// The progress in `data`, and how many entries were left out because they
  /// do not read; throws if the data is not a progress file at all.
  static func decode(_ data: Data) throws -> (progress: LearnerProgress, dropped: Int) {
    let json: Any
    do { json = try JSONSerialization.jsonObject(with: data) } catch {
      throw OptError(.valueError, "it is not JSON text")
    }
    guard let object = json as? [String: Any] else { throw OptError(.valueError, "it is not a JSON object") }
    guard (object["version"] as? Int) == 1 else { throw OptError(.valueError, "it is not version 1") }
    var progress = LearnerProgress()
    var dropped = 0
    if let passed = object["passed"] {
      if let table = passed as? [String: Any] {
        for (id, date) in table {
          if let date = date as? String { progress.passed[id] = date } else { dropped += 1 }
        }
      } else {
        dropped += 1
      }
    }
    if let lessons = object["lessons"] {
      if let table = lessons as? [String: Any] {
        for (lesson, step) in table {
          // A whole number (2.5 or "2" is not a step).
          if let step = step as? Int {
            progress.lessonSteps[lesson] = step
          } else {
            dropped += 1
          }
        }
      } else {
        dropped += 1
      }
    }
    return (progress, dropped)
  }

  /// The file's text: a notice, the version, and the two tables, keys sorted.
  public func encoded() -> String {
    let object: [String: Any] = ["_": Self.notice, "version": 1, "passed": passed, "lessons": lessonSteps]
    let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])) ?? Data()
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  /// Records a passed exercise (keeping the date of the first pass).
  public mutating func recordPass(_ id: String, at date: Date = Date()) {
    if passed[id] == nil { passed[id] = ISO8601DateFormatter().string(from: date) }
  }
}
