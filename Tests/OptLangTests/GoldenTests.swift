import Foundation
import Testing

@testable import OptLang

/// Runs every program in `Programs/` and compares what it prints with its
/// `# expect: ...` lines, and the warnings it gets before it runs with its
/// `# warning: ...` lines (none unless it has some); runs every program in
/// `Errors/` and checks that it fails with the kind, line and message its
/// `# error: ...` line names.
@Suite struct GoldenTests {
  static func files(in folder: String) -> [String] {
    guard let url = Bundle.module.url(forResource: folder, withExtension: nil),
      let names = try? FileManager.default.contentsOfDirectory(atPath: url.path)
    else { return [] }
    return names.filter { $0.hasSuffix(".opt") }.sorted().map { url.appendingPathComponent($0).path }
  }

  /// The expected output lines: the text after `# expect:` (one space dropped).
  static func expectations(_ source: String, marker: String = "# expect:") -> [String] {
    source.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line in
      guard let r = line.range(of: marker) else { return nil }
      var text = line[r.upperBound...]
      if text.hasPrefix(" ") { text = text.dropFirst() }
      return String(text)
    }
  }

  /// Runs a program in a fresh interpreter; returns its output and its error, if any.
  static func run(_ path: String) throws -> (output: String, error: OptError?, warnings: String) {
    let source = try String(contentsOfFile: path, encoding: .utf8)
    let box = OutputBox()
    let warnings = OutputBox()
    let interpreter = Interpreter(output: { box.text += $0 })
    interpreter.runtime.notices = { warnings.text += $0 }
    let name = URL(fileURLWithPath: path).lastPathComponent
    do {
      try Interpreter.onLargeStack { try interpreter.run(source, name: name) }
      return (box.text, nil, warnings.text)
    } catch let error as OptError {
      return (box.text, error, warnings.text)
    }
  }

  @Test("golden program", arguments: files(in: "Programs"))
  func program(_ path: String) throws {
    let source = try String(contentsOfFile: path, encoding: .utf8)
    let expected = Self.expectations(source)
    #expect(!expected.isEmpty, "a golden program must expect some output")
    let (output, error, warnings) = try Self.run(path)
    #expect(error == nil, "unexpected error:\n\(error.map { $0.description } ?? "")")
    let expectedWarnings = Self.expectations(source, marker: "# warning:")
    // Each warning's heading and hint lines, each of which a `# warning:` line must end.
    let warned = warnings.split(separator: "\n").filter { $0.contains(": warning: ") || $0.hasPrefix("  hint: ") }
    #expect(warned.count == expectedWarnings.count, "warnings:\n\(warnings)")
    for (line, text) in zip(warned, expectedWarnings) {
      #expect(line.hasSuffix(text), "a warning should end with '\(text)':\n\(warnings)")
    }
    var lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    for (i, line) in expected.enumerated() {
      let actual = i < lines.count ? lines[i] : "<no more output>"
      #expect(actual == line, "line \(i + 1) of the output")
      if actual != line { break }
    }
    #expect(lines.count == expected.count, "number of output lines")
  }

  @Test("error program", arguments: files(in: "Errors"))
  func errorProgram(_ path: String) throws {
    let source = try String(contentsOfFile: path, encoding: .utf8)
    let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
    guard let (index, line) = lines.enumerated().first(where: { $0.element.contains("# error:") }) else {
      Issue.record("no '# error:' line in \(path)")
      return
    }
    let spec = line[line.range(of: "# error:")!.upperBound...].trimmingCharacters(in: .whitespaces)
    let parts = spec.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
    let (output, error, _) = try Self.run(path)
    guard let error else {
      Issue.record("expected \(spec), but the program ran without an error")
      return
    }
    #expect(error.kind.rawValue == parts[0], "\(error.description)")
    #expect(error.range?.line == index + 1, "reported at the wrong line:\n\(error.description)")
    if parts.count > 1 {
      let shown = error.description.lowercased()
      #expect(shown.contains(parts[1].lowercased()), "the message should contain '\(parts[1])':\n\(error.description)")
    }
    let expected = Self.expectations(source)
    let printed = output.split(separator: "\n").map(String.init)
    #expect(printed == expected, "output before the error")
  }
}

/// Collects output in tests.
final class OutputBox: @unchecked Sendable {
  var text = ""
}
