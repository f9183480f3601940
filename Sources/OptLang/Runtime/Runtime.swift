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
  /// Receives what a host writes to standard error: warnings, rendered in
  /// `messageStyle`, and notes (the file a plot was saved to). When nil, they
  /// join `output`, whatever it is at the time.
  public var notices: ((String) -> Void)?
  /// The generator behind `rand`, `randn` and `np.random`.
  public var random = MersenneTwister(seed: 0)
  /// How warnings are rendered; a terminal host sets its colours.
  public var messageStyle = MessageStyle.plain

  /// Shows a warning through `notices`.
  public func warn(_ warning: Warning) { notice(warning.render(messageStyle)) }

  /// Shows a note or a rendered warning through `notices`, or `output` when there is none.
  public func notice(_ text: String) { (notices ?? output)(text) }

  public init(output: @escaping (String) -> Void) {
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
    // Every slot holds `.unbound` after this, which needs no clean-up.
    popFrame(stackBase, sp - stackBase)
    var result = Value.none
    swap(&result, &returnValue)
    Value.release(consume result)
    stackBase.deallocate()
    numberStack.deallocate()
  }

  /// Lets go of every value the program and the library defined, so that the
  /// compiled code (which refers to this runtime) can be freed with them.
  func tearDown() {
    forgetCallees()
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

  /// Every call site's `CalleeCache`, held weakly. A cache holds the function
  /// it calls, so a recursive function's own call sites keep it alive in a
  /// cycle; `forgetCallees` empties every cache when nothing runs (reset,
  /// teardown), which breaks those cycles. An emptied cache fills again at
  /// its next call.
  private var calleeCaches: [WeakCalleeCache] = []
  /// The number of registered caches at which dead ones are dropped.
  private var pruneCalleesAt = 64

  func register(_ cache: CalleeCache) {
    if calleeCaches.count >= pruneCalleesAt {
      calleeCaches.removeAll { $0.cache == nil }
      pruneCalleesAt = max(64, 2 * calleeCaches.count)
    }
    calleeCaches.append(WeakCalleeCache(cache: cache))
  }

  /// Empties every call site's cache; only when no code is running.
  func forgetCallees() {
    for entry in calleeCaches { entry.cache?.empty() }
    calleeCaches.removeAll { $0.cache == nil }
  }

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

  /// Releases a frame's slots, leaving them `.unbound` again. A slot costs
  /// one test of its tag: a number, bool, None or unbound is overwritten as it
  /// is, and only a value that holds a reference is let go of, out of line.
  @inline(__always) func popFrame(_ base: Frame, _ size: Int) {
    var slot = base
    let end = base + size
    while slot != end {
      if slot.pointee.holdsReference { Runtime.letGo(slot) }
      slot.initialize(to: .unbound)
      slot += 1
    }
    sp = base
  }

  /// Deinitializes a slot whose value holds a reference; a list or tuple is
  /// freed without recursion (`Value.release`).
  @inline(never) private static func letGo(_ slot: Frame) {
    if slot.pointee.isListOrTuple { Value.release(slot.move()) } else { slot.deinitialize(count: 1) }
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
