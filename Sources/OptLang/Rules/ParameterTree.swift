/// The structure of an optimizer's parameters, taken at its first step: a
/// leaf (a number or an array, with its shape and the number of its state),
/// or a tuple, list or dict of subtrees. Every later step is checked against
/// it before any leaf moves, so a gradient of the wrong structure or shape
/// changes nothing; and a dict's leaves are found by key, so the dict may come
/// back with its keys in another order.
indirect enum ParameterTree {
  /// A number (`shape` nil) or an array; `index` numbers the leaves in the order first seen.
  case leaf(index: Int, shape: [Int]?)
  case sequence([ParameterTree])
  /// The keys in their first order (for `opt.state`), and each key's subtree.
  case dict(keys: [Value], children: [DictKey: ParameterTree])

  /// The tree of `w`, checking that `g` has its structure and every leaf's shape.
  init(_ w: Value, _ g: Value, path: String = "", leaves: inout Int) throws {
    switch (w, g) {
    case (.tuple(let ws), .tuple(let gs)), (.list(let ws), .list(let gs)), (.tuple(let ws), .list(let gs)),
      (.list(let ws), .tuple(let gs)):
      guard ws.count == gs.count else { throw ParameterTree.mismatch(w, g, path) }
      var children: [ParameterTree] = []
      for k in 0..<ws.count {
        children.append(try ParameterTree(ws[k], gs[k], path: path + "[\(k)]", leaves: &leaves))
      }
      self = .sequence(children)
    case (.dict(let wd), .dict(let gd)):
      try ParameterTree.checkKeys(wd, gd, path)
      var children: [DictKey: ParameterTree] = [:]
      for (key, value) in zip(wd.keys, wd.values) {
        let k = DictKey(unchecked: key)
        children[k] = try ParameterTree(value, gd[k]!, path: path + "[\(Format.repr(key))]", leaves: &leaves)
      }
      self = .dict(keys: wd.keys, children: children)
    default:
      self = .leaf(index: leaves, shape: try ParameterTree.leafShape(w, g, path))
      leaves += 1
    }
  }

  /// Checks that `w` and `g` have the structure and shapes of the first step.
  func check(_ w: Value, _ g: Value, path: String = "") throws {
    switch self {
    case .leaf(_, let shape):
      let now = try ParameterTree.leafShape(w, g, path)
      guard now == shape else {
        throw OptError(
          .valueError,
          "w\(path) was \(ParameterTree.describe(shape)) at the first step and is now \(ParameterTree.describe(now))",
          hint: "each optimizer keeps state for the parameters it first saw: make a new one, or call opt.reset()")
      }
    case .sequence(let children):
      guard let ws = ParameterTree.items(w), children.count == ws.count else {
        throw changed(w, path)
      }
      guard let gs = ParameterTree.items(g), gs.count == ws.count else { throw ParameterTree.mismatch(w, g, path) }
      for k in 0..<children.count { try children[k].check(ws[k], gs[k], path: path + "[\(k)]") }
    case .dict(_, let children):
      guard case .dict(let wd) = w else { throw changed(w, path) }
      guard case .dict(let gd) = g else { throw ParameterTree.mismatch(w, g, path) }
      try ParameterTree.checkKeys(wd, gd, path)
      for (key, value) in zip(wd.keys, wd.values) {
        let k = DictKey(unchecked: key)
        guard let child = children[k] else {
          throw OptError(
            .keyError, "w\(path) has the key \(Format.repr(key)), which it did not have at the first step",
            hint: "each optimizer keeps state for the parameters it first saw: make a new one, or call opt.reset()")
        }
        try child.check(value, gd[k]!, path: path + "[\(Format.repr(key))]")
      }
      if children.count != wd.count, let key = children.keys.first(where: { wd.position(of: $0) == nil }) {
        throw OptError(
          .keyError, "w\(path) has lost the key \(Format.repr(key.value)) it had at the first step",
          hint: "each optimizer keeps state for the parameters it first saw: make a new one, or call opt.reset()")
      }
    }
  }

  private func changed(_ w: Value, _ path: String) -> OptError {
    let was: String
    switch self {
    case .leaf(_, let shape): was = ParameterTree.describe(shape)
    case .sequence(let children): was = "a tuple or list of \(children.count)"
    case .dict(let keys, _): was = "a dict of \(keys.count) keys"
    }
    return OptError(
      .valueError, "w\(path) was \(was) at the first step and is now \(ParameterTree.describe(w))",
      hint: "each optimizer keeps state for the parameters it first saw: make a new one, or call opt.reset()")
  }

  /// The elements of a tuple or list, or nil.
  static func items(_ v: Value) -> [Value]? {
    switch v {
    case .tuple(let items), .list(let items): return items
    default: return nil
    }
  }

  /// A gradient dict must have exactly the parameters' keys.
  private static func checkKeys(_ wd: Dict, _ gd: Dict, _ path: String) throws {
    let extras = gd.keys.filter { wd.position(of: DictKey(unchecked: $0)) == nil }
    if let key = wd.keys.first(where: { gd.position(of: DictKey(unchecked: $0)) == nil }) {
      let close = key.stringValue.flatMap { Suggest.closest(to: $0, among: extras.compactMap(\.stringValue)) }
      throw OptError(
        .keyError, "the gradient has no key \(Format.repr(key)) for the parameter w\(path)[\(Format.repr(key))]",
        hint: close.map { "g\(path) has \(Format.quoted($0)) instead: a misspelling?" }
          ?? "g must have the keys of w: {name: gradient, ...}")
    }
    if let key = extras.first {
      throw OptError(
        .keyError, "the gradient has the key \(Format.repr(key)), which w\(path) does not have",
        hint: "g must have the keys of w, and no others")
    }
  }

  /// The shape of a leaf pair, or the error that says why it is not one.
  static func leafShape(_ w: Value, _ g: Value, _ path: String) throws -> [Int]? {
    switch (w, g) {
    case (.number, .number), (.bool, .number), (.number, .bool): return nil
    case (.array(let a), .array(let b)) where sameShape(a, b): return shape(of: a)
    default:
      guard w.asNumber != nil || isArray(w) || items(w) != nil || w.isDict else {
        throw OptError(
          .typeError,
          "a parameter must be a number, an array, or a tuple, list or dict of those; w\(path) is \(w.typeNameWithArticle)"
        )
      }
      throw mismatch(w, g, path)
    }
  }

  private static func mismatch(_ w: Value, _ g: Value, _ path: String) -> OptError {
    OptError(
      .valueError,
      "the gradient must have the shape of the parameter: w\(path) is \(describe(w)), g\(path) is \(describe(g))")
  }

  private static func isArray(_ v: Value) -> Bool {
    if case .array = v { return true }
    return false
  }

  // MARK: Shapes

  /// An array's shape.
  static func shape(of a: NumArray) -> [Int] { a.shape }

  /// Whether `w` and `g` have the same shape: the rule's element-wise
  /// arithmetic must not broadcast a gradient into a parameter.
  static func sameShape(_ a: NumArray, _ b: NumArray) -> Bool { a.shape == b.shape }

  /// "a number", "an array of 3", "an array of shape (3, 2)".
  static func describe(_ shape: [Int]?) -> String {
    guard let shape else { return "a number" }
    if shape.count == 1 { return "an array of \(shape[0])" }
    return "an array of shape \(NumArray.describe(shape))"
  }

  static func describe(_ v: Value) -> String {
    switch v {
    case .number, .bool: return "a number"
    case .array(let a): return describe(shape(of: a))
    case .tuple(let items): return "a tuple of \(items.count)"
    case .list(let items): return "a list of \(items.count)"
    case .dict(let d): return "a dict of \(d.count) key\(d.count == 1 ? "" : "s")"
    default: return "\(v.typeNameWithArticle)"
    }
  }
}

extension Value {
  var isDict: Bool {
    if case .dict = self { return true }
    return false
  }

  /// The text of a string value, or nil.
  var stringValue: String? {
    if case .string(let s) = self { return s.value }
    return nil
  }
}
