import Foundation

/// A piece of source text with a name, as the learner wrote it: a file, a REPL
/// entry, a lesson cell or the prelude. Errors point back into it by byte offset.
public final class SourceFile: @unchecked Sendable {
  /// What the learner calls this text: a path, `<stdin>`, `<repl:3>`, `<prelude>`.
  public let name: String
  /// The text itself.
  public let text: String
  /// The text as UTF-8 bytes; the lexer works on these.
  public let bytes: [UInt8]
  /// Byte offset at which each line starts; line 1 is `lineStarts[0]`.
  private let lineStarts: [Int]

  public init(name: String, text: String) {
    self.name = name
    // A UTF-8 byte-order mark at the start is not part of the program (as
    // Python's tokenizer skips it).
    let unmarked = text.unicodeScalars.first == "\u{FEFF}" ? String(text.unicodeScalars.dropFirst()) : text
    // Universal newlines, as Python reads source: CRLF and a lone CR end a line.
    let text =
      unmarked.utf8.contains(13)
      ? unmarked.replacingOccurrences(of: "\r\n", with: "\n")
        .replacingOccurrences(of: "\r", with: "\n") : unmarked
    self.text = text
    self.bytes = Array(text.utf8)
    var starts = [0]
    for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") { starts.append(i + 1) }
    self.lineStarts = starts
  }

  /// The 1-based line and column (in characters, not bytes) of a byte offset.
  public func lineAndColumn(of offset: Int) -> (line: Int, column: Int) {
    let offset = max(0, min(offset, bytes.count))
    var lo = 0
    var hi = lineStarts.count - 1
    while lo < hi {
      let mid = (lo + hi + 1) / 2
      if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
    }
    let start = lineStarts[lo]
    let column = characterCount(from: start, to: offset) + 1
    return (lo + 1, column)
  }

  /// The text of a 1-based line, without its line ending.
  public func lineText(_ line: Int) -> String {
    guard line >= 1, line <= lineStarts.count else { return "" }
    let start = lineStarts[line - 1]
    var end = line < lineStarts.count ? lineStarts[line] : bytes.count
    while end > start, bytes[end - 1] == UInt8(ascii: "\n") {
      end -= 1
    }
    return String(decoding: bytes[start..<end], as: UTF8.self)
  }

  /// Number of characters (Unicode scalars) between two byte offsets.
  func characterCount(from start: Int, to end: Int) -> Int {
    var count = 0
    var i = start
    while i < end && i < bytes.count {
      // Count only bytes that begin a scalar: continuation bytes are 10xxxxxx.
      if bytes[i] & 0xC0 != 0x80 { count += 1 }
      i += 1
    }
    return count
  }
}

/// A span of source: the file and the byte offsets `[start, end)` in it.
/// Every token, syntax node and runtime error carries one.
public struct SourceRange: Sendable {
  public let file: SourceFile
  public let start: Int
  public let end: Int

  public init(file: SourceFile, start: Int, end: Int) {
    self.file = file
    self.start = start
    self.end = max(start, end)
  }

  /// The smallest range covering both.
  public func to(_ other: SourceRange) -> SourceRange {
    SourceRange(file: file, start: min(start, other.start), end: max(end, other.end))
  }

  public var line: Int { file.lineAndColumn(of: start).line }
  public var column: Int { file.lineAndColumn(of: start).column }

  /// `name:line:column`, as compilers print it.
  public var location: String {
    let (l, c) = file.lineAndColumn(of: start)
    return "\(file.name):\(l):\(c)"
  }
}
