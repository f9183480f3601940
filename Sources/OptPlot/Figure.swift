import Foundation

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
  /// Reference lines and notes (`hline=`, `vline=`, `annotate=`).
  var marks: [Mark] = []
  /// The SVG draws the paths step by step (`animate=True`).
  var animate = false
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
    /// A mark along the line: asked for (`marker=`), or to tell series apart without colour.
    var marker: Marker?
  }

  /// A contour plot's surface.
  struct Contour {
    struct Level {
      var value: Double
      var color: PlotColor
      /// Line segments at the terminal's resolution, in data coordinates.
      var segments: [Segment]
      /// The same at the SVG's resolution.
      var fineSegments: [Segment]
    }
    struct Segment {
      var x0: Double, y0: Double, x1: Double, y1: Double
    }
    var levels: [Level]
    /// The function's lowest value in the window, and where.
    var minimum: (x: Double, y: Double, value: Double)?
    /// The sampled surface for shaded bands (`fill=True`), else nil: at the
    /// terminal's resolution and at the SVG's.
    var fill: Fill?
    var fineFill: Fill?
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
    var marker: Marker
  }

  /// A horizontal or vertical reference line, or a note at a point.
  enum Mark {
    case hline(Double)
    case vline(Double)
    case text(x: Double, y: Double, String)
  }

  /// The path's start and end: letters, which read the same in any font.
  static let startGlyph: Character = "S"
  static let endGlyph: Character = "E"
  /// The function's minimum.
  static func minimumGlyph(unicode: Bool) -> Character { unicode ? "★" : "X" }
}

/// A mark placed along a series or at a path's points: a character in the
/// terminal and a shape in the SVG.
struct Marker: Equatable {
  enum Shape: String, CaseIterable { case circle, cross, square, diamond, triangle, plus, star }
  var shape: Shape
  var glyph: Character

  /// The marks given to series and paths in turn, as each output shows them.
  static func defaults(unicode: Bool) -> [Marker] {
    let glyphs: [Character] = unicode ? ["•", "×", "▪", "◆", "▲", "+"] : ["*", "o", "@", "%", "&", "$"]
    let shapes: [Shape] = [.circle, .cross, .square, .diamond, .triangle, .plus]
    return zip(shapes, glyphs).map { Marker(shape: $0, glyph: $1) }
  }

  /// A marker by matplotlib's letter (`o`, `x`, `s`, `D`, `^`, `+`, `*`) or
  /// name (`"circle"`); nil if it is neither.
  static func parse(_ text: String, unicode: Bool) -> Marker? {
    let letters: [String: Shape] = [
      "o": .circle, ".": .circle, "x": .cross, "s": .square, "d": .diamond, "^": .triangle, "+": .plus, "*": .star,
    ]
    let t = text.trimmingCharacters(in: .whitespaces)
    guard let shape = letters[t.lowercased()] ?? Shape(rawValue: t.lowercased()) else { return nil }
    let unicodeGlyph: [Shape: Character] = [
      .circle: "•", .cross: "×", .square: "▪", .diamond: "◆", .triangle: "▲", .plus: "+", .star: "✱",
    ]
    let asciiGlyph: [Shape: Character] = [
      .circle: "o", .cross: "x", .square: "#", .diamond: "%", .triangle: "^", .plus: "+", .star: "*",
    ]
    return Marker(shape: shape, glyph: (unicode ? unicodeGlyph : asciiGlyph)[shape]!)
  }
}
