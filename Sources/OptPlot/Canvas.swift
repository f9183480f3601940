/// How a canvas turns dots into characters.
enum CanvasKind: Sendable {
  /// Braille: 2×4 dots per character cell (U+2800–U+28FF).
  case braille
  /// Plain ASCII: 3×3 dots per cell, each pattern shown as the printable
  /// character that looks most like it (`/`, `\`, `|`, `-`, `_`, `'`, `.`, ...).
  case ascii

  var cellWidth: Int { self == .braille ? 2 : 3 }
  var cellHeight: Int { self == .braille ? 4 : 3 }

  /// Braille when the terminal's character set has it, else ASCII.
  init(unicode: Bool) { self = unicode ? .braille : .ascii }
}

/// A grid of character cells, each a small matrix of dots, with one colour per
/// cell (the last drawn wins) and, above the dots, single characters placed in
/// whole cells (optimizer paths, markers). Coordinates are in dots ("pixels"):
/// x to the right, y downwards, (0, 0) the top-left dot.
struct Canvas {
  let kind: CanvasKind
  let columns: Int
  let rows: Int
  let pixelWidth: Int
  let pixelHeight: Int
  private(set) var bits: [UInt16]
  private(set) var colors: [PlotColor?]
  /// Characters that replace a cell's dots.
  private(set) var glyphs: [Character?]
  private(set) var glyphColors: [PlotColor?]
  /// Who drew each cell last (what shows there): the `ink` in force when its
  /// dots or its character were set, -1 for nobody.
  private(set) var owners: [Int]
  /// The owner recorded for what is drawn next (a series' or a path's index).
  var ink = -1

  init(kind: CanvasKind, columns: Int, rows: Int) {
    self.kind = kind
    self.columns = columns
    self.rows = rows
    pixelWidth = columns * kind.cellWidth
    pixelHeight = rows * kind.cellHeight
    bits = Array(repeating: 0, count: columns * rows)
    colors = Array(repeating: nil, count: columns * rows)
    glyphs = Array(repeating: nil, count: columns * rows)
    glyphColors = Array(repeating: nil, count: columns * rows)
    owners = Array(repeating: -1, count: columns * rows)
  }

  /// Braille dot bits by (row, column) inside a cell: dots 1-2-3-7 on the
  /// left, 4-5-6-8 on the right.
  private static let brailleBits: [UInt16] = [0x01, 0x08, 0x02, 0x10, 0x04, 0x20, 0x40, 0x80]

  /// Sets one dot; dots outside the canvas are ignored.
  @inline(__always) mutating func set(_ x: Int, _ y: Int, _ color: PlotColor?) {
    guard x >= 0, y >= 0, x < pixelWidth, y < pixelHeight else { return }
    let cw = kind.cellWidth
    let ch = kind.cellHeight
    let cell = (y / ch) * columns + x / cw
    let bit: UInt16
    if kind == .braille {
      bit = Canvas.brailleBits[(y & 3) << 1 | (x & 1)]
    } else {
      bit = 1 << UInt16(8 - ((y % 3) * 3 + x % 3))
    }
    bits[cell] |= bit
    if let color { colors[cell] = color }
    if glyphs[cell] == nil { owners[cell] = ink }
  }

  /// Draws a straight line between two points given in dot coordinates
  /// (fractions allowed; a dot's centre is at whole numbers). The part outside
  /// the canvas is clipped, so far-away or huge coordinates are fine; a
  /// segment with a NaN or infinite end is skipped.
  mutating func line(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, _ color: PlotColor?) {
    guard
      let (a, b) = Canvas.clip(
        x0, y0, x1, y1, xmin: -0.5, ymin: -0.5, xmax: Double(pixelWidth) - 0.5, ymax: Double(pixelHeight) - 0.5)
    else { return }
    // Round the ends to dots first, so that consecutive segments meet at the
    // same dot and the line stays one dot thick.
    let x0 = min(max(Int(a.0.rounded()), 0), pixelWidth - 1)
    let y0 = min(max(Int(a.1.rounded()), 0), pixelHeight - 1)
    let x1 = min(max(Int(b.0.rounded()), 0), pixelWidth - 1)
    let y1 = min(max(Int(b.1.rounded()), 0), pixelHeight - 1)
    let dx = x1 - x0
    let dy = y1 - y0
    let steps = max(abs(dx), abs(dy))
    if steps == 0 {
      set(x0, y0, color)
      return
    }
    for i in 0...steps {
      // Exact integer interpolation, rounded half away from zero.
      let x = x0 + (2 * dx * i + (dx >= 0 ? steps : -steps)) / (2 * steps)
      let y = y0 + (2 * dy * i + (dy >= 0 ? steps : -steps)) / (2 * steps)
      set(x, y, color)
    }
  }

  /// A dot at fractional coordinates (scatter points).
  mutating func point(_ x: Double, _ y: Double, _ color: PlotColor?) {
    guard x.isFinite, y.isFinite, x > -0.5, y > -0.5, x < Double(pixelWidth) - 0.5, y < Double(pixelHeight) - 0.5
    else { return }
    set(Int(x.rounded()), Int(y.rounded()), color)
  }

  /// The cell that holds the dot at (x, y), or nil outside the canvas.
  func cell(atPixel x: Double, _ y: Double) -> (column: Int, row: Int)? {
    guard x.isFinite, y.isFinite else { return nil }
    let px = x.rounded()
    let py = y.rounded()
    guard px >= 0, py >= 0, px < Double(pixelWidth), py < Double(pixelHeight) else { return nil }
    return (Int(px) / kind.cellWidth, Int(py) / kind.cellHeight)
  }

  /// Puts a character in a whole cell, above its dots.
  mutating func put(_ glyph: Character, column: Int, row: Int, _ color: PlotColor?) {
    guard column >= 0, row >= 0, column < columns, row < rows else { return }
    glyphs[row * columns + column] = glyph
    glyphColors[row * columns + column] = color
    owners[row * columns + column] = ink
  }

  /// The owner of what shows in a cell.
  func owner(column: Int, row: Int) -> Int { owners[row * columns + column] }

  /// The character and colour of one cell.
  func character(column: Int, row: Int) -> (Character, PlotColor?) {
    let i = row * columns + column
    if let g = glyphs[i] { return (g, glyphColors[i]) }
    let b = bits[i]
    if b == 0 { return (" ", nil) }
    switch kind {
    case .braille: return (Character(Unicode.Scalar(0x2800 + UInt32(b))!), colors[i])
    case .ascii: return (AsciiGlyphs.table[Int(b)], colors[i])
    }
  }

  /// Clips a segment to a rectangle (Liang–Barsky); nil if nothing is left.
  static func clip(
    _ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, xmin: Double, ymin: Double, xmax: Double, ymax: Double
  ) -> ((Double, Double), (Double, Double))? {
    let dx = x1 - x0
    let dy = y1 - y0
    // A NaN or infinite end (or a difference too large for a Double) draws nothing.
    guard x0.isFinite, y0.isFinite, dx.isFinite, dy.isFinite else { return nil }
    var t0 = 0.0
    var t1 = 1.0
    // Which boundary cut each end (0 left, 1 right, 2 top, 3 bottom), so that
    // the cut coordinate is the boundary itself, exactly: x0 + t·dx loses all
    // precision when x0 is huge.
    var cut0 = -1
    var cut1 = -1
    for (k, (p, q)) in [(-dx, x0 - xmin), (dx, xmax - x0), (-dy, y0 - ymin), (dy, ymax - y0)].enumerated() {
      if p == 0 {
        if q < 0 { return nil }
      } else {
        let r = q / p
        if p < 0 {
          if r > t1 { return nil }
          if r > t0 {
            t0 = r
            cut0 = k
          }
        } else {
          if r < t0 { return nil }
          if r < t1 {
            t1 = r
            cut1 = k
          }
        }
      }
    }
    func end(_ t: Double, _ cut: Int, _ x: Double, _ y: Double) -> (Double, Double) {
      guard cut >= 0 else { return (x, y) }
      var p = (x0 + t * dx, y0 + t * dy)
      switch cut {
      case 0: p.0 = xmin
      case 1: p.0 = xmax
      case 2: p.1 = ymin
      default: p.1 = ymax
      }
      return (min(max(p.0, xmin), xmax), min(max(p.1, ymin), ymax))
    }
    return (end(t0, cut0, x0, y0), end(t1, cut1, x1, y1))
  }
}

/// The ASCII canvas's characters: for each of the 512 patterns of a 3×3 cell,
/// the printable character whose shape is nearest. Bits are read row by row
/// from the top left: `0b010_010_010` is the middle column, a `|`.
enum AsciiGlyphs {
  /// Characters and the dots they cover. The first entries win ties.
  /// `*`, `o`, `@`, `%`, `&`, `$`, `S`, `E` and `X` are left out: paths and
  /// markers use them, so they must never come from a line.
  static let shapes: [(Character, UInt16)] = [
    ("-", 0b000_111_000), ("_", 0b000_000_111), ("'", 0b111_000_000), ("|", 0b010_010_010),
    ("/", 0b001_010_100), ("\\", 0b100_010_001), ("+", 0b010_111_010), ("=", 0b111_000_111),
    ("'", 0b010_000_000), ("'", 0b100_000_000), ("'", 0b001_000_000), ("'", 0b110_000_000),
    ("'", 0b011_000_000), ("-", 0b000_010_000), ("-", 0b000_110_000), ("-", 0b000_011_000),
    ("-", 0b000_100_000), ("-", 0b000_001_000), (".", 0b000_000_010), (".", 0b000_000_100),
    (".", 0b000_000_001), ("_", 0b000_000_110), ("_", 0b000_000_011),
    ("|", 0b100_100_100), ("|", 0b001_001_001), ("|", 0b110_110_110), ("|", 0b011_011_011),
    ("/", 0b001_010_000), ("/", 0b000_010_100), ("/", 0b010_100_000), ("/", 0b000_001_010),
    ("/", 0b011_010_100), ("/", 0b001_010_110), ("/", 0b001_110_100), ("/", 0b001_011_100),
    ("\\", 0b100_010_000), ("\\", 0b000_010_001), ("\\", 0b010_001_000), ("\\", 0b000_100_010),
    ("\\", 0b110_010_001), ("\\", 0b100_010_011), ("\\", 0b100_011_001), ("\\", 0b100_110_001),
    ("+", 0b110_010_010), ("+", 0b011_010_010), ("+", 0b010_011_000), ("+", 0b010_110_000),
    ("+", 0b010_010_011), ("+", 0b010_010_110), (":", 0b010_000_010), (",", 0b000_010_010), ("'", 0b010_010_000),
    ("(", 0b010_100_010), (")", 0b010_001_010), ("<", 0b001_110_001), (">", 0b100_011_100),
    ("v", 0b101_010_000), ("^", 0b010_101_000), ("V", 0b101_101_010), ("Y", 0b101_010_010),
    ("T", 0b111_010_010), ("L", 0b100_100_111), ("J", 0b001_001_111), ("7", 0b111_001_001),
    ("[", 0b110_100_110), ("]", 0b011_001_011), ("\"", 0b101_000_000), ("x", 0b101_010_101),
    ("=", 0b111_111_000), ("=", 0b000_111_111), ("H", 0b101_111_101), ("#", 0b111_111_111),
  ]

  static let table: [Character] = {
    var table = [Character](repeating: " ", count: 512)
    var exact = [Character?](repeating: nil, count: 512)
    for (c, bits) in shapes where exact[Int(bits)] == nil { exact[Int(bits)] = c }
    for pattern in 1..<512 {
      if let c = exact[pattern] {
        table[pattern] = c
        continue
      }
      var best: Character = "+"
      var bestScore = Int.max
      for (c, bits) in shapes {
        // Dots the character lacks cost more than dots it adds.
        let missing = (pattern & ~Int(bits)).nonzeroBitCount
        let extra = (Int(bits) & ~pattern).nonzeroBitCount
        let score = 3 * missing + 2 * extra
        if score < bestScore {
          bestScore = score
          best = c
        }
      }
      table[pattern] = best
    }
    return table
  }()
}
