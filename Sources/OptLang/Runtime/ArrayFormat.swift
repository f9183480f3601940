/// How arrays print. Numbers follow optrepl's rule (SPEC §3: shortest
/// round-trip text, whole numbers without a fraction); the layout is numpy's
/// (`numpy/_core/arrayprint.py`, `_formatArray`): a 1-D array on one line,
/// more dimensions one row per line with the elements right-aligned to a common
/// width, nested brackets indented under `array(`, a blank line between
/// blocks of 3-D and higher, and past 1000 elements only the first and last
/// three of each long dimension, with `...` between.
enum ArrayFormat {
  /// Elements before an array is summarised, and those kept at each edge (numpy's defaults).
  static let threshold = 1000
  static let edgeItems = 3

  static func repr(_ a: NumArray) -> String {
    let prefix = "array("
    if a.count == 0 {
      return a.ndim == 1 ? "array([])" : "array([], shape=\(NumArray.describe(a.shape)))"
    }
    if a.ndim == 0 { return prefix + text(a[0], a.isBool) + ")" }
    let summarise = a.count > threshold
    let strides = NumArray.strides(a.shape)
    // The indexes shown along each axis (nil marks the elided middle).
    let shown: [[Int?]] = a.shape.map { n in
      guard summarise && n > 2 * edgeItems else { return Array(0..<n) }
      return Array(0..<edgeItems) + [nil] + Array((n - edgeItems)..<n)
    }
    var width = 0
    if a.ndim > 1 {
      forEachShown(shown, strides) { width = max(width, text(a[$0], a.isBool).count) }
    }
    let storage = a.storage
    func format(axis: Int, offset: Int, indent: String) -> String {
      if axis == a.ndim - 1 {
        let items = shown[axis].map { k -> String in
          guard let k else { return "..." }
          let t = text(storage[offset + k], a.isBool)
          return String(repeating: " ", count: max(0, width - t.count)) + t
        }
        return "[" + items.joined(separator: ", ") + "]"
      }
      let separator = "," + String(repeating: "\n", count: a.ndim - axis - 1) + indent + " "
      let rows = shown[axis].map { k -> String in
        guard let k else { return "..." }
        return format(axis: axis + 1, offset: offset + k * strides[axis], indent: indent + " ")
      }
      return "[" + rows.joined(separator: separator) + "]"
    }
    return prefix + format(axis: 0, offset: 0, indent: String(repeating: " ", count: prefix.count)) + ")"
  }

  /// One element's text: a number by the printing rule, or True/False.
  static func text(_ x: Double, _ isBool: Bool) -> String {
    isBool ? (x != 0 ? "True" : "False") : Format.number(x)
  }

  /// Calls `body` with the flat offset of every element that is shown.
  private static func forEachShown(_ shown: [[Int?]], _ strides: [Int], _ body: (Int) -> Void) {
    func walk(_ axis: Int, _ offset: Int) {
      if axis == shown.count {
        body(offset)
        return
      }
      for k in shown[axis] { if let k { walk(axis + 1, offset + k * strides[axis]) } }
    }
    walk(0, 0)
  }
}
