/// The SVG's axes: grid lines at the ticks, the frame, tick marks and labels,
/// the title and the axis labels.
extension SVGRenderer {
  func drawGrid(_ out: inout SVGWriter, _ l: Layout) {
    out.open("g", ["class": "grid", "stroke": "#e6e6e6", "stroke-width": "1"])
    for v in figure.x.ticks where X(l, v).isFinite {
      out.element("line", ["x1": n(X(l, v)), "y1": n(l.top), "x2": n(X(l, v)), "y2": n(l.top + l.h)])
    }
    for v in figure.y.ticks where Y(l, v).isFinite {
      out.element("line", ["x1": n(l.left), "y1": n(Y(l, v)), "x2": n(l.left + l.w), "y2": n(Y(l, v))])
    }
    out.close("g")
  }

  func drawAxes(_ out: inout SVGWriter, _ l: Layout) {
    out.element(
      "rect",
      [
        "class": "frame", "x": n(l.left), "y": n(l.top), "width": n(l.w), "height": n(l.h), "fill": "none",
        "stroke": "#333333", "stroke-width": "1",
      ])
    out.open("g", ["class": "ticks x", "stroke": "#333333"])
    for (v, label) in zip(figure.x.ticks, figure.x.labels) where X(l, v).isFinite {
      let x = X(l, v)
      out.element("line", ["x1": n(x), "y1": n(l.top + l.h), "x2": n(x), "y2": n(l.top + l.h + 5)])
      out.element(
        "text", ["x": n(x), "y": n(l.top + l.h + 19), "text-anchor": "middle", "stroke": "none", "fill": "#333333"],
        text: label)
    }
    out.close("g")
    out.open("g", ["class": "ticks y", "stroke": "#333333"])
    for (v, label) in zip(figure.y.ticks, figure.y.labels) where Y(l, v).isFinite {
      let y = Y(l, v)
      out.element("line", ["x1": n(l.left - 5), "y1": n(y), "x2": n(l.left), "y2": n(y)])
      out.element(
        "text", ["x": n(l.left - 8), "y": n(y + 4.5), "text-anchor": "end", "stroke": "none", "fill": "#333333"],
        text: label)
    }
    out.close("g")
    if let title = figure.title {
      out.element(
        "text",
        [
          "class": "title", "x": n(l.left + l.w / 2), "y": n(l.top - 16), "text-anchor": "middle",
          "font-size": n(SVGRenderer.titleFont), "font-weight": "bold",
        ], text: title)
    }
    if let xlabel = figure.xlabel {
      out.element(
        "text", ["class": "xlabel", "x": n(l.left + l.w / 2), "y": n(l.top + l.h + 44), "text-anchor": "middle"],
        text: xlabel)
    }
    if let ylabel = figure.ylabel {
      let x = l.left - (figure.y.labels.map { TextWidth.measure($0, size: SVGRenderer.font) }.max() ?? 0) - 24
      let y = l.top + l.h / 2
      out.element(
        "text",
        [
          "class": "ylabel", "x": n(x), "y": n(y), "text-anchor": "middle", "transform": "rotate(-90 \(n(x)) \(n(y)))",
        ], text: ylabel)
    }
  }
}
