/// What a figure's legend lists, in order, as both renderers show it: each
/// series and path with its colour and mark, a path's start and end, and the
/// function's minimum. A series or path that others drew over has a note
/// saying so (the terminal finds that out while drawing).
struct Legend {
  enum Sample {
    case line(PlotColor, Marker?)
    case dots(PlotColor, Marker?)
    case path(PlotColor, Marker)
    case start, end
    case minimum
  }

  struct Entry {
    var sample: Sample
    var label: String
    /// A second line: where the minimum is, or which series covers this one.
    var note: String?
  }

  var entries: [Entry] = []

  /// The legend of `figure`. `hiddenSeries[k]` / `hiddenPaths[k]` is the note
  /// of series / path k, if something covers it.
  init(_ figure: Figure, hiddenSeries: [Int: String] = [:], hiddenPaths: [Int: String] = [:]) {
    for (k, s) in figure.series.enumerated() {
      guard let label = s.label else { continue }
      let sample: Sample = s.style == .scatter ? .dots(s.color, s.marker) : .line(s.color, s.marker)
      entries.append(Entry(sample: sample, label: label, note: hiddenSeries[k]))
    }
    for (k, p) in figure.paths.enumerated() {
      entries.append(
        Entry(sample: .path(p.color, p.marker), label: p.label, note: hiddenPaths[k]))
    }
    if !figure.paths.isEmpty {
      entries.append(Entry(sample: .start, label: "start"))
      entries.append(Entry(sample: .end, label: "end"))
    }
    if let c = figure.contour, let m = c.minimum {
      entries.append(
        Entry(
          sample: .minimum, label: "min \(shortNumber(m.value))", note: "at (\(shortNumber(m.x)), \(shortNumber(m.y)))")
      )
    }
  }

  /// The minimum's entry on one line, with the parameters' names (the SVG has the room).
  static func minimumText(_ contour: Figure.Contour) -> String? {
    guard let m = contour.minimum else { return nil }
    return "min \(shortNumber(m.value)) at \(contour.xname)=\(shortNumber(m.x)), \(contour.yname)=\(shortNumber(m.y))"
  }
}
