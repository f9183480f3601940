import Foundation
import OptLang

/// `plot(...)`: line plots of data and of functions.
enum PlotBuiltin {
  static let keywords =
    PlotOptions.common + ["labels", "label", "logx", "logy", "style", "xlim", "ylim", "color", "marker"]

  static let signature = "plot(ys) / plot(xs, ys) / plot(f, a, b)"

  static let doc = """
    Draws lines in the terminal (braille dots, or ASCII), sized to the window.

      plot(losses)                      one series, against 0, 1, 2, ...
      plot(xs, ys)                      ys against xs
      plot(path)                        a list of (x, y) tuples, joined in order,
                                        e.g. the (w, b) an optimizer went through
      plot(f, a, b)                     a function of one number on [a, b], e.g. a
                                        schedule: plot(cosine(1, 0.1, 50), 0, 200);
                                        sampled finely, with every dip, peak and
                                        jump between samples found and drawn

    Several series in one picture, each with its own colour and legend entry:
      plot([l1, l2], labels=["adam", "sgd"])
      plot(l1, l2, labels=["adam", "sgd"])   (two labels: two series, where
                                        plot(l1, l2) would be l2 against l1)
      plot(l1, l2, l3)   plot(xs, [l1, l2])   plot([f, g], a, b)

    Options:
      labels=[...] or label="..."       names for the legend (on the right)
      title=, xlabel=, ylabel=          text around the plot
      logx=True, logy=True              logarithmic axes
      style="stairs"                    steps, for step schedules; "scatter": dots only
      xlim=(lo, hi), ylim=(lo, hi)      fix the range of an axis
      color="red" or color=[...]        a colour per series: blue, orange, green,
                                        red, purple, cyan, pink, brown, black, gray
                                        or "#rrggbb"
      marker="o" or marker=[...]        a mark along each series: o x s D ^ + *
      hline=y, vline=x                  dotted reference lines (a number or a list)
      annotate=(x, y, "text")           a note at a point (or a list of notes)
      width=, height=                   the drawing's size in characters
                                        (default: as much as the terminal has)
      ascii=True                        plain ASCII instead of braille
      file="name.svg"                   also save the plot as an SVG picture
                                        (".png": a PNG, where rsvg-convert is installed)
      show=False                        only write the file

    Each series has its own colour when colour is on, and its own mark along
    the line when it is off. A series hidden under later ones gets marks and
    a note in the legend. Values that are nan or inf are skipped: the line
    breaks there. Several plots side by side: plots([...]). plot returns None.
    """

  static func make(_ context: PlotContext) -> Builtin {
    Builtin(
      "plot", signature, doc, parameters: ["ys"],
      .general { args in
        try draw(args, context)
        return .none
      })
  }

  /// One series before it is placed: its points, or the function that makes them.
  private enum Source {
    case data(xs: [Double]?, ys: [Double])
    case function(Value)
  }

  static func draw(_ args: Arguments, _ context: PlotContext) throws {
    let name = "plot"
    guard !args.positional.isEmpty else {
      throw OptError(
        .typeError, "plot() needs something to draw: plot(ys), plot(xs, ys) or plot(f, a, b)",
        hint: "help(plot) shows every form")
    }
    try args.check(min: 1, max: 64, keywords: keywords)
    let options = try PlotOptions(args, context: context)
    let style = try parseStyle(args.keyword("style"))
    let logx = try PlotOptions.flag(args.keyword("logx")) ?? false
    let logy = try PlotOptions.flag(args.keyword("logy")) ?? false
    let xlim = try args.keyword("xlim").flatMap { $0.isNone ? nil : try PlotData.interval($0, "xlim", name) }
    let ylim = try args.keyword("ylim").flatMap { $0.isNone ? nil : try PlotData.interval($0, "ylim", name) }
    for (lim, log, key, axis) in [(xlim, logx, "xlim", "logx"), (ylim, logy, "ylim", "logy")] {
      if let lim, log, lim.0 <= 0 {
        throw OptError(.valueError, "plot(): \(key) must be above 0 on a log scale (\(axis)=True)")
      }
    }
    if args.keyword("label") != nil && args.keyword("labels") != nil {
      throw OptError(.typeError, "plot(): give label= or labels=, not both")
    }
    let labelValue = args.keyword("labels") ?? args.keyword("label")
    let (sources, interval) = try parseSources(args.positional, labelValue: labelValue)
    if let interval, logx, interval.0 <= 0 {
      throw OptError(
        .valueError, "plot(f, a, b) with logx=True needs a > 0; got a=\(Format.number(interval.0))",
        hint: "a log axis has no 0: start at a small number, e.g. 1")
    }
    let labels = try seriesLabels(labelValue, sources)
    let colors = try PlotStyle.colors(args.keyword("color"), count: sources.count, name)
    let markers = try PlotStyle.markers(args.keyword("marker"), count: sources.count, unicode: options.unicode, name)

    // Sizes: rows first, then the y axis (its labels set the margin), then columns.
    let rows = options.rows()
    // Room for a note under a hidden series when there are several.
    let noteWidth = sources.count > 1 ? TerminalRenderer.minimumNoteWidth : 0
    let legendWidth = labels.map { 4 + max($0.map(\.count).max() ?? 0, noteWidth) } ?? 0
    var data: [(xs: [Double], ys: [Double])] = []
    for source in sources {
      switch source {
      case .data(let xs, let ys):
        data.append((xs ?? (0..<ys.count).map(Double.init), ys))
      case .function(let f):
        data.append(try sample(f, interval!, log: logx, runtime: args.runtime))
      }
    }

    let extent = PlotMarks.extent(options.marks)
    let xRange = try xlim ?? dataRange(data.map(\.xs) + [extent.xs], what: "x", positive: logx)
    let yRange = try ylim ?? yDataRange(data, within: xlim, logy: logy, extra: extent.ys)
    let y = Axis.make(
      lo: yRange.0, hi: yRange.1, log: logy, tight: ylim != nil, maxTicks: PlotOptions.yTicks(rows: rows))
    let margin = max(PlotOptions.labelWidth(y), options.ylabel?.count ?? 0)
    let columns = options.columns(margin: margin, legend: legendWidth)
    let x = Axis.make(
      lo: xRange.0, hi: xRange.1, log: logx, tight: true, maxTicks: PlotOptions.xTicks(columns: columns))

    let series = data.enumerated().map { k, d in
      Figure.Series(
        label: labels?[k], xs: d.xs, ys: d.ys, style: style,
        color: colors?[k] ?? PlotColor.palette[k % PlotColor.palette.count],
        marker: markers?[k])
    }
    let figure = Figure(
      title: options.title, xlabel: options.xlabel, ylabel: options.ylabel, x: x, y: y, series: series,
      marks: options.marks, columns: columns, rows: rows)
    try FigureOutput.show(figure, options, runtime: args.runtime)
  }

  /// What to draw: functions on an interval, or data series.
  private static func parseSources(_ pos: [Value], labelValue: Value?) throws -> ([Source], (Double, Double)?) {
    let name = "plot"
    if let functions = functionList(pos[0]) {
      guard pos.count == 3 else {
        throw OptError(
          .typeError, "plot(f, a, b) draws a function on an interval: give its ends, e.g. plot(f, 0, 100)",
          hint: pos.count == 1 ? "the interval is missing" : nil)
      }
      guard let a = pos[1].asNumber, let b = pos[2].asNumber else {
        let bad = pos[1].asNumber == nil ? pos[1] : pos[2]
        throw OptError(.typeError, "plot(f, a, b): a and b must be numbers, not \(bad.typeNameWithArticle)")
      }
      guard a.isFinite, b.isFinite, a < b else {
        throw OptError(
          .valueError, "plot(f, a, b) needs a < b, both finite; got a=\(Format.number(a)), b=\(Format.number(b))")
      }
      return (functions.map { .function($0) }, (a, b))
    }
    for (i, v) in pos.enumerated() where PlotData.isFunction(v) {
      throw OptError(
        .typeError, "plot(): argument \(i + 1) is a function; to draw a function write plot(f, a, b)")
    }
    let labelCount = labelValue.flatMap(PlotData.items)?.count
    if pos.count == 1, let points = pointList(pos[0]) {
      return ([.data(xs: points.map(\.0), ys: points.map(\.1))], nil)
    } else if pos.count == 1 {
      return (try seriesList(pos[0], "ys").map { .data(xs: nil, ys: $0) }, nil)
    } else if pos.count == 2 && !(labelCount == 2 && isFlat(pos[0]) && isFlat(pos[1])) {
      guard isFlat(pos[0]) else {
        throw OptError(
          .typeError, "plot(xs, ys): xs must be a list of numbers, not \(PlotData.describe(pos[0])) of series",
          hint: "for several series sharing one x, write plot(xs, [ys1, ys2])")
      }
      let xs = try PlotData.numbers(pos[0], "xs", name)
      let ys = try seriesList(pos[1], "ys")
      for (k, y) in ys.enumerated() where y.count != xs.count {
        let which = ys.count == 1 ? "ys" : "series \(k + 1) of ys"
        throw OptError(
          .valueError,
          "plot(xs, ys): xs has \(xs.count) number\(xs.count == 1 ? "" : "s") but \(which) has \(y.count); they must have the same length",
          hint:
            "to draw two series rather than ys against xs, write plot([a, b]) or plot(a, b, labels=[\"a\", \"b\"])")
      }
      return (ys.map { .data(xs: xs, ys: $0) }, nil)
    }
    var sources: [Source] = []
    for (k, v) in pos.enumerated() {
      let ys = try PlotData.numbers(v, "series \(k + 1)", name)
      guard !ys.isEmpty else {
        throw OptError(.valueError, "plot(): series \(k + 1) is empty: there is nothing to draw")
      }
      sources.append(.data(xs: nil, ys: ys))
    }
    return (sources, nil)
  }

  /// Labels: given, or the names of functions, or y1, y2, ... for several series.
  private static func seriesLabels(_ labelValue: Value?, _ sources: [Source]) throws -> [String]? {
    if let labels = try PlotData.labels(labelValue, count: sources.count, one: "series", many: "series", name: "plot") {
      return labels
    }
    let names = sources.map { source -> String? in
      if case .function(let f) = source { return PlotData.functionName(f) }
      return nil
    }
    if sources.count > 1 { return names.enumerated().map { k, n in n ?? "y\(k + 1)" } }
    return names[0].map { [$0] }
  }

  private static func parseStyle(_ v: Value?) throws -> Figure.Series.Style {
    guard let v, !v.isNone else { return .line }
    guard case .string(let s) = v else {
      throw OptError(.typeError, "plot(): style= must be a string such as \"stairs\", not \(v.typeNameWithArticle)")
    }
    switch s.value.lowercased() {
    case "line", "lines", "-": return .line
    case "stairs", "steps", "step": return .stairs
    case "scatter", "points", "dots", ".": return .scatter
    default:
      throw OptError(
        .valueError, "plot(): style=\(Format.quoted(s.value)) is not a style; use \"line\", \"stairs\" or \"scatter\"")
    }
  }

  /// The functions to draw, if the first argument is a function or a list of them.
  private static func functionList(_ v: Value) -> [Value]? {
    if PlotData.isFunction(v) { return [v] }
    if let items = PlotData.items(v), !items.isEmpty, items.allSatisfy(PlotData.isFunction) { return items }
    return nil
  }

  /// A list of (x, y) tuples, such as an optimizer's path, as points; nil for
  /// anything else (a list of *lists* is several series).
  private static func pointList(_ v: Value) -> [(Double, Double)]? {
    guard let items = PlotData.items(v), !items.isEmpty else { return nil }
    var points: [(Double, Double)] = []
    points.reserveCapacity(items.count)
    for item in items {
      guard case .tuple(let pair) = item, pair.count == 2, let x = pair[0].asNumber, let y = pair[1].asNumber else {
        return nil
      }
      points.append((x, y))
    }
    return points
  }

  /// Whether a value is a sequence of numbers (not a list of series).
  private static func isFlat(_ v: Value) -> Bool {
    guard PlotData.isSequence(v) else { return false }
    if let items = PlotData.items(v), let first = items.first { return !PlotData.isSequence(first) }
    return true
  }

  /// One series (a sequence of numbers) or several (a list of sequences).
  private static func seriesList(_ v: Value, _ what: String) throws -> [[Double]] {
    let name = "plot"
    guard PlotData.isSequence(v) else {
      throw OptError(
        .typeError,
        "plot() cannot draw \(v.typeNameWithArticle): give a list of numbers, an array, or a function with an interval",
        hint: "for example plot([1, 4, 9]) or plot(f, 0, 10)")
    }
    if let items = PlotData.items(v), let first = items.first, PlotData.isSequence(first) {
      var out: [[Double]] = []
      for (k, item) in items.enumerated() {
        let ys = try PlotData.numbers(item, "series \(k + 1)", name)
        guard !ys.isEmpty else {
          throw OptError(.valueError, "plot(): series \(k + 1) is empty: there is nothing to draw")
        }
        out.append(ys)
      }
      return out
    }
    let ys = try PlotData.numbers(v, what, name)
    guard !ys.isEmpty else {
      throw OptError(.valueError, "plot(): \(what) is empty: there is nothing to draw")
    }
    return [ys]
  }

  /// Samples `f` on the interval for drawing (`Sampler`): 600 evenly spaced
  /// points, about one per SVG pixel, then the extrema and jumps between them.
  private static func sample(_ f: Value, _ interval: (Double, Double), log: Bool, runtime: Runtime) throws -> (
    xs: [Double], ys: [Double]
  ) {
    let fname = PlotData.functionName(f).map { "the function \($0)" } ?? "the function"
    let sampler = Sampler(
      f: { x in
        try Interrupt.check()
        let v = try runtime.call(f, [.number(x)])
        guard let y = v.asNumber else {
          throw OptError(
            .typeError, "plot(): \(fname) returned \(v.typeNameWithArticle) at x=\(Format.number(x)), not a number",
            hint: "plot(f, a, b) draws a function of one number that returns one number")
        }
        return y
      }, log: log)
    return try sampler.sample(interval.0, interval.1, count: 600)
  }

  /// The smallest and largest finite value over all series (above 0 on a log axis).
  private static func dataRange(_ all: [[Double]], what: String, positive: Bool) throws -> (Double, Double) {
    var lo = Double.infinity
    var hi = -Double.infinity
    for xs in all {
      for v in xs where v.isFinite && (!positive || v > 0) {
        if v < lo { lo = v }
        if v > hi { hi = v }
      }
    }
    guard lo <= hi else {
      if positive {
        throw OptError(
          .valueError, "plot(): no x is above 0, and a log scale (logx=True) can only show positive values")
      }
      throw OptError(.valueError, "plot(): there is nothing to draw: every \(what) value is nan or inf")
    }
    return (lo, hi)
  }

  /// The range of the y values of the points that can be shown (inside `xlim`;
  /// above 0 on a log scale).
  private static func yDataRange(
    _ data: [(xs: [Double], ys: [Double])], within xlim: (Double, Double)?, logy: Bool, extra: [Double]
  ) throws -> (Double, Double) {
    var lo = Double.infinity
    var hi = -Double.infinity
    var any = false
    for v in extra where !logy || v > 0 {
      lo = min(lo, v)
      hi = max(hi, v)
    }
    for d in data {
      for i in 0..<min(d.xs.count, d.ys.count) {
        let v = d.ys[i]
        guard v.isFinite, d.xs[i].isFinite else { continue }
        any = true
        if let xlim, d.xs[i] < xlim.0 || d.xs[i] > xlim.1 { continue }
        if logy && v <= 0 { continue }
        if v < lo { lo = v }
        if v > hi { hi = v }
      }
    }
    guard lo <= hi else {
      if logy && any {
        throw OptError(
          .valueError, "plot(): no value is above 0, and a log scale (logy=True) can only show positive values")
      }
      if xlim != nil && any { throw OptError(.valueError, "plot(): no point lies inside xlim") }
      throw OptError(.valueError, "plot(): there is nothing to draw: every value is nan or inf")
    }
    return (lo, hi)
  }
}
