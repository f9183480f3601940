import Foundation
import OptLang

/// The function's minimum in a contour's window, for the star: the lowest
/// point of a fixed 61 × 61 grid (the same whatever the terminal's size, so
/// the star and its value do not move when the window is resized), refined
/// by the Nelder–Mead simplex method (Nelder & Mead 1965, with the standard
/// coefficients 1, 2, ½, ½ as in scipy's `fmin`), kept inside the window. In a
/// long, narrow valley such as Rosenbrock's the lowest grid point lies far
/// from the true minimum; the refined one does not.
enum Minimum {
  static let gridSize = 61

  static func find(_ f: Value, _ xr: (Double, Double), _ yr: (Double, Double), runtime: Runtime) throws -> (
    x: Double, y: Double, value: Double
  ) {
    let grid = try ContourBuiltin.sampleGrid(f, xr, yr, nx: gridSize, ny: gridSize, runtime: runtime)
    var best: (x: Double, y: Double, value: Double)?
    for j in 0..<grid.ny {
      for i in 0..<grid.nx {
        let v = grid[i, j]
        if v.isFinite && (best == nil || v < best!.value) { best = (grid.x(Double(i)), grid.y(Double(j)), v) }
      }
    }
    guard let start = best else {
      throw OptError(
        .valueError, "contour(): f has no finite value anywhere in the window (every value is nan or inf)",
        hint: "try a smaller window around where f is defined")
    }
    let cell = ((xr.1 - xr.0) / Double(gridSize - 1), (yr.1 - yr.0) / Double(gridSize - 1))
    return try nelderMead(start, cell: cell) { x, y in
      // Outside the window counts as worse than anything.
      guard (xr.0...xr.1).contains(x), (yr.0...yr.1).contains(y) else { return .infinity }
      try Interrupt.check()
      let v = try ContourBuiltin.scalar(f, x, y, runtime: runtime)
      return v.isFinite ? v : .infinity
    }
  }

  /// Nelder–Mead from `start`, the first simplex one grid cell each way; stops
  /// when the simplex is a millionth of a cell across or after 2000 evaluations.
  static func nelderMead(
    _ start: (x: Double, y: Double, value: Double), cell: (Double, Double),
    _ f: (Double, Double) throws -> Double
  ) throws -> (x: Double, y: Double, value: Double) {
    var simplex: [(p: (Double, Double), v: Double)] = [((start.x, start.y), start.value)]
    for p in [(start.x + cell.0, start.y), (start.x, start.y + cell.1)] {
      var v = try f(p.0, p.1)
      var q = p
      if v == .infinity {
        q = (2 * start.x - p.0, 2 * start.y - p.1)
        v = try f(q.0, q.1)
      }
      simplex.append((q, v))
    }
    var evaluations = 2
    func size() -> Double {
      max(
        abs(simplex[1].p.0 - simplex[0].p.0) / cell.0, abs(simplex[2].p.0 - simplex[0].p.0) / cell.0,
        abs(simplex[1].p.1 - simplex[0].p.1) / cell.1, abs(simplex[2].p.1 - simplex[0].p.1) / cell.1)
    }
    func point(_ t: Double, _ a: (Double, Double), _ b: (Double, Double)) -> (Double, Double) {
      (a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1))
    }
    while evaluations < 2000 && size() > 1e-6 {
      simplex.sort { $0.v < $1.v }
      let centroid = ((simplex[0].p.0 + simplex[1].p.0) / 2, (simplex[0].p.1 + simplex[1].p.1) / 2)
      let worst = simplex[2]
      let r = point(-1, centroid, worst.p)
      let fr = try f(r.0, r.1)
      evaluations += 1
      if fr < simplex[0].v {
        let e = point(-2, centroid, worst.p)
        let fe = try f(e.0, e.1)
        evaluations += 1
        simplex[2] = fe < fr ? (e, fe) : (r, fr)
      } else if fr < simplex[1].v {
        simplex[2] = (r, fr)
      } else {
        let c = fr < worst.v ? point(-0.5, centroid, worst.p) : point(0.5, centroid, worst.p)
        let fc = try f(c.0, c.1)
        evaluations += 1
        if fc < min(fr, worst.v) {
          simplex[2] = (c, fc)
        } else {
          // Shrink towards the best point.
          for k in 1...2 {
            let s = point(0.5, simplex[0].p, simplex[k].p)
            simplex[k] = (s, try f(s.0, s.1))
            evaluations += 1
          }
        }
      }
    }
    let best = simplex.min { $0.v < $1.v }!
    return best.v < start.value ? (best.p.0, best.p.1, best.v) : start
  }
}
