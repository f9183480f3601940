import Foundation
import Testing

@testable import OptREPL

/// The history file: format, damage, atomic saving, where it lives.
struct HistoryFileTests {
  final class Directory {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("optrepl-history-\(UUID().uuidString)")
      .path
    deinit { try? FileManager.default.removeItem(atPath: path) }
  }

  @Test func entriesSurviveARoundTrip() throws {
    let directory = Directory()
    let file = HistoryFile(path: directory.path + "/deep/er/history")
    let entries = ["x = 1", "print('a\\nb')", "def f():\n    return 1", "β = 0.9", "back\\slash", "\ttab"]
    try file.append(entries)
    let loaded = file.load()
    #expect(loaded.warning == nil)
    #expect(loaded.entries == entries)
    // Nothing but the file is left in the directory.
    let names = try FileManager.default.contentsOfDirectory(atPath: directory.path + "/deep/er")
    #expect(names == ["history"])
  }

  // Issue 15, item 16: every string reads back as it was written, control
  // characters and lone surrogate-free oddities included; the file is
  // never called damaged for what optrepl wrote itself.
  @Test func anyStringSurvivesARoundTrip() throws {
    let directory = Directory()
    let file = HistoryFile(path: directory.path + "/history")
    var entries = (0..<0x20).map { "a\(Character(Unicode.Scalar($0)!))b" }
    entries += ["\u{7F}", "\u{85}\u{9F}", "\\x41", "\\", "tail\\", "\r\n", "\u{1B}[31mred", "\u{2028}", "é\u{301}"]
    try file.append(entries)
    try file.append(["after"])
    let loaded = file.load()
    #expect(loaded.warning == nil)
    #expect(loaded.entries == entries + ["after"])
  }

  @Test func aMissingFileIsAnEmptyHistory() {
    let file = HistoryFile(path: Directory().path + "/none")
    let loaded = file.load()
    #expect(loaded.entries.isEmpty)
    #expect(loaded.warning == nil)
  }

  // A file that is not optrepl's is set aside, never overwritten, under a name
  // no older file has; the next save starts a new file.
  @Test func aFileThatIsNotAHistoryIsSetAside() throws {
    let directory = Directory()
    try FileManager.default.createDirectory(atPath: directory.path, withIntermediateDirectories: true)
    let path = directory.path + "/history"
    let contents = [Data("not a history\n".utf8), Data([0x23, 0xFF, 0xFE, 0x00])]
    for (k, data) in contents.enumerated() {
      _ = FileManager.default.createFile(atPath: path, contents: data)
      let loaded = HistoryFile(path: path).load()
      #expect(loaded.entries.isEmpty)
      let warning = try #require(loaded.warning)
      #expect(!warning.contains("\n"))
      let aside = path + ".bad" + (k == 0 ? "" : ".1")
      #expect(warning.contains(aside), "\(warning)")
      #expect(FileManager.default.contents(atPath: aside) == data)
      try HistoryFile(path: path).append(["y = 2"])
      #expect(HistoryFile(path: path).load().entries == ["y = 2"])
      try FileManager.default.removeItem(atPath: path)
    }
  }

  // A line that does not read is skipped; the others are kept.
  @Test func aDamagedLineIsSkippedAndTheRestKept() throws {
    let directory = Directory()
    try FileManager.default.createDirectory(atPath: directory.path, withIntermediateDirectories: true)
    let path = directory.path + "/history"
    let text = HistoryFile.header + "\nok\nbad\\q\nnul\u{0}\nalso ok\n"
    _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    let loaded = HistoryFile(path: path).load()
    #expect(loaded.entries == ["ok", "also ok"])
    #expect(loaded.warning?.contains("2 damaged lines") == true)
  }

  // The first version's files still read.
  @Test func aVersion1FileReads() throws {
    let directory = Directory()
    try FileManager.default.createDirectory(atPath: directory.path, withIntermediateDirectories: true)
    let path = directory.path + "/history"
    _ = FileManager.default.createFile(
      atPath: path, contents: Data((HistoryFile.headerVersion1 + "\nx = 1\na\\nb\n").utf8))
    #expect(HistoryFile(path: path).load().entries == ["x = 1", "a\nb"])
  }

  // Saving appends: what another session wrote meanwhile stays, and a
  // hundred 60 KB entries do not make each save rewrite megabytes.
  @Test func savingAppendsAndKeepsOtherSessionsEntries() throws {
    let directory = Directory()
    let path = directory.path + "/history"
    let one = HistoryFile(path: path)
    let other = HistoryFile(path: path)
    try one.append(["from one"])
    try other.append(["from other"])
    try one.append(["one again"])
    #expect(HistoryFile(path: path).load().entries == ["from one", "from other", "one again"])
    let big = String(repeating: "x", count: 60_000)
    let start = Date()
    for k in 0..<100 { try one.append([big + String(k)]) }
    #expect(Date().timeIntervalSince(start) < 5)
    #expect(HistoryFile(path: path).load().entries.last == big + "99")
  }

  @Test func anEntryLongerThanTheCapIsNotSaved() throws {
    let directory = Directory()
    let file = HistoryFile(path: directory.path + "/history")
    try file.append(["short", String(repeating: "y", count: HistoryFile.maxEntryBytes + 1), "after"])
    #expect(file.load().entries == ["short", "after"])
  }

  @Test func onlyTheNewestEntriesAreKept() throws {
    let directory = Directory()
    let file = HistoryFile(path: directory.path + "/history")
    try file.append((0..<(2 * HistoryFile.limit + 10)).map { "x = \($0)" })
    let loaded = file.load().entries
    #expect(loaded.count == HistoryFile.limit)
    #expect(loaded.last == "x = \(2 * HistoryFile.limit + 9)")
    // Loading a file of more than twice the limit rewrote it with the newest entries.
    let text = try String(contentsOfFile: directory.path + "/history", encoding: .utf8)
    #expect(text.split(separator: "\n").count == HistoryFile.limit + 1)
  }

  @Test func whereTheFileLives() {
    #expect(HistoryFile.defaultPath(environment: ["HOME": "/home/ann"]) == "/home/ann/.local/state/optrepl/history")
    #expect(
      HistoryFile.defaultPath(environment: ["HOME": "/home/ann", "XDG_STATE_HOME": "/tmp/state"])
        == "/tmp/state/optrepl/history")
    // A relative XDG_STATE_HOME is invalid by the spec, and ignored.
    #expect(
      HistoryFile.defaultPath(environment: ["HOME": "/home/ann", "XDG_STATE_HOME": "rel"])
        == "/home/ann/.local/state/optrepl/history")
  }
}
