import OptLang

/// `hline=`, `vline=` and `annotate=`: reference lines and notes a learner
/// puts on a plot ("the dip is at t=12", "η_max"), read from the arguments.
enum PlotMarks {
  static func parse(_ args: Arguments, _ name: String) throws -> [Figure.Mark] {
    var marks: [Figure.Mark] = []
    marks += try numbers(args.keyword("hline"), "hline", name).map { .hline($0) }
    marks += try numbers(args.keyword("vline"), "vline", name).map { .vline($0) }
    if let v = args.keyword("annotate"), !v.isNone {
      let items = PlotData.items(v) ?? []
      // One note (x, y, "text"), or a list of them.
      let notes = items.count == 3 && !items.contains(where: { PlotData.items($0) != nil }) ? [v] : items
      for note in notes {
        guard let parts = PlotData.items(note), parts.count == 3, let x = parts[0].asNumber,
          let y = parts[1].asNumber, x.isFinite, y.isFinite
        else {
          throw OptError(
            .typeError,
            "\(name)(): annotate= takes (x, y, \"text\"), or a list of them, not \(PlotData.describe(note))",
            hint: "for example annotate=(12, 0.00015, \"dip\")")
        }
        marks.append(.text(x: x, y: y, PlotOptions.oneLine(Format.str(parts[2]))))
      }
    }
    return marks
  }

  /// A number or a list of numbers, all finite.
  private static func numbers(_ v: Value?, _ key: String, _ name: String) throws -> [Double] {
    guard let v, !v.isNone else { return [] }
    let values = try v.asNumber.map { [$0] } ?? PlotData.numbers(v, "\(key)=", name)
    for x in values where !x.isFinite {
      throw OptError(.valueError, "\(name)(): \(key)= must be finite, not \(Format.number(x))")
    }
    return values
  }

  /// The x and y values the marks need the axes to show.
  static func extent(_ marks: [Figure.Mark]) -> (xs: [Double], ys: [Double]) {
    var xs: [Double] = []
    var ys: [Double] = []
    for mark in marks {
      switch mark {
      case .hline(let y): ys.append(y)
      case .vline(let x): xs.append(x)
      case .text(let x, let y, _):
        xs.append(x)
        ys.append(y)
      }
    }
    return (xs, ys)
  }
}
