/// The SVG's line plots: each series as one path (or dots), and its markers.
extension SVGRenderer {
  func drawSeries(_ out: inout SVGWriter, _ l: Layout) {
    guard !figure.series.isEmpty else { return }
    out.open(
      "g", ["class": "series", "clip-path": clip, "fill": "none", "stroke-width": "1.8", "stroke-linejoin": "round"])
    for (k, series) in figure.series.enumerated() {
      let label = series.label ?? "series \(k + 1)"
      let count = min(series.xs.count, series.ys.count)
      let xs = series.xs.prefix(count).map { X(l, $0) }
      let ys = series.ys.prefix(count).map { Y(l, $0) }
      if series.style == .scatter {
        out.open("g", ["class": "scatter", "data-label": label, "fill": series.color.svg, "stroke": "none"])
        for i in 0..<count where inside(l, xs[i], ys[i]) {
          if let marker = series.marker {
            drawMarker(&out, marker, xs[i], ys[i], color: series.color.svg)
          } else {
            out.element("circle", ["cx": n(xs[i]), "cy": n(ys[i]), "r": "2"])
          }
        }
        out.close("g")
        continue
      }
      let indices = SVGRenderer.decimated(
        xs, ys, count: count, buckets: Int(l.w), stairs: series.style == .stairs)
      let d = pathData(l, indices.map { (xs[$0], ys[$0]) }, stairs: series.style == .stairs)
      out.element("path", ["class": "line", "data-label": label, "stroke": series.color.svg, "d": d])
      if let marker = series.marker {
        // At every point when there are few, else about every 40 pixels,
        // staggered by series so that series on top of each other all show.
        let spacing = 40.0
        var next = l.left + spacing * Double(k) / Double(figure.series.count)
        out.open("g", ["class": "marks", "data-label": label])
        for i in 0..<count where inside(l, xs[i], ys[i]) && (count <= 40 || xs[i] >= next) {
          drawMarker(&out, marker, xs[i], ys[i], color: series.color.svg)
          next = xs[i] + spacing
        }
        out.close("g")
      }
    }
    out.close("g")
  }

  func inside(_ l: Layout, _ x: Double, _ y: Double) -> Bool {
    x.isFinite && y.isFinite && x >= l.left - 1 && x <= l.left + l.w + 1 && y >= l.top - 1 && y <= l.top + l.h + 1
  }

  /// A marker's shape at (x, y).
  func drawMarker(
    _ out: inout SVGWriter, _ marker: Marker, _ x: Double, _ y: Double, color: String, size r: Double = 3.5
  ) {
    func polygon(_ points: [(Double, Double)]) {
      out.element(
        "polygon",
        [
          "points": points.map { "\(n(x + $0.0)),\(n(y + $0.1))" }.joined(separator: " "), "fill": color,
          "stroke": "none",
        ])
    }
    func cross(_ d: [(Double, Double, Double, Double)]) {
      let path = d.map { "M\(n(x + $0.0)) \(n(y + $0.1))L\(n(x + $0.2)) \(n(y + $0.3))" }.joined()
      out.element("path", ["d": path, "stroke": color, "stroke-width": "1.8", "fill": "none"])
    }
    switch marker.shape {
    case .circle: out.element("circle", ["cx": n(x), "cy": n(y), "r": n(r), "fill": color, "stroke": "none"])
    case .square: polygon([(-r, -r), (r, -r), (r, r), (-r, r)])
    case .diamond: polygon([(0, -r * 1.3), (r * 1.3, 0), (0, r * 1.3), (-r * 1.3, 0)])
    case .triangle: polygon([(0, -r * 1.3), (r * 1.2, r), (-r * 1.2, r)])
    case .cross: cross([(-r, -r, r, r), (-r, r, r, -r)])
    case .plus: cross([(-r * 1.2, 0, r * 1.2, 0), (0, -r * 1.2, 0, r * 1.2)])
    case .star:
      out.element("polygon", ["points": SVGRenderer.star(x, y, r * 1.5), "fill": color, "stroke": "none"])
    }
  }
}
