/// numpy's broadcasting: two shapes are aligned at their last dimension, and
/// each pair of lengths must be equal or one of them 1, which is stretched
/// (numpy's "General broadcasting rules", numpy.org/doc/stable/user/basics.broadcasting.html).
/// Every element-wise operation on arrays goes through here.
public enum Broadcast {
  /// The shape two shapes broadcast to, or nil if they cannot.
  public static func shape(_ a: [Int], _ b: [Int]) -> [Int]? {
    if a == b { return a }
    let n = max(a.count, b.count)
    var out = [Int](repeating: 0, count: n)
    for k in 0..<n {
      let x = k < n - a.count ? 1 : a[k - (n - a.count)]
      let y = k < n - b.count ? 1 : b[k - (n - b.count)]
      guard x == y || x == 1 || y == 1 else { return nil }
      out[k] = x == 1 ? y : x
    }
    return out
  }

  /// The broadcast shape, or a ValueError naming both shapes.
  public static func checkedShape(_ a: [Int], _ b: [Int], _ what: String) throws -> [Int] {
    guard let out = shape(a, b) else {
      throw OptError(
        .valueError,
        "cannot \(what) arrays of shapes \(NumArray.describe(a)) and \(NumArray.describe(b))",
        hint: "their last dimensions must be equal, or 1 (numpy's broadcasting rule)")
    }
    try Runtime.checkLength(
      out.reduce(1) { $0.multipliedReportingOverflow(by: $1).overflow ? Int.max : $0 * $1 }, what: "the result")
    return out
  }

  /// The strides with which an array of `shape` is read as `target` (0 along stretched dimensions).
  static func strides(of shape: [Int], as target: [Int]) -> [Int] {
    let own = NumArray.strides(shape)
    let offset = target.count - shape.count
    return (0..<target.count).map { k in
      k < offset || shape[k - offset] == 1 ? 0 : own[k - offset]
    }
  }

  /// The elements of `a` read as the (larger) shape `target`.
  public static func expand(_ a: NumArray, to target: [Int]) -> NumArray {
    if a.shape == target { return a }
    return combine(a, NumArray(repeating: 0, shape: target), shape: target) { x, _ in x }
  }

  /// `f` applied element-wise to two arrays of shapes that broadcast to `shape`.
  /// Equal shapes and a single number run as one flat loop; otherwise the
  /// outer dimensions are counted like an odometer around a flat inner loop.
  @inline(__always)
  public static func combine(
    _ p: NumArray, _ q: NumArray, shape: [Int], _ f: (Double, Double) -> Double
  ) -> NumArray {
    let total = shape.reduce(1, *)
    let ps = p.storage
    let qs = q.storage
    let out = [Double](unsafeUninitializedCapacity: total) { out, initialized in
      ps.withUnsafeBufferPointer { x in
        qs.withUnsafeBufferPointer { y in
          if x.count == total && y.count == total {
            for i in 0..<total { out[i] = f(x[i], y[i]) }
          } else if y.count == 1 && x.count == total {
            let b = y[0]
            for i in 0..<total { out[i] = f(x[i], b) }
          } else if x.count == 1 && y.count == total {
            let a = x[0]
            for i in 0..<total { out[i] = f(a, y[i]) }
          } else if total > 0 {
            let pStrides = strides(of: p.shape, as: shape)
            let qStrides = strides(of: q.shape, as: shape)
            let last = shape.count - 1
            let inner = shape[last]
            let pInner = pStrides[last]
            let qInner = qStrides[last]
            var index = [Int](repeating: 0, count: last)
            var pBase = 0
            var qBase = 0
            var o = 0
            while o < total {
              var pi = pBase
              var qi = qBase
              for _ in 0..<inner {
                out[o] = f(x[pi], y[qi])
                o += 1
                pi += pInner
                qi += qInner
              }
              // Advance the odometer over the outer dimensions.
              var axis = last - 1
              while axis >= 0 {
                index[axis] += 1
                pBase += pStrides[axis]
                qBase += qStrides[axis]
                if index[axis] < shape[axis] { break }
                pBase -= pStrides[axis] * shape[axis]
                qBase -= qStrides[axis] * shape[axis]
                index[axis] = 0
                axis -= 1
              }
            }
          }
        }
      }
      initialized = total
    }
    return NumArray(out, shape: shape)
  }
}
