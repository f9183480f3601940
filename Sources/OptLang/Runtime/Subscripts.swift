/// Indexing and slicing: `a[i]`, `a[i] = v`, `a[i:j:k]`. Indexes must be
/// whole numbers; negative ones count from the end; slices are copies.
public enum Subscripts {
  /// The position `index` names in a sequence of `count` elements.
  static func position(_ index: Value, count: Int, typeName: String) throws -> Int {
    guard let x = index.asNumber else {
      throw OptError(.typeError, "\(typeName) indexes must be numbers, not \(index.typeNameWithArticle)")
    }
    if x == x.rounded(.towardZero) && abs(x) >= 9.0e15 {
      throw OptError(
        .indexError, "index \(Format.number(x)) is out of range for \(Value.withArticle(typeName)) of length \(count)")
    }
    let i = try Runtime.wholeNumber(x, what: "an index")
    let k = i < 0 ? i + count : i
    guard k >= 0 && k < count else {
      let valid = count == 0 ? "the \(typeName) is empty" : "valid indexes are 0 to \(count - 1), or -\(count) to -1"
      throw OptError(
        .indexError, "index \(i) is out of range for \(Value.withArticle(typeName)) of length \(count) (\(valid))")
    }
    return k
  }

  /// `container[index]`.
  public static func get(_ container: Value, _ index: Value) throws -> Value {
    switch container {
    case .list(let items), .tuple(let items):
      return items[try position(index, count: items.count, typeName: container.typeName)]
    case .array(let a):
      return .number(a[try position(index, count: a.count, typeName: "array")])
    case .dict(let d): return try d.value(for: index)
    case .object(let view as DictView): throw view.notIndexable
    case .string(let s):
      let scalars = Array(s.value.unicodeScalars)
      return .str(String(Character(scalars[try position(index, count: scalars.count, typeName: "string")])))
    case .object(let r as RangeObject):
      return .number(r.element(try position(index, count: r.count, typeName: "range")))
    default:
      throw OptError(.typeError, "\(container.typeNameWithArticle) cannot be indexed with [...]")
    }
  }

  /// `container[index] = value`, changing `container` in place.
  public static func set(_ container: inout Value, _ index: Value, _ value: Value) throws {
    switch container {
    case .list(var items):
      let k = try position(index, count: items.count, typeName: "list")
      container = .none  // the list's only owner is now `items`: written in place
      items[k] = value
      container = .list(items)
    case .array(var a):
      let k = try position(index, count: a.count, typeName: "array")
      guard let x = value.asNumber else {
        throw OptError(.typeError, "an array holds numbers; cannot store \(value.typeNameWithArticle) in it")
      }
      container = .none
      a[k] = x
      container = .array(a)
    case .dict(var d):
      let key = try DictKey(index)
      container = .none  // the dict's only owner is now `d`: written in place
      d[key] = value
      container = .dict(d)
    case .tuple:
      throw OptError(.typeError, "a tuple cannot be changed; make a list instead: list(t)")
    case .string:
      throw OptError(.typeError, "a string cannot be changed; build a new one instead")
    default:
      throw OptError(.typeError, "\(container.typeNameWithArticle) does not support item assignment")
    }
  }

  /// Applies `body` to `container[index]` in place (for `a[i][j] = v`).
  static func modify(_ container: inout Value, _ index: Value, _ body: (inout Value) throws -> Void) throws {
    switch container {
    case .list(var items):
      let k = try position(index, count: items.count, typeName: "list")
      container = .none
      defer { container = .list(items) }
      try body(&items[k])
    case .dict(var d):
      guard let k = d.position(of: try DictKey(index)) else { throw d.missing(index) }
      container = .none
      defer { container = .dict(d) }
      try d.modifyValue(at: k, body)
    default:
      var element = try get(container, index)
      try body(&element)
      try set(&container, index, element)
    }
  }

  /// `container[lower:upper:step]`, a copy, with Python's clamping rules.
  public static func slice(_ container: Value, _ lower: Value?, _ upper: Value?, _ step: Value?) throws -> Value {
    func bound(_ v: Value?) throws -> Int? {
      guard let v, !v.isNone else { return nil }
      guard let x = v.asNumber else { throw OptError(.typeError, "slice bounds must be numbers, not \(v.typeName)") }
      return try Runtime.wholeNumber(x, what: "a slice bound")
    }
    let stepValue = try bound(step) ?? 1
    guard stepValue != 0 else { throw OptError(.valueError, "a slice step cannot be zero") }
    func indices(_ count: Int) throws -> [Int] {
      var start = try bound(lower)
      var stop = try bound(upper)
      if stepValue > 0 {
        start = start.map { $0 < 0 ? max(0, $0 + count) : min($0, count) } ?? 0
        stop = stop.map { $0 < 0 ? max(0, $0 + count) : min($0, count) } ?? count
        try Runtime.checkLength(max(0, (stop! - start! + stepValue - 1) / stepValue), what: "the slice")
        return Array(stride(from: start!, to: stop!, by: stepValue))
      }
      start = start.map { $0 < 0 ? max(-1, $0 + count) : min($0, count - 1) } ?? count - 1
      stop = stop.map { $0 < 0 ? max(-1, $0 + count) : min($0, count - 1) } ?? -1
      try Runtime.checkLength(max(0, (start! - stop! - stepValue - 1) / -stepValue), what: "the slice")
      return Array(stride(from: start!, to: stop!, by: stepValue))
    }
    switch container {
    case .list(let items): return .list(try indices(items.count).map { items[$0] })
    case .tuple(let items): return .tuple(try indices(items.count).map { items[$0] })
    case .array(let a): return .array(NumArray(try indices(a.count).map { a[$0] }))
    case .string(let s):
      let scalars = Array(s.value.unicodeScalars)
      var out = String.UnicodeScalarView()
      for k in try indices(scalars.count) { out.append(scalars[k]) }
      return .str(String(out))
    case .object(let r as RangeObject):
      return .list(try indices(r.count).map { .number(r.element($0)) })
    default:
      throw OptError(.typeError, "\(container.typeNameWithArticle) cannot be sliced")
    }
  }
}
