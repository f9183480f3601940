import Foundation

/// The SVG's optimizer paths: each as a line through its points, with its
/// start, end and the minimum marked; with `animate=True` the lines draw
/// themselves step by step, all paths in step (`PathAnimation`).
extension SVGRenderer {
  func drawPaths(_ out: inout SVGWriter, _ l: Layout) {
    guard !figure.paths.isEmpty else { return }
    out.open(
      "g", ["class": "paths", "clip-path": clip, "fill": "none", "stroke-width": "2", "stroke-linejoin": "round"])
    let animation = figure.animate ? PathAnimation(figure.paths.map(\.points.count)) : nil
    for path in figure.paths {
      let points = path.points.map { (X(l, $0.x), Y(l, $0.y)) }
      out.open("g", ["class": "path", "data-label": path.label])
      if let animation {
        animation.draw(&out, self, l, points, color: path.color.svg)
      } else {
        out.element("path", ["stroke": path.color.svg, "d": pathData(l, points)])
        if points.count <= 300 {
          for p in points where p.0.isFinite && p.1.isFinite {
            out.element("circle", ["cx": n(p.0), "cy": n(p.1), "r": "2.2", "fill": path.color.svg, "stroke": "none"])
          }
        }
      }
      out.close("g")
    }
    out.close("g")
  }

  /// The minimum (a star), each path's start (hollow) and end (filled).
  func drawMarkers(_ out: inout SVGWriter, _ l: Layout) {
    guard figure.contour != nil || !figure.paths.isEmpty else { return }
    let animation = figure.animate ? PathAnimation(figure.paths.map(\.points.count)) : nil
    out.open("g", ["class": "markers", "clip-path": clip])
    if let m = figure.contour?.minimum, X(l, m.x).isFinite, Y(l, m.y).isFinite {
      out.element(
        "polygon",
        [
          "class": "minimum", "points": SVGRenderer.star(X(l, m.x), Y(l, m.y), 9), "fill": PlotColor.minimum.svg,
          "stroke": "black", "stroke-width": "1",
        ])
    }
    for path in figure.paths {
      let finite = path.points.filter { X(l, $0.x).isFinite && Y(l, $0.y).isFinite }
      if let first = finite.first {
        out.element(
          "circle",
          [
            "class": "start", "cx": n(X(l, first.x)), "cy": n(Y(l, first.y)), "r": "5.5", "fill": "white",
            "stroke": path.color.svg, "stroke-width": "2.5",
          ])
      }
      if finite.count > 1, let last = finite.last {
        out.open(
          "circle",
          [
            "class": "end", "cx": n(X(l, last.x)), "cy": n(Y(l, last.y)), "r": "5.5", "fill": path.color.svg,
            "stroke": "black", "stroke-width": "1",
          ])
        // Animated, the end shows when the path gets there.
        animation?.appear(&out, step: path.points.count - 1)
        out.close("circle")
      }
    }
    out.close("g")
  }
}

/// Paths that draw themselves: step k of every path is reached at the same
/// moment, k / (steps of the longest path) of the way through the drawing,
/// so faster optimizers are seen to be faster. SMIL animation (SVG 1.1
/// §19), which browsers play in an `<img>` and inline alike: the line's
/// `stroke-dashoffset` goes from its length to 0 with key times at the steps,
/// and a dot moves along it. The finished picture stays for `hold` seconds,
/// then the drawing starts again (for a slide left on the screen).
struct PathAnimation {
  /// The longest path's number of steps.
  let steps: Int
  /// Seconds for the longest path to draw: 40 ms a step, between 3 and 12 s.
  var duration: Double { min(max(Double(steps) * 0.04, 3), 12) }
  static let hold = 2.0
  /// The drawing's share of each round (the rest is the hold).
  var share: Double { duration / (duration + PathAnimation.hold) }

  init(_ counts: [Int]) { steps = max((counts.max() ?? 1) - 1, 1) }

  /// Makes the element it is inside invisible until step `step` is reached, in every round.
  func appear(_ out: inout SVGWriter, step: Int) {
    let t = share * Double(step) / Double(steps)
    out.element(
      "animate",
      [
        "attributeName": "opacity", "dur": "\(SVGRenderer.n(duration + PathAnimation.hold))s",
        "repeatCount": "indefinite", "calcMode": "discrete", "keyTimes": "0;\(String(format: "%.4f", t))",
        "values": "0;1",
      ])
  }

  /// Key frames kept per path: enough for a smooth motion, few enough for a small file.
  static let maxKeys = 240

  func draw(
    _ out: inout SVGWriter, _ svg: SVGRenderer, _ l: SVGRenderer.Layout, _ points: [(Double, Double)], color: String
  ) {
    // Finite points only, held inside a generous box: the clip path hides the rest.
    let box = (l.left - l.w, l.top - l.h, l.left + 2 * l.w, l.top + 2 * l.h)
    let kept = points.enumerated().compactMap { k, p -> (step: Int, x: Double, y: Double)? in
      guard p.0.isFinite, p.1.isFinite else { return nil }
      return (k, min(max(p.0, box.0), box.2), min(max(p.1, box.1), box.3))
    }
    guard let first = kept.first else { return }
    var lengths = [0.0]
    for k in 1..<max(kept.count, 1) where kept.count > 1 {
      lengths.append(lengths[k - 1] + hypot(kept[k].x - kept[k - 1].x, kept[k].y - kept[k - 1].y))
    }
    let total = max(lengths.last ?? 0, 0.01)
    let d = "M" + kept.map { "\(svg.n($0.x)) \(svg.n($0.y))" }.joined(separator: "L")
    let every = max(1, Int((Double(kept.count) / Double(PathAnimation.maxKeys)).rounded(.up)))
    var keys = Array(stride(from: 0, to: kept.count, by: every))
    if keys.last != kept.count - 1 { keys.append(kept.count - 1) }
    var times = keys.map { Double(kept[$0].step) / Double(steps) }
    var offsets = keys.map { total - lengths[$0] }
    var xs = keys.map { kept[$0].x }
    var ys = keys.map { kept[$0].y }
    // A shorter path holds its end until the longest one arrives.
    if times.last! < 1 {
      times.append(1)
      offsets.append(0)
      xs.append(xs.last!)
      ys.append(ys.last!)
    }
    if times.first! > 0 {
      times.insert(0, at: 0)
      offsets.insert(total, at: 0)
      xs.insert(first.x, at: 0)
      ys.insert(first.y, at: 0)
    }
    // Key times in the round: the drawing, then the hold on the last values.
    times = times.map { $0 * share } + [1]
    offsets.append(0)
    xs.append(xs.last!)
    ys.append(ys.last!)
    let keyTimes = times.map { String(format: "%.4f", min($0, 1)) }.joined(separator: ";")
    let round = "\(svg.n(duration + PathAnimation.hold))s"
    out.open(
      "path",
      [
        "class": "animated", "stroke": color, "d": d, "stroke-dasharray": "\(svg.n(total)) \(svg.n(total))",
        "stroke-dashoffset": "0",
      ])
    out.element(
      "animate",
      [
        "attributeName": "stroke-dashoffset", "dur": round, "repeatCount": "indefinite", "calcMode": "linear",
        "keyTimes": keyTimes, "values": offsets.map { svg.n($0) }.joined(separator: ";"),
      ])
    out.close("path")
    out.open("circle", ["class": "head", "cx": svg.n(xs.last!), "cy": svg.n(ys.last!), "r": "3.5", "fill": color])
    for (attribute, values) in [("cx", xs), ("cy", ys)] {
      out.element(
        "animate",
        [
          "attributeName": attribute, "dur": round, "repeatCount": "indefinite", "calcMode": "linear",
          "keyTimes": keyTimes, "values": values.map { svg.n($0) }.joined(separator: ";"),
        ])
    }
    out.close("circle")
  }
}
