/// Everything one plot shows, in data coordinates, independent of how it is
/// drawn: the terminal renderer and the SVG writer both draw a `Figure`, so
/// the two show the same thing.
struct Figure {
  var title: String?
  var xlabel: String?
  var ylabel: String?
  var x: Axis
  var y: Axis
  var series: [Series] = []
  var contour: Contour?
  var paths: [Path] = []
  /// Canvas size in character cells (the SVG keeps the same proportions).
  var columns: Int
  var rows: Int

  /// A line plot's data.
  struct Series {
    enum Style { case line, stairs, scatter }
    var label: String?
    var xs: [Double]
    var ys: [Double]
    var style: Style
    var color: PlotColor
    /// Without colour, several series are told apart by a character placed along each.
    var marker: Character?
  }

  /// A contour plot's surface.
  struct Contour {
    struct Level {
      var value: Double
      var color: PlotColor
      /// Line segments, in data coordinates.
      var segments: [Segment]
    }
    struct Segment {
      var x0: Double, y0: Double, x1: Double, y1: Double
    }
    var levels: [Level]
    /// The lowest value found on the grid, and where.
    var minimum: (x: Double, y: Double, value: Double)?
    /// The sampled surface for shaded bands (`fill=True`), else nil.
    var fill: Fill?
    /// Parameter names, for the legend's minimum (`w=0.9, b=0.4`).
    var xname: String
    var yname: String
  }

  /// Shaded bands: the grid, and the level values that bound the bands.
  struct Fill {
    var nx: Int
    var ny: Int
    /// Row-major, row 0 at the bottom (y0), NaN where the function had no finite value.
    var values: [Double]
    var bounds: [Double]
  }

  /// An optimizer's path on a contour.
  struct Path {
    var label: String
    var points: [(x: Double, y: Double)]
    var color: PlotColor
    var glyph: Character
  }

  /// Glyphs of paths (and of series without colour), in order.
  static func glyphs(unicode: Bool) -> [Character] {
    unicode ? ["•", "×", "▪", "◆", "▲", "+"] : ["*", "o", "@", "%", "&", "$"]
  }

  /// A path's start and end: letters, which read the same in any font.
  static let startGlyph: Character = "S"
  static let endGlyph: Character = "E"
  /// The lowest value on the grid.
  static func minimumGlyph(unicode: Bool) -> Character { unicode ? "★" : "X" }
}
