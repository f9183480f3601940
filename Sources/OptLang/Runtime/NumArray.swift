/// A 1-D numeric array, numpy's `ndarray` for the cases this language needs:
/// contiguous Float64 storage with value semantics (a Swift array, so copying
/// is free until one side is written).
public struct NumArray {
  public var storage: [Double]

  public init(_ storage: [Double]) { self.storage = storage }
  public init(repeating value: Double, count: Int) { storage = Array(repeating: value, count: count) }

  public var count: Int { storage.count }

  @inline(__always) public subscript(i: Int) -> Double {
    get { storage[i] }
    set { storage[i] = newValue }
  }

  /// Applies `f` to every element.
  @inline(__always) public func map(_ f: (Double) -> Double) -> NumArray {
    NumArray(storage.map(f))
  }
}
