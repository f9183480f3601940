import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The bad-input corpus: files a learner's tools might hand to
/// optrepl by mistake. Each one ends with a clear message on stderr, naming
/// the file and, where the text is to blame, its line and column, and exit
/// status 1 — never a signal, never a hang, never megabytes of output.
@Suite("Bad-input corpus") struct BadInputCorpusTests {
  struct BadInput: CustomStringConvertible, Sendable {
    let description: String
    let bytes: Data
    /// Words the message must contain.
    let mentions: [String]
  }

  /// Bytes from a fixed linear congruential generator: the same "binary file" every run.
  static func binary(count: Int) -> Data {
    var state: UInt64 = 0x5DEE_CE66D
    return Data(
      (0..<count).map { _ in
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return UInt8(truncatingIfNeeded: state >> 33)
      })
  }

  static let corpus: [BadInput] = [
    BadInput(
      description: "binary data", bytes: binary(count: 20_000), mentions: ["SyntaxError", "UTF-8"]),
    BadInput(
      description: "control characters", bytes: Data([0x78, 0x20, 0x3D, 0x20, 0x01, 0x02, 0x0A]),
      mentions: ["SyntaxError"]),
    BadInput(
      description: "a NUL byte", bytes: Data("x = 1\n\u{0}\n".utf8), mentions: ["SyntaxError", "NUL"]),
    BadInput(
      description: "invalid UTF-8", bytes: Data("s = '".utf8) + Data([0xC3, 0x28, 0xFF]) + Data("'\n".utf8),
      mentions: ["UTF-8"]),
    BadInput(
      description: "a 1 MB line with an unclosed string",
      bytes: Data(("x = \"" + String(repeating: "a", count: 1_000_000) + "\n").utf8),
      mentions: ["SyntaxError", "not closed"]),
    BadInput(
      description: "a 1 MB line of additions",
      bytes: Data(("x = " + String(repeating: "1+", count: 500_000) + "1\n").utf8),
      mentions: ["SyntaxError"]),
    BadInput(
      description: "tabs and spaces mixed in indentation", bytes: Data("if True:\n    x = 1\n\ty = 2\n".utf8),
      mentions: ["SyntaxError", "tab"]),
    BadInput(
      description: "CRLF with an error on line 3", bytes: Data("x = 1\r\ny = 2\r\nz = (\r\n".utf8),
      mentions: ["SyntaxError", ":3:"]),
    BadInput(
      description: "an unterminated string", bytes: Data("print('hello)\n".utf8),
      mentions: ["SyntaxError", "string"]),
    BadInput(
      description: "an unterminated f-string", bytes: Data("x = f\"{1 + \n".utf8), mentions: ["SyntaxError"]),
    BadInput(
      description: "an unterminated triple-quoted string", bytes: Data("s = '''abc\nmore\n".utf8),
      mentions: ["SyntaxError", "never closed"]),
    BadInput(
      description: "10,000 nested parentheses",
      bytes: Data(("x = " + String(repeating: "(", count: 10_000) + "1\n").utf8),
      mentions: ["SyntaxError"]),
    BadInput(
      description: "10,000 nested dicts",
      bytes: Data(("x = " + String(repeating: "{1: ", count: 10_000) + "1\n").utf8),
      mentions: ["SyntaxError"]),
    BadInput(
      description: "10,000 nested blocks",
      bytes: Data(
        (0..<10_000).map { String(repeating: " ", count: $0) + "if True:\n" }.joined().appending(
          String(repeating: " ", count: 10_000) + "pass\n"
        ).utf8), mentions: ["SyntaxError"]),
  ]

  @Test(arguments: corpus)
  func endsWithAClearErrorAndStatusOne(input: BadInput) throws {
    try CommandLineTests.withProgram(input.bytes) { path in
      let o = try CommandLineTests.run([path])
      #expect(o.reason == .exit, "\(input): ended by a signal")
      #expect(o.status == 1, "\(input): exit status \(o.status); stderr:\n\(o.stderr.prefix(2000))")
      for word in input.mentions {
        #expect(o.stderr.contains(word), "\(input): should mention \(word):\n\(o.stderr.prefix(2000))")
      }
      #expect(o.stderr.contains(path + ":"), "\(input): names the file with a line:\n\(o.stderr.prefix(500))")
      #expect(o.stderr.contains("^"), "\(input): a caret under the place")
      // The message stays readable: no line of stderr is a megabyte long.
      #expect(o.stderr.count < 10_000, "\(input): \(o.stderr.count) characters of message")
    }
  }

  @Test func aFileThatCannotBeReadIsAnErrorNotACrash() throws {
    // Root reads a file with no permissions; /proc/self/mem refuses everyone a plain read.
    if getuid() == 0 {
      let o = try CommandLineTests.run(["/proc/self/mem"])
      #expect(o.reason == .exit && o.status == 1)
      #expect(o.stderr.contains("/proc/self/mem") && o.stderr.contains("cannot read"), "\(o.stderr)")
      return
    }
    try CommandLineTests.withProgram("print(1)\n") { path in
      chmod(path, 0)
      let o = try CommandLineTests.run([path])
      #expect(o.reason == .exit && o.status == 1)
      #expect(o.stderr.contains(path), "\(o.stderr)")
    }
  }
}
