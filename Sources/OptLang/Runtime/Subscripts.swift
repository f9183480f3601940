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

  /// `container[index]`; the index may be a slice, and for arrays anything numpy accepts.
  public static func get(_ container: Value, _ index: Value) throws -> Value {
    if case .object(let s as SliceObject) = index, !isArray(container) { return try slice(container, s) }
    switch container {
    case .list(let items), .tuple(let items):
      return items[try position(index, count: items.count, typeName: container.typeName)]
    case .array(let a):
      if case .number = index, a.ndim == 1 { return .number(a[try position(index, count: a.count, typeName: "array")]) }
      return try ArrayIndexing.get(a, index)
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
      if case .object(let s as SliceObject) = index {
        try assignSlice(&items, s, value)
        container = .list(items)
        return
      }
      let k = try position(index, count: items.count, typeName: "list")
      container = .none  // the list's only owner is now `items`: written in place
      items[k] = value
      container = .list(items)
    case .array(var a):
      container = .none  // the array's only owner is now `a`: written in place
      defer { container = .array(a) }
      if case .number = index, a.ndim == 1, let x = value.asNumber {
        a[try position(index, count: a.count, typeName: "array")] = x
      } else {
        try ArrayIndexing.set(&a, index, value)
      }
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

  static func isArray(_ v: Value) -> Bool {
    if case .array = v { return true }
    return false
  }

  /// `container[lower:upper:step]` of a list, tuple, string or range: a copy, with Python's clamping rules.
  static func slice(_ container: Value, _ s: SliceObject) throws -> Value {
    func indices(_ count: Int) throws -> StrideTo<Int> {
      let (start, step, n) = try s.indices(count: count)
      try Runtime.checkLength(n, what: "the slice")
      return stride(from: start, to: start + n * step, by: step)
    }
    switch container {
    case .list(let items): return .list(try indices(items.count).map { items[$0] })
    case .tuple(let items): return .tuple(try indices(items.count).map { items[$0] })
    case .string(let text):
      let scalars = Array(text.value.unicodeScalars)
      var out = String.UnicodeScalarView()
      for k in try indices(scalars.count) { out.append(scalars[k]) }
      return .str(String(out))
    case .object(let r as RangeObject):
      return .list(try indices(r.count).map { .number(r.element($0)) })
    default:
      throw OptError(.typeError, "\(container.typeNameWithArticle) cannot be sliced")
    }
  }

  /// `items[lower:upper:step] = value` for a list: a step-1 slice is replaced
  /// by the value's items (any number of them); an extended slice needs as many as it selects.
  private static func assignSlice(_ items: inout [Value], _ s: SliceObject, _ value: Value) throws {
    let replacement = try Elements(value).all
    let (start, step, n) = try s.indices(count: items.count)
    if step == 1 {
      try Runtime.checkLength(items.count - n + replacement.count, what: "the list")
      items.replaceSubrange(start..<(start + n), with: replacement)
      return
    }
    guard replacement.count == n else {
      throw OptError(
        .valueError, "cannot assign \(replacement.count) items to an extended slice of \(n) items")
    }
    for (i, item) in replacement.enumerated() { items[start + i * step] = item }
  }
}
