/// A dict, as Python's: keys in the order they were first inserted, each
/// mapped to a value. Keys are strings, numbers (True and 1 are the same key,
/// as in Python), None, tuples of those, and functions or objects by identity.
///
/// Like lists, dicts have value semantics: `b = a` copies, cheaply. The struct
/// holds one reference, so that `Value` stays 16 bytes, and copies its storage
/// before a write when another value still shares it (copy-on-write by hand).
public struct Dict {
  /// The entries, in insertion order, and where each key is.
  final class Storage {
    var keys: [Value]
    var values: [Value]
    var index: [DictKey: Int]

    init(keys: [Value] = [], values: [Value] = [], index: [DictKey: Int] = [:]) {
      self.keys = keys
      self.values = values
      self.index = index
    }
  }

  var storage: Storage

  public init() { storage = Storage() }

  /// A dict of `(key, value)` pairs; a later pair for the same key replaces the earlier value.
  public init(pairs: [(DictKey, Value)]) {
    self.init()
    for (key, value) in pairs { self[key] = value }
  }

  public var count: Int { storage.keys.count }
  public var isEmpty: Bool { storage.keys.isEmpty }
  /// The keys, in insertion order.
  public var keys: [Value] { storage.keys }
  /// The values, in the order of their keys.
  public var values: [Value] { storage.values }

  /// Where `key` is in insertion order, or nil.
  public func position(of key: DictKey) -> Int? { storage.index[key] }

  /// The value for `key`; setting it adds the key at the end if it is new.
  public subscript(key: DictKey) -> Value? {
    get { storage.index[key].map { storage.values[$0] } }
    set {
      makeUnique()
      if let k = storage.index[key] {
        if let newValue {
          storage.values[k] = newValue
        } else {
          remove(at: k)
        }
      } else if let newValue {
        storage.index[key] = storage.keys.count
        storage.keys.append(key.value)
        storage.values.append(newValue)
      }
    }
  }

  /// Changes the value at position `k` in place.
  mutating func modifyValue(at k: Int, _ body: (inout Value) throws -> Void) rethrows {
    makeUnique()
    try body(&storage.values[k])
  }

  /// Removes the entry at position `k`; the entries after it move up.
  private mutating func remove(at k: Int) {
    storage.index[DictKey(unchecked: storage.keys[k])] = nil
    storage.keys.remove(at: k)
    storage.values.remove(at: k)
    for j in k..<storage.keys.count { storage.index[DictKey(unchecked: storage.keys[j])] = j }
  }

  public mutating func removeAll() {
    storage = Storage()
  }

  private mutating func makeUnique() {
    if !isKnownUniquelyReferenced(&storage) {
      storage = Storage(keys: storage.keys, values: storage.values, index: storage.index)
    }
  }

  /// Python's `==`: the same keys, each with an equal value, in any order.
  public static func equal(_ a: Dict, _ b: Dict) -> Bool {
    if a.storage === b.storage { return true }
    guard a.count == b.count else { return false }
    for (k, key) in a.keys.enumerated() {
      guard let j = b.position(of: DictKey(unchecked: key)), Operators.equal(a.values[k], b.values[j]) else {
        return false
      }
    }
    return true
  }

  /// The error for a key that is not there: names the key and suggests a close one.
  func missing(_ key: Value) -> OptError {
    let names = keys.compactMap { k -> String? in
      if case .string(let s) = k { return s.value }
      return nil
    }
    var hint: String?
    if case .string(let s) = key, let close = Suggest.closest(to: s.value, among: names) {
      hint = "did you mean \(Format.quoted(close))?"
    } else if isEmpty {
      hint = "the dict is empty"
    } else if count <= 10 {
      hint = "its keys: " + keys.map(Format.repr).joined(separator: ", ")
    }
    return OptError(.keyError, "the dict has no key \(Format.repr(key))", hint: hint)
  }

  /// `d[key]`: the value, or a KeyError naming the key.
  public func value(for key: Value) throws -> Value {
    guard let v = self[try DictKey(key)] else { throw missing(key) }
    return v
  }
}

/// A value usable as a dict key: hashable and compared as Python compares keys
/// (`1`, `1.0` and `True` are one key; `-0` and `0` too).
public struct DictKey: Hashable {
  public let value: Value

  /// A key, or the TypeError Python gives for an unhashable one (a list, an array, a dict).
  public init(_ value: Value) throws {
    try DictKey.check(value)
    self.value = value
  }

  /// A key known to be hashable (it is already in a dict).
  init(unchecked value: Value) { self.value = value }

  private static func check(_ v: Value) throws {
    switch v {
    case .list, .array, .dict:
      let hint: String
      switch v {
      case .list: hint = "a list can change, so it cannot be a key; use a tuple: tuple(xs)"
      case .array: hint = "an array can change, so it cannot be a key; use a tuple: tuple(a)"
      default: hint = "a dict cannot be a key; use a string, a number or a tuple"
      }
      throw OptError(.typeError, "unhashable type: '\(v.typeName)'", hint: hint)
    case .tuple(let items):
      for item in items { try check(item) }
    default: break
    }
  }

  public static func == (a: DictKey, b: DictKey) -> Bool {
    Value.identical(a.value, b.value) || Operators.equal(a.value, b.value)
  }

  public func hash(into hasher: inout Hasher) { DictKey.hash(value, into: &hasher) }

  private static func hash(_ v: Value, into hasher: inout Hasher) {
    switch v {
    // Swift hashes -0.0 as 0.0, so equal numbers hash alike.
    case .number(let x): hasher.combine(x)
    case .bool(let b): hasher.combine(b ? 1.0 : 0.0)
    case .string(let s): hasher.combine(s.value)
    case .none: hasher.combine(0 as UInt8)
    case .tuple(let items):
      hasher.combine(items.count)
      for item in items { hash(item, into: &hasher) }
    case .function(let f): hasher.combine(ObjectIdentifier(f))
    case .object(let o): hasher.combine(ObjectIdentifier(o))
    case .list, .array, .dict, .unbound: break
    }
  }
}

extension Format {
  /// `{'W1': array([1, 2]), 'lr': 0.1}`, each key and value as `repr` shows it.
  static func writeDict(_ d: Dict, into out: inout String, depth: Int, written: inout Int) {
    out += "{"
    for (k, key) in d.keys.enumerated() {
      if k > 0 { out += ", " }
      if k & 0xFFF == 0xFFF && Interrupt.requested {
        out += "..."
        break
      }
      write(key, into: &out, depth: depth + 1, written: &written)
      out += ": "
      write(d.values[k], into: &out, depth: depth + 1, written: &written)
    }
    out += "}"
  }
}

/// What `d.keys()`, `d.values()` and `d.items()` give: a sequence of the
/// dict's keys, values or (key, value) pairs that prints as Python's view does,
/// `dict_keys(['a', 'b'])`. It is taken when the method is called (with value
/// semantics it cannot follow later changes to the dict); iterate over it,
/// take its `len`, test `in`, or make a list of it: `list(d.keys())`.
public final class DictView: RuntimeObject {
  public enum Kind: String, Sendable { case keys, values, items }
  public let kind: Kind
  public let items: [Value]

  init(_ kind: Kind, of d: Dict) {
    self.kind = kind
    switch kind {
    case .keys: items = d.keys
    case .values: items = d.values
    case .items: items = zip(d.keys, d.values).map { .tuple([$0, $1]) }
    }
  }

  public override var typeName: String { "dict_\(kind.rawValue)" }

  /// `d.keys()[0]`, a Python 2 habit: as in Python 3, an error, with the way that works.
  var notIndexable: OptError {
    OptError(
      .typeError, "a \(typeName) view cannot be indexed with [...]",
      hint: "make a list of it first: list(d.\(kind.rawValue)())[0]")
  }
  public override var repr: String { "\(typeName)(\(Format.repr(.list(items))))" }
}
