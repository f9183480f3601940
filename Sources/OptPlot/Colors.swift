import Foundation

/// A colour as both outputs show it: an index into the terminal's 256-colour
/// palette (nil: the terminal's own text colour) and a hex colour for SVG.
struct PlotColor: Equatable, Sendable {
  let terminal: UInt8?
  let svg: String
  /// Bold in the terminal (the minimum's star).
  var bold = false

  /// The escape that starts this colour in a terminal.
  var escape: String {
    guard let terminal else { return bold ? "\u{1B}[1m" : "" }
    return "\u{1B}[\(bold ? "1;" : "")38;5;\(terminal)m"
  }
  static let reset = "\u{1B}[0m"

  /// A colour given as hex; the terminal shows the nearest of its 6×6×6 cube.
  init(hex: String) {
    let (r, g, b) = PlotColor.components(hex) ?? (0, 0, 0)
    self.init(terminal: PlotColor.xterm256(r, g, b), svg: hex.lowercased())
  }

  init(terminal: UInt8?, svg: String, bold: Bool = false) {
    self.terminal = terminal
    self.svg = svg
    self.bold = bold
  }

  /// The colours of a plot's series and of a contour's paths, in order: the
  /// first colours of matplotlib's "tab10" cycle (Vega's category10). Each has
  /// a mid lightness, so it reads on a white page, a light terminal and a dark
  /// one; the terminal shows the nearest colours of its 256-colour cube (not
  /// its 16 theme colours, which a theme may make white or black).
  static let palette: [PlotColor] = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#17becf", "#e377c2", "#8c564b",
  ]
  .map { PlotColor(hex: $0) }

  /// Colours a learner can ask for by name (`color="red"`): the palette's,
  /// and black and grey, which the terminal shows in its own text colour.
  static let named: [String: PlotColor] = {
    var table: [String: PlotColor] = [:]
    for (name, k) in [
      ("blue", 0), ("orange", 1), ("green", 2), ("red", 3), ("purple", 4), ("cyan", 5), ("pink", 6), ("brown", 7),
    ] {
      table[name] = palette[k]
    }
    table["black"] = PlotColor(terminal: nil, svg: "#000000")
    table["gray"] = PlotColor(terminal: 244, svg: "#7f7f7f")
    table["grey"] = table["gray"]
    return table
  }()

  /// A colour by name or as `#rrggbb`; nil if it is neither.
  static func parse(_ text: String) -> PlotColor? {
    let t = text.lowercased().trimmingCharacters(in: .whitespaces)
    if let c = named[t] { return c }
    if components(t) != nil { return PlotColor(hex: t) }
    return nil
  }

  /// Reference lines and annotations: grey, which reads on either background.
  static let annotation = PlotColor(terminal: 244, svg: "#555555")

  /// The minimum's star: a bold pink-red that neither background hides.
  static let minimum = PlotColor(terminal: 198, svg: "#ffd700", bold: true)

  /// Viridis from 0.2 to 0.73 of its range, where it is neither too dark for
  /// a dark terminal nor too light for a white page (contrast at least 2:1
  /// with both): the colour of level `t` in 0...1. Stops: matplotlib's
  /// `_viridis_data` at 3/15, 4/15, ..., 11/15.
  static func level(_ t: Double) -> PlotColor {
    let stops: [(Double, Double, Double)] = [
      (0.253, 0.265, 0.530), (0.221, 0.339, 0.549), (0.190, 0.407, 0.556), (0.164, 0.471, 0.558),
      (0.140, 0.534, 0.555), (0.122, 0.596, 0.546), (0.133, 0.659, 0.518), (0.208, 0.718, 0.473),
      (0.328, 0.774, 0.408),
    ]
    let x = min(max(t.isFinite ? t : 0, 0), 1) * Double(stops.count - 1)
    let i = min(Int(x), stops.count - 2)
    let f = x - Double(i)
    let (r0, g0, b0) = stops[i]
    let (r1, g1, b1) = stops[i + 1]
    let r = r0 + (r1 - r0) * f
    let g = g0 + (g1 - g0) * f
    let b = b0 + (b1 - b0) * f
    // The terminal's cube rounds to lighter colours: aim 10% darker to keep the contrast.
    return PlotColor(terminal: xterm256(0.9 * r, 0.9 * g, 0.9 * b), svg: hex(r, g, b))
  }

  static func hex(_ r: Double, _ g: Double, _ b: Double) -> String {
    func byte(_ x: Double) -> String {
      let v = Int((min(max(x, 0), 1) * 255).rounded())
      let s = String(v, radix: 16)
      return s.count == 1 ? "0" + s : s
    }
    return "#" + byte(r) + byte(g) + byte(b)
  }

  /// `#rrggbb` as fractions, or nil.
  static func components(_ hex: String) -> (Double, Double, Double)? {
    guard hex.count == 7, hex.hasPrefix("#"), let v = UInt32(hex.dropFirst(), radix: 16) else { return nil }
    return (Double(v >> 16 & 0xFF) / 255, Double(v >> 8 & 0xFF) / 255, Double(v & 0xFF) / 255)
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
