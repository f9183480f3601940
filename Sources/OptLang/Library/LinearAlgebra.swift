import Foundation

/// `np.linalg`: `norm` (vector norms, with `axis=` and `keepdims=`; the
/// Frobenius, 1- and inf-norms of matrices), `inv`, `solve` and `det` for the
/// small systems a learner writes. Following numpy/linalg/_linalg.py for what
/// each `ord` means; `inv`, `solve` and `det` use Gaussian elimination with
/// partial pivoting (LAPACK's `dgesv`/`dgetrf` method), so a matrix is
/// singular exactly when LAPACK would say so: a pivot is zero.
enum LinearAlgebra {
  static var builtins: [Builtin] {
    [
      Builtin(
        "norm", "norm(x, ord=None, axis=None, keepdims=False)",
        "The length of a vector, sqrt(sum(x**2)) (ord=1: sum |x|; ord=inf: max |x|; ord=p: (sum |x|**p)**(1/p)); "
          + "of a matrix, the Frobenius norm (ord=1, inf: largest column, row sum of |x|). axis= takes norms along it.",
        parameters: ["x", "ord", "axis", "keepdims"],
        .general { args in
          try args.check(min: 1, max: 4, keywords: ["ord", "axis", "keepdims"])
          return try norm(args)
        }),
      Builtin(
        "inv", "inv(a)", "The inverse of the square matrix a: inv(a) @ a is the identity (np.linalg.inv).",
        parameters: ["a"],
        .unary { v in
          let a = try square(v, "inv")
          let n = a.shape[0]
          return .array(NumArray(try eliminate(a.storage, n: n, rhs: identity(n), k: n, "inv").x, shape: [n, n]))
        }),
      Builtin(
        "solve", "solve(a, b)",
        "The x with a @ x == b, for a square matrix a and a vector (or matrix) b (np.linalg.solve).",
        parameters: ["a", "b"],
        .binary { av, bv in
          let a = try square(av, "solve")
          let b = try Convert.array(bv, what: "solve()")
          let n = a.shape[0]
          guard (b.ndim == 1 || b.ndim == 2) && b.shape[0] == n else {
            throw OptError(
              .valueError,
              "solve(a, b): b has shape \(NumArray.describe(b.shape)) but a is \(n)×\(n); b needs \(n) rows",
              hint: "b is a vector of length \(n) or a matrix with \(n) rows")
          }
          let k = b.ndim == 1 ? 1 : b.shape[1]
          return .array(NumArray(try eliminate(a.storage, n: n, rhs: b.storage, k: k, "solve").x, shape: b.shape))
        }),
      Builtin(
        "det", "det(a)", "The determinant of the square matrix a (np.linalg.det).", parameters: ["a"],
        .unary { v in
          let a = try square(v, "det")
          let n = a.shape[0]
          guard let lu = try? eliminate(a.storage, n: n, rhs: [], k: 0, "det") else { return .number(0) }
          return .number(lu.determinant)
        }),
    ]
  }

  /// The argument as a square matrix, or a LinAlgError naming its shape.
  private static func square(_ v: Value, _ name: String) throws -> NumArray {
    let a = try Convert.array(v, what: "\(name)()")
    guard a.ndim == 2 && a.shape[0] == a.shape[1] else {
      throw OptError(
        .linAlgError, "\(name)() needs a square matrix, not shape \(NumArray.describe(a.shape))",
        hint: a.ndim == 2 ? "only a square matrix (n×n) has an inverse; for least squares use a.T @ a" : nil)
    }
    return a
  }

  private static func identity(_ n: Int) -> [Double] {
    var out = [Double](repeating: 0, count: n * n)
    for i in 0..<n { out[i * n + i] = 1 }
    return out
  }

  /// Solves A X = B (A n×n, B n×k, both row-major) by Gaussian elimination
  /// with partial pivoting: at each column the row with the largest |entry|
  /// becomes the pivot, then back substitution. A zero pivot is a singular
  /// matrix. Also returns det(A): the product of the pivots, negated for each row swap.
  static func eliminate(_ matrix: [Double], n: Int, rhs: [Double], k: Int, _ name: String) throws -> (
    x: [Double], determinant: Double
  ) {
    var a = matrix
    var b = rhs
    var determinant = 1.0
    for column in 0..<n {
      var pivot = column
      for row in (column + 1)..<max(n, column + 1) where abs(a[row * n + column]) > abs(a[pivot * n + column]) {
        pivot = row
      }
      guard a[pivot * n + column] != 0 else {
        throw OptError(
          .linAlgError, "\(name)(): the matrix is singular (it has no inverse)",
          hint: "its rows (or columns) are linearly dependent; column \(column) has no pivot")
      }
      if pivot != column {
        determinant = -determinant
        for j in 0..<n { a.swapAt(column * n + j, pivot * n + j) }
        for j in 0..<k { b.swapAt(column * k + j, pivot * k + j) }
      }
      let p = a[column * n + column]
      determinant *= p
      for row in (column + 1)..<max(n, column + 1) {
        let factor = a[row * n + column] / p
        if factor == 0 { continue }
        for j in column..<n { a[row * n + j] -= factor * a[column * n + j] }
        for j in 0..<k { b[row * k + j] -= factor * b[column * k + j] }
      }
    }
    // Back substitution, one right-hand column at a time.
    for row in stride(from: n - 1, through: 0, by: -1) {
      for j in 0..<k {
        var total = b[row * k + j]
        for c in (row + 1)..<max(n, row + 1) { total -= a[row * n + c] * b[c * k + j] }
        b[row * k + j] = total / a[row * n + row]
      }
    }
    return (b, determinant)
  }

  /// `np.linalg.norm`, as numpy/linalg/_linalg.py computes it.
  private static func norm(_ args: Arguments) throws -> Value {
    let x = try Convert.array(args.positional[0], what: "norm()")
    let ord = args.optional(1, "ord").flatMap { $0.isNone ? nil : $0 }
    let keepdims = try args.optional(3, "keepdims").map { try Operators.truthy($0) } ?? false
    var axes = try args.optional(2, "axis").flatMap { try Reductions.axes($0, ndim: x.ndim, "norm") }
    let order = try ord.map { try orderName($0) }
    if axes == nil {
      // No axis: the 2-norm of every element, unless ord asks for a matrix norm of a 2-D array.
      if order == nil || (order == .frobenius && x.ndim == 2) || (order == .p(2) && x.ndim == 1) {
        let total = x.storage.reduce(0) { $0 + $1 * $1 }
        let shape = keepdims ? [Int](repeating: 1, count: x.ndim) : []
        return ArrayMath.wrap(NumArray([total.squareRoot()], shape: shape))
      }
      axes = Array(0..<x.ndim)
    }
    guard let axes else { return .none }
    switch axes.count {
    case 1:
      let p: Double
      switch order {
      case nil: p = 2
      case .p(let value): p = value
      case .frobenius:
        throw OptError(.valueError, "norm(): ord='fro' is a matrix norm; a vector needs a number (or None)")
      }
      return try Reductions.reduce(x, axes: axes, keepdims: keepdims, empty: nil) { lane, contiguous in
        vectorNorm(lane, p, contiguous)
      }
    case 2:
      let (rows, columns) = (axes[0], axes[1])
      switch order {
      case nil, .frobenius?:
        return try Reductions.reduce(x, axes: axes, keepdims: keepdims, empty: nil) { lane, contiguous in
          Reductions.sum(lane.map { $0 * $0 }, contiguous).squareRoot()
        }
      case .p(let p) where p.isInfinite || abs(p) == 1:
        // ord=1: the largest column sum of |x|; ord=inf: the largest row sum (and -1, -inf the smallest).
        let summed = p.isInfinite ? columns : rows
        let sums = try Convert.array(
          Reductions.reduce(x.map(abs), axes: [summed], keepdims: true, empty: nil) { lane, contiguous in
            Reductions.sum(lane, contiguous)
          }, what: "norm()")
        let other = p.isInfinite ? rows : columns
        return try Reductions.reduce(sums, axes: [other], keepdims: true, empty: "norm") { lane, _ in
          p > 0 ? lane.max()! : lane.min()!
        }.reshapedForNorm(x.shape, axes: axes, keepdims: keepdims)
      default:
        throw OptError(
          .valueError, "norm(): this matrix norm is not available here",
          hint: "use ord=None or 'fro' (Frobenius), 1, -1, inf or -inf for matrices")
      }
    default:
      throw OptError(.valueError, "norm(): a matrix norm needs 2 axes, and a vector norm 1, not \(axes.count)")
    }
  }

  private enum Order: Equatable {
    case p(Double)
    case frobenius
  }

  private static func orderName(_ v: Value) throws -> Order {
    if let p = v.asNumber { return .p(p) }
    if case .string(let s) = v, s.value == "fro" || s.value == "f" { return .frobenius }
    throw OptError(.valueError, "norm(): ord must be a number, inf, -inf or 'fro', not \(Format.repr(v))")
  }

  /// A vector norm of one lane (numpy's branches for each ord).
  private static func vectorNorm(_ lane: [Double], _ p: Double, _ contiguous: Bool) -> Double {
    if p == .infinity { return lane.reduce(0) { max($0, abs($1)) } }
    if p == -.infinity { return lane.reduce(.infinity) { min($0, abs($1)) } }
    if p == 0 { return Double(lane.filter { $0 != 0 }.count) }
    if p == 1 { return Reductions.sum(lane.map(abs), contiguous) }
    if p == 2 { return Reductions.sum(lane.map { $0 * $0 }, contiguous).squareRoot() }
    return Foundation.pow(Reductions.sum(lane.map { Foundation.pow(abs($0), p) }, contiguous), 1 / p)
  }
}

extension Value {
  /// A matrix norm reduced with keepdims, shaped as numpy gives it: without the two axes, or with them as 1.
  fileprivate func reshapedForNorm(_ shape: [Int], axes: [Int], keepdims: Bool) -> Value {
    guard case .array(let a) = self else { return self }
    let out =
      keepdims
      ? shape.indices.map { axes.contains($0) ? 1 : shape[$0] }
      : shape.indices.filter { !axes.contains($0) }.map { shape[$0] }
    return ArrayMath.wrap(a.reshaped(out))
  }
}
