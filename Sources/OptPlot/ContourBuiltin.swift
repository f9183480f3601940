import Foundation
import OptLang
import OptSystem

/// `contour(f, (x0, x1), (y0, y1), paths=...)`: a loss surface with optimizer paths on it.
enum ContourBuiltin {
  static let keywords =
    PlotOptions.common + ["paths", "labels", "levels", "fill", "color", "marker", "animate", "frames"]

  static let signature = "contour(f, (w0, w1), (b0, b1), paths=None, labels=None, levels=8, fill=False)"

  static let doc = """
    Draws the surface of f(w, b) — a loss of two parameters — over a window,
    as level lines, with optimizer paths on top: the lecture's main picture.

      contour(error, (-4, 4), (-4, 4))
      contour(error, (-4, 4), (-4, 4), paths=[p1, p2], labels=["adam", "sgd"])

    f is a function of two numbers that returns one number. A path is what a
    training loop collects: a list of (w, b) pairs (tuples, lists or arrays of
    two), or a pair of lists (ws, bs). paths= takes one path or a list of them.
    Each path has its own mark and colour; S marks where it starts, E where it
    ends, and the star the function's minimum in the window (searched from
    the lowest point of a fixed grid, so it does not depend on the window size).

    Options:
      labels=[...]                      names of the paths, for the legend
      levels=N or levels=[v1, v2, ...]  how many level lines (default 8, spaced
                                        so each band covers a similar area), or
                                        their values
      fill=True                         shaded bands instead of lines
      color=[...], marker=[...]         the paths' colours and marks (as for plot)
      animate=True                      in the SVG, the paths draw themselves step
                                        by step, all in step with each other
      frames="paths.csv"                also write every step's positions as a table
      hline=, vline=, annotate=         reference lines and notes (as for plot)
      title=, xlabel=, ylabel=          text around the plot (the axes are named
                                        after f's parameters by default)
      width=, height=                   the drawing's size in characters
      ascii=True                        plain ASCII instead of braille
      file="name.svg"                   also save the picture as an SVG file (with
                                        level labels and a colour bar), or ".png"
      show=False                        only write the file

    f is evaluated once per character cell across and twice per cell down
    (or once each way when it cannot take whole arrays of w and b at once:
    contour first tries that, numpy-style, and checks a few points one by one),
    and on a finer grid for the SVG.
    contour returns None.
    """

  static func make(_ context: PlotContext) -> Builtin {
    Builtin(
      "contour", signature, doc, parameters: ["f", "wrange", "brange", "paths"],
      .general { args in
        try draw(args, context)
        return .none
      })
  }

  static func draw(_ args: Arguments, _ context: PlotContext) throws {
    let name = "contour"
    guard args.count >= 3 else {
      throw OptError(
        .typeError,
        "contour() needs a function and two ranges: contour(f, (w0, w1), (b0, b1)); \(args.count) argument\(args.count == 1 ? " was" : "s were") given",
        hint: "for example contour(error, (-4, 4), (-4, 4), paths=[path])")
    }
    try args.check(min: 3, max: 4, keywords: keywords)
    let f = args.positional[0]
    guard PlotData.isFunction(f) else {
      throw OptError(
        .typeError,
        "contour(): the first argument must be a function of two numbers, like error(w, b), not \(f.typeNameWithArticle)"
      )
    }
    let xr = try PlotData.interval(args.positional[1], "the first range", name)
    let yr = try PlotData.interval(args.positional[2], "the second range", name)
    if args.count == 4 && args.keyword("paths") != nil {
      throw OptError(.typeError, "contour(): paths given twice (as the fourth argument and as paths=)")
    }
    var options = try PlotOptions(args, context: context)
    let paths = try parsePaths(args.optional(3, "paths"))
    let labels =
      try PlotData.labels(args.keyword("labels"), count: paths.count, one: "path", many: "paths", name: name)
      ?? (paths.count == 1 ? ["path"] : paths.indices.map { "path \($0 + 1)" })
    let fill = try args.keyword("fill").map { try Operators.truthy($0) } ?? false
    let levelSpec = try parseLevels(args.keyword("levels"))

    // The axes are named after f's parameters: error(w, b) gives w and b.
    var xname = "x"
    var yname = "y"
    if case .function(let fn as UserFunction) = f, fn.code.parameterNames.count >= 2 {
      xname = fn.code.parameterNames[0]
      yname = fn.code.parameterNames[1]
    }

    // The axes are labelled (below and above) whatever the options say.
    options.xlabel = options.xlabel ?? xname
    let rows = options.rows()
    let y = Axis.make(lo: yr.0, hi: yr.1, log: false, tight: true, maxTicks: PlotOptions.yTicks(rows: rows))
    let ylabel = options.ylabel ?? yname
    let margin = max(PlotOptions.labelWidth(y), ylabel.count)
    // The legend: a mark and a name per path, start, end, and the minimum on two lines.
    let legendWidth = 2 + max(labels.map(\.count).max() ?? 0, 18)
    let columns = options.columns(margin: margin, legend: legendWidth)
    let x = Axis.make(lo: xr.0, hi: xr.1, log: false, tight: true, maxTicks: PlotOptions.xTicks(columns: columns))

    let colors = try PlotStyle.colors(args.keyword("color"), count: paths.count, name)
    let markers = try PlotStyle.markers(args.keyword("marker"), count: paths.count, unicode: options.unicode, name)
    let animate = try PlotOptions.flag(args.keyword("animate")) ?? false
    let frames = try framesFile(args.keyword("frames"))

    let shape = Figure(x: x, y: y, columns: columns, rows: rows)
    let svg = options.file != nil || context.onFigure != nil || context.panels != nil
    let contour = try surface(
      f, shape, levelSpec, fill: fill, svg: svg, names: (xname, yname), runtime: args.runtime)
    let defaults = Marker.defaults(unicode: options.unicode)
    let figurePaths = paths.enumerated().map { k, points in
      Figure.Path(
        label: labels[k], points: points, color: colors?[k] ?? PlotColor.palette[k % PlotColor.palette.count],
        marker: markers?[k] ?? defaults[k % defaults.count])
    }
    var figure = Figure(
      title: options.title, xlabel: options.xlabel, ylabel: ylabel, x: x, y: y, contour: contour,
      paths: figurePaths, marks: options.marks, columns: columns, rows: rows)
    figure.animate = animate
    if let frames { try AtomicFile.write(PathFrames.csv(figurePaths), to: frames) }
    try FigureOutput.show(figure, options, runtime: args.runtime)
  }

  /// The surface of f over the figure's window: level lines (or bands) from
  /// a grid at the terminal's resolution, and, when an SVG will be made, from
  /// the SVG's own grid (240 cells across, square cells); and the minimum.
  static func surface(
    _ f: Value, _ shape: Figure, _ levelSpec: LevelSpec, fill: Bool, svg: Bool, names: (String, String),
    runtime: Runtime
  ) throws -> Figure.Contour {
    let (xr, yr) = ((shape.x.lo, shape.x.hi), (shape.y.lo, shape.y.hi))
    let grid = try evaluate(f, xr, yr, columns: shape.columns, rows: shape.rows, runtime: runtime)
    let minimum = try Minimum.find(f, xr, yr, runtime: runtime)
    let values: [Double]
    switch levelSpec {
    case .count(let n): values = Contours.quantileLevels(grid.values, count: n)
    case .values(let v): values = v
    }
    var fine: Contours.Grid?
    if svg {
      let area = SVGRenderer(figure: shape).layout
      let across = 240
      let down = max(Int((Double(across) * area.h / area.w).rounded()), 8)
      fine = try sampleGrid(f, xr, yr, nx: across + 1, ny: down + 1, runtime: runtime)
    }
    let levels = values.enumerated().map { k, v in
      Figure.Contour.Level(
        value: v, color: PlotColor.level(values.count == 1 ? 0.5 : Double(k) / Double(values.count - 1)),
        segments: fill ? [] : Contours.segments(grid, level: v),
        fineSegments: fill ? [] : Contours.segments(fine ?? grid, level: v))
    }
    func bands(_ g: Contours.Grid) -> Figure.Fill { Figure.Fill(nx: g.nx, ny: g.ny, values: g.values, bounds: values) }
    return Figure.Contour(
      levels: levels, minimum: minimum, fill: fill ? bands(grid) : nil, fineFill: fill ? fine.map(bands) : nil,
      xname: names.0, yname: names.1)
  }

  /// `frames="name.csv"`: where to write the paths' positions at every step.
  static func framesFile(_ v: Value?) throws -> String? {
    guard let v, !v.isNone else { return nil }
    guard case .string(let s) = v, s.value.lowercased().hasSuffix(".csv"), s.value.count > 4 else {
      throw OptError(
        .valueError, "contour(): frames= must name a CSV file, ending in .csv", hint: "for example frames=\"paths.csv\""
      )
    }
    return s.value
  }

  enum LevelSpec {
    case count(Int)
    case values([Double])
  }

  static func parseLevels(_ v: Value?) throws -> LevelSpec {
    guard let v, !v.isNone else { return .count(8) }
    if let x = v.asNumber {
      let n = try Runtime.wholeNumber(x, what: "contour(): levels=")
      guard (1...50).contains(n) else {
        throw OptError(.valueError, "contour(): levels=\(n) is out of range; give between 1 and 50 level lines")
      }
      return .count(n)
    }
    guard PlotData.isSequence(v) else {
      throw OptError(
        .typeError, "contour(): levels= must be a number of lines or a list of values, not \(v.typeNameWithArticle)")
    }
    let values = try PlotData.numbers(v, "levels=", "contour").filter(\.isFinite)
    guard !values.isEmpty else { throw OptError(.valueError, "contour(): levels= is empty") }
    return .values(Array(Set(values)).sorted())
  }

  // MARK: Paths

  /// One path or a list of paths, each as points.
  static func parsePaths(_ v: Value?) throws -> [[(x: Double, y: Double)]] {
    guard let v, !v.isNone else { return [] }
    guard let items = PlotData.items(v) else {
      throw OptError(
        .typeError,
        "contour(): paths= must be a list of (w, b) pairs, or a list of such lists, not \(PlotData.describe(v))")
    }
    if items.isEmpty { return [] }
    if isPoint(items[0]) || isColumns(items) { return [try parsePath(v, index: nil)] }
    return try items.enumerated().map { k, item in try parsePath(item, index: k) }
  }

  /// A pair of numbers: a tuple or list of two numbers, or an array of two.
  static func point(_ v: Value) -> (x: Double, y: Double)? {
    switch v {
    case .tuple(let items), .list(let items):
      guard items.count == 2, let a = items[0].asNumber, let b = items[1].asNumber else { return nil }
      return (a, b)
    case .array(let a):
      guard a.count == 2 else { return nil }
      return (a[0], a[1])
    default: return nil
    }
  }

  static func isPoint(_ v: Value) -> Bool { point(v) != nil }

  /// `(ws, bs)`: two sequences of numbers of the same length.
  static func isColumns(_ items: [Value]) -> Bool {
    guard items.count == 2, let a = try? PlotData.numbers(items[0], "", ""),
      let b = try? PlotData.numbers(items[1], "", "")
    else { return false }
    return a.count == b.count
  }

  static func parsePath(_ v: Value, index: Int?) throws -> [(x: Double, y: Double)] {
    let what = index.map { "path \($0 + 1)" } ?? "the path"
    guard let items = PlotData.items(v) else {
      throw OptError(
        .typeError, "contour(): \(what) must be a list of (w, b) pairs, not \(PlotData.describe(v))",
        hint: "collect it in the training loop: path.append((w, b))")
    }
    guard !items.isEmpty else { throw OptError(.valueError, "contour(): \(what) is empty: it has no points") }
    if !isPoint(items[0]) && isColumns(items) {
      let ws = try PlotData.numbers(items[0], "ws", "contour")
      let bs = try PlotData.numbers(items[1], "bs", "contour")
      guard !ws.isEmpty else { throw OptError(.valueError, "contour(): \(what) is empty: it has no points") }
      return zip(ws, bs).map { ($0, $1) }
    }
    var points: [(x: Double, y: Double)] = []
    points.reserveCapacity(items.count)
    for (k, item) in items.enumerated() {
      guard let p = point(item) else {
        throw OptError(
          .typeError,
          "contour(): \(what) must be a list of (w, b) pairs, but its item \(k) is \(PlotData.describe(item))",
          hint: "collect it in the training loop: path.append((w, b))")
      }
      points.append(p)
    }
    return points
  }

  // MARK: Evaluating f

  /// Samples f over the window: one column of samples per character cell
  /// (plus the far edge) and two rows per cell when f takes whole arrays; one
  /// row per cell when it must be called point by point.
  static func evaluate(
    _ f: Value, _ xr: (Double, Double), _ yr: (Double, Double), columns: Int, rows: Int, runtime: Runtime
  ) throws -> Contours.Grid {
    let nx = columns + 1
    let fine = Contours.Grid(nx: nx, ny: 2 * rows + 1, values: [], x0: xr.0, x1: xr.1, y0: yr.0, y1: yr.1)
    if let values = try vectorized(f, fine, runtime: runtime) {
      var grid = fine
      grid.values = values
      return grid
    }
    return try sampleGrid(f, xr, yr, nx: nx, ny: rows + 1, runtime: runtime)
  }

  /// f on an nx × ny grid over the window: in one call when f takes arrays,
  /// else point by point.
  static func sampleGrid(
    _ f: Value, _ xr: (Double, Double), _ yr: (Double, Double), nx: Int, ny: Int, runtime: Runtime
  ) throws -> Contours.Grid {
    var grid = Contours.Grid(nx: nx, ny: ny, values: [], x0: xr.0, x1: xr.1, y0: yr.0, y1: yr.1)
    if let values = try vectorized(f, grid, runtime: runtime) {
      grid.values = values
      return grid
    }
    grid.values.reserveCapacity(grid.nx * grid.ny)
    for j in 0..<grid.ny {
      let b = grid.y(Double(j))
      for i in 0..<grid.nx {
        try Interrupt.check()
        grid.values.append(try scalar(f, grid.x(Double(i)), b, runtime: runtime))
      }
    }
    return grid
  }

  /// f at one point, which must be a number.
  static func scalar(_ f: Value, _ x: Double, _ y: Double, runtime: Runtime) throws -> Double {
    let v = try runtime.call(f, [.number(x), .number(y)])
    guard let r = v.asNumber else {
      throw OptError(
        .typeError,
        "contour(): f returned \(v.typeNameWithArticle) at (\(Format.number(x)), \(Format.number(y))), not a number",
        hint: "f(w, b) must return one number: the loss at (w, b)")
    }
    return r
  }

  /// f at every grid point in one call, with arrays of w and b, if f works on
  /// arrays element by element; nil if it does not (it fails, or returns
  /// something else, or disagrees with calls at single points).
  static func vectorized(_ f: Value, _ grid: Contours.Grid, runtime: Runtime) throws -> [Double]? {
    let n = grid.nx * grid.ny
    var xs = [Double](repeating: 0, count: n)
    var ys = [Double](repeating: 0, count: n)
    for j in 0..<grid.ny {
      let b = grid.y(Double(j))
      for i in 0..<grid.nx {
        xs[j * grid.nx + i] = grid.x(Double(i))
        ys[j * grid.nx + i] = b
      }
    }
    let result: Value
    do {
      result = try runtime.call(f, [.array(NumArray(xs)), .array(NumArray(ys))])
    } catch let error as OptError where error.kind == .keyboardInterrupt {
      throw error
    } catch {
      return nil
    }
    guard case .array(let a) = result, a.count == n else { return nil }
    // Corners, centre and two more points must agree with single calls.
    let checks = [
      0, grid.nx - 1, n - grid.nx, n - 1, (grid.ny / 2) * grid.nx + grid.nx / 2,
      (grid.ny / 3) * grid.nx + grid.nx / 3, (2 * grid.ny / 3) * grid.nx + (2 * grid.nx) / 3,
    ]
    for k in checks {
      let v = try scalar(f, xs[k], ys[k], runtime: runtime)
      let w = a[k]
      let same = v == w || (v.isNaN && w.isNaN) || abs(v - w) <= 1e-9 * max(1, abs(v), abs(w))
      if !same { return nil }
    }
    return a.storage
  }
}
