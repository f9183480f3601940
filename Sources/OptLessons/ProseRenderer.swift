/// Renders a lesson's markdown prose for the terminal: headings, paragraphs
/// wrapped to the width, `**bold**`, `*emphasis*`, `` `code` ``, bullet and
/// numbered lists, code blocks, and maths (`$...$`, `$$...$$`) in Unicode.
/// With colour off, emphasis is dropped and code keeps its backticks.
public struct ProseRenderer: Sendable {
  public var width: Int
  public var color: Bool

  public init(width: Int = 80, color: Bool = false) {
    self.width = max(30, width)
    self.color = color
  }

  /// A rendered block, and whether it is a list item (items of one list are
  /// not separated by blank lines).
  private struct Block {
    var text: String
    var isListItem = false
  }

  /// The rendered text, ending in a newline (empty for empty prose).
  public func render(_ markdown: String) -> String {
    let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .init(charactersIn: "\r"))
    }
    var blocks: [Block] = []
    var i = 0
    func trimmed(_ k: Int) -> String { lines[k].trimmingCharacters(in: .whitespaces) }
    func startsBlock(_ text: String) -> Bool {
      Self.headingLevel(text) != nil || text.hasPrefix("```") || text.hasPrefix("$$") || Self.listMarker(text) != nil
    }
    while i < lines.count {
      let line = trimmed(i)
      i += 1
      if line.isEmpty { continue }
      if line.hasPrefix("```") {
        var code: [String] = []
        while i < lines.count, !trimmed(i).hasPrefix("```") {
          code.append(lines[i])
          i += 1
        }
        i += 1
        blocks.append(Block(text: code.map { "    " + paint($0, .code) }.joined(separator: "\n")))
      } else if line.hasPrefix("$$") {
        var math = String(line.dropFirst(2))
        while !math.contains("$$"), i < lines.count {
          math += " " + trimmed(i)
          i += 1
        }
        if let end = math.range(of: "$$") { math = String(math[..<end.lowerBound]) }
        blocks.append(Block(text: "    " + MathText.render(math.trimmingCharacters(in: .whitespaces))))
      } else if let level = Self.headingLevel(line) {
        blocks.append(Block(text: heading(line.dropFirst(level).trimmingCharacters(in: .whitespaces), level: level)))
      } else if let marker = Self.listMarker(line) {
        var item = String(line.dropFirst(marker.count))
        while i < lines.count, lines[i].hasPrefix("  "), !trimmed(i).isEmpty, Self.listMarker(trimmed(i)) == nil {
          item += " " + trimmed(i)
          i += 1
        }
        let bullet = marker.first!.isNumber ? marker : "• "
        let text = wrap(inline(item), first: "  " + bullet, rest: String(repeating: " ", count: 2 + bullet.count))
        blocks.append(Block(text: text, isListItem: true))
      } else {
        var paragraph = line
        while i < lines.count, !trimmed(i).isEmpty, !startsBlock(trimmed(i)) {
          paragraph += " " + trimmed(i)
          i += 1
        }
        blocks.append(Block(text: wrap(inline(paragraph), first: "", rest: "")))
      }
    }
    var out = ""
    for (k, block) in blocks.enumerated() {
      if k > 0 { out += block.isListItem && blocks[k - 1].isListItem ? "\n" : "\n\n" }
      out += block.text
    }
    return out.isEmpty ? "" : out + "\n"
  }

  // MARK: - Blocks

  static func headingLevel(_ line: String) -> Int? {
    let hashes = line.prefix { $0 == "#" }.count
    guard hashes >= 1, hashes <= 6, line.dropFirst(hashes).first == " " else { return nil }
    return hashes
  }

  /// `- `, `* `, `+ ` or `12. ` at the start of a list item.
  static func listMarker(_ line: String) -> String? {
    for bullet in ["- ", "* ", "+ "] where line.hasPrefix(bullet) { return bullet }
    let digits = line.prefix { $0.isNumber }
    if !digits.isEmpty, digits.count <= 3, line.dropFirst(digits.count).hasPrefix(". ") { return digits + ". " }
    return nil
  }

  func heading(_ text: String, level: Int) -> String {
    let words = inline(text).map { $0.map { Piece(text: $0.text, style: $0.style.union(.bold)) } }
    let line = wrap(words, first: "", rest: "")
    guard level <= 2 else { return line }
    let visible = line.split(separator: "\n").map { Self.visibleWidth(String($0)) }.max() ?? 0
    return line + "\n" + paint(String(repeating: level == 1 ? "═" : "─", count: visible), .rule)
  }

  // MARK: - Inline text

  /// How a piece of text looks.
  public struct Style: OptionSet, Hashable, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    public static let bold = Style(rawValue: 1)
    public static let italic = Style(rawValue: 2)
    public static let code = Style(rawValue: 4)
    /// Dim: rules, gutters, prompts.
    public static let rule = Style(rawValue: 8)
    public static let passed = Style(rawValue: 16)
    public static let failed = Style(rawValue: 32)
  }

  /// A run of text in one style.
  struct Piece {
    var text: String
    var style: Style
  }

  /// The words of a paragraph (pieces with no breakable space inside), with
  /// markup turned into styles and maths into Unicode.
  func inline(_ text: String) -> [[Piece]] {
    var words: [[Piece]] = []
    var word: [Piece] = []
    var style: Style = []
    func add(_ s: String, _ st: Style) {
      if let last = word.last, last.style == st {
        word[word.count - 1].text += s
      } else {
        word.append(Piece(text: s, style: st))
      }
    }
    func breakWord() {
      if !word.isEmpty { words.append(word) }
      word = []
    }
    let chars = Array(text)
    var i = 0
    while i < chars.count {
      let c = chars[i]
      if c == "`", let end = chars[(i + 1)...].firstIndex(of: "`") {
        let code = String(chars[(i + 1)..<end])
        add(color ? code : "`" + code + "`", style.union(.code))
        i = end + 1
      } else if c == "$", let end = chars[(i + 1)...].firstIndex(of: "$"), end > i + 1 {
        // A short formula stays on one line; a long one may break at its spaces.
        let rendered = MathText.render(String(chars[(i + 1)..<end]))
        let parts =
          rendered.count <= 24
          ? [Substring(rendered)]
          : rendered.split(separator: " ", omittingEmptySubsequences: true)
        for (k, part) in parts.enumerated() {
          if k > 0 { breakWord() }
          add(String(part), style)
        }
        i = end + 1
      } else if c == "*", i + 1 < chars.count, chars[i + 1] == "*" {
        style.formSymmetricDifference(.bold)
        i += 2
      } else if c == "*",
        style.contains(.italic) ? i > 0 && chars[i - 1] != " " : i + 1 < chars.count && chars[i + 1] != " "
      {
        style.formSymmetricDifference(.italic)
        i += 1
      } else if c == "[", let close = chars[i...].firstIndex(of: "]"), close + 1 < chars.count, chars[close + 1] == "(",
        let end = chars[close...].firstIndex(of: ")")
      {
        // A link: its text, then the address in brackets.
        for piece in inline(String(chars[(i + 1)..<close])) {
          for p in piece { add(p.text, p.style.union(style)) }
          breakWord()
        }
        add("(" + String(chars[(close + 2)..<end]) + ")", style)
        i = end + 1
      } else if c == " " {
        breakWord()
        i += 1
      } else {
        add(String(c), style)
        i += 1
      }
    }
    breakWord()
    return words
  }

  /// Words laid out in lines no wider than `width`, the first line starting
  /// with `first` and the others with `rest`.
  func wrap(_ words: [[Piece]], first: String, rest: String) -> String {
    var lines: [String] = []
    var line = first
    var lineWidth = first.count
    var lineHasWord = false
    for word in words {
      let w = word.reduce(0) { $0 + $1.text.count }
      if lineHasWord && lineWidth + 1 + w > width {
        lines.append(line)
        line = rest
        lineWidth = rest.count
        lineHasWord = false
      }
      if lineHasWord {
        line += " "
        lineWidth += 1
      }
      line += word.map { paint($0.text, $0.style) }.joined()
      lineWidth += w
      lineHasWord = true
    }
    lines.append(line)
    return lines.joined(separator: "\n")
  }

  /// Text with the ANSI codes of its style (none when colour is off).
  public func paint(_ text: String, _ style: Style) -> String {
    guard color, !style.isEmpty else { return text }
    var codes: [String] = []
    if style.contains(.bold) { codes.append("1") }
    if style.contains(.italic) { codes.append("3") }
    if style.contains(.code) { codes.append("36") }
    if style.contains(.rule) { codes.append("2") }
    if style.contains(.passed) { codes.append("32") }
    if style.contains(.failed) { codes.append("31") }
    return "\u{1B}[" + codes.joined(separator: ";") + "m" + text + "\u{1B}[0m"
  }

  /// The number of characters a line shows, leaving out ANSI codes.
  static func visibleWidth(_ line: String) -> Int {
    var count = 0
    var inEscape = false
    for c in line {
      if inEscape {
        if c.isLetter { inEscape = false }
      } else if c == "\u{1B}" {
        inEscape = true
      } else {
        count += 1
      }
    }
    return count
  }
}
