import Foundation
import Glibc
import OptLang
import OptSystem

/// The file the REPL keeps its history in between sessions.
///
/// Format: a header line, then one entry per line (an entry of several lines,
/// a whole `def`, is one entry), with `\` written as `\\`, a newline as `\n`,
/// a carriage return as `\r` and any other control character as `\xHH`, so
/// that every string reads back as it was written.
///
/// Saving appends the new entries (under a `FileLock`, one write each time),
/// so two sessions never wipe each other's entries and a long history is not
/// rewritten after every entry; when the file holds twice `limit` entries,
/// loading rewrites it with the newest `limit`. An entry longer than
/// `maxEntryBytes` is not saved. A file that is not a history file (another
/// program's, binary junk) is set aside under a new name (`history.bad`,
/// `history.bad.1`, ...) and never overwritten; a line that does not read is
/// skipped, keeping the others; a file that cannot be read (permissions) is
/// left alone and reported.
struct HistoryFile {
  static let header = "# optrepl history v2"
  /// The first version's header: its lines read the same way.
  static let headerVersion1 = "# optrepl history v1"
  /// At most this many entries are kept (the newest).
  static let limit = 1000
  /// The longest entry saved, in bytes of UTF-8 (a pasted megabyte is not history).
  static let maxEntryBytes = 64 * 1024

  let path: String

  /// `$XDG_STATE_HOME/optrepl/history`, or `~/.local/state/optrepl/history`.
  static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
    if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
      return state + "/optrepl/history"
    }
    return HomeFolder.path(environment: environment) + "/.local/state/optrepl/history"
  }

  /// What loading found.
  struct Loaded {
    var entries: [String] = []
    /// A one-line explanation when the file exists but could not all be used.
    var warning: String?
  }

  /// Reads the entries, the newest `limit`. A missing file is an empty
  /// history, without a warning.
  func load() -> Loaded {
    guard FileManager.default.fileExists(atPath: path) else { return Loaded() }
    do {
      return try FileLock.withLock(path) { try loadLocked() }
    } catch {
      return Loaded(warning: "cannot read the history file \(path) (\(SystemError.reason(error)))")
    }
  }

  private func loadLocked() throws -> Loaded {
    AtomicFile.removeLeftovers(of: path)
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return Loaded() }
    if isDirectory.boolValue {
      return Loaded(warning: "the history file \(path) is a folder; history will not be saved")
    }
    let data: Data
    do {
      data = try FileContents.read(path)
    } catch {
      // (FileContents's message names the file and gives the system's reason.)
      return Loaded(warning: SystemError.reason(error) + "; the history file is left as it is")
    }
    guard let (entries, damaged) = Self.decode(data) else {
      let aside = AtomicFile.setAside(path)
      return Loaded(
        warning: "the history file \(path) is not optrepl's; "
          + (aside.map { "it is kept as \($0), and " } ?? "") + "a new history starts")
    }
    var loaded = Loaded(entries: Array(entries.suffix(Self.limit)))
    if damaged > 0 {
      loaded.warning = "\(damaged) damaged line\(damaged == 1 ? "" : "s") of the history file \(path) skipped"
    }
    if entries.count > 2 * Self.limit || damaged > 0 {
      // Rewritten whole, kept short; the damaged lines go (the warning said so).
      try? AtomicFile.write(Self.fileText(loaded.entries), to: path)
    }
    return loaded
  }

  /// Appends entries to the file (creating it, and its folder, if needed).
  func append(_ entries: [String]) throws {
    let lines = entries.map(Self.encode).filter { $0.utf8.count <= Self.maxEntryBytes }
    guard !lines.isEmpty else { return }
    try FileLock.withLock(path) {
      if let head = Self.firstLine(of: path), head != Self.header, head != Self.headerVersion1 {
        _ = AtomicFile.setAside(path)  // another program's file appeared meanwhile
      }
      let exists = FileManager.default.fileExists(atPath: path)
      let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
      guard fd >= 0 else { throw OptError(.osError, "cannot write '\(path)': \(SystemError.reason(errno))") }
      defer { close(fd) }
      let text = (exists ? "" : Self.header + "\n") + lines.map { $0 + "\n" }.joined()
      var bytes = Array(text.utf8)[...]
      while !bytes.isEmpty {
        let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else { throw OptError(.osError, "cannot write '\(path)': \(SystemError.reason(errno))") }
        bytes = bytes.dropFirst(n)
      }
    }
  }

  /// The whole file for these entries.
  static func fileText(_ entries: [String]) -> String {
    header + "\n" + entries.map { encode($0) + "\n" }.joined()
  }

  /// One entry as one line.
  static func encode(_ entry: String) -> String {
    var out = String.UnicodeScalarView()
    for ch in entry.unicodeScalars {
      switch ch {
      case "\\": out.append(contentsOf: "\\\\".unicodeScalars)
      case "\n": out.append(contentsOf: "\\n".unicodeScalars)
      case "\r": out.append(contentsOf: "\\r".unicodeScalars)
      case _ where ch.value < 0x20 || (0x7F..<0xA0).contains(ch.value):
        let hex = String(ch.value, radix: 16)
        out.append(contentsOf: ("\\x" + (hex.count < 2 ? "0" : "") + hex).unicodeScalars)
      default: out.append(ch)
      }
    }
    return String(out)
  }

  /// The entries and the number of lines that did not read, or nil if the
  /// data is not a history file at all.
  static func decode(_ data: Data) -> (entries: [String], damaged: Int)? {
    let text = String(decoding: data, as: UTF8.self)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard lines.first == Substring(header) || lines.first == Substring(headerVersion1) else { return nil }
    lines.removeFirst()
    if lines.last == "" { lines.removeLast() }
    var entries: [String] = []
    var damaged = 0
    for line in lines {
      if let entry = decodeLine(line) { entries.append(entry) } else { damaged += 1 }
    }
    return (entries, damaged)
  }

  /// One line's entry, or nil if it is not one `encode` wrote.
  static func decodeLine(_ line: Substring) -> String? {
    var entry = String.UnicodeScalarView()
    var scalars = line.unicodeScalars[...]
    while let ch = scalars.popFirst() {
      if ch == "\u{FFFD}" || ch.value < 0x20 || (0x7F..<0xA0).contains(ch.value) { return nil }
      guard ch == "\\" else {
        entry.append(ch)
        continue
      }
      switch scalars.popFirst() {
      case "\\": entry.append("\\")
      case "n": entry.append("\n")
      case "r": entry.append("\r")
      case "x":
        let digits = String(String.UnicodeScalarView(scalars.prefix(2)))
        guard digits.count == 2, let value = UInt32(digits, radix: 16), let scalar = Unicode.Scalar(value) else {
          return nil
        }
        entry.append(scalar)
        scalars = scalars.dropFirst(2)
      default: return nil
      }
    }
    return String(entry)
  }

  /// The file's first line, if it can be read.
  private static func firstLine(of path: String) -> String? {
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    guard let data = try? handle.read(upToCount: 64), !data.isEmpty else { return nil }
    return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).first.map(
      String.init)
  }
}
