import Foundation
import Testing

@testable import OptLang

/// Programs that run unchanged under CPython with numpy and under optrepl,
/// printing only through f-strings and `format`, must print the same text
/// (issue 11's contract). Each `Differential/NAME.py` is run here and its
/// output compared with `NAME.expected`, which `scripts/differential.sh`
/// regenerates with numpy 2.1.3 — `.ci/run` does so and fails if the checked-in
/// text differs, so every expectation is numpy's own output.
@Suite struct DifferentialTests {
  static var programs: [String] {
    guard let url = Bundle.module.url(forResource: "Differential", withExtension: nil),
      let names = try? FileManager.default.contentsOfDirectory(atPath: url.path)
    else { return [] }
    return names.filter { $0.hasSuffix(".py") }.sorted().map { url.appendingPathComponent($0).path }
  }

  @Test func everyTopicHasAProgram() {
    let names = Set(Self.programs.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent })
    for topic in [
      "creation", "shapes", "broadcasting", "indexing", "reductions", "matmul", "random_seeded", "sorting", "linalg",
      "csv_files", "dicts",
    ] {
      #expect(names.contains(topic), "no differential program \(topic).py")
    }
  }

  @Test("optrepl prints what numpy printed", arguments: programs)
  func program(_ path: String) throws {
    let expectedPath = path.replacingOccurrences(of: ".py", with: ".expected")
    let expected = try String(contentsOfFile: expectedPath, encoding: .utf8)
    let (output, error, warnings) = try GoldenTests.run(path)
    #expect(warnings.isEmpty, "unexpected warnings:\n\(warnings)")
    #expect(error == nil, "unexpected error:\n\(error.map { $0.description } ?? "")")
    let ours = output.split(separator: "\n", omittingEmptySubsequences: false)
    let theirs = expected.split(separator: "\n", omittingEmptySubsequences: false)
    for (i, line) in theirs.enumerated() where i >= ours.count || ours[i] != line {
      Issue.record(
        "line \(i + 1): numpy printed \(String(line).debugDescription), optrepl \(i < ours.count ? String(ours[i]).debugDescription : "nothing")"
      )
      break
    }
    #expect(ours.count == theirs.count, "number of lines")
  }
}
