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
    try file.save(entries)
    let loaded = file.load()
    #expect(loaded.warning == nil)
    #expect(loaded.entries == entries)
    // Nothing but the file is left in the directory (the temporary was renamed).
    let names = try FileManager.default.contentsOfDirectory(atPath: directory.path + "/deep/er")
    #expect(names == ["history"])
  }

  @Test func aMissingFileIsAnEmptyHistory() {
    let file = HistoryFile(path: Directory().path + "/none")
    let loaded = file.load()
    #expect(loaded.entries.isEmpty)
    #expect(loaded.warning == nil)
  }

  @Test func aDamagedFileGivesOneWarning() throws {
    let directory = Directory()
    try FileManager.default.createDirectory(atPath: directory.path, withIntermediateDirectories: true)
    for contents in [
      Data("not a history\n".utf8), Data([0x23, 0xFF, 0xFE, 0x00]),
      Data((HistoryFile.header + "\nok\nbad\\q\n").utf8), Data((HistoryFile.header + "\nnul\u{0}\n").utf8),
    ] {
      let path = directory.path + "/history"
      _ = FileManager.default.createFile(atPath: path, contents: contents)
      let loaded = HistoryFile(path: path).load()
      #expect(loaded.entries.isEmpty)
      let warning = try #require(loaded.warning)
      #expect(!warning.contains("\n"))
      #expect(warning.contains(path))
    }
  }

  @Test func onlyTheNewestEntriesAreKept() throws {
    let directory = Directory()
    let file = HistoryFile(path: directory.path + "/history")
    try file.save((0..<(HistoryFile.limit + 10)).map { "x = \($0)" })
    let loaded = file.load().entries
    #expect(loaded.count == HistoryFile.limit)
    #expect(loaded.last == "x = \(HistoryFile.limit + 9)")
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
