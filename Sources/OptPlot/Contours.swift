import Foundation

/// Level lines of a sampled surface (marching squares) and the helpers a
/// contour plot needs: choosing levels, reading the surface between samples.
enum Contours {
  /// A surface sampled on a regular grid over a window.
  struct Grid {
    let nx: Int
    let ny: Int
    /// Row-major; row 0 is at y0 (the bottom), column 0 at x0.
    var values: [Double]
    let x0: Double, x1: Double, y0: Double, y1: Double

    @inline(__always) func x(_ i: Double) -> Double { x0 + (x1 - x0) * i / Double(nx - 1) }
    @inline(__always) func y(_ j: Double) -> Double { y0 + (y1 - y0) * j / Double(ny - 1) }
    @inline(__always) subscript(i: Int, j: Int) -> Double { values[j * nx + i] }
  }

  /// The segments where the surface crosses `level`, in data coordinates.
  /// Squares with a corner that is not finite are left out. A saddle (two
  /// opposite corners above, two below) is split the way the centre value says.
  static func segments(_ g: Grid, level: Double) -> [Figure.Contour.Segment] {
    var out: [Figure.Contour.Segment] = []
    guard g.nx >= 2, g.ny >= 2 else { return out }
    for j in 0..<(g.ny - 1) {
      for i in 0..<(g.nx - 1) {
        let a = g[i, j]  // bottom left
        let b = g[i + 1, j]  // bottom right
        let c = g[i + 1, j + 1]  // top right
        let d = g[i, j + 1]  // top left
        guard a.isFinite, b.isFinite, c.isFinite, d.isFinite else { continue }
        let code = (a > level ? 1 : 0) | (b > level ? 2 : 0) | (c > level ? 4 : 0) | (d > level ? 8 : 0)
        if code == 0 || code == 15 { continue }
        let fi = Double(i)
        let fj = Double(j)
        // Where the level crosses each edge, in grid coordinates.
        func bottom() -> (Double, Double) { (fi + (level - a) / (b - a), fj) }
        func right() -> (Double, Double) { (fi + 1, fj + (level - b) / (c - b)) }
        func top() -> (Double, Double) { (fi + (level - d) / (c - d), fj + 1) }
        func left() -> (Double, Double) { (fi, fj + (level - a) / (d - a)) }
        func add(_ p: (Double, Double), _ q: (Double, Double)) {
          out.append(.init(x0: g.x(p.0), y0: g.y(p.1), x1: g.x(q.0), y1: g.y(q.1)))
        }
        switch code {
        case 1, 14: add(bottom(), left())
        case 2, 13: add(bottom(), right())
        case 3, 12: add(left(), right())
        case 4, 11: add(right(), top())
        case 6, 9: add(bottom(), top())
        case 7, 8: add(left(), top())
        case 5, 10:
          let centreAbove = (a + b + c + d) / 4 > level
          // Corners a and c are above in case 5; b and d in case 10. The
          // centre joins the two corners on its own side.
          if (code == 5) == centreAbove {
            add(bottom(), right())
            add(left(), top())
          } else {
            add(bottom(), left())
            add(right(), top())
          }
        default: break
        }
      }
    }
    return out
  }

  /// `count` levels that split the sampled values into bands of about equal
  /// area (quantiles), so that the lines spread over the picture whatever the
  /// shape of the surface; repeated values are dropped.
  static func quantileLevels(_ values: [Double], count: Int) -> [Double] {
    let sorted = values.filter(\.isFinite).sorted()
    guard let lowest = sorted.first, let highest = sorted.last, lowest < highest, count > 0 else { return [] }
    var levels: [Double] = []
    for k in 1...count {
      let q = Double(k) / Double(count + 1)
      let position = q * Double(sorted.count - 1)
      let i = Int(position)
      let f = position - Double(i)
      let v = i + 1 < sorted.count ? sorted[i] + (sorted[i + 1] - sorted[i]) * f : sorted[i]
      if v > lowest && v < highest && (levels.last.map { v > $0 } ?? true) { levels.append(v) }
    }
    return levels
  }

  /// The surface at a point of the window given as fractions (0...1 each way),
  /// read bilinearly between samples; NaN next to a sample that is not finite.
  static func bilinear(_ fill: Figure.Fill, _ fx: Double, _ fy: Double) -> Double {
    let gx = min(max(fx, 0), 1) * Double(fill.nx - 1)
    let gy = min(max(fy, 0), 1) * Double(fill.ny - 1)
    let i = min(Int(gx), fill.nx - 2)
    let j = min(Int(gy), fill.ny - 2)
    let tx = gx - Double(i)
    let ty = gy - Double(j)
    let v = fill.values
    let a = v[j * fill.nx + i]
    let b = v[j * fill.nx + i + 1]
    let c = v[(j + 1) * fill.nx + i + 1]
    let d = v[(j + 1) * fill.nx + i]
    return (a * (1 - tx) + b * tx) * (1 - ty) + (d * (1 - tx) + c * tx) * ty
  }
}
