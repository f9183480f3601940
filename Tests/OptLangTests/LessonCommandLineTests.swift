import Foundation
import Testing

/// The lesson and exercise subcommands (SPEC §2), run as a learner runs them,
/// with the progress file in a temporary XDG_DATA_HOME.
@Suite("Lesson command line", .serialized) struct LessonCommandLineTests {
  static func run(_ arguments: [String], dataHome: String, input: Data? = nil) throws -> CommandLineTests.Outcome {
    try CommandLineTests.run(arguments, input: input, environment: ["XDG_DATA_HOME": dataHome])
  }

  static func withDataHome<T>(_ body: (String) throws -> T) throws -> T {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("optrepl-data-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try body(folder.path)
  }

  @Test func lessonsListsEveryLessonWithItsTitleFromAnyDirectory() throws {
    try Self.withDataHome { data in
      let o = try Self.run(["lessons", "--no-color"], dataHome: data)
      #expect(o.status == 0, "\(o.stderr)")
      for name in ["gd-momentum-nag", "adagrad", "bias-correction", "keras-decay", "radam", "which-optimizer"] {
        #expect(o.stdout.contains(name), "lists \(name)")
      }
      #expect(o.stdout.contains("[0/"), "shows exercise progress")
    }
  }

  @Test func walkPrintsProseCodeAndLiveOutputWithoutPausingWhenPiped() throws {
    try Self.withDataHome { data in
      let o = try Self.run(["walk", "keras-decay"], dataHome: data)
      #expect(o.status == 0, "\(o.stderr)")
      #expect(o.stdout.contains("keras-decay · 1/"))
      #expect(o.stdout.contains("  │ "), "shows code")
      // A number only a run of the cells produces: 0.003 / (1 + 0.0002).
      #expect(o.stdout.contains(String(0.003 / (1 + 0.0002)).prefix(9)), "shows computed output")
      #expect(!o.stdout.contains("[Enter] next"))
      #expect(!o.stdout.contains("# %%"))
    }
  }

  @Test func walkOfAnUnknownLessonIsAUsageErrorWithASuggestion() throws {
    try Self.withDataHome { data in
      let o = try Self.run(["walk", "adagard"], dataHome: data)
      #expect(o.status == 2)
      #expect(o.stderr.contains("did you mean 'adagrad'"), "\(o.stderr)")
    }
  }

  @Test func exercisesPrintsAStarterFileThatCheckGrades() throws {
    try Self.withDataHome { data in
      let list = try Self.run(["exercises", "--no-color"], dataHome: data)
      #expect(list.status == 0)
      #expect(list.stdout.contains("adagrad-1") && list.stdout.contains("0 of "))
      let starter = try Self.run(["exercises", "decay-1"], dataHome: data)
      #expect(starter.status == 0)
      #expect(starter.stdout.hasPrefix("# Exercise decay-1 (lesson keras-decay)"))
      try CommandLineTests.withProgram(starter.stdout) { path in
        let failed = try Self.run(["check", "decay-1", path], dataHome: data)
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("decay-1 is not right yet"), "\(failed.stderr)")
        #expect(
          !FileManager.default.fileExists(atPath: data + "/optrepl/progress.json")
            || !((try? String(contentsOfFile: data + "/optrepl/progress.json", encoding: .utf8)) ?? "").contains(
              "decay-1")
        )
      }
    }
  }

  @Test func aPassingAnswerIsRecordedInTheProgressFile() throws {
    try Self.withDataHome { data in
      let answer = """
        def my_time_decay(eta, decay):
            return lambda k: eta / (1 + decay * k)
        """
      try CommandLineTests.withProgram(answer) { path in
        let o = try Self.run(["check", "decay-1", path], dataHome: data)
        #expect(o.status == 0, "\(o.stderr)")
        #expect(o.stdout.contains("✓ decay-1 passed"))
      }
      let progress = try String(contentsOfFile: data + "/optrepl/progress.json", encoding: .utf8)
      #expect(progress.contains("\"decay-1\"") && progress.contains("do not edit"))
      let list = try Self.run(["exercises", "--no-color"], dataHome: data)
      #expect(list.stdout.contains("✓ decay-1"))
    }
  }

  @Test func anAnswerThatLoopsForeverIsStoppedByTheTimeLimit() throws {
    try Self.withDataHome { data in
      let answer = "def my_time_decay(eta, decay):\n    while True:\n        pass\n"
      try CommandLineTests.withProgram(answer) { path in
        let o = try CommandLineTests.run(
          ["check", "decay-1", path], environment: ["XDG_DATA_HOME": data, "OPTREPL_CHECK_SECONDS": "1"])
        #expect(o.status == 1 && o.reason == .exit)
        #expect(o.stderr.contains("does your code loop forever?"), "\(o.stderr)")
      }
    }
  }

  // Issue 15, item 15: a long built-in inside an answer (a sort of 3·10^7
  // random numbers, 22 s to the end) heeds the check's time limit too. The
  // limit, 5 s, falls in the sort: making the list takes about 1.4 s.
  @Test func aLongBuiltInIsStoppedByTheTimeLimit() throws {
    try Self.withDataHome { data in
      let answer =
        "import numpy as np\ndef my_time_decay(eta, decay):\n"
        + "    return sorted(np.random.rand(30000000).tolist())[0] * 0 + eta\n"
      try CommandLineTests.withProgram(answer) { path in
        let started = Date()
        let o = try CommandLineTests.run(
          ["check", "decay-1", path], environment: ["XDG_DATA_HOME": data, "OPTREPL_CHECK_SECONDS": "5"])
        let took = Date().timeIntervalSince(started)
        #expect(o.status == 1 && o.reason == .exit)
        #expect(o.stderr.contains("does your code loop forever?"), "\(o.stderr)")
        #expect(took < 15, "the check ended \(took) s after it started")
      }
    }
  }

  @Test func checkWithoutAFileExplainsWhereTheAnswerGoes() throws {
    try Self.withDataHome { data in
      let o = try Self.run(["check", "decay-1"], dataHome: data)
      #expect(o.status == 2)
      #expect(o.stderr.contains("decay-1.opt"), "\(o.stderr)")
      let unknown = try Self.run(["check", "nosuch-1", "x.opt"], dataHome: data)
      #expect(unknown.status == 2)
      let missing = try Self.run(["check", "decay-1", "/nonexistent/answer.opt"], dataHome: data)
      #expect(missing.status == 1 && missing.reason == .exit)
    }
  }

  @Test func aCorruptProgressFileWarnsAndStartsFresh() throws {
    try Self.withDataHome { data in
      try FileManager.default.createDirectory(atPath: data + "/optrepl", withIntermediateDirectories: true)
      try Data("{not json".utf8).write(to: URL(fileURLWithPath: data + "/optrepl/progress.json"))
      let o = try Self.run(["lessons", "--no-color"], dataHome: data)
      #expect(o.status == 0)
      #expect(o.stderr.contains("warning") && o.stderr.contains("starting fresh"), "\(o.stderr)")
    }
  }
}
