import Foundation

/// A frame: the slots of one running function, a window into `Runtime`'s value stack.
public typealias Frame = UnsafeMutablePointer<Value>

/// The state of a running program: global variables, the value stack that
/// holds every frame's slots, the call depth, the random generator and where
/// output goes. One `Runtime` lives as long as a REPL session.
public final class Runtime {
  /// Python's default recursion limit.
  public static let maxCallDepth = 1000
  /// Slots on the value stack (16 bytes each).
  static let stackCapacity = 1 << 18
  /// The longest list, array or string a program may build.
  public static let maxCollectionLength = 50_000_000

  let stackBase: Frame
  let stackEnd: Frame
  /// The end of the slots made `.unbound` so far. The stack is made ready a
  /// piece at a time as calls nest deeper: making all 4 MB ready at start-up
  /// touched a thousand pages, a sixth of `optrepl -e 1`'s time.
  var stackReady: Frame
  /// The first free slot; everything at and above it is `.unbound`.
  var sp: Frame
  var depth = 0
  /// Where `return` leaves its value for the caller.
  var returnValue: Value = .none
  /// The slots of running numeric bodies (see `NumericBody`): raw numbers,
  /// a stack of its own beside the value stack.
  let numberStack: UnsafeMutablePointer<Double>
  let numberStackEnd: UnsafeMutablePointer<Double>
  /// The first free slot of the number stack.
  var numberTop: UnsafeMutablePointer<Double>
  /// Slots on the number stack: numeric bodies nest only as deep as they call each other.
  static let numberStackCapacity = 1024

  /// Runs `body` on `size` fresh slots of the number stack, above every
  /// numeric frame in use; nil, without running it, when there is no room.
  /// Numeric code calls only numeric bodies, so that happens only to a
  /// function that calls itself without end: the general path then gives the
  /// recursion error.
  @inline(__always) func withNumberFrame(
    _ size: Int, _ body: (UnsafeMutablePointer<Double>) -> Double?
  ) -> Double? {
    let base = numberTop
    guard numberStackEnd - base >= size else { return nil }
    numberTop = base + size
    defer { numberTop = base }
    return body(base)
  }
  public let globals = Globals()
  /// The built-in functions and constants, by name (all of them: asking
  /// loads the prelude if it is still pending, see `Globals.pending`).
  public var builtins: [String: Value] {
    globals.loadPending()
    return builtinTable
  }
  private var builtinTable: [String: Value] = [:]
  /// The modules `import` can bind.
  public private(set) var modules: [String: Module] = [:]
  /// Receives everything the program prints.
  public var output: (String) -> Void
  /// Receives the prompt's echo of an expression's value (its `repr`, without
  /// a newline); nil, the default, prints it through `output` on a line of its
  /// own. A notebook kernel sends it as the cell's result instead.
  public var echo: ((String) -> Void)?
  /// Receives warnings (an optimizer that diverged): standard error by default.
  public var warn: (String) -> Void = { StandardStream.error.write($0) }
  /// The generator behind `rand`, `randn` and `np.random`.
  public var random = MersenneTwister(seed: 0)
  /// Colour in `help` and friends.
  public var colorEnabled = false

  public init(output: @escaping (String) -> Void = { print($0, terminator: "") }) {
    self.output = output
    stackBase = Frame.allocate(capacity: Runtime.stackCapacity)
    stackEnd = stackBase + Runtime.stackCapacity
    stackReady = stackBase
    sp = stackBase
    numberStack = .allocate(capacity: Runtime.numberStackCapacity)
    numberStack.initialize(repeating: 0, count: Runtime.numberStackCapacity)
    numberStackEnd = numberStack + Runtime.numberStackCapacity
    numberTop = numberStack
    Library.install(into: self)
  }

  deinit {
    for i in 0..<(sp - stackBase) { (stackBase + i).assign(.unbound) }
    var result = Value.none
    swap(&result, &returnValue)
    Value.release(consume result)
    // Slots at and above `sp` hold `.unbound`, which needs no clean-up.
    stackBase.deinitialize(count: sp - stackBase)
    stackBase.deallocate()
    numberStack.deallocate()
  }

  /// Lets go of every value the program and the library defined, so that the
  /// compiled code (which refers to this runtime) can be freed with them.
  func tearDown() {
    globals.clear()
    builtinTable = [:]
    modules = [:]
    returnValue = .none
  }

  /// Registers a built-in under its name (and so makes it a global); layers
  /// above the language (plots) add theirs this way.
  public func define(_ name: String, _ value: Value) {
    builtinTable[name] = value
    globals.defineBuiltin(name, value)
  }

  /// The built-in called `name`, if there is one (loading it first if it is pending).
  func builtin(_ name: String) -> Value? {
    globals.loadPending(for: name)
    return builtinTable[name]
  }

  func register(module: Module) { modules[module.name] = module }

  // MARK: Frames and calls

  /// Reserves `size` slots for a new frame.
  @inline(__always) func pushFrame(_ size: Int) throws -> Frame {
    let base = sp
    if stackReady - base <= size { try readyStack(for: size) }
    sp = base + size
    return base
  }

  /// Makes at least `size` more slots above `sp` ready (`.unbound`), doubling
  /// the ready part of the stack, or throws when the stack is full.
  func readyStack(for size: Int) throws {
    guard stackEnd - sp > size else {
      throw OptError(.recursionError, "the program ran out of stack space (too many nested calls)")
    }
    let ready = stackReady - stackBase
    let wanted = min(Runtime.stackCapacity, max(4096, 2 * ready, sp - stackBase + size + 1))
    stackReady.initialize(repeating: .unbound, count: wanted - ready)
    stackReady = stackBase + wanted
  }

  /// Releases a frame's slots, leaving them `.unbound` again.
  @inline(__always) func popFrame(_ base: Frame, _ size: Int) {
    var i = 0
    while i < size {
      (base + i).assign(.unbound)
      i += 1
    }
    sp = base
  }

  /// Runs a user function whose arguments are already in `base`.
  @inline(__always) func invoke(_ function: borrowing UserFunction, _ base: Frame) throws -> Value {
    depth += 1
    defer { depth -= 1 }
    if depth > Runtime.maxCallDepth { try recursionLimit() }
    // The caller holds `function`, which holds its code: a guaranteed
    // reference spares a retain and a release of the code and its body.
    return try Unmanaged.passUnretained(function.code)._withUnsafeGuaranteedRef { code in
      if !code.isSimple { setUpCells(copy function, base) }
      let flow: Flow
      do { flow = try code.body(base) } catch let error as OptError { throw Runtime.leaving(code, error) }
      if flow == .returned {
        let result = returnValue
        returnValue = .none
        return result
      }
      return .none
    }
  }

  @inline(never) private func recursionLimit() throws {
    throw OptError(
      .recursionError, "maximum recursion depth exceeded (\(Runtime.maxCallDepth) nested calls)",
      hint: "a function that calls itself needs a case that stops the recursion")
  }

  /// Notes which function an error left, the first time it leaves one.
  @inline(never) private static func leaving(_ code: FunctionCode, _ error: OptError) -> OptError {
    if error.function == nil { error.function = code.name }
    return error
  }

  private func setUpCells(_ function: UserFunction, _ base: Frame) {
    let code = function.code
    for slot in code.cellParameterSlots { base[slot] = .object(Cell(base[slot])) }
    for slot in code.cellLocalSlots { base[slot] = .object(Cell(.unbound)) }
    for (k, slot) in code.freeSlots.enumerated() { base[slot] = .object(function.captured[k]) }
  }

  /// Calls a user function with arguments bound Python's way: positional,
  /// then keywords by name, then defaults.
  func callUser(_ function: UserFunction, positional: [Value], keywords: [(String, Value)]) throws -> Value {
    let code = function.code
    let names = code.parameterNames
    let n = names.count
    if positional.count > n {
      throw OptError(
        .typeError,
        "\(code.signature) takes \(n) argument\(n == 1 ? "" : "s"), but \(positional.count) \(positional.count == 1 ? "was" : "were") given"
      )
    }
    let base = try pushFrame(code.frameSize)
    defer { popFrame(base, code.frameSize) }
    for i in 0..<positional.count { base[i] = positional[i] }
    for (name, value) in keywords {
      guard let index = names.firstIndex(of: name) else {
        let hint = Suggest.closest(to: name, among: names).map { "did you mean '\($0)'?" }
        throw OptError(
          .typeError,
          "\(code.name)() got an unexpected keyword argument '\(name)' (its parameters: \(names.joined(separator: ", ")))",
          hint: hint)
      }
      if case .unbound = base[index] {
        base[index] = value
      } else {
        throw OptError(.typeError, "\(code.name)() got two values for the argument '\(name)'")
      }
    }
    let firstDefault = n - function.defaults.count
    for i in 0..<n {
      if case .unbound = base[i] {
        guard i >= firstDefault else {
          throw OptError(.typeError, "\(code.signature) is missing the argument '\(names[i])'")
        }
        base[i] = function.defaults[i - firstDefault]
      }
    }
    return try invoke(function, base)
  }

  /// Calls any value: the general path, used by built-ins that take functions
  /// and by call sites whose fast paths do not apply.
  public func call(_ callee: Value, _ positional: [Value], keywords: [(String, Value)] = []) throws -> Value {
    guard case .function(let function) = callee else {
      if case .object(let object) = callee, let callable = object as? CallableObject {
        return try callable.call(Arguments(positional, keywords: keywords, runtime: self, callee: object.typeName))
      }
      throw OptError(.typeError, "\(callee.typeNameWithArticle) cannot be called like a function")
    }
    if function.kind == .user {
      return try callUser(unsafeDowncast(function, to: UserFunction.self), positional: positional, keywords: keywords)
    }
    return try function.call(Arguments(positional, keywords: keywords, runtime: self, callee: function.name))
  }

  /// Checks that `x` is a whole number usable as an index or a count.
  @inline(__always) public static func wholeNumber(_ x: Double, what: String) throws -> Int {
    guard x == x.rounded(.towardZero), abs(x) < 9.0e15 else {
      throw OptError(
        .valueError, "\(what) must be a whole number, not \(Format.number(x))",
        hint: x.isFinite ? "use int(x) or round(x) to make a whole number" : nil)
    }
    return Int(x)
  }

  /// Checks a collection of `n` elements of `bytesEach` bytes (16 for a list
  /// or tuple, 8 for an array, 1 for a string's UTF-8) against the length
  /// limit, and the memory it takes against the memory budget: all of it for
  /// a new collection, the `growingBy` new elements for one that grows in
  /// place (`append`). Every path that makes or grows a collection asks this first.
  public static func checkLength(_ n: Int, bytesEach: Int = 16, growingBy: Int? = nil, what: String = "this")
    throws
  {
    if n > maxCollectionLength {
      throw OptError(
        .memoryError, "\(what) would have \(n) elements; the limit is \(maxCollectionLength)",
        hint: "work with fewer points, or in smaller pieces")
    }
    try MemoryBudget.reserve(min(growingBy ?? n, n) * bytesEach, for: what)
  }

  /// The number of elements of an array of `shape`, or nil when the lengths'
  /// product, zeros left out, does not fit in an integer: then some stride or
  /// count computed from them would overflow (`[x] * 44` nested 31 deep reads
  /// as 44^31 elements; `(0, 2**40, 2**40)` has none, but strides of 2^80).
  public static func elementCount(_ shape: [Int]) -> Int? {
    var nonzero = 1
    for n in shape where n != 0 {
      let (product, overflow) = nonzero.multipliedReportingOverflow(by: n)
      if overflow { return nil }
      nonzero = product
    }
    return shape.contains(0) ? 0 : nonzero
  }

  /// `elementCount(shape)`, checked as `checkLength` checks a length: a
  /// MemoryError when it passes the limit or cannot be counted.
  public static func checkShape(_ shape: [Int], bytesEach: Int = 8, what: String) throws -> Int {
    guard let count = elementCount(shape) else {
      throw OptError(
        .memoryError, "\(what) would have more than \(maxCollectionLength) elements (the limit)",
        hint: "work with fewer points, or in smaller pieces")
    }
    try checkLength(count, bytesEach: bytesEach, what: what)
    return count
  }

  /// `checkLength(count * times)` for a repetition, without overflowing when
  /// the product is huge; the product when it is allowed.
  public static func checkProduct(_ count: Int, _ times: Int, bytesEach: Int = 16, what: String) throws -> Int {
    let (n, overflow) = count.multipliedReportingOverflow(by: times)
    if overflow {
      throw OptError(
        .memoryError, "\(what) would have more than \(maxCollectionLength) elements (the limit)",
        hint: "work with fewer points, or in smaller pieces")
    }
    try checkLength(n, bytesEach: bytesEach, what: what)
    return n
  }
}

/// An object that can be called but is not a function (an optimizer's rule, say).
public protocol CallableObject: AnyObject {
  func call(_ args: Arguments) throws -> Value
}

/// The global variables, each in a numbered slot so that compiled code reads a
/// global by index. A slot is created the first time any code names it; until
/// the program assigns it, it holds the built-in of that name or `.unbound`.
public final class Globals {
  fileprivate(set) var values: UnsafeMutablePointer<Value>
  /// Bumped on every write of a slot, so that compiled code can tell in one
  /// comparison that a global still holds what it held last time (see `MathCallee`).
  fileprivate(set) var versions: UnsafeMutablePointer<UInt64>
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
    loadPending()
    return names.filter { name in
      guard !Namespace.isPrivate(name), let v = self[name] else { return false }
      return !isBuiltin(name, v)
    }
  }

  /// Every bound name, built-ins included, for completion and suggestions
  /// (a NameError lists them: it reads the slots, not the table of names).
  public var boundNames: [String] {
    loadPending()
    var bound: [String] = []
    for i in names.indices where !privateSlots[i] {
      if case .unbound = values[i] { continue }
      bound.append(names[i])
    }
    return bound
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

/// A module such as `np` or `math`: named members, some of them modules.
public final class Module: RuntimeObject {
  public let name: String
  public let doc: String
  public private(set) var members: [String: Value] = [:]

  public init(name: String, doc: String) {
    self.name = name
    self.doc = doc
  }

  public func add(_ name: String, _ value: Value) { members[name] = value }
  public override var typeName: String { "module" }
  public override func attribute(_ name: String) -> Value? { members[name] }
  public override var attributeNames: [String] { members.keys.sorted() }
  public override var repr: String { "<module '\(name)'>" }
}
