import Foundation

/// A colour as both outputs show it: an index into the terminal's 256-colour
/// palette (0–15 are the theme's own colours) and a hex colour for SVG.
struct PlotColor: Equatable, Sendable {
  let terminal: UInt8
  let svg: String
  /// Bold in the terminal (the minimum's star).
  var bold = false

  /// The escape that starts this colour in a terminal.
  var escape: String { "\u{1B}[\(bold ? "1;" : "")38;5;\(terminal)m" }
  static let reset = "\u{1B}[0m"

  /// The colours of a plot's series, in order: matplotlib's first colours,
  /// matched to the terminal's own blue, red, green, yellow, magenta and cyan.
  static let series: [PlotColor] = [
    PlotColor(terminal: 4, svg: "#1f77b4"), PlotColor(terminal: 1, svg: "#d62728"),
    PlotColor(terminal: 2, svg: "#2ca02c"), PlotColor(terminal: 3, svg: "#ff7f0e"),
    PlotColor(terminal: 5, svg: "#9467bd"), PlotColor(terminal: 6, svg: "#17becf"),
  ]

  /// The colours of optimizer paths on a contour: loud ones that the level
  /// lines (a blue-to-yellow ramp) never use.
  static let paths: [PlotColor] = [
    PlotColor(terminal: 9, svg: "#e41a1c"), PlotColor(terminal: 13, svg: "#d01c8b"),
    PlotColor(terminal: 208, svg: "#ff7f00"), PlotColor(terminal: 15, svg: "#222222"),
    PlotColor(terminal: 14, svg: "#00a0b0"), PlotColor(terminal: 10, svg: "#4daf4a"),
  ]

  /// The minimum's star.
  static let minimum = PlotColor(terminal: 11, svg: "#ffd700", bold: true)

  /// Viridis from a third of the way up (its darkest blues vanish on a dark
  /// terminal) to its yellow: the colour of level `t` in 0...1.
  static func level(_ t: Double) -> PlotColor {
    let stops: [(Double, Double, Double)] = [
      (0.190, 0.407, 0.556), (0.164, 0.471, 0.558), (0.135, 0.533, 0.555), (0.122, 0.596, 0.546),
      (0.133, 0.659, 0.518), (0.208, 0.718, 0.473), (0.328, 0.774, 0.408), (0.478, 0.821, 0.318),
      (0.647, 0.858, 0.210), (0.825, 0.885, 0.106), (0.993, 0.906, 0.144),
    ]
    let x = min(max(t.isFinite ? t : 0, 0), 1) * Double(stops.count - 1)
    let i = min(Int(x), stops.count - 2)
    let f = x - Double(i)
    let (r0, g0, b0) = stops[i]
    let (r1, g1, b1) = stops[i + 1]
    let r = r0 + (r1 - r0) * f
    let g = g0 + (g1 - g0) * f
    let b = b0 + (b1 - b0) * f
    return PlotColor(terminal: xterm256(r, g, b), svg: hex(r, g, b))
  }

  static func hex(_ r: Double, _ g: Double, _ b: Double) -> String {
    func byte(_ x: Double) -> String {
      let v = Int((min(max(x, 0), 1) * 255).rounded())
      let s = String(v, radix: 16)
      return s.count == 1 ? "0" + s : s
    }
    return "#" + byte(r) + byte(g) + byte(b)
  }

  /// The nearest colour of the xterm 6×6×6 cube.
  static func xterm256(_ r: Double, _ g: Double, _ b: Double) -> UInt8 {
    let levels: [Double] = [0, 95, 135, 175, 215, 255].map { $0 / 255 }
    func nearest(_ x: Double) -> Int {
      var best = 0
      for k in 1..<levels.count where abs(levels[k] - x) < abs(levels[best] - x) { best = k }
      return best
    }
    return UInt8(16 + 36 * nearest(r) + 6 * nearest(g) + nearest(b))
  }
}
