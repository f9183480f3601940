import Foundation

/// `frames="paths.csv"`: every step's position of every path, as a table a
/// spreadsheet or an animation tool reads — one row per step, two columns
/// (x and y) per path; a path that has ended keeps its last position.
enum PathFrames {
  static func csv(_ paths: [Figure.Path]) -> String {
    let header = ["step"] + paths.flatMap { [field($0.label + " x"), field($0.label + " y")] }
    var lines = [header.joined(separator: ",")]
    let steps = paths.map(\.points.count).max() ?? 0
    for step in 0..<steps {
      var row = [String(step)]
      for path in paths {
        let p = path.points[min(step, path.points.count - 1)]
        row += [number(p.x), number(p.y)]
      }
      lines.append(row.joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// A number as Swift's shortest round-trip text (`0.1`, `1e-05`, `nan`).
  private static func number(_ v: Double) -> String { v.isNaN ? "nan" : "\(v)" }

  /// A CSV field, quoted when it holds a comma, a quote or a newline (RFC 4180).
  private static func field(_ s: String) -> String {
    guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return s }
    return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
