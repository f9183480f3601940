/// The global variables, each in a numbered slot so that compiled code reads a
/// global by index. A slot is created the first time any code names it; until
/// the program assigns it, it holds the built-in of that name or `.unbound`.
public final class Globals {
  private(set) var values: UnsafeMutablePointer<Value>
  /// Bumped on every write of a slot, so that compiled code can tell in one
  /// comparison that a global still holds what it held last time (see `MathCallee`).
  private(set) var versions: UnsafeMutablePointer<UInt64>
  /// Each slot's version when it last took its initial value: a slot still at
  /// that version needs nothing from `reset`.
  private var initialVersions: [UInt64] = []
  /// Whether each slot is private to a namespace (`Namespace.isPrivate` of its name).
  private var privateSlots: [Bool] = []
  /// A built-in was defined since the last full reset: a private slot's
  /// initial value may have changed with it, so every slot is looked at.
  private var builtinsChanged = false
  private var capacity = 256
  private(set) var names: [String] = []
  private var indexByName: [String: Int] = [:]
  private var builtinValues: [String: Value] = [:]
  /// While code of a private namespace compiles, the global names it uses map
  /// to that namespace's slots (see `Namespace`).
  var namespace: Namespace?
  /// Definitions that are loaded when first wanted (the prelude, see
  /// `Prelude.loadWhenUsed`): the names they define, and what defines them.
  var pending: PendingDefinitions?

  /// Definitions that are loaded at their first use.
  struct PendingDefinitions {
    /// The plain names the definitions bind.
    let names: Set<String>
    /// Runs the definitions.
    let load: () -> Void
  }

  /// Loads the pending definitions if `name` (plain or private) is one of
  /// them, or if `name` is nil (every name is wanted: listing them all).
  @inline(__always) func loadPending(for name: String? = nil) {
    guard let pending else { return }
    if let name, !pending.names.contains(Namespace.plainName(name)) { return }
    self.pending = nil
    pending.load()
  }

  init() {
    values = .allocate(capacity: capacity)
    values.initialize(repeating: .unbound, count: capacity)
    versions = .allocate(capacity: capacity)
    versions.initialize(repeating: 0, count: capacity)
  }

  deinit {
    for i in 0..<capacity { (values + i).assign(.unbound) }
    values.deinitialize(count: capacity)
    values.deallocate()
    versions.deallocate()
  }

  /// Writes a global. Every write goes through here (or `modify`), to keep the versions right.
  @inline(__always) func set(_ index: Int, _ value: Value) {
    (values + index).assign(value)
    versions[index] &+= 1
  }

  /// Changes a global in place.
  @inline(__always) func modify(_ index: Int, _ body: (inout Value) throws -> Void) rethrows {
    defer { versions[index] &+= 1 }
    try body(&values[index])
  }

  /// The slot of a global, created if needed; in the namespace being compiled, if any.
  public func slot(_ name: String) -> Int {
    loadPending(for: name)
    let name = namespace?.privateName(for: name) ?? name
    if let i = indexByName[name] { return i }
    if names.count == capacity { grow() }
    let i = names.count
    names.append(name)
    indexByName[name] = i
    set(i, initialValue(name))
    initialVersions.append(versions[i])
    privateSlots.append(Namespace.isPrivate(name))
    return i
  }

  /// What a slot holds before the program assigns it: its built-in; for a
  /// private slot with no built-in of its own, the built-in of the plain name.
  private func initialValue(_ name: String) -> Value {
    builtinValues[name] ?? (Namespace.isPrivate(name) ? builtinValues[Namespace.plainName(name)] : nil) ?? .unbound
  }

  private func grow() {
    let newCapacity = capacity * 2
    let newValues = UnsafeMutablePointer<Value>.allocate(capacity: newCapacity)
    newValues.moveInitialize(from: values, count: capacity)
    (newValues + capacity).initialize(repeating: .unbound, count: newCapacity - capacity)
    values.deallocate()
    values = newValues
    let newVersions = UnsafeMutablePointer<UInt64>.allocate(capacity: newCapacity)
    newVersions.moveInitialize(from: versions, count: capacity)
    (newVersions + capacity).initialize(repeating: 0, count: newCapacity - capacity)
    versions.deallocate()
    versions = newVersions
    capacity = newCapacity
  }

  func defineBuiltin(_ name: String, _ value: Value) {
    builtinsChanged = true
    builtinValues[name] = value
    set(slot(name), value)
  }

  /// The value of a global, if it is bound.
  public subscript(name: String) -> Value? {
    get {
      loadPending(for: name)
      guard let i = indexByName[name] else { return builtinValues[name] }
      if case .unbound = values[i] { return nil }
      return values[i]
    }
    set {
      set(slot(name), newValue ?? .unbound)
    }
  }

  /// Whether the slot still holds the built-in it started with.
  func isBuiltin(_ name: String, _ value: Value) -> Bool {
    guard let original = builtinValues[name] else { return false }
    return Value.identical(original, value)
  }

  /// The names the program has defined (not built-ins), in the order first seen.
  public var userNames: [String] {
    boundSlots.filter { !isBuiltin(names[$0], values[$0]) }.map { names[$0] }
  }

  /// Every bound name, built-ins included, for completion and suggestions
  /// (a NameError lists them: it reads the slots, not the table of names).
  public var boundNames: [String] { boundSlots.map { names[$0] } }

  /// The slots of the program's own names (not a namespace's) that are bound,
  /// the prelude loaded first, so that its names are among them.
  private var boundSlots: [Int] {
    loadPending()
    return names.indices.filter { i in
      if privateSlots[i] { return false }
      if case .unbound = values[i] { return false }
      return true
    }
  }

  /// Empties every slot, built-ins included (the runtime is going away).
  func clear() {
    pending = nil
    for i in 0..<names.count { (values + i).assign(.unbound) }
    builtinValues = [:]
  }

  /// Forgets every user definition: built-ins come back, everything else is unbound.
  public func reset() {
    reset(where: { _ in true })
    builtinsChanged = false
  }

  /// Puts the slots whose names satisfy `chosen` back to their initial values.
  func reset(where chosen: (String) -> Bool) {
    let everySlot = builtinsChanged
    for i in names.indices where (everySlot || versions[i] != initialVersions[i]) && chosen(names[i]) {
      set(i, initialValue(names[i]))
      initialVersions[i] = versions[i]
    }
  }
}
