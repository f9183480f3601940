import Foundation
import Glibc
import OptLang

/// The file the REPL keeps its history in between sessions.
///
/// Format: a header line, then one entry per line, with `\` written as `\\` and
/// a newline inside an entry as `\n`. A file that does not read as that (another
/// program's file, binary junk, bad UTF-8) is reported in one line and ignored,
/// and the session starts with an empty history. Saving writes a temporary file
/// next to the real one and renames it over, so a crash or a full disk never
/// leaves half a history behind.
struct HistoryFile {
  static let header = "# optrepl history v1"
  /// At most this many entries are kept (the newest).
  static let limit = 1000

  let path: String

  /// `$XDG_STATE_HOME/optrepl/history`, or `~/.local/state/optrepl/history`.
  static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
    if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
      return state + "/optrepl/history"
    }
    return homeDirectory(environment: environment) + "/.local/state/optrepl/history"
  }

  static func homeDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
    if let home = environment["HOME"], !home.isEmpty { return home }
    if let entry = getpwuid(getuid()), let dir = entry.pointee.pw_dir { return String(cString: dir) }
    return NSHomeDirectory()
  }

  /// What loading found.
  struct Loaded {
    var entries: [String] = []
    /// A one-line explanation when the file exists but could not be used.
    var warning: String?
  }

  /// Reads the entries. A missing file is an empty history, without a warning.
  func load() -> Loaded {
    guard FileManager.default.fileExists(atPath: path) else { return Loaded() }
    guard let data = FileManager.default.contents(atPath: path) else {
      return Loaded(warning: "cannot read the history file \(path); starting with an empty history")
    }
    guard let entries = Self.decode(data) else {
      return Loaded(warning: "the history file \(path) is damaged or not optrepl's; starting with an empty history")
    }
    return Loaded(entries: entries)
  }

  /// Writes the newest `limit` entries atomically, creating the directory.
  func save(_ entries: [String]) throws {
    try AtomicFile.write(Self.encode(Array(entries.suffix(Self.limit))), to: path, createFolder: true)
  }

  static func encode(_ entries: [String]) -> String {
    var out = header + "\n"
    for entry in entries {
      for ch in entry.unicodeScalars {
        switch ch {
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        default: out.unicodeScalars.append(ch)
        }
      }
      out += "\n"
    }
    return out
  }

  /// The entries, or nil if the data is not a history file.
  static func decode(_ data: Data) -> [String]? {
    guard let text = String(validating: data, as: UTF8.self) else { return nil }
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard lines.first == Substring(header) else { return nil }
    lines.removeFirst()
    if lines.last == "" { lines.removeLast() }
    var entries: [String] = []
    for line in lines {
      var entry = String.UnicodeScalarView()
      var escaped = false
      for ch in line.unicodeScalars {
        if escaped {
          switch ch {
          case "\\": entry.append("\\")
          case "n": entry.append("\n")
          case "r": entry.append("\r")
          default: return nil
          }
          escaped = false
        } else if ch == "\\" {
          escaped = true
        } else if ch.value < 0x20 && ch != "\t" || ch.value == 0x7F {
          return nil
        } else {
          entry.append(ch)
        }
      }
      if escaped { return nil }
      entries.append(String(entry))
    }
    return entries
  }
}
