import Foundation
import Testing

@testable import OptLessons

/// The progress file: written atomically, read defensively.
@Suite struct LearnerProgressTests {
  static func withFolder<T>(_ body: (String) throws -> T) throws -> T {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("optrepl-progress-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    return try body(folder.path)
  }

  @Test func theDefaultPathFollowsXDG() {
    #expect(
      LearnerProgress.defaultPath(environment: ["XDG_DATA_HOME": "/x/data", "HOME": "/h"])
        == "/x/data/optrepl/progress.json")
    #expect(LearnerProgress.defaultPath(environment: ["HOME": "/h"]) == "/h/.local/share/optrepl/progress.json")
    // A relative XDG_DATA_HOME is invalid by the XDG spec and ignored.
    #expect(
      LearnerProgress.defaultPath(environment: ["XDG_DATA_HOME": "rel", "HOME": "/h"])
        == "/h/.local/share/optrepl/progress.json")
  }

  @Test func savesAndReadsBackCreatingTheFolder() throws {
    try Self.withFolder { folder in
      let path = folder + "/deep/progress.json"
      var progress = LearnerProgress()
      progress.recordPass("adagrad-1", at: Date(timeIntervalSince1970: 0))
      progress.recordPass("adagrad-1", at: Date(timeIntervalSince1970: 99))  // the first pass is kept
      progress.lessonSteps["adagrad"] = 4
      try progress.save(to: path)
      let (loaded, warning) = LearnerProgress.load(from: path)
      #expect(warning == nil)
      #expect(loaded == progress)
      #expect(loaded.passed["adagrad-1"] == "1970-01-01T00:00:00Z")
      let text = try String(contentsOfFile: path, encoding: .utf8)
      #expect(text.contains("do not edit"))
      // No temporary file is left beside it.
      #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/deep") == ["progress.json"])
    }
  }

  @Test func aMissingFileIsAFreshStartWithoutWarning() throws {
    try Self.withFolder { folder in
      let (progress, warning) = LearnerProgress.load(from: folder + "/none.json")
      #expect(progress == LearnerProgress())
      #expect(warning == nil)
    }
  }

  @Test(arguments: [
    "{ this is not json", "", "[1, 2]", "{\"version\": 2, \"passed\": {}, \"lessons\": {}}",
    "{\"version\": 1, \"passed\": [\"a\"], \"lessons\": {}}", "{\"version\": 1}", "\u{0}\u{1}\u{FF}",
  ])
  func aCorruptFileIsSetAsideWithAWarning(content: String) throws {
    try Self.withFolder { folder in
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      let path = folder + "/progress.json"
      try Data(content.utf8).write(to: URL(fileURLWithPath: path))
      let (progress, warning) = LearnerProgress.load(from: path)
      #expect(progress == LearnerProgress())
      let text = try #require(warning)
      #expect(text.contains("starting fresh") && text.contains(path + ".bad"), "\(text)")
      // The old file is kept for the learner, and the next save writes a good one.
      #expect(try Data(contentsOf: URL(fileURLWithPath: path + ".bad")) == Data(content.utf8))
      var fresh = progress
      fresh.recordPass("x-1")
      try fresh.save(to: path)
      #expect(LearnerProgress.load(from: path).progress.passed.keys.sorted() == ["x-1"])
    }
  }

  @Test func anInterruptedWriteLeavesTheOldFileWhole() throws {
    try Self.withFolder { folder in
      let path = folder + "/progress.json"
      var progress = LearnerProgress()
      progress.recordPass("a-1")
      try progress.save(to: path)
      // A write that died before its rename leaves only a temporary file,
      // which reading ignores.
      try Data("{\"version\": 1, \"pass".utf8).write(to: URL(fileURLWithPath: folder + "/.progress.json.999.tmp"))
      #expect(LearnerProgress.load(from: path).progress == progress)
      #expect(LearnerProgress.load(from: path).warning == nil)
    }
  }

  @Test func aFolderThatCannotBeWrittenIsAnErrorNotACrash() throws {
    try Self.withFolder { folder in
      // A file where the folder should be.
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      try Data().write(to: URL(fileURLWithPath: folder + "/blocked"))
      #expect(throws: (any Error).self) { try LearnerProgress().save(to: folder + "/blocked/progress.json") }
    }
  }
}
