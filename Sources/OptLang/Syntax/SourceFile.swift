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
    let hasReturn =
      unmarked.utf8.withContiguousStorageIfAvailable { SourceFile.firstOffset(of: 13, in: $0) != nil }
      ?? unmarked.utf8.contains(13)
    let text =
      hasReturn
      ? unmarked.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n") : unmarked
    self.text = text
    self.bytes = Array(text.utf8)
    self.lineStarts = [0] + bytes.withUnsafeBufferPointer { SourceFile.offsets(of: 10, in: $0).map { $0 + 1 } }
  }

  /// Where `byte` occurs in `bytes`, found with the C library's `memchr` (a
  /// vectorised scan, where a loop in Swift looks at one byte at a time).
  static func offsets(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
    var found: [Int] = []
    var start = 0
    while let at = firstOffset(of: byte, in: UnsafeBufferPointer(rebasing: bytes[start...])) {
      found.append(start + at)
      start += at + 1
    }
    return found
  }

  /// The offset of the first `byte` in `bytes`, if there is one.
  static func firstOffset(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard let base = bytes.baseAddress, bytes.count > 0,
      let hit = memchr(UnsafeRawPointer(base), Int32(byte), bytes.count)
    else { return nil }
    return UnsafeRawPointer(hit) - UnsafeRawPointer(base)
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
