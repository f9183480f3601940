import Foundation

/// Draws a `Figure` as text: a frame around a braille (or ASCII) canvas, tick
/// labels on the left and below, the title above, the legend on the right.
///
///                      title
///       ylabel ┌────────────────┐
///            1 ┤⠉⠑⠢⡀            │ ─── adam
///              │    ⠈⠢⡀         │ ─── sgd
///            0 ┤       ⠈⠒⠤⣀⣀⣀⣀⣀│
///              └┬───────┬───────┘
///               0      50
///                    xlabel
struct TerminalRenderer {
  let figure: Figure
  let unicode: Bool
  let color: Bool

  /// Without colour, several series are told apart by a mark along each.
  init(figure: Figure, unicode: Bool, color: Bool) {
    var figure = figure
    if !color && figure.series.count > 1 {
      let defaults = Marker.defaults(unicode: unicode)
      for k in figure.series.indices where figure.series[k].marker == nil {
        figure.series[k].marker = defaults[k % defaults.count]
      }
    }
    self.figure = figure
    self.unicode = unicode
    self.color = color
  }

  var kind: CanvasKind { CanvasKind(unicode: unicode) }

  func render() -> String { lines().joined(separator: "\n") + "\n" }

  /// The picture's lines (without newlines), for a panel beside others.
  func lines() -> [String] {
    var canvas = Canvas(kind: kind, columns: figure.columns, rows: figure.rows)
    drawReferenceLines(&canvas)
    drawContour(&canvas)
    let hiddenSeries = drawSeries(&canvas)
    let hiddenPaths = drawPaths(&canvas)
    drawNotes(&canvas)
    // A hidden series' legend entry shows the mark it was given.
    var shown = figure
    for (k, hidden) in hiddenSeries { shown.series[k].marker = hidden.marker }
    let legend = Legend(shown, hiddenSeries: hiddenSeries.mapValues(\.cover), hiddenPaths: hiddenPaths)
    return layout(canvas, legend: legendEntries(legend))
  }

  // MARK: Coordinates

  /// Data to dot coordinates (fractions; NaN when the value cannot be shown).
  func px(_ canvas: Canvas, _ x: Double) -> Double { figure.x.fraction(x) * Double(canvas.pixelWidth - 1) }
  func py(_ canvas: Canvas, _ y: Double) -> Double { (1 - figure.y.fraction(y)) * Double(canvas.pixelHeight - 1) }

  // MARK: Marks

  /// `hline=` and `vline=`: dotted lines (every other dot) under everything else.
  private func drawReferenceLines(_ canvas: inout Canvas) {
    let c = color ? PlotColor.annotation : nil
    for mark in figure.marks {
      switch mark {
      case .hline(let v):
        let y = py(canvas, v)
        guard y.isFinite, y > -0.5, y < Double(canvas.pixelHeight) - 0.5 else { continue }
        for x in stride(from: 0, to: canvas.pixelWidth, by: 2) { canvas.set(x, Int(y.rounded()), c) }
      case .vline(let v):
        let x = px(canvas, v)
        guard x.isFinite, x > -0.5, x < Double(canvas.pixelWidth) - 0.5 else { continue }
        for y in stride(from: 0, to: canvas.pixelHeight, by: 2) { canvas.set(Int(x.rounded()), y, c) }
      case .text: continue
      }
    }
  }

  /// `annotate=`: a small circle at the point and the text after it (before
  /// it when it would run off the right edge), above everything else: on the
  /// point's row when those cells are empty, else on the first empty row just
  /// above or below, else over what is there.
  private func drawNotes(_ canvas: inout Canvas) {
    let c = color ? PlotColor.annotation : nil
    canvas.ink = -1
    for mark in figure.marks {
      guard case .text(let x, let y, let text) = mark,
        let cell = canvas.cell(atPixel: px(canvas, x), py(canvas, y))
      else { continue }
      let chars = Array(text)
      var start = cell.column + 1
      if start + chars.count > canvas.columns { start = max(0, cell.column - chars.count) }
      let columns = start..<min(start + chars.count, canvas.columns)
      let rows = [cell.row, cell.row - 1, cell.row + 1].filter { (0..<canvas.rows).contains($0) }
      let row =
        rows.first { r in columns.allSatisfy { canvas.character(column: $0, row: r).0 == " " } } ?? cell.row
      canvas.put(unicode ? "◦" : "o", column: cell.column, row: cell.row, c)
      for (k, ch) in chars.enumerated() where start + k < canvas.columns {
        canvas.put(ch, column: start + k, row: row, c)
      }
    }
  }

  // MARK: Drawing

  private func drawContour(_ canvas: inout Canvas) {
    guard let contour = figure.contour else { return }
    canvas.ink = -1
    if let fill = contour.fill {
      drawFill(&canvas, fill)
    } else {
      for level in contour.levels {
        let c = color ? level.color : nil
        for s in level.segments {
          canvas.line(px(canvas, s.x0), py(canvas, s.y0), px(canvas, s.x1), py(canvas, s.y1), c)
        }
      }
    }
  }

  /// Shaded bands: each cell shows the band of the surface at its centre.
  private func drawFill(_ canvas: inout Canvas, _ fill: Figure.Fill) {
    let shades: [Character] = unicode ? [" ", "░", "▒", "▓", "█"] : [" ", ".", ":", "=", "H"]
    let bands = fill.bounds.count
    for row in 0..<canvas.rows {
      for column in 0..<canvas.columns {
        // The centre of the cell, as a fraction of the window.
        let fx = (Double(column) + 0.5) / Double(canvas.columns)
        let fy = 1 - (Double(row) + 0.5) / Double(canvas.rows)
        let v = Contours.bilinear(fill, fx, fy)
        guard v.isFinite else { continue }
        let band = fill.bounds.firstIndex { v < $0 } ?? bands
        let shade = bands == 0 ? 0 : Int((Double(band) * Double(shades.count - 1) / Double(bands)).rounded())
        if shade > 0 {
          let t = bands == 0 ? 0 : Double(band) / Double(bands)
          canvas.put(shades[shade], column: column, row: row, color ? PlotColor.level(t) : nil)
        }
      }
    }
  }

  /// Draws the series in order, then their marks. A series that later ones
  /// cover (almost) everywhere gets marks along it too, and its legend entry
  /// says what covers it: every series stays findable. Returns, for each
  /// hidden series, that note and the mark it got.
  private func drawSeries(_ canvas: inout Canvas) -> [Int: (cover: String, marker: Marker)] {
    // The cells each series passes through, by column.
    var touched: [[[Int]]] = []
    for (index, series) in figure.series.enumerated() {
      let c = color ? series.color : nil
      canvas.ink = index
      var cells = [[Int]](repeating: [], count: canvas.columns)
      func note(_ x: Double, _ y: Double) {
        guard let cell = canvas.cell(atPixel: x, y) else { return }
        cells[cell.column].append(cell.row)
      }
      var previous: (Double, Double)?
      for i in 0..<min(series.xs.count, series.ys.count) {
        let x = px(canvas, series.xs[i])
        let y = py(canvas, series.ys[i])
        guard x.isFinite, y.isFinite else {
          previous = nil
          continue
        }
        if let (x0, y0) = previous, series.style != .scatter {
          let corner = series.style == .stairs ? (x, y0) : (x0, y0)
          if series.style == .stairs {
            canvas.line(x0, y0, x, y0, c)
            noteLine(x0, y0, x, y0, note)
          }
          canvas.line(corner.0, corner.1, x, y, c)
          noteLine(corner.0, corner.1, x, y, note)
        } else {
          canvas.point(x, y, c)
          note(x, y)
        }
        previous = (x, y)
      }
      touched.append(cells)
    }
    var hidden: [Int: (cover: String, marker: Marker)] = [:]
    let defaults = Marker.defaults(unicode: unicode)
    for (index, series) in figure.series.enumerated() {
      var marker = series.marker
      let cells = touched[index].enumerated().flatMap { column, rows in rows.map { (column, $0) } }
      if let note = Coverage(cells, canvas, owner: index).note({ figure.series[$0].label ?? "another series" }) {
        let mark = marker ?? defaults[index % defaults.count]
        marker = mark
        hidden[index] = (note, mark)
      }
      if let marker {
        canvas.ink = index
        placeMarkers(&canvas, marker.glyph, color ? series.color : nil, touched[index], index: index)
      }
    }
    return hidden
  }

  /// Calls `note` for the dots along a segment (only those on the canvas).
  private func noteLine(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, _ note: (Double, Double) -> Void) {
    let steps = Int(min(max(abs(x1 - x0), abs(y1 - y0)), 100_000).rounded(.up))
    if steps == 0 {
      note(x0, y0)
      return
    }
    for i in 0...steps {
      let t = Double(i) / Double(steps)
      note(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t)
    }
  }

  /// A series' marker every few columns, staggered so that series do not hide
  /// each other's markers.
  private func placeMarkers(
    _ canvas: inout Canvas, _ marker: Character, _ c: PlotColor?, _ touched: [[Int]], index: Int
  ) {
    let spacing = max(6, min(12, canvas.columns / 6))
    var column = (2 + index * 3) % spacing
    while column < canvas.columns {
      let rows = touched[column].sorted()
      if !rows.isEmpty {
        canvas.put(marker, column: column, row: rows[rows.count / 2], c)
      }
      column += spacing
    }
  }

  /// Draws the paths' marks cell by cell, then their starts and ends and the
  /// minimum; returns, for each path that later ones cover (almost)
  /// entirely, a note saying what covers it.
  private func drawPaths(_ canvas: inout Canvas) -> [Int: String] {
    let w = Double(canvas.pixelWidth) - 0.5
    let h = Double(canvas.pixelHeight) - 0.5
    var visited: [[(Int, Int)]] = []
    for (index, path) in figure.paths.enumerated() {
      let c = color ? path.color : nil
      let owner = 1000 + index
      canvas.ink = owner
      var cells: [(Int, Int)] = []
      var previous: (Double, Double)?
      for p in path.points {
        let x = px(canvas, p.x)
        let y = py(canvas, p.y)
        guard x.isFinite, y.isFinite else {
          previous = nil
          continue
        }
        if let (x0, y0) = previous {
          if let (a, b) = Canvas.clip(x0, y0, x, y, xmin: -0.5, ymin: -0.5, xmax: w, ymax: h) {
            cellLine(&canvas, a, b) { canvas, column, row in
              canvas.put(path.marker.glyph, column: column, row: row, c)
              cells.append((column, row))
            }
          }
        } else if let cell = canvas.cell(atPixel: x, y) {
          canvas.put(path.marker.glyph, column: cell.column, row: cell.row, c)
          cells.append((cell.column, cell.row))
        }
        previous = (x, y)
      }
      visited.append(cells)
    }
    var hidden: [Int: String] = [:]
    for (index, cells) in visited.enumerated() {
      hidden[index] = Coverage(cells, canvas, owner: 1000 + index).note {
        $0 >= 1000 ? figure.paths[$0 - 1000].label : "a series"
      }
    }
    canvas.ink = -1
    for path in figure.paths {
      let finite = path.points.filter { px(canvas, $0.x).isFinite && py(canvas, $0.y).isFinite }
      guard let first = finite.first, let last = finite.last else { continue }
      let c = color ? path.color : nil
      if let cell = canvas.cell(atPixel: px(canvas, first.x), py(canvas, first.y)) {
        canvas.put(Figure.startGlyph, column: cell.column, row: cell.row, c)
      }
      if finite.count > 1, let cell = canvas.cell(atPixel: px(canvas, last.x), py(canvas, last.y)) {
        canvas.put(Figure.endGlyph, column: cell.column, row: cell.row, c)
      }
    }
    // The minimum last: where a path ends on it, the star shows that it got there.
    if let minimum = figure.contour?.minimum,
      let cell = canvas.cell(atPixel: px(canvas, minimum.x), py(canvas, minimum.y))
    {
      canvas.put(
        Figure.minimumGlyph(unicode: unicode), column: cell.column, row: cell.row, color ? PlotColor.minimum : nil)
    }
    return hidden
  }

  /// Visits the cells along a segment given in dot coordinates (already clipped).
  private func cellLine(
    _ canvas: inout Canvas, _ a: (Double, Double), _ b: (Double, Double), _ visit: (inout Canvas, Int, Int) -> Void
  ) {
    let cw = Double(canvas.kind.cellWidth)
    let ch = Double(canvas.kind.cellHeight)
    // Cell coordinates of the dots (a dot's cell is floor(dot / size)).
    let ax = (a.0.rounded() + 0.5) / cw
    let ay = (a.1.rounded() + 0.5) / ch
    let bx = (b.0.rounded() + 0.5) / cw
    let by = (b.1.rounded() + 0.5) / ch
    let steps = Int((max(abs(bx - ax), abs(by - ay)) * 2).rounded(.up))
    let maxColumn = canvas.columns - 1
    let maxRow = canvas.rows - 1
    for i in 0...max(steps, 0) {
      let t = steps == 0 ? 0 : Double(i) / Double(steps)
      let column = min(max(Int(floor(ax + (bx - ax) * t)), 0), maxColumn)
      let row = min(max(Int(floor(ay + (by - ay) * t)), 0), maxRow)
      visit(&canvas, column, row)
    }
  }
}

/// How much of a series or path shows in the terminal: the share of the
/// cells it passes through where it is what shows, and what shows in most of
/// the others. Below a fifth, its legend entry says what covers it.
struct Coverage {
  let visible: Double
  let cover: Int?

  init(_ cells: [(Int, Int)], _ canvas: Canvas, owner: Int) {
    var seen = Set<Int>()
    var counts: [Int: Int] = [:]
    var own = 0
    for (column, row) in cells where seen.insert(row * canvas.columns + column).inserted {
      let o = canvas.owner(column: column, row: row)
      if o == owner { own += 1 } else if o >= 0 { counts[o, default: 0] += 1 }
    }
    visible = seen.isEmpty ? 1 : Double(own) / Double(seen.count)
    cover = counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
  }

  /// "(under adam)", "(mostly under adam)", or nil when enough of it shows.
  func note(_ name: (Int) -> String) -> String? {
    guard visible < 0.2, let cover else { return nil }
    return visible == 0 ? "(under \(name(cover)))" : "(mostly under \(name(cover)))"
  }
}
