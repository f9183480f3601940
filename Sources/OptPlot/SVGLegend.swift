/// The SVG's legend: the shared `Legend`'s entries, each with a sample of its
/// line, dots, marker or symbol, right of the plot (and of the colour bar).
extension SVGRenderer {
  struct LegendLine {
    var sample: Legend.Sample?
    var label: String
  }

  /// The legend's lines: a note (what covers a series) on a line of its own;
  /// the minimum on one line, with the parameters' names.
  var legendEntries: [LegendLine] {
    var lines: [LegendLine] = []
    for e in Legend(figure).entries {
      if case .minimum = e.sample, let c = figure.contour, let text = Legend.minimumText(c) {
        lines.append(LegendLine(sample: e.sample, label: text))
        continue
      }
      lines.append(LegendLine(sample: e.sample, label: e.label))
      if let note = e.note { lines.append(LegendLine(sample: nil, label: note)) }
    }
    return lines
  }

  func drawLegend(_ out: inout SVGWriter, _ l: Layout) {
    let entries = legendEntries
    guard !entries.isEmpty else { return }
    let lx = l.legend
    out.open("g", ["class": "legend"])
    for (k, e) in entries.enumerated() {
      let y = l.top + 10 + Double(k) * 20
      out.open("g", ["class": "entry"])
      switch e.sample {
      case .line(let color, let marker):
        out.element(
          "line", ["x1": n(lx), "y1": n(y), "x2": n(lx + 26), "y2": n(y), "stroke": color.svg, "stroke-width": "2"])
        if let marker { drawMarker(&out, marker, lx + 13, y, color: color.svg) }
      case .dots(let color, let marker):
        for dx in [8.0, 18.0] {
          if let marker {
            drawMarker(&out, marker, lx + dx, y, color: color.svg, size: 2.8)
          } else {
            out.element("circle", ["cx": n(lx + dx), "cy": n(y), "r": "2.5", "fill": color.svg])
          }
        }
      case .path(let color, _):
        out.element(
          "line", ["x1": n(lx), "y1": n(y), "x2": n(lx + 26), "y2": n(y), "stroke": color.svg, "stroke-width": "2"])
        out.element("circle", ["cx": n(lx + 13), "cy": n(y), "r": "2.5", "fill": color.svg])
      case .start:
        out.element(
          "circle",
          ["cx": n(lx + 13), "cy": n(y), "r": "5", "fill": "white", "stroke": "#555555", "stroke-width": "2.5"])
      case .end:
        out.element(
          "circle", ["cx": n(lx + 13), "cy": n(y), "r": "5", "fill": "#555555", "stroke": "black", "stroke-width": "1"])
      case .minimum:
        out.element(
          "polygon",
          [
            "points": SVGRenderer.star(lx + 13, y, 8), "fill": PlotColor.minimum.svg, "stroke": "black",
            "stroke-width": "1",
          ])
      case nil: break
      }
      out.element("text", ["x": n(lx + 34), "y": n(y + 4.5)], text: e.label)
      out.close("g")
    }
    out.close("g")
  }
}
