import Foundation
import OptLang

/// Draws a `Figure` as a standalone SVG document: the same frame, ticks,
/// labels, legend, series, level lines, paths and markers as the terminal
/// shows, at print resolution. Each part is a group with a class name
/// (`frame`, `ticks`, `levels`, `series`, `paths`, `markers`, `legend`) so
/// that tests and style sheets can find it.
struct SVGRenderer {
  let figure: Figure

  static let font = 13.0
  static let charWidth = 7.4

  // The plot area.
  var plotWidth: Double { 640 }
  var plotHeight: Double {
    // Terminal cells are about twice as tall as wide: keep the canvas's shape.
    min(max((640 * Double(figure.rows) * 2 / Double(max(figure.columns, 1))).rounded(), 240), 640)
  }

  func render() -> String {
    let legend = legendEntries()
    let yTickLabels = figure.y.labels
    let tickWidth = (yTickLabels.map { Double($0.count) }.max() ?? 1) * SVGRenderer.charWidth
    let left = (tickWidth + 14 + (figure.ylabel == nil ? 0 : 24) + 10).rounded()
    let top = figure.title == nil ? 16.0 : 44.0
    let longestLabel = legend.map { Double($0.label.count) }.max() ?? 0
    let legendWidth = legend.isEmpty ? 0 : 44 + longestLabel * SVGRenderer.charWidth
    let right = (16 + legendWidth).rounded()
    let bottom = figure.xlabel == nil ? 40.0 : 64.0
    let w = plotWidth
    let h = plotHeight
    let totalWidth = left + w + right
    let totalHeight = top + h + bottom

    func X(_ v: Double) -> Double { left + figure.x.fraction(v) * w }
    func Y(_ v: Double) -> Double { top + (1 - figure.y.fraction(v)) * h }

    var out = SVGWriter()
    out.text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out.open(
      "svg",
      [
        "xmlns": "http://www.w3.org/2000/svg", "version": "1.1", "width": n(totalWidth), "height": n(totalHeight),
        "viewBox": "0 0 \(n(totalWidth)) \(n(totalHeight))",
        "font-family": "DejaVu Sans, Helvetica, Arial, sans-serif", "font-size": n(SVGRenderer.font),
      ])
    out.element("title", [:], text: figure.title ?? (figure.contour == nil ? "plot" : "contour"))
    out.element(
      "rect",
      ["class": "background", "x": "0", "y": "0", "width": n(totalWidth), "height": n(totalHeight), "fill": "white"])
    out.open("defs")
    out.open("clipPath", ["id": "plot-area"])
    out.element("rect", ["x": n(left), "y": n(top), "width": n(w), "height": n(h)])
    out.close("clipPath")
    out.close("defs")

    // Grid lines at the ticks.
    out.open("g", ["class": "grid", "stroke": "#e6e6e6", "stroke-width": "1"])
    for v in figure.x.ticks where X(v).isFinite {
      out.element("line", ["x1": n(X(v)), "y1": n(top), "x2": n(X(v)), "y2": n(top + h)])
    }
    for v in figure.y.ticks where Y(v).isFinite {
      out.element("line", ["x1": n(left), "y1": n(Y(v)), "x2": n(left + w), "y2": n(Y(v))])
    }
    out.close("g")

    // Clipping in SVG space keeps huge values from making huge coordinates.
    let box = (xmin: left - 2, ymin: top - 2, xmax: left + w + 2, ymax: top + h + 2)
    func pathData(_ points: [(Double, Double)], stairs: Bool = false) -> String {
      var d = ""
      var previous: (Double, Double)?
      var pen: (Double, Double)?
      func segment(_ a: (Double, Double), _ b: (Double, Double)) {
        guard
          let (p, q) = Canvas.clip(
            a.0, a.1, b.0, b.1, xmin: box.xmin, ymin: box.ymin, xmax: box.xmax, ymax: box.ymax)
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

    if let contour = figure.contour {
      if let fill = contour.fill {
        out.open(
          "g", ["class": "bands", "clip-path": "url(#plot-area)", "stroke": "none", "shape-rendering": "crispEdges"])
        let bands = fill.bounds.count
        let cw = w / Double(fill.nx - 1)
        let ch = h / Double(fill.ny - 1)
        for j in 0..<(fill.ny - 1) {
          for i in 0..<(fill.nx - 1) {
            let v = Contours.bilinear(
              fill, (Double(i) + 0.5) / Double(fill.nx - 1), (Double(j) + 0.5) / Double(fill.ny - 1))
            guard v.isFinite else { continue }
            let band = fill.bounds.firstIndex { v < $0 } ?? bands
            let color = PlotColor.level(bands == 0 ? 0 : Double(band) / Double(bands))
            out.element(
              "rect",
              [
                "x": n(left + Double(i) * cw), "y": n(top + h - Double(j + 1) * ch), "width": n(cw + 0.3),
                "height": n(ch + 0.3), "fill": color.svg,
              ])
          }
        }
        out.close("g")
      }
      out.open(
        "g",
        [
          "class": "levels", "clip-path": "url(#plot-area)", "fill": "none", "stroke-width": "1.2",
          "stroke-linecap": "round",
        ])
      for level in contour.levels where contour.fill == nil {
        var d = ""
        for seg in level.segments {
          d += "M\(n(X(seg.x0))) \(n(Y(seg.y0)))L\(n(X(seg.x1))) \(n(Y(seg.y1)))"
        }
        out.element(
          "path", ["class": "level", "data-level": shortNumber(level.value), "stroke": level.color.svg, "d": d])
      }
      out.close("g")
    }

    if !figure.series.isEmpty {
      out.open(
        "g",
        [
          "class": "series", "clip-path": "url(#plot-area)", "fill": "none", "stroke-width": "1.8",
          "stroke-linejoin": "round",
        ])
      for (k, series) in figure.series.enumerated() {
        let label = series.label ?? "series \(k + 1)"
        let count = min(series.xs.count, series.ys.count)
        if series.style == .scatter {
          out.open("g", ["class": "scatter", "data-label": label, "fill": series.color.svg, "stroke": "none"])
          for i in 0..<count {
            let x = X(series.xs[i])
            let y = Y(series.ys[i])
            guard x.isFinite, y.isFinite, x >= left - 1, x <= left + w + 1, y >= top - 1, y <= top + h + 1 else {
              continue
            }
            out.element("circle", ["cx": n(x), "cy": n(y), "r": "2"])
          }
          out.close("g")
          continue
        }
        let indices = SVGRenderer.decimated(
          series.xs, series.ys, count: count, buckets: Int(w), stairs: series.style == .stairs)
        let points = indices.map { (X(series.xs[$0]), Y(series.ys[$0])) }
        let d = pathData(points, stairs: series.style == .stairs)
        out.element("path", ["class": "line", "data-label": label, "stroke": series.color.svg, "d": d])
      }
      out.close("g")
    }

    if !figure.paths.isEmpty {
      out.open(
        "g",
        [
          "class": "paths", "clip-path": "url(#plot-area)", "fill": "none", "stroke-width": "2",
          "stroke-linejoin": "round",
        ])
      for path in figure.paths {
        let points = path.points.map { (X($0.x), Y($0.y)) }
        out.open("g", ["class": "path", "data-label": path.label])
        out.element("path", ["stroke": path.color.svg, "d": pathData(points)])
        if points.count <= 300 {
          for p in points where p.0.isFinite && p.1.isFinite {
            out.element("circle", ["cx": n(p.0), "cy": n(p.1), "r": "2.2", "fill": path.color.svg, "stroke": "none"])
          }
        }
        out.close("g")
      }
      out.close("g")
    }

    // Markers: the minimum (a star), each path's start (hollow) and end (filled).
    if figure.contour != nil || !figure.paths.isEmpty {
      out.open("g", ["class": "markers", "clip-path": "url(#plot-area)"])
      if let m = figure.contour?.minimum, X(m.x).isFinite, Y(m.y).isFinite {
        out.element(
          "polygon",
          [
            "class": "minimum", "points": star(X(m.x), Y(m.y), 9), "fill": PlotColor.minimum.svg, "stroke": "black",
            "stroke-width": "1",
          ])
      }
      for path in figure.paths {
        let finite = path.points.filter { X($0.x).isFinite && Y($0.y).isFinite }
        if let first = finite.first {
          out.element(
            "circle",
            [
              "class": "start", "cx": n(X(first.x)), "cy": n(Y(first.y)), "r": "5.5", "fill": "white",
              "stroke": path.color.svg, "stroke-width": "2.5",
            ])
        }
        if finite.count > 1, let last = finite.last {
          out.element(
            "circle",
            [
              "class": "end", "cx": n(X(last.x)), "cy": n(Y(last.y)), "r": "5.5", "fill": path.color.svg,
              "stroke": "black", "stroke-width": "1",
            ])
        }
      }
      out.close("g")
    }

    out.element(
      "rect",
      [
        "class": "frame", "x": n(left), "y": n(top), "width": n(w), "height": n(h), "fill": "none",
        "stroke": "#333333", "stroke-width": "1",
      ])

    // Ticks and their labels.
    out.open("g", ["class": "ticks x", "stroke": "#333333"])
    for (v, label) in zip(figure.x.ticks, figure.x.labels) where X(v).isFinite {
      let x = X(v)
      out.element("line", ["x1": n(x), "y1": n(top + h), "x2": n(x), "y2": n(top + h + 5)])
      out.element(
        "text", ["x": n(x), "y": n(top + h + 19), "text-anchor": "middle", "stroke": "none", "fill": "#333333"],
        text: label)
    }
    out.close("g")
    out.open("g", ["class": "ticks y", "stroke": "#333333"])
    for (v, label) in zip(figure.y.ticks, yTickLabels) where Y(v).isFinite {
      let y = Y(v)
      out.element("line", ["x1": n(left - 5), "y1": n(y), "x2": n(left), "y2": n(y)])
      out.element(
        "text", ["x": n(left - 8), "y": n(y + 4.5), "text-anchor": "end", "stroke": "none", "fill": "#333333"],
        text: label)
    }
    out.close("g")

    if let title = figure.title {
      out.element(
        "text",
        [
          "class": "title", "x": n(left + w / 2), "y": "28", "text-anchor": "middle", "font-size": "16",
          "font-weight": "bold",
        ], text: title)
    }
    if let xlabel = figure.xlabel {
      out.element(
        "text", ["class": "xlabel", "x": n(left + w / 2), "y": n(top + h + 44), "text-anchor": "middle"],
        text: xlabel)
    }
    if let ylabel = figure.ylabel {
      let x = 20.0
      let y = top + h / 2
      out.element(
        "text",
        [
          "class": "ylabel", "x": n(x), "y": n(y), "text-anchor": "middle",
          "transform": "rotate(-90 \(n(x)) \(n(y)))",
        ], text: ylabel)
    }

    if !legend.isEmpty {
      let lx = left + w + 16
      out.open("g", ["class": "legend"])
      for (k, e) in legend.enumerated() {
        let y = top + 10 + Double(k) * 20
        out.open("g", ["class": "entry"])
        switch e.sample {
        case .line(let color, let marker):
          out.element(
            "line", ["x1": n(lx), "y1": n(y), "x2": n(lx + 26), "y2": n(y), "stroke": color, "stroke-width": "2"])
          if marker { out.element("circle", ["cx": n(lx + 13), "cy": n(y), "r": "2.5", "fill": color]) }
        case .dots(let color):
          out.element("circle", ["cx": n(lx + 8), "cy": n(y), "r": "2.5", "fill": color])
          out.element("circle", ["cx": n(lx + 18), "cy": n(y), "r": "2.5", "fill": color])
        case .start:
          out.element(
            "circle",
            ["cx": n(lx + 13), "cy": n(y), "r": "5", "fill": "white", "stroke": "#555555", "stroke-width": "2.5"])
        case .end:
          out.element(
            "circle",
            ["cx": n(lx + 13), "cy": n(y), "r": "5", "fill": "#555555", "stroke": "black", "stroke-width": "1"])
        case .star:
          out.element(
            "polygon",
            ["points": star(lx + 13, y, 8), "fill": PlotColor.minimum.svg, "stroke": "black", "stroke-width": "1"])
        }
        out.element("text", ["x": n(lx + 34), "y": n(y + 4.5)], text: e.label)
        out.close("g")
      }
      out.close("g")
    }
    out.close("svg")
    return out.text
  }

  enum Sample {
    case line(String, marker: Bool)
    case dots(String)
    case start, end, star
  }

  struct LegendEntry {
    var sample: Sample
    var label: String
  }

  func legendEntries() -> [LegendEntry] {
    var entries: [LegendEntry] = []
    for s in figure.series {
      guard let label = s.label else { continue }
      entries.append(
        LegendEntry(sample: s.style == .scatter ? .dots(s.color.svg) : .line(s.color.svg, marker: false), label: label))
    }
    for p in figure.paths { entries.append(LegendEntry(sample: .line(p.color.svg, marker: true), label: p.label)) }
    if !figure.paths.isEmpty {
      entries.append(LegendEntry(sample: .start, label: "start"))
      entries.append(LegendEntry(sample: .end, label: "end"))
    }
    if let c = figure.contour, let m = c.minimum {
      entries.append(
        LegendEntry(
          sample: .star,
          label: "min \(shortNumber(m.value)) at \(c.xname)=\(shortNumber(m.x)), \(c.yname)=\(shortNumber(m.y))"))
    }
    return entries
  }

  /// The points of a five-pointed star centred at (x, y).
  func star(_ x: Double, _ y: Double, _ r: Double) -> String {
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

  /// A number for SVG: at most two decimals, no trailing zeros.
  func n(_ v: Double) -> String {
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
