/// A numeric array of any number of dimensions: numpy's `ndarray` for the
/// Float64 subset a learner uses. Elements are stored flat in row-major (C)
/// order with the shape beside them; boolean arrays (the results of
/// comparisons, used as masks) store 0 and 1 and print as `True`/`False`.
///
/// It has value semantics: copying is free until one side is written (the
/// buffer is copied then). One reference wide, so `Value` stays 16 bytes.
public struct NumArray {
  /// The shape and the elements, shared between copies until one is written.
  final class Buffer {
    var elements: [Double]
    var shape: [Int]
    var isBool: Bool
    init(elements: [Double], shape: [Int], isBool: Bool) {
      self.elements = elements
      self.shape = shape
      self.isBool = isBool
    }
  }

  private var buffer: Buffer

  /// A 1-D array of these numbers.
  public init(_ storage: [Double]) {
    buffer = Buffer(elements: storage, shape: [storage.count], isBool: false)
  }

  /// An array of this shape over these elements (row-major); the element
  /// count must equal the product of the shape.
  public init(_ storage: [Double], shape: [Int], isBool: Bool = false) {
    precondition(shape.reduce(1, *) == storage.count, "an array's shape must match its element count")
    buffer = Buffer(elements: storage, shape: shape, isBool: isBool)
  }

  /// A 1-D array of `count` copies of `value`.
  public init(repeating value: Double, count: Int) {
    self.init(Array(repeating: value, count: count))
  }

  /// An array of this shape filled with `value`.
  public init(repeating value: Double, shape: [Int]) {
    self.init(Array(repeating: value, count: shape.reduce(1, *)), shape: shape)
  }

  @inline(__always) private mutating func makeUnique() {
    if !isKnownUniquelyReferenced(&buffer) {
      buffer = Buffer(elements: buffer.elements, shape: buffer.shape, isBool: buffer.isBool)
    }
  }

  /// The elements, flat, in row-major order.
  public var storage: [Double] {
    get { buffer.elements }
    _modify {
      makeUnique()
      yield &buffer.elements
    }
    set {
      makeUnique()
      buffer.elements = newValue
    }
  }

  /// The length of each dimension (numpy's `shape`).
  public var shape: [Int] { buffer.shape }

  /// The number of dimensions.
  public var ndim: Int { buffer.shape.count }

  /// Whether this is a boolean array (printed as True/False, usable as a mask).
  public var isBool: Bool { buffer.isBool }

  /// The number of elements (numpy's `size`).
  public var count: Int { buffer.elements.count }

  /// The same elements with another shape of the same size (no check).
  public func reshaped(_ shape: [Int]) -> NumArray {
    NumArray(buffer.elements, shape: shape, isBool: buffer.isBool)
  }

  /// The same elements marked as boolean or not.
  public func asBool(_ isBool: Bool) -> NumArray {
    NumArray(buffer.elements, shape: buffer.shape, isBool: isBool)
  }

  /// Whether this value alone holds its elements, so that writing them in
  /// place changes no other value: an operand that is a temporary (the
  /// result of `a * b` inside `a * b + c`) can then hold the result too, as
  /// numpy's temporary elision does, saving an allocation and a pass over fresh memory.
  public mutating func isSoleOwner() -> Bool {
    isKnownUniquelyReferenced(&buffer)
  }

  /// Calls `body` with the elements to change them in place (copied first if shared).
  @inline(__always) public mutating func withElements<R>(
    _ body: (UnsafeMutableBufferPointer<Double>) throws -> R
  ) rethrows -> R {
    makeUnique()
    return try buffer.elements.withUnsafeMutableBufferPointer { try body($0) }
  }

  /// The element at a flat (row-major) position.
  @inline(__always) public subscript(i: Int) -> Double {
    get { buffer.elements[i] }
    set {
      makeUnique()
      buffer.elements[i] = newValue
    }
  }

  /// Applies `f` to every element; the result has the same shape.
  @inline(__always) public func map(_ f: (Double) -> Double) -> NumArray {
    let source = buffer.elements
    let out = [Double](unsafeUninitializedCapacity: source.count) { out, initialized in
      source.withUnsafeBufferPointer { xs in
        for i in 0..<xs.count { out[i] = f(xs[i]) }
      }
      initialized = source.count
    }
    return NumArray(out, shape: buffer.shape)
  }

  /// `f` applied to every element of the array in `v` (which must hold one),
  /// in place when nothing else holds its elements.
  @inline(__always) static func mapped(_ v: consuming Value, _ f: (Double) -> Double) -> NumArray {
    guard case .array(var a) = consume v else { preconditionFailure("mapped() needs an array") }
    guard !a.isBool, a.isSoleOwner() else { return a.map(f) }
    a.withElements { xs in
      for i in 0..<xs.count { xs[i] = f(xs[i]) }
    }
    return a
  }

  /// The sub-array at index `k` of the first dimension (`a[k]`).
  public func row(_ k: Int) -> NumArray {
    let inner = Array(shape.dropFirst())
    let size = inner.reduce(1, *)
    return NumArray(Array(buffer.elements[(k * size)..<((k + 1) * size)]), shape: inner, isBool: isBool)
  }

  /// The row-major strides, in elements, of a shape.
  public static func strides(_ shape: [Int]) -> [Int] {
    var strides = [Int](repeating: 1, count: shape.count)
    var step = 1
    for axis in stride(from: shape.count - 1, through: 0, by: -1) {
      strides[axis] = step
      step *= shape[axis]
    }
    return strides
  }

  /// A shape as numpy writes it: `(3,)`, `(2, 3)`, `()`.
  public static func describe(_ shape: [Int]) -> String {
    shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
  }
}
