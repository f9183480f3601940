import Foundation
import OptLang
import Testing

@testable import OptPlot

/// Terminal plots at a fixed size, compared character for character. The data
/// are chosen so that the right picture can be worked out by hand: every
/// point lands on a whole dot (the comments give the arithmetic).
@Suite struct GoldenTests {
  /// y = x for x = 0..31 on a 16×8 braille canvas: 32×32 dots, so point k is
  /// the dot (k, 31-k). Each row of cells holds four dots of the diagonal: a
  /// ⡠ (dots 6 and 7) and a ⠊ (dots 2 and 4). Ticks 0 and 20 (0, 10, 20, 30
  /// would be too many for 8 rows); 20 is on dot row 11, cell row 2.
  @Test func brailleStraightLine() throws {
    let out = try run(
      "plot(list(range(32)), width=16, height=8, title='line', xlabel='x', ylabel='y')")
    #expect(
      out == """
                  line
         y ┌────────────────┐
           │              ⡠⠊│
           │            ⡠⠊  │
        20 ┤          ⡠⠊    │
           │        ⡠⠊      │
           │      ⡠⠊        │
           │    ⡠⠊          │
           │  ⡠⠊            │
         0 ┤⡠⠊              │
           └┬─────────┬─────┘
            0        20
                   x

        """)
  }

  /// The same line in ASCII on an 8×8 canvas: 24×24 dots of 3×3 per cell, so
  /// each cell holds one step of the diagonal, bottom-left to top-right: `/`.
  @Test func asciiStraightLine() throws {
    let out = try run("plot(list(range(24)), width=8, height=8, ascii=True)")
    #expect(
      out == """
           +--------+
           |       /|
        20 +      / |
           |     /  |
           |    /   |
        10 +   /    |
           |  /     |
           | /      |
         0 +/       |
           ++-----+-+
            0    20

        """)
  }

  /// A step schedule as stairs: 9 until x=14, 5 until x=28, then 1. On a
  /// 12×4 ASCII canvas x is the dot column and 11-y the dot row, so the steps
  /// sit on dot rows 2 (the bottom of cell row 0: `_`), 6 (the top of row 2:
  /// `'`) and 10 (the middle of row 3: `-`), joined by `|` at x=14 and 28,
  /// with `+` where a step turns.
  @Test func asciiStairs() throws {
    let out = try run(
      "plot([0, 14, 28, 35], [9, 5, 1, 1], style='stairs', ylim=(0, 11), width=12, height=4, ascii=True)")
    #expect(
      out == """
           +------------+
        10 +_____       |
           |    |       |
           |    '''''+  |
         0 +         +--|
           ++-----+-----+
            0    20

        """)
  }

  /// x² on [-1, 1], sampled once per dot column (42 samples on 21 cells, 24
  /// dot rows). Where exactly a dot halfway between two rounds is not worth
  /// pinning down, so the test checks what follows from the function: the
  /// frame and ticks, a dot in every column, the top corners at x = ±1, the
  /// bottom dot row only around x = 0, and mirror symmetry to within a dot per row.
  @Test func brailleParabola() throws {
    let out = try run("plot(lambda x: x**2, -1, 1, width=21, height=6)")
    let rows = out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(rows[0] == "    ┌─────────────────────┐")
    #expect(rows[7] == "    └┬─────────┬─────────┬┘")
    #expect(rows[8] == "    -1         0         1")
    #expect(rows[1].hasPrefix("  1 ┤") && rows[3].hasPrefix("    │") && rows[4].hasPrefix("0.5 ┤"))
    #expect(rows[6].hasPrefix("  0 ┤"))
    // The 6 × 21 braille cells, as dot bit patterns (U+2800 + bits).
    let cells: [[UInt32]] = rows[1...6].map { row in
      Array(row.unicodeScalars.dropFirst(5).prefix(21)).map { $0.value >= 0x2800 ? $0.value - 0x2800 : 0 }
    }
    // Every dot column (two per cell) has a dot: left column bits 0x47, right 0xB8.
    for c in 0..<21 {
      #expect(cells.contains { $0[c] & 0x47 != 0 } && cells.contains { $0[c] & 0xB8 != 0 }, "column \(c)")
    }
    // x = -1 and x = 1 give the top dot row (bits 0x01 left, 0x08 right).
    #expect(cells[0][0] & 0x01 != 0 && cells[0][20] & 0x08 != 0)
    // The bottom dot row (0x40 | 0x80) is reached only near x = 0.
    let bottom = (0..<21).filter { cells[5][$0] & 0xC0 != 0 }
    #expect(!bottom.isEmpty && bottom.allSatisfy { (7...13).contains($0) }, "\(bottom)")
    // Mirror symmetry: per row, the dots left of the middle cell and right of it differ by at most one.
    for r in 0..<6 {
      let left = cells[r][0..<10].reduce(0) { $0 + $1.nonzeroBitCount }
      let right = cells[r][11..<21].reduce(0) { $0 + $1.nonzeroBitCount }
      #expect(abs(left - right) <= 1, "row \(r): \(left) vs \(right)")
    }
  }

  /// Two series without colour: each has its own mark along its line and in
  /// the legend. 1 is the top dot row (`'`), 0 the bottom one (`_`); marks
  /// every 6 columns, from column 2 for the first series and 5 for the second.
  @Test func twoSeriesWithoutColourHaveMarks() throws {
    let out = try run("plot([[1]*30, [0]*30], labels=['a', 'b'], width=30, height=4, ascii=True)")
    #expect(
      out == """
          +------------------------------+
        1 +''*'''''*'''''*'''''*'''''*'''| -*- a
          |                              | -o- b
          |                              |
        0 +_____o_____o_____o_____o_____o|
          ++---------+---------+---------+
           0        10        20

        """)
  }

  /// The surface f(w, b) = w has straight level lines: with 3 levels splitting
  /// the window into equal areas they are w = 1, 2, 3, on dot columns 10, 20
  /// and 29 of 40 (9.75, 19.5 and 29.25 rounded). The path runs along b = 1
  /// (dot row 10, cell row 2) from w = 0.5 to 3.5 (cells 2 to 17); the
  /// smallest value on the grid is at the bottom-left corner.
  @Test func brailleContour() throws {
    let out = try run(
      """
      def plane(w, b):
          return w
      contour(plane, (0, 4), (0, 2), paths=[(0.5, 1), (3.5, 1)], levels=3, width=20, height=5)
      """)
    #expect(
      out == """
        b ┌────────────────────┐
        2 ┤     ⡇    ⡇   ⢸     │ • path
          │     ⡇    ⡇   ⢸     │ S start
          │  S••••••••••••••E  │ E end
          │     ⡇    ⡇   ⢸     │ ★ min 0
        0 ┤★    ⡇    ⡇   ⢸     │   at (0, 0)
          └┬─────────┬────────┬┘
           0         2        4
                    w

        """)
  }

  /// The same in ASCII: 60×15 dots, level lines on dot columns 15, 30 and 44
  /// (the left of cells 5 and 10, the right of cell 14), all `|`.
  @Test func asciiContour() throws {
    let out = try run(
      """
      def plane(w, b):
          return w
      contour(plane, (0, 4), (0, 2), paths=[(0.5, 1), (3.5, 1)], levels=3, width=20, height=5, ascii=True)
      """)
    #expect(
      out == """
        b +--------------------+
        2 +     |    |   |     | * path
          |     |    |   |     | S start
          |  S**************E  | E end
          |     |    |   |     | X min 0
        0 +X    |    |   |     |   at (0, 0)
          ++---------+--------++
           0         2        4
                    w

        """)
  }
}
