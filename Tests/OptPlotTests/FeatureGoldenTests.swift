import Foundation
import OptLang
import Testing

@testable import OptPlot

/// The newer options in the terminal, at fixed sizes, worked out by hand.
@Suite struct FeatureGoldenTests {
  /// x = 1, 10, 100, 1000 on a log axis are log10 x = 0..3: with y = 0..3 on
  /// a 16×8 braille canvas (32×32 dots) the points are the dots (0, 31),
  /// (10.3, 20.7), (20.7, 10.3), (31, 0), which round to a line of slope 1:
  /// the same diagonal as `brailleStraightLine`. Two x ticks fit (16 / 10 + 1):
  /// every second power of ten, 1 and 100 (dot 20.7, cell 10).
  @Test func logXAxis() throws {
    let out = try run("plot([1, 10, 100, 1000], [0, 1, 2, 3], logx=True, width=16, height=8)")
    #expect(
      out == """
          ┌────────────────┐
          │              ⡠⠊│
          │            ⡠⠊  │
        2 ┤          ⡠⠊    │
          │        ⡠⠊      │
          │      ⡠⠊        │
          │    ⡠⠊          │
          │  ⡠⠊            │
        0 ┤⡠⠊              │
          └┬─────────┬─────┘
           1        100

        """)
  }

  /// 20×4 cells are 40×16 dots, y from 0 to 4 on dot rows 15 to 0. hline=2 is
  /// dot row 7.5, rounded to 8 (cell row 2, top dots: ⠁ on every other dot);
  /// vline=1 is dot column 9.75 → 10 (cell 5, left dots on every other row:
  /// ⠅); the series y=0 is the bottom dot row (⣀, with the vline ⣅). The note
  /// at (3, 3) is dot (29.25, 3.75) → cell (14, 1): a ring, then the text.
  @Test func referenceLinesAndNotes() throws {
    let out = try run("plot([0, 4], [0, 0], ylim=(0, 4), width=20, height=4, hline=2, vline=1, annotate=(3, 3, 'hi'))")
    #expect(
      out == """
            ┌────────────────────┐
            │     ⠅              │
        2.5 ┤     ⠅        ◦hi   │
            │⠁⠁⠁⠁⠁⠅⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁⠁│
          0 ┤⣀⣀⣀⣀⣀⣅⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀│
            └┬─────────┬────────┬┘
             0         2        4

        """)
  }

  /// A note on the line itself: 10×3 cells are 20×12 dots, y = 1 is dot row
  /// 5.5 → 6 (cell row 1, ⠤) and x = 2 dot column 9.5 → 10 (cell 5, the
  /// ring). Row 1 is taken by the line, so the text goes on the empty row above.
  @Test func aNoteAvoidsTheCurve() throws {
    let out = try run("plot([0, 4], [1, 1], ylim=(0, 2), width=10, height=3, annotate=(2, 1, 'mid'))")
    #expect(
      out == """
          ┌──────────┐
        2 ┤      mid │
          │⠤⠤⠤⠤⠤◦⠤⠤⠤⠤│
        0 ┤          │
          └┬─────┬───┘
           0    2.5

        """)
  }

  /// Two equal series in colour: adam, drawn last, owns every cell, so sgd
  /// gets its mark (•) every 6 columns from column 2 and a note in the legend.
  @Test func aHiddenSeriesIsMarkedAndNamed() throws {
    let out = try run(
      "plot([[1] * 12, [1] * 12], labels=['sgd', 'adam'], ylim=(0, 2), width=12, height=3)",
      settings: PlotSettings(color: true))
    #expect(
      stripEscapes(out) == """
          ┌────────────┐
        2 ┤            │ ─•─ sgd
          │⠤⠤•⠤⠤⠤⠤⠤•⠤⠤⠤│     (under adam)
        0 ┤            │ ─── adam
          └┬─────────┬─┘
           0        10

        """)
  }

  /// Two panels side by side, two columns apart, each its own plot.
  @Test func panelsSideBySide() throws {
    let out = try run(
      "plots([lambda: plot([0, 1], width=6, height=3, title='a'), lambda: plot([1, 0], width=6, height=3, title='b')])"
    )
    #expect(
      out == """
             a           b
          ┌──────┐    ┌──────┐
        1 ┤    ⡠⠊│  1 ┤⠑⢄    │
          │  ⡠⠊  │    │  ⠑⢄  │
        0 ┤⡠⠊    │  0 ┤    ⠑⢄│
          └┬────┬┘    └┬────┬┘
           0    1      0    1

        """)
  }

  /// marker= puts the chosen mark along the line, colour or not.
  @Test func chosenMarker() throws {
    let out = try run("plot([1] * 12, marker='s', ylim=(0, 2), width=12, height=3, label='x')")
    #expect(out.contains("⠤⠤▪⠤⠤⠤⠤⠤▪⠤⠤⠤"), "\(out)")
    #expect(out.contains("─▪─ x"))
  }

  /// 20 points on 20 cells, one a cell: sgd is drawn first and adam over it
  /// in columns 0 to 17 before it drops to 0, so sgd shows only in the last
  /// two or so of its 20 cells (under a fifth): "mostly under".
  @Test func aMostlyHiddenSeriesIsNamed() throws {
    let out = try run(
      "plot([[1] * 20, [1] * 18 + [0, 0]], labels=['sgd', 'adam'], ylim=(0, 2), width=20, height=6)",
      settings: PlotSettings(color: true))
    #expect(stripEscapes(out).contains("(mostly under"), "\(out)")
  }
}
