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

  /// `f` applied element-wise to two arrays of shapes that broadcast to `shape`,
  /// into a new array. Equal shapes and a single number run as one flat loop;
  /// otherwise `odometer` walks the outer dimensions.
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
          if total == 0 {
          } else if isFlat(p, q, total) {
            flat(x, y, into: out.baseAddress!, total, f)
          } else {
            odometer(x, p.shape, y, q.shape, into: out.baseAddress!, shape, f)
          }
        }
      }
      initialized = total
    }
    return NumArray(out, shape: shape)
  }

  /// The same for an arithmetic operator, taking the operands: one that
  /// already has the result's shape and is held by nothing else (a temporary,
  /// such as `a * b` inside `a * b + c`) receives the result in its own
  /// elements, as numpy's temporary elision does; that saves allocating and
  /// writing fresh memory. Generic over the operator so each gets its own loops.
  static func combine<O: NumericOperator>(
    _ p: consuming NumArray, _ q: consuming NumArray, shape: [Int], _ op: O.Type
  ) -> NumArray {
    let total = shape.reduce(1, *)
    if total > 1 && isFlat(p, q, total) {
      if !p.isBool, p.shape == shape, p.isSoleOwner() {
        let other = q.storage
        p.withElements { x in
          other.withUnsafeBufferPointer { y in flat(.init(x), y, into: x.baseAddress!, total) { O.apply($0, $1) } }
        }
        return p
      }
      if !q.isBool, q.shape == shape, q.isSoleOwner() {
        let other = p.storage
        q.withElements { y in
          other.withUnsafeBufferPointer { x in flat(x, .init(y), into: y.baseAddress!, total) { O.apply($0, $1) } }
        }
        return q
      }
    }
    return combine(p, q, shape: shape) { O.apply($0, $1) }
  }

  /// Whether each operand has all `total` elements or just one.
  @inline(__always) private static func isFlat(_ p: NumArray, _ q: NumArray, _ total: Int) -> Bool {
    (p.count == total || p.count == 1) && (q.count == total || q.count == 1)
  }

  /// The flat loops: `x` and `y` each hold `total` elements or one (which
  /// pairs with every element); `out` may be `x` or `y` itself.
  @inline(__always)
  private static func flat(
    _ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>, into out: UnsafeMutablePointer<Double>,
    _ total: Int, _ f: (Double, Double) -> Double
  ) {
    if x.count == total && y.count == total {
      for i in 0..<total { out[i] = f(x[i], y[i]) }
    } else if y.count == 1 {
      let b = y[0]
      for i in 0..<total { out[i] = f(x[i], b) }
    } else {
      let a = x[0]
      for i in 0..<total { out[i] = f(a, y[i]) }
    }
  }

  /// Broadcasting proper: the outer dimensions of `shape` are counted like an
  /// odometer around a flat inner loop over the last one.
  @inline(__always)
  private static func odometer(
    _ x: UnsafeBufferPointer<Double>, _ xShape: [Int], _ y: UnsafeBufferPointer<Double>, _ yShape: [Int],
    into out: UnsafeMutablePointer<Double>, _ shape: [Int], _ f: (Double, Double) -> Double
  ) {
    let total = shape.reduce(1, *)
    let pStrides = strides(of: xShape, as: shape)
    let qStrides = strides(of: yShape, as: shape)
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
