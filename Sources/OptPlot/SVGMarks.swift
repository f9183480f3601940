/// The SVG's reference lines (`hline=`, `vline=`) and notes (`annotate=`).
extension SVGRenderer {
  func drawReferenceLines(_ out: inout SVGWriter, _ l: Layout) {
    let lines = figure.marks.filter { if case .text = $0 { return false } else { return true } }
    guard !lines.isEmpty else { return }
    out.open(
      "g",
      [
        "class": "reference", "clip-path": clip, "stroke": PlotColor.annotation.svg, "stroke-width": "1.2",
        "stroke-dasharray": "5 4",
      ])
    for mark in lines {
      switch mark {
      case .hline(let v) where Y(l, v).isFinite:
        out.element(
          "line", ["class": "hline", "x1": n(l.left), "y1": n(Y(l, v)), "x2": n(l.left + l.w), "y2": n(Y(l, v))])
      case .vline(let v) where X(l, v).isFinite:
        out.element(
          "line", ["class": "vline", "x1": n(X(l, v)), "y1": n(l.top), "x2": n(X(l, v)), "y2": n(l.top + l.h)])
      default: continue
      }
    }
    out.close("g")
  }

  /// Each note: a ring at its point and the text beside it, on a white halo;
  /// to the left of the point when it would run past the right edge.
  func drawNotes(_ out: inout SVGWriter, _ l: Layout) {
    var notes: [(Double, Double, String)] = []
    for mark in figure.marks {
      if case .text(let x, let y, let text) = mark, inside(l, X(l, x), Y(l, y)) {
        notes.append((X(l, x), Y(l, y), text))
      }
    }
    guard !notes.isEmpty else { return }
    out.open("g", ["class": "notes", "fill": "#222222"])
    for (x, y, text) in notes {
      out.element(
        "circle",
        ["cx": n(x), "cy": n(y), "r": "4", "fill": "none", "stroke": PlotColor.annotation.svg, "stroke-width": "1.5"])
      let width = TextWidth.measure(text, size: SVGRenderer.font)
      let before = x + 8 + width > l.left + l.w
      out.element(
        "text",
        [
          "x": n(before ? x - 8 : x + 8), "y": n(y - 6), "text-anchor": before ? "end" : "start",
          "stroke": "white", "stroke-width": "3", "paint-order": "stroke",
        ], text: text)
    }
    out.close("g")
  }
}
