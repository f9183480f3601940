import Foundation

/// The SVG's contour: shaded bands or level lines at the SVG's own resolution,
/// each line labelled with its value where it has room, and a colour bar.
extension SVGRenderer {
  func drawContour(_ out: inout SVGWriter, _ l: Layout) {
    guard let contour = figure.contour else { return }
    if let fill = contour.fineFill ?? contour.fill {
      drawBands(&out, l, fill)
      return
    }
    out.open(
      "g", ["class": "levels", "clip-path": clip, "fill": "none", "stroke-width": "1.2", "stroke-linecap": "round"])
    for level in contour.levels {
      var d = ""
      for seg in level.fineSegments {
        d += "M\(n(X(l, seg.x0))) \(n(Y(l, seg.y0)))L\(n(X(l, seg.x1))) \(n(Y(l, seg.y1)))"
      }
      out.element(
        "path", ["class": "level", "data-level": shortNumber(level.value), "stroke": level.color.svg, "d": d])
    }
    out.close("g")
    drawLevelLabels(&out, l, contour)
  }

  /// Shaded bands: each row of the grid's cells as runs of one band, one
  /// rectangle per run.
  private func drawBands(_ out: inout SVGWriter, _ l: Layout, _ fill: Figure.Fill) {
    out.open("g", ["class": "bands", "clip-path": clip, "stroke": "none", "shape-rendering": "crispEdges"])
    let bands = fill.bounds.count
    let cw = l.w / Double(fill.nx - 1)
    let ch = l.h / Double(fill.ny - 1)
    for j in 0..<(fill.ny - 1) {
      var i = 0
      while i < fill.nx - 1 {
        let band = self.band(fill, i, j)
        var end = i + 1
        while end < fill.nx - 1 && self.band(fill, end, j) == band { end += 1 }
        if let band {
          let color = PlotColor.level(bands == 0 ? 0 : Double(band) / Double(bands))
          out.element(
            "rect",
            [
              "x": n(l.left + Double(i) * cw), "y": n(l.top + l.h - Double(j + 1) * ch),
              "width": n(Double(end - i) * cw + 0.3), "height": n(ch + 0.3), "fill": color.svg,
            ])
        }
        i = end
      }
    }
    out.close("g")
  }

  /// The band of the cell (i, j) at its centre; nil where the surface has no value.
  private func band(_ fill: Figure.Fill, _ i: Int, _ j: Int) -> Int? {
    let v = Contours.bilinear(
      fill, (Double(i) + 0.5) / Double(fill.nx - 1), (Double(j) + 0.5) / Double(fill.ny - 1))
    guard v.isFinite else { return nil }
    return fill.bounds.firstIndex { v < $0 } ?? fill.bounds.count
  }

  /// Each level's value on a white halo, on the level's line, at the place
  /// farthest from the frame and from the labels already placed (greedy, as
  /// matplotlib's `clabel` spreads its labels); none where no place is 24
  /// pixels clear.
  private func drawLevelLabels(_ out: inout SVGWriter, _ l: Layout, _ contour: Figure.Contour) {
    var placed: [(Double, Double)] = []
    var labels: [(Double, Double, String, String)] = []
    for level in contour.levels {
      let text = shortNumber(level.value)
      let half = TextWidth.measure(text, size: 10) / 2
      var best: (score: Double, x: Double, y: Double)?
      let stride = max(1, level.fineSegments.count / 300)
      for k in Swift.stride(from: 0, to: level.fineSegments.count, by: stride) {
        let s = level.fineSegments[k]
        let x = (X(l, s.x0) + X(l, s.x1)) / 2
        let y = (Y(l, s.y0) + Y(l, s.y1)) / 2
        guard x.isFinite, y.isFinite else { continue }
        var score = min(x - half - l.left, l.left + l.w - x - half, y - 8 - l.top, l.top + l.h - y - 8)
        for p in placed { score = min(score, hypot((x - p.0) / 2, y - p.1)) }
        if score > (best?.score ?? 24) { best = (score, x, y) }
      }
      guard let best else { continue }
      placed.append((best.x, best.y))
      labels.append((best.x, best.y, text, level.color.svg))
    }
    guard !labels.isEmpty else { return }
    out.open(
      "g",
      [
        "class": "level-labels", "font-size": "10", "text-anchor": "middle", "stroke": "white", "stroke-width": "3",
        "paint-order": "stroke",
      ])
    for (x, y, text, color) in labels {
      out.element("text", ["x": n(x), "y": n(y + 3.5), "fill": color], text: text)
    }
    out.close("g")
  }

  /// The colour bar's blocks (from the bottom) with their colours and the
  /// values at their edges: one block per level line, or one per band.
  private var colorBarBlocks: (colors: [PlotColor], labels: [String], edges: Bool)? {
    guard let contour = figure.contour, !contour.levels.isEmpty else { return nil }
    if let fill = contour.fineFill ?? contour.fill {
      let bands = fill.bounds.count
      let colors = (0...bands).map { PlotColor.level(bands == 0 ? 0 : Double($0) / Double(bands)) }
      return (colors, fill.bounds.map(shortNumber), true)
    }
    return (contour.levels.map(\.color), contour.levels.map { shortNumber($0.value) }, false)
  }

  /// The width the colour bar needs (the bar and its labels), or nil for none.
  var colorBarWidth: Double? {
    guard let blocks = colorBarBlocks else { return nil }
    return 16 + 6 + (blocks.labels.map { TextWidth.measure($0, size: 11) }.max() ?? 0)
  }

  func drawColorBar(_ out: inout SVGWriter, _ l: Layout) {
    guard let x = l.colorBar, let blocks = colorBarBlocks else { return }
    let count = Double(blocks.colors.count)
    let height = l.h / count
    out.open("g", ["class": "colorbar", "font-size": "11"])
    for (k, color) in blocks.colors.enumerated() {
      let y = l.top + l.h - Double(k + 1) * height
      out.element(
        "rect", ["x": n(x), "y": n(y), "width": "16", "height": n(height + 0.3), "fill": color.svg, "stroke": "none"])
    }
    out.element(
      "rect", ["x": n(x), "y": n(l.top), "width": "16", "height": n(l.h), "fill": "none", "stroke": "#333333"])
    for (k, label) in blocks.labels.enumerated() {
      // Edges between bands, or the middle of each level's block.
      let y = l.top + l.h - (blocks.edges ? Double(k + 1) * height : (Double(k) + 0.5) * height)
      out.element("line", ["x1": n(x + 16), "y1": n(y), "x2": n(x + 20), "y2": n(y), "stroke": "#333333"])
      out.element("text", ["x": n(x + 22), "y": n(y + 4), "fill": "#333333"], text: label)
    }
    out.close("g")
  }
}
