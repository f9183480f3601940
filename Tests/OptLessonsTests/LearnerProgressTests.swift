import Foundation
import OptLang
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
    "{ this is not json", "", "[1, 2]", "{\"version\": 2, \"passed\": {}, \"lessons\": {}}", "\u{0}\u{1}\u{FF}",
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
      #expect(!text.contains("NSCocoaErrorDomain") && !text.contains("OptError"), "\(text)")
      // The old file is kept for the learner, and the next save writes a good one.
      #expect(try Data(contentsOf: URL(fileURLWithPath: path + ".bad")) == Data(content.utf8))
      var fresh = progress
      fresh.recordPass("x-1")
      try fresh.save(to: path)
      #expect(LearnerProgress.load(from: path).progress.passed.keys.sorted() == ["x-1"])
    }
  }

  // Issue 15, item 17: one badly typed entry costs that entry only; the file
  // as it was is set aside under a name no older file has.
  @Test func aBadlyTypedEntryIsLeftOutAndTheRestKept() throws {
    try Self.withFolder { folder in
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      let path = folder + "/progress.json"
      try Data("old bad file".utf8).write(to: URL(fileURLWithPath: path + ".bad"))
      let text = """
        {"version": 1, "passed": {"a-1": "2026-01-01T00:00:00Z", "b-1": 7},
         "lessons": {"adam": 3, "sgd": "two", "rmsprop": 2.5}}
        """
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
      let (progress, warning) = LearnerProgress.load(from: path)
      #expect(progress.passed == ["a-1": "2026-01-01T00:00:00Z"])
      #expect(progress.lessonSteps == ["adam": 3])
      let message = try #require(warning)
      #expect(message.contains("3 entries") && message.contains(path + ".bad.1"), "\(message)")
      #expect(try String(contentsOfFile: path + ".bad", encoding: .utf8) == "old bad file")
      #expect(try String(contentsOfFile: path + ".bad.1", encoding: .utf8) == text)
    }
  }

  @Test func aFileWithNoTablesIsAnEmptyProgress() throws {
    try Self.withFolder { folder in
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      let path = folder + "/progress.json"
      try Data("{\"version\": 1}".utf8).write(to: URL(fileURLWithPath: path))
      let (progress, warning) = LearnerProgress.load(from: path)
      #expect(progress == LearnerProgress())
      #expect(warning == nil)
    }
  }

  // A file that cannot be read (here a folder where the file should be; for
  // a learner, usually its permissions) is reported in the system's words and
  // left alone: not set aside, not saved over.
  @Test func aReadErrorIsReportedNotTreatedAsCorruption() throws {
    try Self.withFolder { folder in
      let path = folder + "/progress.json"
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
      let (progress, warning) = LearnerProgress.load(from: path)
      #expect(progress == LearnerProgress())
      let text = try #require(warning)
      #expect(text.contains(path) && text.contains("Is a directory"), "\(text)")
      #expect(!FileManager.default.fileExists(atPath: path + ".bad"))
      var changed = progress
      changed.recordPass("a-1")
      #expect(throws: OptError.self) { try changed.save(to: path) }
    }
  }

  // Saving merges into what the file holds now: twelve processes recording a
  // pass each at once record twelve, and a session's stale copy does not
  // erase a pass recorded meanwhile by `optrepl check` elsewhere.
  @Test func concurrentSavesAllRecordTheirPasses() throws {
    try Self.withFolder { folder in
      let path = folder + "/progress.json"
      let stale = LearnerProgress.load(from: path).progress
      DispatchQueue.concurrentPerform(iterations: 12) { k in
        var progress = LearnerProgress.load(from: path).progress
        progress.recordPass("ex-\(k)")
        try? progress.save(to: path)
      }
      #expect(LearnerProgress.load(from: path).progress.passed.count == 12)
      var session = stale
      session.lessonSteps["adam"] = 2
      let merged = try session.save(to: path)
      #expect(merged.passed.count == 12 && merged.lessonSteps == ["adam": 2])
      #expect(LearnerProgress.load(from: path).progress == merged)
    }
  }

  // A write killed before its rename leaves a temporary file; the next save
  // removes it.
  @Test func aKilledWritesTemporaryFileIsRemovedByTheNextSave() throws {
    try Self.withFolder { folder in
      let path = folder + "/progress.json"
      try LearnerProgress().save(to: path)
      try Data("{\"version\": 1, \"pass".utf8).write(to: URL(fileURLWithPath: folder + "/.progress.json.Ab12Cd.tmp"))
      var progress = LearnerProgress()
      progress.recordPass("a-1")
      try progress.save(to: path)
      #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["progress.json"])
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
