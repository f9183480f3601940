import Foundation

/// The terminal picture around the canvas: the frame, the tick labels, the
/// title and axis labels, and the legend (the shared `Legend`, as text).
extension TerminalRenderer {
  // MARK: Legend

  struct LegendEntry {
    var sample: String
    var sampleColor: PlotColor?
    var label: String
  }

  /// The legend as lines of text: a sample of each entry and its label; a note
  /// goes on the line below, under the label.
  func legendEntries(_ legend: Legend) -> [LegendEntry] {
    var entries: [LegendEntry] = []
    let dash = unicode ? "─" : "-"
    for e in legend.entries {
      let sample: String
      var sampleColor: PlotColor?
      switch e.sample {
      case .line(let c, let marker):
        sample = marker.map { "\(dash)\($0.glyph)\(dash)" } ?? String(repeating: dash, count: 3)
        sampleColor = c
      case .dots(let c, let marker):
        sample = marker.map { " \($0.glyph) " } ?? (unicode ? " ⠶ " : " : ")
        sampleColor = c
      case .path(let c, let marker):
        sample = String(marker.glyph)
        sampleColor = c
      case .start: sample = String(Figure.startGlyph)
      case .end: sample = String(Figure.endGlyph)
      case .minimum:
        sample = String(Figure.minimumGlyph(unicode: unicode))
        sampleColor = .minimum
      }
      entries.append(LegendEntry(sample: sample, sampleColor: sampleColor, label: e.label))
      // Where the minimum is stays on one line (the contour leaves it room).
      var isMinimum = false
      if case .minimum = e.sample { isMinimum = true }
      let note = e.note ?? ""
      for line in isMinimum ? [note] : wrap(note, width: noteWidth(legend)) where !line.isEmpty {
        entries.append(LegendEntry(sample: " ", sampleColor: nil, label: line))
      }
    }
    return entries
  }

  // MARK: Layout

  /// A line of output being built: plain text, plus the same with colour escapes.
  struct Line {
    var text = ""
    var width = 0
    let color: Bool

    mutating func add(_ s: String, _ c: PlotColor? = nil) {
      if color, let c, !s.allSatisfy({ $0 == " " }) {
        text += c.escape + s + PlotColor.reset
      } else {
        text += s
      }
      width += s.count
    }

    mutating func pad(to column: Int) {
      if column > width { add(String(repeating: " ", count: column - width)) }
    }

    var trimmed: String {
      var t = text
      while t.hasSuffix(" ") { t.removeLast() }
      return t
    }
  }

  func layout(_ canvas: Canvas, legend: [LegendEntry]) -> [String] {
    let box: (tl: String, tr: String, bl: String, br: String, h: String, v: String, ytick: String, xtick: String) =
      unicode ? ("┌", "┐", "└", "┘", "─", "│", "┤", "┬") : ("+", "+", "+", "+", "-", "|", "+", "+")
    let cw = canvas.kind.cellWidth
    let ch = canvas.kind.cellHeight

    // Y ticks by row; the first tick on a row wins.
    var yLabels: [Int: String] = [:]
    let ylabels = figure.y.labels
    for (k, v) in figure.y.ticks.enumerated() {
      let p = py(canvas, v)
      guard p.isFinite else { continue }
      let row = Int(p.rounded()) / ch
      if row >= 0 && row < canvas.rows && yLabels[row] == nil { yLabels[row] = ylabels[k] }
    }
    let margin = max(yLabels.values.map(\.count).max() ?? 0, figure.ylabel?.count ?? 0)
    let left = margin + 1  // the margin, then a space, then the frame
    var lines: [String] = []

    if let title = figure.title {
      var line = Line(color: color)
      line.pad(to: left + max(0, (canvas.columns + 2 - title.count) / 2))
      line.add(title)
      lines.append(line.trimmed)
    }

    var top = Line(color: color)
    if let ylabel = figure.ylabel { top.pad(to: margin - ylabel.count) }
    top.add(figure.ylabel ?? "")
    top.pad(to: left)
    top.add(box.tl + String(repeating: box.h, count: canvas.columns) + box.tr)
    lines.append(top.trimmed)

    let legendWidth = legend.map { $0.sample.count }.max() ?? 0
    for row in 0..<canvas.rows {
      var line = Line(color: color)
      if let label = yLabels[row] {
        line.pad(to: margin - label.count)
        line.add(label)
      }
      line.pad(to: left)
      line.add(yLabels[row] != nil ? box.ytick : box.v)
      // Runs of one colour share one escape; spaces join any run.
      var run = ""
      var runColor: PlotColor?
      for column in 0..<canvas.columns {
        let (c, k) = canvas.character(column: column, row: row)
        if c != " " && k != runColor {
          if !run.isEmpty { line.add(run, runColor) }
          run = ""
          runColor = k
        }
        run.append(c)
      }
      line.add(run, runColor)
      line.add(box.v)
      if row < legend.count {
        let e = legend[row]
        line.add(" ")
        line.add(e.sample, e.sampleColor)
        line.pad(to: line.width + legendWidth - e.sample.count)
        line.add(" " + e.label)
      }
      lines.append(line.trimmed)
    }

    // The bottom frame with a mark under each x tick, then the tick labels.
    var marks = Array(repeating: box.h, count: canvas.columns)
    var xLabels: [(column: Int, text: String)] = []
    let xlabels = figure.x.labels
    for (k, v) in figure.x.ticks.enumerated() {
      let p = px(canvas, v)
      guard p.isFinite else { continue }
      let column = Int(p.rounded()) / cw
      guard column >= 0 && column < canvas.columns else { continue }
      marks[column] = box.xtick
      xLabels.append((column, xlabels[k]))
    }
    var bottom = Line(color: color)
    bottom.pad(to: left)
    bottom.add(box.bl + marks.joined() + box.br)
    lines.append(bottom.trimmed)

    var tickLine = Line(color: color)
    var end = -1
    for (column, text) in xLabels {
      let centre = left + 1 + column
      let start = max(0, centre - text.count / 2)
      guard start > end else { continue }
      tickLine.pad(to: start)
      tickLine.add(text)
      end = start + text.count
    }
    if !xLabels.isEmpty { lines.append(tickLine.trimmed) }

    if let xlabel = figure.xlabel {
      var line = Line(color: color)
      line.pad(to: left + max(0, (canvas.columns + 2 - xlabel.count) / 2))
      line.add(xlabel)
      lines.append(line.trimmed)
    }
    return lines
  }

  /// Notes are wrapped to the width of the longest label, and at least
  /// `minimumNoteWidth` (the builtins leave that much room for the legend).
  static let minimumNoteWidth = 13

  func noteWidth(_ legend: Legend) -> Int {
    max(legend.entries.map(\.label.count).max() ?? 0, TerminalRenderer.minimumNoteWidth)
  }

  /// Text broken into lines of at most `width` characters, at spaces.
  func wrap(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    for word in text.split(separator: " ") {
      if let last = lines.last, last.count + 1 + word.count <= width {
        lines[lines.count - 1] += " " + word
      } else {
        lines.append(String(word))
      }
    }
    return lines
  }
}
