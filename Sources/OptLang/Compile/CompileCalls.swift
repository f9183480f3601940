/// Compiling calls. A call site checks, in order: a global user function
/// called with exactly its positional arguments (the function found last time
/// is used again while the global is unchanged, and the arguments go straight
/// into the new frame), any user function called so, a one- or two-argument
/// built-in (no argument array), and otherwise the general path that binds
/// keywords and defaults. Each argument is compiled once, whichever path runs. Calls of user
/// functions with numeric bodies from arithmetic take the numeric calling
/// convention instead (see `NumericBody`).
extension Compiler {
  func compileCall(
    _ callee: Expr, _ arguments: [Expr], _ keywords: [KeywordArgument], _ range: SourceRange
  ) throws -> Eval {
    if let call = try compileInPlaceCall(callee, arguments, keywords, range) { return call }
    if case .attribute(let base, let name, let nameRange) = callee.kind {
      return try compileMethodCall(base, name, nameRange, arguments, keywords, range)
    }
    let calleeCode = try compile(callee)
    let argumentCodes = try compileAll(arguments)
    let keywordNames = keywords.map(\.name)
    let keywordCodes = try compileAll(keywords.map(\.value))
    let rt = runtime
    let caller = functionName

    if !keywords.isEmpty {
      return { f in
        let c = try calleeCode(f)
        let positional = try argumentCodes.map { try $0.run(f) }
        var named: [(String, Value)] = []
        for (k, code) in keywordCodes.enumerated() { named.append((keywordNames[k], try code.run(f))) }
        return try Compiler.callGeneral(rt, c, positional, named, range, caller)
      }
    }
    // Each argument is compiled once, here, and shared by both paths: compiling
    // it again for each would double the work at every level of `g(g(g(x)))`.
    let writeArguments = Compiler.frameWriter(argumentCodes[...])
    let general = positionalCall(calleeCode, argumentCodes, writeArguments, range)
    return try compileDirectCall(callee, arguments, writeArguments, general, range)
  }

  /// Evaluates a call's arguments, in order, straight into the callee's new
  /// frame (`base`). One closure per argument, each calling the next: any
  /// count takes one path, and no closure is read from an array at a call
  /// (that cost a retain and a release per argument).
  typealias FrameWriter = (_ f: Frame, _ base: Frame) throws -> Void

  static func frameWriter(_ codes: ArraySlice<ExprCode>) -> FrameWriter {
    guard let first = codes.first else { return { _, _ in } }
    let (index, code) = (codes.startIndex, first.run)
    guard codes.count > 1 else { return { f, base in (base + index).initialize(to: try code(f)) } }
    let rest = frameWriter(codes.dropFirst())
    return { f, base in
      (base + index).initialize(to: try code(f))
      try rest(f, base)
    }
  }

  /// Any callee with positional arguments, found as the call runs.
  private func positionalCall(
    _ calleeCode: @escaping Eval, _ argumentCodes: [ExprCode], _ writeArguments: @escaping FrameWriter,
    _ range: SourceRange
  ) -> Eval {
    let rt = runtime
    let caller = functionName
    // One path for any number of arguments: a user function taking exactly
    // these gets them evaluated straight into its new frame; a one- or
    // two-argument built-in is called without an argument array.
    let count = argumentCodes.count
    return { f in
      let c = try calleeCode(f)
      if case .function(let fn) = c {
        if fn.kind == .user {
          let user = unsafeDowncast(fn, to: UserFunction.self)
          if user.code.parameterCount == count {
            return try Compiler.callWithArguments(rt, user, f, writeArguments, range, caller)
          }
        } else if fn.kind == .builtin, count <= 2 {
          let builtin = unsafeDowncast(fn, to: Builtin.self)
          if count == 1, let body = builtin.unary {
            let x = try argumentCodes[0].run(f)
            do { return try body.call(x) } catch let e as OptError { throw e.locate(range) }
          }
          if count == 2, let body = builtin.binary {
            let x = try argumentCodes[0].run(f)
            let y = try argumentCodes[1].run(f)
            do { return try body.call(x, y) } catch let e as OptError { throw e.locate(range) }
          }
        }
      }
      return try Compiler.callGeneral(rt, c, try argumentCodes.map { try $0.run(f) }, [], range, caller)
    }
  }

  /// `np.random.shuffle(x)`: a built-in that changes the variable it is given
  /// (`RandomLibrary.inPlace`) changes it where it lives, as `xs.append(v)`
  /// does, and gives None. Anything else called by that name is called as usual.
  private func compileInPlaceCall(
    _ callee: Expr, _ arguments: [Expr], _ keywords: [KeywordArgument], _ range: SourceRange
  ) throws -> Eval? {
    let name: String
    switch callee.kind {
    case .name(let n, _): name = n
    case .attribute(_, let n, _): name = n
    default: return nil
    }
    guard let mutate = RandomLibrary.inPlace[name], arguments.count == 1, Compiler.isPlace(arguments[0]),
      keywords.isEmpty, let builtin = Library.catalogue[name]
    else { return nil }
    // The callee and the place are compiled once each; when the name holds
    // something else, that is called with the value read through the place.
    let calleeCode = try compile(callee)
    let target = try place(arguments[0])
    let modify = target.modify
    let read = target.read
    let rt = runtime
    let caller = functionName
    return { f in
      let c = try calleeCode(f)
      guard case .function(let fn) = c, fn === builtin else {
        return try Compiler.callGeneral(rt, c, [try read(f)], [], range, caller)
      }
      let args = Arguments([], runtime: rt, callee: name)
      do { try modify(f) { try mutate(&$0, args) } } catch let e as OptError { throw e.locate(range) }
      return .none
    }
  }

  /// `g(a, b, c)` where `g` is a global, without keywords: nearly every call
  /// in a learner's code. The function this site called before is used again
  /// while its global's version is unchanged — no type checks and no
  /// reference counting — and the arguments go straight into the new frame:
  /// copied from their slots when each is a local variable (the lecture's
  /// `grad_w(w, b, x, y)`), evaluated there otherwise (`fib(n - 1)`). Any
  /// other callee gets `general`.
  private func compileDirectCall(
    _ callee: Expr, _ arguments: [Expr], _ writeArguments: @escaping FrameWriter, _ general: @escaping Eval,
    _ range: SourceRange
  ) throws -> Eval {
    // (Not an optional Eval: an optional closure is kept behind a conversion thunk, run at every call.)
    guard case .name(let calleeName, let calleeID) = callee.kind, case .global = resolver.place(of: calleeID) else {
      return general
    }
    let globals = self.globals
    let index = globals.slot(calleeName)
    // A name that holds a built-in now (`len`, `print`) most likely holds it
    // at every call: the general path calls it without looking for a user
    // function first. (A user function bound there later is still called.)
    if case .function(let fn) = globals.values[index], fn.kind == .builtin { return general }
    var slots: [Int]? = []
    var mayBeUnbound = false
    for argument in arguments {
      guard case .name(_, let id) = argument.kind, case .local(let slot) = resolver.place(of: id) else {
        slots = nil
        break
      }
      slots?.append(slot)
      if slot >= scope.parameterCount { mayBeUnbound = true }
    }
    let rt = runtime
    let caller = functionName
    let count = arguments.count
    let cache = CalleeCache()
    rt.register(cache)
    /// The function in the global when it is a user function taking `count`
    /// arguments, else nil (the general path). An empty cache takes it: the
    /// cache holds it strongly until the runtime empties it (see
    /// `Runtime.forgetCallees`), so a function that rebinds its own name
    /// while it runs is never freed under itself, and a call through the
    /// cache needs no reference counting.
    @inline(__always) func lookUp() -> UserFunction? {
      guard case .function(let fn) = globals.values[index], fn.kind == .user else { return nil }
      let user = unsafeDowncast(fn, to: UserFunction.self)
      if user.code.parameterCount != count { return nil }
      if cache.function == nil { cache.fill(user, version: globals.versions[index]) }
      return user
    }
    guard let slots, !slots.isEmpty else {
      return { f in
        if let cached = cache.unretained, globals.versions[index] == cache.version {
          return try cached._withUnsafeGuaranteedRef {
            try Compiler.callWithArguments(rt, $0, f, writeArguments, range, caller)
          }
        }
        guard let user = lookUp() else { return try general(f) }
        return try Compiler.callWithArguments(rt, user, f, writeArguments, range, caller)
      }
    }
    let slotList = SlotList(slots)
    let from = slotList.slots
    return { f in
      _ = slotList
      if mayBeUnbound {
        for i in 0..<count {
          if case .unbound = f[from[i]] { return try general(f) }
        }
      }
      if let cached = cache.unretained, globals.versions[index] == cache.version {
        return try cached._withUnsafeGuaranteedRef { try Compiler.callWithSlots(rt, $0, f, from, count, range, caller) }
      }
      guard let user = lookUp() else { return try general(f) }
      return try Compiler.callWithSlots(rt, user, f, from, count, range, caller)
    }
  }

  /// Calls `function` with arguments copied from the caller's slots. The
  /// function is borrowed: its code and body are read without reference counting.
  @inline(never) static func callWithSlots(
    _ rt: Runtime, _ function: borrowing UserFunction, _ f: Frame, _ from: UnsafeMutablePointer<Int>, _ count: Int,
    _ range: SourceRange, _ caller: String
  ) throws -> Value {
    let size = function.code.frameSize
    let base = try rt.pushFrame(size)
    defer { rt.popFrame(base, size) }
    for i in 0..<count { (base + i).initialize(copying: f + from[i]) }
    do { return try rt.invoke(function, base) } catch let e as OptError {
      throw Compiler.passing(e, range, caller)
    }
  }

  /// Calls `function` with its arguments evaluated straight into its new
  /// frame, in order (an error in one is the caller's, not the callee's).
  @inline(never) static func callWithArguments(
    _ rt: Runtime, _ function: borrowing UserFunction, _ f: Frame, _ writeArguments: FrameWriter,
    _ range: SourceRange, _ caller: String
  ) throws -> Value {
    let size = function.code.frameSize
    let base = try rt.pushFrame(size)
    defer { rt.popFrame(base, size) }
    try writeArguments(f, base)
    do { return try rt.invoke(function, base) } catch let e as OptError {
      throw Compiler.passing(e, range, caller)
    }
  }

  /// Places an error that leaves a call: an error without a place (a
  /// recursion limit, a bad argument) belongs to this call; one from inside
  /// the callee gets this call added to its chain.
  @inline(never) static func passing(_ e: OptError, _ range: SourceRange, _ caller: String) -> OptError {
    if e.range == nil {
      e.range = range
      e.function = caller
    } else {
      e.trace.append(CallSite(function: caller, range: range))
    }
    return e
  }

  @inline(never) static func callGeneral(
    _ rt: Runtime, _ callee: Value, _ positional: [Value], _ keywords: [(String, Value)], _ range: SourceRange,
    _ caller: String
  ) throws -> Value {
    do {
      return try rt.call(callee, positional, keywords: keywords)
    } catch let e as OptError {
      if case .function(let fn) = callee, fn.kind == .user { throw passing(e, range, caller) }
      throw e.locate(range)
    }
  }

  /// `base.name(arguments)`: a module member, a method that changes a list in
  /// place (`xs.append(v)`), or a method of a value.
  private func compileMethodCall(
    _ base: Expr, _ name: String, _ nameRange: SourceRange, _ arguments: [Expr], _ keywords: [KeywordArgument],
    _ range: SourceRange
  ) throws -> Eval {
    let argumentCodes = try compileAll(arguments)
    let keywordNames = keywords.map(\.name)
    let keywordCodes = try compileAll(keywords.map(\.value))
    let rt = runtime
    let caller = functionName
    func evaluateArguments(_ f: Frame) throws -> Arguments {
      var named: [(String, Value)] = []
      for (k, code) in keywordCodes.enumerated() { named.append((keywordNames[k], try code.run(f))) }
      return Arguments(try argumentCodes.map { try $0.run(f) }, keywords: named, runtime: rt, callee: name)
    }

    let cache = AttributeCache()
    let withArguments = attributeCall(name, nameRange, cache, range, caller)
    guard Members.changing.contains(name) && Compiler.isPlace(base) else {
      let baseCode = try compile(base)
      let general: (Frame, Value) throws -> Value = { f, receiver in
        try withArguments(f, receiver, try evaluateArguments(f))
      }
      return compileMemberFastPath(
        name, baseCode, cache, argumentCodes, !keywords.isEmpty, range, general, withArguments)
    }
    // `xs.append(v)`, `d.update(e)`: the list or dict is changed where it lives,
    // without a copy. The base is compiled once, as a place: anything else
    // (an array's `sort`, an object's `update`) gets the value read through it.
    let modify = try self.modify(base)
    return { f in
      let args = try evaluateArguments(f)
      var result: Value?
      var other = Value.none
      try modify(f) { receiver in
        do { result = try Members.mutate(&receiver, name, args) } catch let e as OptError { throw e.locate(range) }
        if result == nil { other = receiver }
      }
      if let result { return result }
      return try withArguments(f, other, args)
    }
  }

  /// `receiver.name(arguments)` once the receiver and the arguments are
  /// known: a module member (remembered in `cache`), a method of a value, or
  /// an attribute that can be called.
  private func attributeCall(
    _ name: String, _ nameRange: SourceRange, _ cache: AttributeCache, _ range: SourceRange, _ caller: String
  ) -> (Frame, Value, Arguments) throws -> Value {
    let rt = runtime
    return { f, receiver, args in
      let member: Value
      if case .object(let o) = receiver, o === cache.module {
        member = cache.value
      } else if case .object(let m as Module) = receiver {
        do { member = try Members.attribute(receiver, name) } catch let e as OptError {
          throw e.locate(nameRange)
        }
        cache.module = m
        cache.value = member
      } else {
        // A method of a value: called directly, without making a bound method.
        do {
          if let result = try Members.call(receiver, name, args) { return result }
        } catch let e as OptError { throw e.locate(range) }
        let method: Value
        do { method = try Members.attribute(receiver, name) } catch let e as OptError {
          throw e.locate(nameRange)
        }
        return try Compiler.callGeneral(rt, method, args.positional, args.keywords, range, caller)
      }
      return try Compiler.callGeneral(rt, member, args.positional, args.keywords, range, caller)
    }
  }

  private func compileMemberFastPath(
    _ name: String, _ baseCode: @escaping Eval, _ cache: AttributeCache, _ argumentCodes: [ExprCode],
    _ hasKeywords: Bool, _ range: SourceRange, _ general: @escaping (Frame, Value) throws -> Value,
    _ withArguments: @escaping (Frame, Value, Arguments) throws -> Value
  ) -> Eval {
    let rt = runtime
    if hasKeywords { return { f in try general(f, try baseCode(f)) } }
    // `np.sqrt(x)`, `np.power(b, t)`: a cached module member that is a one- or
    // two-argument built-in is called with no argument array.
    switch argumentCodes.count {
    case 1:
      let a0 = argumentCodes[0].run
      return { f in
        let receiver = try baseCode(f)
        if case .object(let o) = receiver, o === cache.module, case .function(let fn) = cache.value,
          fn.kind == .builtin, let body = unsafeDowncast(fn, to: Builtin.self).unary
        {
          let x = try a0(f)
          do { return try body.call(x) } catch let e as OptError { throw e.locate(range) }
        }
        return try general(f, receiver)
      }
    case 2:
      let a0 = argumentCodes[0].run
      let a1 = argumentCodes[1].run
      return { f in
        let receiver = try baseCode(f)
        if case .object(let o) = receiver, o === cache.module, case .function(let fn) = cache.value,
          fn.kind == .builtin, let body = unsafeDowncast(fn, to: Builtin.self).binary
        {
          let x = try a0(f)
          let y = try a1(f)
          do { return try body.call(x, y) } catch let e as OptError { throw e.locate(range) }
        }
        // `opt.step(w, g)`: an object's own method, with no argument array.
        if case .object(let o) = receiver, !(o is Module) {
          let x = try a0(f)
          let y = try a1(f)
          do {
            if let result = try o.callMethod(name, x, y) { return result }
          } catch let e as OptError { throw e.locate(range) }
          return try withArguments(f, receiver, Arguments([x, y], runtime: rt, callee: name))
        }
        return try general(f, receiver)
      }
    default:
      return { f in try general(f, try baseCode(f)) }
    }
  }
}

/// Slot numbers in memory that no reference count guards: read in a call's hot path.
final class SlotList {
  let slots: UnsafeMutablePointer<Int>
  init(_ slots: [Int]) {
    self.slots = .allocate(capacity: max(1, slots.count))
    self.slots.initialize(from: slots, count: slots.count)
  }
  deinit { slots.deallocate() }
}

/// The user function a call site found in a global, and the global's version then.
final class CalleeCache {
  /// Holds the function strongly until the runtime empties the cache (see
  /// `Runtime.forgetCallees`), so that a function that rebinds its own name
  /// while it runs is not freed under itself.
  private(set) var function: UserFunction?
  /// The same function without a reference count, for the calls.
  private(set) var unretained: Unmanaged<UserFunction>?
  private(set) var version: UInt64 = .max

  func fill(_ function: UserFunction, version: UInt64) {
    self.function = function
    unretained = .passUnretained(function)
    self.version = version
  }

  func empty() {
    unretained = nil
    function = nil
    version = .max
  }
}

/// A call site's cache as the runtime lists it, without keeping it alive.
struct WeakCalleeCache {
  weak var cache: CalleeCache?
}
