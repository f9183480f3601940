import Foundation
import OptLang

/// The lessons optrepl ships: the `.opt` notebooks of its `lessons/` folder,
/// found whatever the working directory is, in teaching order.
public struct LessonLibrary: Sendable {
  /// The folder the lessons were read from.
  public let directory: String
  public let lessons: [Lesson]
  /// Lesson files that could not be read, with why (a lesson's own bug).
  public let problems: [String]

  /// Reads every lesson of `directory` (or of the folder `locate()` finds).
  /// The order is that of `order.txt` in the folder; lessons not named there
  /// follow in alphabetical order.
  public init(directory: String? = nil) {
    let directory = directory ?? Self.locate() ?? "lessons"
    self.directory = directory
    let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
      .filter { $0.hasSuffix(".opt") }.map { String($0.dropLast(4)) }
    let listed =
      ((try? String(contentsOfFile: directory + "/order.txt", encoding: .utf8)) ?? "")
      .split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    let names = listed.filter(files.contains) + files.filter { !listed.contains($0) }.sorted()
    var lessons: [Lesson] = []
    var problems: [String] = []
    for name in names {
      let path = directory + "/" + name + ".opt"
      do {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        lessons.append(try Lesson(name: name, path: path, text: text))
      } catch {
        problems.append("\(path): \(error)")
      }
    }
    self.lessons = lessons
    self.problems = problems
  }

  public func lesson(named name: String) -> Lesson? {
    lessons.first { $0.name == name }
  }

  public var exercises: [Exercise] { lessons.flatMap(\.exercises) }

  public func exercise(id: String) -> Exercise? {
    exercises.first { $0.id == id }
  }

  /// The closest lesson name or exercise ID to a mistyped one.
  /// "there is no lesson named 'x' (did you mean 'y'?)" for a name not found
  /// among `names`; `what` is "lesson named" or "exercise".
  public static func notFound(_ what: String, _ typed: String, among names: [String]) -> String {
    var message = "there is no \(what) '\(typed)'"
    if let close = closest(to: typed, among: names) { message += " (did you mean '\(close)'?)" }
    return message
  }

  /// A name that starts with what was typed, else the closest by edit distance.
  public static func closest(to typed: String, among names: [String]) -> String? {
    let lowered = typed.lowercased()
    if !lowered.isEmpty, let prefixed = names.first(where: { $0.hasPrefix(lowered) }) { return prefixed }
    return Suggest.closest(to: lowered, among: names)
  }

  /// Where the lessons are: `$OPTREPL_LESSONS`; else a `lessons` folder beside
  /// or above the executable (`.build/release/optrepl` in a checkout,
  /// `share/optrepl/lessons` in an installation); else the checkout this file
  /// was compiled from.
  public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
    var candidates: [String] = []
    if let configured = environment["OPTREPL_LESSONS"], !configured.isEmpty { candidates.append(configured) }
    let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
    var folder = executable.deletingLastPathComponent()
    for _ in 0..<4 {
      candidates.append(folder.appendingPathComponent("lessons").path)
      candidates.append(folder.appendingPathComponent("share/optrepl/lessons").path)
      folder = folder.deletingLastPathComponent()
    }
    let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    candidates.append(checkout.appendingPathComponent("lessons").path)
    return candidates.first { FileManager.default.fileExists(atPath: $0 + "/order.txt") }
  }
}
