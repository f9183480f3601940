import Foundation
import OptLang

/// Draws a `Figure` as SVG: the same frame, ticks, labels, legend, series,
/// level lines, paths and markers as the terminal shows, at print
/// resolution. Each part of the figure is drawn by its own piece (axes,
/// contour, series, paths, marks, legend: the extensions in `SVG*.swift`),
/// into a group with a class name (`frame`, `ticks`, `levels`, `series`,
/// `paths`, `markers`, `legend`, ...) that tests and style sheets can find.
/// `render()` makes a standalone document; `body` draws into a panel.
struct SVGRenderer {
  let figure: Figure
  /// The plot area's width in pixels (a panel's is smaller).
  var plotWidth = 640.0
  /// Prefix of the ids in the document (clip paths), unique per panel.
  var id = "plot"

  static let font = 13.0
  static let titleFont = 16.0

  /// Where everything goes: margins around the plot area, computed from the
  /// measured widths of the labels, the legend and the title.
  struct Layout {
    var left: Double, top: Double, w: Double, h: Double
    /// The colour bar's left edge (when there is one) and the legend's.
    var colorBar: Double?
    var legend: Double
    var width: Double, height: Double
  }

  init(figure: Figure, plotWidth: Double = 640, id: String = "plot") {
    self.figure = figure
    self.plotWidth = plotWidth
    self.id = id
  }

  var layout: Layout {
    let w = plotWidth
    // Terminal cells are about twice as tall as wide: keep the canvas's shape.
    let h = min(max((w * Double(figure.rows) * 2 / Double(max(figure.columns, 1))).rounded(), w * 0.375), w)
    let tickWidth = figure.y.labels.map { TextWidth.measure($0, size: SVGRenderer.font) }.max() ?? 0
    var left = (tickWidth + 14 + (figure.ylabel == nil ? 0 : 24) + 10).rounded()
    let top = figure.title == nil ? 16.0 : 44.0
    var x = left + w + 16
    var colorBar: Double?
    if let bar = colorBarWidth {
      colorBar = x
      x += bar + 16
    }
    let legendWidth = legendEntries.map { 34 + TextWidth.measure($0.label, size: SVGRenderer.font) }.max() ?? 0
    var width = x + legendWidth + (legendWidth > 0 ? 12 : 0)
    // The title is centred over the plot area; widen both sides if it is longer.
    if let title = figure.title {
      let room = TextWidth.measure(title, size: SVGRenderer.titleFont, bold: true) + 24
      let spill = max(0, (room - w) / 2)
      if spill > left {
        let shift = (spill - left).rounded(.up)
        left += shift
        x += shift
        colorBar = colorBar.map { $0 + shift }
        width += shift
      }
      width = max(width, left + w / 2 + room / 2)
    }
    let bottom = figure.xlabel == nil ? 40.0 : 64.0
    return Layout(
      left: left, top: top, w: w, h: h, colorBar: colorBar, legend: x, width: width.rounded(.up),
      height: top + h + bottom)
  }

  /// Data to SVG coordinates.
  func X(_ l: Layout, _ v: Double) -> Double { l.left + figure.x.fraction(v) * l.w }
  func Y(_ l: Layout, _ v: Double) -> Double { l.top + (1 - figure.y.fraction(v)) * l.h }

  /// A standalone SVG document.
  func render() -> String {
    let l = layout
    var out = SVGWriter()
    out.text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    SVGRenderer.openDocument(
      &out, width: l.width, height: l.height, title: figure.title ?? (figure.contour == nil ? "plot" : "contour"))
    body(&out, l)
    out.close("svg")
    return out.text
  }

  /// The root element, its title and a white background.
  static func openDocument(_ out: inout SVGWriter, width: Double, height: Double, title: String) {
    out.open(
      "svg",
      [
        "xmlns": "http://www.w3.org/2000/svg", "version": "1.1", "width": n(width), "height": n(height),
        "viewBox": "0 0 \(n(width)) \(n(height))",
        "font-family": "DejaVu Sans, Helvetica, Arial, sans-serif", "font-size": n(font),
      ])
    out.element("title", [:], text: title)
    out.element(
      "rect", ["class": "background", "x": "0", "y": "0", "width": n(width), "height": n(height), "fill": "white"])
  }

  /// Every part of the figure, at the layout's coordinates.
  func body(_ out: inout SVGWriter, _ l: Layout) {
    out.open("defs")
    out.open("clipPath", ["id": "\(id)-area"])
    out.element("rect", ["x": n(l.left), "y": n(l.top), "width": n(l.w), "height": n(l.h)])
    out.close("clipPath")
    out.close("defs")
    drawGrid(&out, l)
    drawContour(&out, l)
    drawReferenceLines(&out, l)
    drawSeries(&out, l)
    drawPaths(&out, l)
    drawMarkers(&out, l)
    drawNotes(&out, l)
    drawAxes(&out, l)
    drawColorBar(&out, l)
    drawLegend(&out, l)
  }

  var clip: String { "url(#\(id)-area)" }

  /// A polyline as path data, clipped a little outside the plot area (huge
  /// values must not make huge coordinates), broken where a point is not finite.
  func pathData(_ l: Layout, _ points: [(Double, Double)], stairs: Bool = false) -> String {
    let box = (xmin: l.left - 2, ymin: l.top - 2, xmax: l.left + l.w + 2, ymax: l.top + l.h + 2)
    var d = ""
    var previous: (Double, Double)?
    var pen: (Double, Double)?
    func segment(_ a: (Double, Double), _ b: (Double, Double)) {
      guard
        let (p, q) = Canvas.clip(a.0, a.1, b.0, b.1, xmin: box.xmin, ymin: box.ymin, xmax: box.xmax, ymax: box.ymax)
      else {
        pen = nil
        return
      }
      if let pen, abs(pen.0 - p.0) < 1e-6, abs(pen.1 - p.1) < 1e-6 {
        d += "L\(n(q.0)) \(n(q.1))"
      } else {
        d += "M\(n(p.0)) \(n(p.1))L\(n(q.0)) \(n(q.1))"
      }
      pen = q
    }
    for p in points {
      guard p.0.isFinite, p.1.isFinite else {
        previous = nil
        pen = nil
        continue
      }
      if let a = previous {
        if stairs {
          segment(a, (p.0, a.1))
          segment((p.0, a.1), p)
        } else {
          segment(a, p)
        }
      } else if p.0 >= box.xmin && p.0 <= box.xmax && p.1 >= box.ymin && p.1 <= box.ymax {
        d += "M\(n(p.0)) \(n(p.1))"
        pen = p
      }
      previous = p
    }
    return d
  }

  /// The points of a five-pointed star centred at (x, y).
  static func star(_ x: Double, _ y: Double, _ r: Double) -> String {
    (0..<10).map { k -> String in
      let angle = Double.pi / 5 * Double(k) - Double.pi / 2
      let radius = k % 2 == 0 ? r : r * 0.45
      return "\(n(x + radius * cos(angle))),\(n(y + radius * sin(angle)))"
    }.joined(separator: " ")
  }

  /// The indices of the points worth drawing: all of them when there are few,
  /// else, when x increases, the first, lowest, highest and last point of each
  /// of `buckets` columns — the same picture at that width — and every point
  /// whose y is not finite (where the line breaks).
  static func decimated(_ xs: [Double], _ ys: [Double], count: Int, buckets: Int, stairs: Bool) -> [Int] {
    guard count > 4 * buckets, !stairs, buckets > 0 else { return Array(0..<count) }
    var previous = -Double.infinity
    for i in 0..<count {
      guard xs[i].isFinite, xs[i] >= previous else { return Array(0..<count) }
      previous = xs[i]
    }
    let lo = xs[0]
    let hi = xs[count - 1]
    guard hi > lo else { return Array(0..<count) }
    var keep: [Int] = []
    var bucket = -1
    var first = 0
    var low = -1
    var high = -1
    func flush(_ last: Int) {
      guard bucket >= 0 else { return }
      for i in Set([first, low, high, last]).sorted() where i >= 0 { keep.append(i) }
    }
    for i in 0..<count {
      let b = min(Int((xs[i] - lo) / (hi - lo) * Double(buckets)), buckets - 1)
      if b != bucket {
        flush(i - 1)
        bucket = b
        first = i
        low = -1
        high = -1
      }
      let y = ys[i]
      if !y.isFinite {
        keep.append(i)
        continue
      }
      if low < 0 || y < ys[low] { low = i }
      if high < 0 || y > ys[high] { high = i }
    }
    flush(count - 1)
    return Array(Set(keep)).sorted()
  }

  func n(_ v: Double) -> String { SVGRenderer.n(v) }

  /// A number for SVG: at most two decimals, no trailing zeros.
  static func n(_ v: Double) -> String {
    guard v.isFinite else { return "0" }
    var s = String(format: "%.2f", v)
    while s.hasSuffix("0") { s.removeLast() }
    if s.hasSuffix(".") { s.removeLast() }
    return s == "-0" ? "0" : s
  }

  /// Text escaped for XML.
  static func escape(_ text: String) -> String {
    var out = ""
    for c in text {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      default:
        // Control characters are not allowed in XML 1.0.
        if let a = c.asciiValue, a < 0x20, c != "\t" { out += " " } else { out.append(c) }
      }
    }
    return out
  }
}

/// Builds SVG text: one element per line, attributes in the order given,
/// values and text escaped for XML.
struct SVGWriter {
  var text = ""

  private mutating func start(_ name: String, _ attributes: KeyValuePairs<String, String>) {
    text += "<" + name
    for (key, value) in attributes { text += " \(key)=\"\(SVGRenderer.escape(value))\"" }
  }

  mutating func open(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
    start(name, attributes)
    text += ">\n"
  }

  mutating func close(_ name: String) { text += "</\(name)>\n" }

  mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String>, text content: String? = nil) {
    start(name, attributes)
    if let content {
      text += ">" + SVGRenderer.escape(content) + "</\(name)>\n"
    } else {
      text += "/>\n"
    }
  }
}
