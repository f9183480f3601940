import Foundation
import OptLang

/// The options every plot takes (`title=`, `width=`, `file=`, `hline=`, ...),
/// read and checked once, and the sizing they share.
struct PlotOptions {
  var title: String?
  var xlabel: String?
  var ylabel: String?
  var width: Int?
  var height: Int?
  var unicode: Bool
  /// `file=`: an SVG, or a PNG made from it.
  var file: String?
  /// `show=False`: only the file, no picture in the terminal.
  var show = true
  var marks: [Figure.Mark] = []
  let context: PlotContext

  static let common = [
    "title", "xlabel", "ylabel", "width", "height", "ascii", "file", "show", "hline", "vline", "annotate",
  ]

  init(_ args: Arguments, context: PlotContext) throws {
    self.context = context
    let name = args.callee
    title = PlotOptions.text(args.keyword("title"))
    xlabel = PlotOptions.text(args.keyword("xlabel"))
    ylabel = PlotOptions.text(args.keyword("ylabel"))
    width = try PlotOptions.size(args.keyword("width"), "width", name, range: 5...1000)
    height = try PlotOptions.size(args.keyword("height"), "height", name, range: 2...500)
    unicode = try PlotOptions.flag(args.keyword("ascii")).map { !$0 } ?? context.settings.unicode
    show = try PlotOptions.flag(args.keyword("show")) ?? true
    if let f = args.keyword("file"), !f.isNone {
      guard case .string(let s) = f else {
        throw OptError(.typeError, "\(name)(): file= must be a file name in quotes, not \(f.typeNameWithArticle)")
      }
      let lower = s.value.lowercased()
      guard lower.hasSuffix(".svg") || lower.hasSuffix(".png"), s.value.count > 4 else {
        throw OptError(
          .valueError,
          "\(name)(): file= must name an SVG or PNG file, ending in .svg or .png (got \(Format.quoted(s.value)))",
          hint: "for example file=\"loss.svg\"")
      }
      file = s.value
    }
    if !show && file == nil {
      throw OptError(
        .valueError, "\(name)(): show=False draws nothing without a file to write",
        hint: "add file=\"name.svg\", or leave out show=False")
    }
    marks = try PlotMarks.parse(args, name)
  }

  /// A true/false option; nil when not given (or None).
  static func flag(_ v: Value?) throws -> Bool? {
    guard let v, !v.isNone else { return nil }
    return try Operators.truthy(v)
  }

  /// A text option: a string (anything else is shown as `str` shows it); None means none.
  static func text(_ v: Value?) -> String? {
    guard let v, !v.isNone else { return nil }
    return oneLine(Format.str(v))
  }

  /// Text put on one line: a newline would break the frame.
  static func oneLine(_ s: String) -> String { s.replacingOccurrences(of: "\n", with: " ") }

  static func size(_ v: Value?, _ key: String, _ name: String, range: ClosedRange<Int>) throws -> Int? {
    guard let v, !v.isNone else { return nil }
    guard let x = v.asNumber else {
      throw OptError(.typeError, "\(name)(): \(key)= must be a number of characters, not \(v.typeNameWithArticle)")
    }
    let n = try Runtime.wholeNumber(x, what: "\(name)(): \(key)=")
    guard range.contains(n) else {
      throw OptError(
        .valueError,
        "\(name)(): \(key)=\(n) is out of range; it must be between \(range.lowerBound) and \(range.upperBound)")
    }
    return n
  }

  var kind: CanvasKind { CanvasKind(unicode: unicode) }
  var color: Bool { context.settings.color }

  /// The room the picture has, in characters: a panel's share when `plots`
  /// is collecting panels, else the terminal's.
  private var room: (columns: Int, rows: Int) { bounds ?? PlotSettings.defaultSize }

  /// The panel's or the terminal's size, if the picture is shown in one (nil when writing to a file or pipe).
  private var bounds: (columns: Int, rows: Int)? { context.panelRoom ?? context.settings.terminalSize() }

  /// The canvas height in cells: `height=`, or what the terminal leaves for it.
  /// A size asked for is capped by what a terminal leaves (a lesson asks for
  /// 72 columns; an 80-column terminal with a legend has room for fewer).
  func rows() -> Int {
    // The frame (2), the x tick labels, the prompt after the plot; title and xlabel if any.
    let around = 4 + (title == nil ? 0 : 1) + (xlabel == nil ? 0 : 1)
    let fit = max(room.rows - around, 5)
    if let height { return bounds == nil ? height : min(height, fit) }
    return fit
  }

  /// The canvas width in cells: `width=`, or what the terminal leaves for it
  /// next to the tick labels (`margin` wide) and the legend (`legend` wide).
  func columns(margin: Int, legend: Int) -> Int {
    // margin, space, frame, canvas, frame, space + legend, and one column spare
    // (writing the last column makes some terminals wrap).
    let around = margin + 3 + (legend > 0 ? legend + 1 : 0) + 1
    let fit = max(room.columns - around, 10)
    if let width { return bounds == nil ? width : min(width, fit) }
    return fit
  }

  /// How many ticks fit along each axis.
  static func yTicks(rows: Int) -> Int { max(2, min(6, rows / 3 + 1)) }
  static func xTicks(columns: Int) -> Int { max(2, min(8, columns / 10 + 1)) }

  /// The width of the tick labels of an axis.
  static func labelWidth(_ axis: Axis) -> Int { axis.labels.map(\.count).max() ?? 0 }
}

/// Reading the language's values as plot data.
enum PlotData {
  /// Whether a value is a sequence (list, tuple, array, range).
  static func isSequence(_ v: Value) -> Bool {
    switch v {
    case .list, .tuple, .array: return true
    case .object(let o): return o is RangeObject
    default: return false
    }
  }

  static func isFunction(_ v: Value) -> Bool {
    if case .function = v { return true }
    if case .object(let o) = v, o is CallableObject { return true }
    return false
  }

  /// The items of a list or tuple.
  static func items(_ v: Value) -> [Value]? {
    switch v {
    case .list(let items), .tuple(let items): return items
    default: return nil
    }
  }

  /// Numbers from a sequence, with a message that names the argument.
  static func numbers(_ v: Value, _ what: String, _ name: String) throws -> [Double] {
    switch v {
    case .array(let a): return a.storage
    case .list(let items), .tuple(let items):
      var out = [Double]()
      out.reserveCapacity(items.count)
      for (i, item) in items.enumerated() {
        guard let x = item.asNumber else {
          throw OptError(
            .typeError, "\(name)(): \(what) must hold numbers, but item \(i) is \(item.typeNameWithArticle)",
            hint: isSequence(item) ? "to draw several series, give a list of them: \(name)([ys1, ys2])" : nil)
        }
        out.append(x)
      }
      return out
    case .object(let r as RangeObject):
      try Runtime.checkLength(r.count)
      return (0..<r.count).map { r.element($0) }
    default:
      throw OptError(
        .typeError, "\(name)(): \(what) must be a list of numbers or an array, not \(v.typeNameWithArticle)")
    }
  }

  /// Labels from `labels=` (a list or tuple of anything; each shown with `str`),
  /// one per series or path: `one` and `many` name those in messages.
  static func labels(_ v: Value?, count: Int, one: String, many: String, name: String) throws -> [String]? {
    guard let v, !v.isNone else { return nil }
    if case .string(let s) = v {
      guard count == 1 else {
        throw OptError(
          .valueError, "\(name)(): there are \(count) \(many), so labels= needs a list of \(count) names",
          hint: "for example labels=[\"adam\", \"sgd\"]")
      }
      return [PlotOptions.oneLine(s.value)]
    }
    guard let items = items(v) else {
      throw OptError(.typeError, "\(name)(): labels= must be a list of names, not \(v.typeNameWithArticle)")
    }
    guard items.count == count else {
      throw OptError(
        .valueError,
        "\(name)(): there \(count == 1 ? "is 1 \(one)" : "are \(count) \(many)") but \(items.count) label\(items.count == 1 ? "" : "s")",
        hint: "give one label per \(one)")
    }
    return items.map { PlotOptions.oneLine(Format.str($0)) }
  }

  /// A pair of numbers `(lo, hi)` with lo < hi: a range for an axis.
  static func interval(_ v: Value, _ what: String, _ name: String) throws -> (Double, Double) {
    guard let items = items(v) ?? arrayItems(v), items.count == 2, let a = items[0].asNumber,
      let b = items[1].asNumber
    else {
      throw OptError(
        .typeError, "\(name)(): \(what) must be a pair of numbers (lo, hi), not \(describe(v))",
        hint: "for example (-4, 4)")
    }
    guard a.isFinite, b.isFinite else {
      throw OptError(
        .valueError, "\(name)(): \(what) must be finite numbers, not (\(Format.number(a)), \(Format.number(b)))")
    }
    guard a < b else {
      throw OptError(
        .valueError, "\(name)(): \(what) must go from low to high, but it is (\(Format.number(a)), \(Format.number(b)))"
      )
    }
    return (a, b)
  }

  static func arrayItems(_ v: Value) -> [Value]? {
    if case .array(let a) = v { return a.storage.map { .number($0) } }
    return nil
  }

  /// A short description of a value for messages: its type, with its length for sequences.
  static func describe(_ v: Value) -> String {
    switch v {
    case .list(let items): return "a list of \(items.count)"
    case .tuple(let items): return "a tuple of \(items.count)"
    case .array(let a): return "an array of \(a.count)"
    default: return "\(v.typeNameWithArticle)"
    }
  }

  /// The name of a function for a legend (nil for a lambda).
  static func functionName(_ v: Value) -> String? {
    guard case .function(let f) = v, f.name != "<lambda>", !f.name.isEmpty else { return nil }
    return f.name
  }
}
