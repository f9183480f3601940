import Foundation
import OptLang

/// `plots([...], cols=2)`: several plots in one figure, side by side and in
/// rows, in the terminal and in one SVG. Each panel is a function that draws
/// one plot (`lambda: plot(...)` or `lambda: contour(...)`); `plots` runs them
/// with the room a panel has and lays out what they drew.
enum PanelsBuiltin {
  static let keywords = ["cols", "title", "width", "height", "ascii", "file", "show"]

  static let signature = "plots(panels, cols=2, title=None)"

  static let doc = """
    Draws several plots in one figure: a grid of panels, filled row by row.
    Each panel is a function that draws one plot, usually a lambda:

      plots([lambda: plot(step_decay(0.1, 30), 0, 150, style="stairs", title="step"),
             lambda: plot(cosine(0.1, 0, 150), 0, 150, title="cosine"),
             lambda: plot(train_acc, title="train"),
             lambda: plot(test_acc, title="test")], cols=2)

    Options:
      cols=N                            panels per row (default 2, or fewer panels)
      title=                            a title over the whole figure
      width=, height=                   the whole figure's size in characters
      ascii=True                        plain ASCII instead of braille
      file="name.svg"                   also save the figure as one SVG (or ".png")
      show=False                        only write the file

    Each panel is sized to its share of the terminal. plots returns None.
    """

  static func make(_ context: PlotContext) -> Builtin {
    Builtin(
      "plots", signature, doc, parameters: ["panels"],
      .general { args in
        try draw(args, context)
        return .none
      })
  }

  /// Columns between panels in the terminal; pixels between them in the SVG.
  static let gap = 2
  static let svgGap = 12.0

  static func draw(_ args: Arguments, _ context: PlotContext) throws {
    try args.check(min: 1, max: 1, keywords: keywords)
    guard context.panels == nil else {
      throw OptError(.valueError, "plots(): a panel cannot hold plots() itself; give each panel one plot")
    }
    guard let items = PlotData.items(args.positional[0]), !items.isEmpty,
      items.allSatisfy(PlotData.isFunction)
    else {
      throw OptError(
        .typeError,
        "plots() takes a list of functions that each draw one plot, not \(PlotData.describe(args.positional[0]))",
        hint: "for example plots([lambda: plot(a), lambda: plot(b)])")
    }
    let options = try PlotOptions(args, context: context)
    var cols = min(items.count, 2)
    if let v = args.keyword("cols"), !v.isNone {
      guard let x = v.asNumber else {
        throw OptError(.typeError, "plots(): cols= must be a number, not \(v.typeNameWithArticle)")
      }
      cols = try Runtime.wholeNumber(x, what: "plots(): cols=")
      guard (1...8).contains(cols) else {
        throw OptError(.valueError, "plots(): cols=\(cols) is out of range; it must be between 1 and 8")
      }
    }
    let rows = (items.count + cols - 1) / cols
    let room = context.settings.terminalSize() ?? PlotSettings.defaultSize
    let total = (columns: options.width ?? room.columns, rows: options.height ?? room.rows)
    let titleRows = options.title == nil ? 0 : 1
    context.panelRoom = (
      max((total.columns - gap * (cols - 1)) / cols, 24), max((total.rows - titleRows) / rows, 10)
    )
    context.panels = []
    defer {
      context.panels = nil
      context.panelRoom = nil
    }
    var figures: [Figure] = []
    for (k, item) in items.enumerated() {
      let before = context.panels?.count ?? 0
      _ = try args.runtime.call(item, [])
      let drawn = context.panels?.count ?? 0
      guard drawn == before + 1 else {
        throw OptError(
          .valueError,
          "plots(): panel \(k + 1) drew \(drawn - before) plots; each panel must draw exactly one",
          hint: "write each panel as lambda: plot(...) or lambda: contour(...)")
      }
      figures.append(context.panels![drawn - 1])
    }
    context.panels = nil
    let grid = stride(from: 0, to: figures.count, by: cols).map { Array(figures[$0..<min($0 + cols, figures.count)]) }
    let text = terminal(grid, title: options.title, unicode: options.unicode, color: options.color)
    try FigureOutput.publish(text: text, svg: { svg(grid, title: options.title) }, options, runtime: args.runtime)
  }

  /// The panels' terminal pictures side by side, each column as wide as its widest panel.
  static func terminal(_ grid: [[Figure]], title: String?, unicode: Bool, color: Bool) -> String {
    let pictures = grid.map { row in row.map { TerminalRenderer(figure: $0, unicode: unicode, color: color).lines() } }
    let cols = grid.map(\.count).max() ?? 0
    var widths = [Int](repeating: 0, count: cols)
    for row in pictures {
      for (c, lines) in row.enumerated() { widths[c] = max(widths[c], lines.map(visibleWidth).max() ?? 0) }
    }
    var out: [String] = []
    if let title {
      let total = widths.reduce(0, +) + gap * (cols - 1)
      out.append(String(repeating: " ", count: max(0, (total - title.count) / 2)) + title)
    }
    for row in pictures {
      let height = row.map(\.count).max() ?? 0
      for i in 0..<height {
        var line = ""
        for (c, lines) in row.enumerated() {
          let cell = i < lines.count ? lines[i] : ""
          let pad = c == row.count - 1 ? 0 : widths[c] - visibleWidth(cell) + gap
          line += cell + String(repeating: " ", count: pad)
        }
        while line.hasSuffix(" ") { line.removeLast() }
        out.append(line)
      }
    }
    return out.joined(separator: "\n") + "\n"
  }

  /// The width of a line as shown: without its colour escapes.
  static func visibleWidth(_ line: String) -> Int {
    var width = 0
    var escape = false
    for c in line.unicodeScalars {
      if escape {
        if c == "m" { escape = false }
      } else if c == "\u{1B}" {
        escape = true
      } else {
        width += 1
      }
    }
    return width
  }

  /// One SVG document with each panel in its own group, at a grid position.
  static func svg(_ grid: [[Figure]], title: String?) -> String {
    let cols = grid.map(\.count).max() ?? 1
    let plotWidth = cols == 1 ? 640.0 : cols == 2 ? 400 : 300
    var renderers: [[SVGRenderer]] = []
    var k = 0
    for row in grid {
      renderers.append(
        row.map { figure in
          k += 1
          return SVGRenderer(figure: figure, plotWidth: plotWidth, id: "panel\(k)")
        })
    }
    let layouts = renderers.map { $0.map(\.layout) }
    var widths = [Double](repeating: 0, count: cols)
    for row in layouts { for (c, l) in row.enumerated() { widths[c] = max(widths[c], l.width) } }
    let heights = layouts.map { $0.map(\.height).max() ?? 0 }
    let top = title == nil ? 0.0 : 36.0
    let width = widths.reduce(0, +) + svgGap * Double(cols - 1)
    let height = top + heights.reduce(0, +)
    var out = SVGWriter()
    out.text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    SVGRenderer.openDocument(&out, width: width, height: height, title: title ?? "plots")
    if let title {
      out.element(
        "text",
        [
          "class": "suptitle", "x": SVGRenderer.n(width / 2), "y": "26", "text-anchor": "middle",
          "font-size": "18", "font-weight": "bold",
        ], text: title)
    }
    var y = top
    for (r, row) in renderers.enumerated() {
      var x = 0.0
      for (c, renderer) in row.enumerated() {
        out.open("g", ["class": "panel", "transform": "translate(\(SVGRenderer.n(x)) \(SVGRenderer.n(y)))"])
        renderer.body(&out, layouts[r][c])
        out.close("g")
        x += widths[c] + svgGap
      }
      y += heights[r]
    }
    out.close("svg")
    return out.text
  }
}
