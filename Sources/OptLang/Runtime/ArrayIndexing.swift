/// numpy's indexing of arrays, for reading and for assignment: whole numbers,
/// slices with steps, `...`, `None` (numpy's `newaxis`), boolean masks and
/// arrays or lists of whole numbers ("fancy" indexing). The rules are numpy's
/// (numpy.org/doc/stable/user/basics.indexing.html): integer and array indexes
/// are broadcast together; their result dimensions stand where the first of
/// them stood if they are next to each other in the index, else first.
///
/// Every index becomes a `Selection`: the shape of the result and the flat
/// position in the array of each of its elements, in order. Reading gathers
/// those elements; assigning scatters a value broadcast to that shape.
enum ArrayIndexing {
  struct Selection {
    var shape: [Int]
    var offsets: [Int]
  }

  /// `a[index]`: a number when the result has no dimensions, else an array.
  static func get(_ a: NumArray, _ index: Value) throws -> Value {
    if case .number = index, a.ndim > 1 {
      return .array(a.row(try Subscripts.position(index, count: a.shape[0], typeName: "array")))
    }
    let selection = try select(a, index)
    let storage = a.storage
    let values = selection.offsets.map { storage[$0] }
    return ArrayMath.wrap(NumArray(values, shape: selection.shape, isBool: a.isBool))
  }

  /// `a[index] = value`: the value (a number or an array) is broadcast to the selection's shape.
  static func set(_ a: inout NumArray, _ index: Value, _ value: Value) throws {
    let selection = try select(a, index)
    guard let source = try ArrayMath.operand(value) else {
      throw OptError(.typeError, "an array holds numbers; cannot store \(value.typeNameWithArticle) in it")
    }
    guard let shape = Broadcast.shape(source.shape, selection.shape), shape == selection.shape else {
      throw OptError(
        .valueError,
        "cannot put a value of shape \(NumArray.describe(source.shape)) into a selection of shape \(NumArray.describe(selection.shape))",
        hint: "the value's shape must broadcast to the selected part's shape")
    }
    let values = Broadcast.expand(source, to: selection.shape).storage
    a.storage.withUnsafeMutableBufferPointer { out in
      for (i, offset) in selection.offsets.enumerated() { out[offset] = values[i] }
    }
  }

  /// One item of an index after `...` is expanded and masks are turned into positions.
  private enum Part {
    /// A slice along `axis`: `count` elements from `start` by `step`.
    case range(axis: Int, start: Int, step: Int, count: Int)
    /// `None`: a new dimension of length 1.
    case newAxis
    /// A whole number (or an array of them) along `axis`; `shape` is `[]` for a number.
    case positions(axis: Int, values: [Int], shape: [Int])
  }

  static func select(_ a: NumArray, _ index: Value) throws -> Selection {
    let items: [Value]
    if case .tuple(let parts) = index { items = parts } else { items = [index] }
    let parts = try expand(items, a)
    let strides = NumArray.strides(a.shape)

    // Whole numbers and arrays of them are broadcast together.
    let advanced = parts.indices.filter { if case .positions = parts[$0] { return true } else { return false } }
    let hasArrays = advanced.contains {
      if case .positions(_, _, let s) = parts[$0] { return !s.isEmpty } else { return false }
    }
    var blockShape: [Int] = []
    var blockOffsets: [Int] = []
    var base = 0
    if hasArrays {
      for k in advanced {
        guard case .positions(_, _, let s) = parts[k] else { continue }
        guard let b = Broadcast.shape(blockShape, s) else {
          throw OptError(
            .indexError,
            "the index arrays cannot be broadcast together (shapes \(NumArray.describe(blockShape)) and \(NumArray.describe(s)))"
          )
        }
        blockShape = b
      }
      blockOffsets = [Int](repeating: 0, count: blockShape.reduce(1, *))
      for k in advanced {
        guard case .positions(let axis, let values, let s) = parts[k] else { continue }
        let expanded = Broadcast.expand(NumArray(values.map(Double.init), shape: s), to: blockShape).storage
        for i in blockOffsets.indices { blockOffsets[i] += Int(expanded[i]) * strides[axis] }
      }
    } else {
      for k in advanced {
        if case .positions(let axis, let values, _) = parts[k] { base += values[0] * strides[axis] }
      }
    }
    let adjacent = advanced.isEmpty || advanced.last! - advanced.first! == advanced.count - 1

    // The result's dimensions, each a length and how each step moves in the flat storage.
    enum Dimension {
      case stride(count: Int, step: Int)
      case block
    }
    var dimensions: [Dimension] = []
    var shape: [Int] = []
    if hasArrays && !adjacent {
      dimensions.append(.block)
      shape += blockShape
    }
    for (k, part) in parts.enumerated() {
      switch part {
      case .range(let axis, let start, let step, let count):
        base += start * strides[axis]
        dimensions.append(.stride(count: count, step: step * strides[axis]))
        shape.append(count)
      case .newAxis:
        dimensions.append(.stride(count: 1, step: 0))
        shape.append(1)
      case .positions:
        if hasArrays && adjacent && k == advanced.first {
          dimensions.append(.block)
          shape += blockShape
        }
      }
    }
    let total = shape.reduce(1, *)
    try Runtime.checkLength(total, what: "the selection")
    var offsets: [Int] = []
    offsets.reserveCapacity(total)
    func walk(_ d: Int, _ offset: Int) {
      if d == dimensions.count {
        offsets.append(offset)
        return
      }
      switch dimensions[d] {
      case .stride(let count, let step):
        for i in 0..<count { walk(d + 1, offset + i * step) }
      case .block:
        for extra in blockOffsets { walk(d + 1, offset + extra) }
      }
    }
    if total > 0 { walk(0, base) }
    return Selection(shape: shape, offsets: offsets)
  }

  /// The index's items with `...` replaced by full slices, missing trailing
  /// dimensions filled in, and every item checked against the array's shape.
  private static func expand(_ items: [Value], _ a: NumArray) throws -> [Part] {
    func consumes(_ v: Value) -> Int {
      switch v {
      case .none: return 0
      case .object(let o) where o is EllipsisObject: return 0
      case .array(let m) where m.isBool: return m.ndim
      case .list(let xs) where !xs.isEmpty && xs.allSatisfy({ if case .bool = $0 { true } else { false } }): return 1
      default: return 1
      }
    }
    let ellipses = items.filter { if case .object(let o) = $0 { o is EllipsisObject } else { false } }.count
    guard ellipses <= 1 else { throw OptError(.indexError, "an index can only have a single ellipsis ('...')") }
    let used = items.map(consumes).reduce(0, +)
    guard used <= a.ndim else {
      throw OptError(
        .indexError,
        "too many indices for the array: it has \(a.ndim) dimension\(a.ndim == 1 ? "" : "s") (shape \(NumArray.describe(a.shape))) but \(used) were indexed"
      )
    }
    var parts: [Part] = []
    var axis = 0
    func full() -> Part {
      defer { axis += 1 }
      return .range(axis: axis, start: 0, step: 1, count: a.shape[axis])
    }
    for item in items {
      switch item {
      case .none:
        parts.append(.newAxis)
      case .object(let o) where o is EllipsisObject:
        for _ in 0..<(a.ndim - used) { parts.append(full()) }
      case .object(let s as SliceObject):
        let n = a.shape[axis]
        let (start, step, count) = try s.indices(count: n)
        parts.append(.range(axis: axis, start: start, step: step, count: count))
        axis += 1
      case .number, .bool:
        if case .bool = item {
          throw OptError(.indexError, "True and False cannot index an array here; use a boolean array as a mask")
        }
        let n = a.shape[axis]
        let k = try Subscripts.position(item, count: n, typeName: "axis \(axis) of the array")
        parts.append(.positions(axis: axis, values: [k], shape: []))
        axis += 1
      case .array, .list, .tuple:
        let positions = try Convert.array(item, what: "an index")
        if positions.isBool || (positions.count == 0 && positions.ndim == 1 && isBoolList(item)) {
          let m = positions.ndim
          let covered = Array(a.shape[axis..<(axis + m)])
          guard covered == positions.shape else {
            throw OptError(
              .indexError,
              "the boolean mask has shape \(NumArray.describe(positions.shape)) but the array's dimensions it covers have shape \(NumArray.describe(covered))",
              hint: "a mask must have the shape of the array (or of its first dimensions)")
          }
          // A mask becomes the positions of its True elements, one array per dimension (numpy's nonzero).
          var columns = [[Int]](repeating: [], count: m)
          let maskStrides = NumArray.strides(positions.shape)
          for (flat, x) in positions.storage.enumerated() where x != 0 {
            for d in 0..<m { columns[d].append((flat / maskStrides[d]) % positions.shape[d]) }
          }
          for d in 0..<m {
            parts.append(.positions(axis: axis + d, values: columns[d], shape: [columns[d].count]))
          }
          axis += m
        } else {
          let n = a.shape[axis]
          var values: [Int] = []
          values.reserveCapacity(positions.count)
          for x in positions.storage {
            values.append(try Subscripts.position(.number(x), count: n, typeName: "axis \(axis) of the array"))
          }
          parts.append(.positions(axis: axis, values: values, shape: positions.shape))
          axis += 1
        }
      default:
        throw OptError(
          .indexError,
          "\(item.typeNameWithArticle) cannot index an array",
          hint: "use whole numbers, slices (a:b:c), '...', None, boolean masks or arrays of whole numbers")
      }
    }
    while axis < a.ndim { parts.append(full()) }
    return parts
  }

  private static func isBoolList(_ v: Value) -> Bool {
    if case .list(let xs) = v { return !xs.isEmpty && xs.allSatisfy { if case .bool = $0 { true } else { false } } }
    return false
  }
}

/// `lower:upper:step` inside `[...]`, as a value (Python's `slice`).
public final class SliceObject: RuntimeObject {
  public let lower: Value
  public let upper: Value
  public let step: Value

  public init(lower: Value, upper: Value, step: Value) {
    self.lower = lower
    self.upper = upper
    self.step = step
  }

  public override var typeName: String { "slice" }
  public override var repr: String { "slice(\(Format.repr(lower)), \(Format.repr(upper)), \(Format.repr(step)))" }

  /// The first position, the step and the number of positions this slice
  /// selects from `count` elements, with Python's clamping (`slice.indices`).
  func indices(count: Int) throws -> (start: Int, step: Int, count: Int) {
    func bound(_ v: Value) throws -> Int? {
      if v.isNone { return nil }
      guard let x = v.asNumber else { throw OptError(.typeError, "slice bounds must be numbers, not \(v.typeName)") }
      if abs(x) >= 9.0e15 && x == x.rounded(.towardZero) { return x < 0 ? Int.min / 2 : Int.max / 2 }
      return try Runtime.wholeNumber(x, what: "a slice bound")
    }
    let step = try bound(step) ?? 1
    guard step != 0 else { throw OptError(.valueError, "a slice step cannot be zero") }
    if step > 0 {
      let start = try bound(lower).map { $0 < 0 ? max(0, $0 + count) : min($0, count) } ?? 0
      let stop = try bound(upper).map { $0 < 0 ? max(0, $0 + count) : min($0, count) } ?? count
      return (start, step, max(0, (stop - start + step - 1) / step))
    }
    let start = try bound(lower).map { $0 < 0 ? max(-1, $0 + count) : min($0, count - 1) } ?? count - 1
    let stop = try bound(upper).map { $0 < 0 ? max(-1, $0 + count) : min($0, count - 1) } ?? -1
    return (start, step, max(0, (start - stop - step - 1) / -step))
  }
}

/// `...` in an index (Python's `Ellipsis`): as many full slices as the array needs.
public final class EllipsisObject: RuntimeObject {
  nonisolated(unsafe) public static let shared = EllipsisObject()
  public override var typeName: String { "ellipsis" }
  public override var repr: String { "Ellipsis" }
}
