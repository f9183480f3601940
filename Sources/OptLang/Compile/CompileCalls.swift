/// Compiling calls. A call site checks, in order: a user function called with
/// exactly its positional arguments (its arguments are evaluated straight into
/// the new frame), a one- or two-argument built-in (no argument array), and
/// otherwise the general path that binds keywords and defaults. Calls of user
/// functions with numeric bodies from arithmetic take the numeric calling
/// convention instead (see `NumericBody`).
extension Compiler {
  func compileCall(
    _ callee: Expr, _ arguments: [Expr], _ keywords: [KeywordArgument], _ range: SourceRange, direct: Bool = true,
    inPlace: Bool = true
  ) throws -> Eval {
    if inPlace, let call = try compileInPlaceCall(callee, arguments, keywords, range) { return call }
    if case .attribute(let base, let name, let nameRange) = callee.kind {
      return try compileMethodCall(base, name, nameRange, arguments, keywords, range)
    }
    if direct, keywords.isEmpty, let call = try compileDirectCall(callee, arguments, range) { return call }
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
            let base = try rt.pushFrame(user.code.frameSize)
            defer { rt.popFrame(base, user.code.frameSize) }
            var i = 0
            while i < count {
              (base + i).initialize(to: try argumentCodes[i].run(f))
              i += 1
            }
            return try Compiler.enter(rt, user, base, range, caller)
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
    guard let mutate = RandomLibrary.inPlace[name], let target = arguments.first, Compiler.isPlace(target),
      keywords.isEmpty, let builtin = Library.catalogue[name]
    else { return nil }
    let general = try compileCall(callee, arguments, keywords, range, inPlace: false)
    let calleeCode = try compile(callee)
    let modify = try self.modify(target)
    let rest = try compileAll(Array(arguments.dropFirst()))
    let rt = runtime
    return { f in
      guard case .function(let fn) = try calleeCode(f), fn === builtin else { return try general(f) }
      let args = Arguments(try rest.map { try $0.run(f) }, runtime: rt, callee: name)
      do { try modify(f) { try mutate(&$0, args) } } catch let e as OptError { throw e.locate(range) }
      return .none
    }
  }

  /// `g(a, b, c)` where `g` is a global and every argument a local variable —
  /// the shape of nearly every call in the lecture's code. The arguments are
  /// copied from their slots straight into the new frame.
  private func compileDirectCall(_ callee: Expr, _ arguments: [Expr], _ range: SourceRange) throws -> Eval? {
    guard case .name(let calleeName, let calleeID) = callee.kind, case .global = resolver.place(of: calleeID),
      !arguments.isEmpty
    else { return nil }
    var slots: [Int] = []
    var mayBeUnbound = false
    for argument in arguments {
      guard case .name(_, let id) = argument.kind, case .local(let slot) = resolver.place(of: id) else { return nil }
      slots.append(slot)
      if slot >= scope.parameterCount { mayBeUnbound = true }
    }
    let general = try compileCall(callee, arguments, [], range, direct: false)
    let globals = self.globals
    let index = globals.slot(calleeName)
    let rt = runtime
    let caller = functionName
    let count = slots.count
    let slotList = SlotList(slots)
    let from = slotList.slots
    let cache = CalleeCache()
    return { f in
      _ = slotList
      if mayBeUnbound {
        for i in 0..<count {
          if case .unbound = f[from[i]] { return try general(f) }
        }
      }
      // The function this site called before, if its global has not changed
      // since: no type checks and no reference counting. The cache holds the
      // function strongly and is filled only once, so a function that rebinds
      // its own name while it runs is never freed under itself.
      if let cached = cache.function, globals.versions[index] == cache.version {
        return try Compiler.callWithSlots(rt, cached, f, from, count, range, caller)
      }
      guard case .function(let fn) = globals.values[index], fn.kind == .user else { return try general(f) }
      let user = unsafeDowncast(fn, to: UserFunction.self)
      if user.code.parameterCount != count { return try general(f) }
      if cache.function == nil {
        cache.function = user
        cache.version = globals.versions[index]
      }
      return try Compiler.callWithSlots(rt, user, f, from, count, range, caller)
    }
  }

  /// Calls `function` with arguments copied from the caller's slots. The
  /// function is borrowed: its code and body are read without reference counting.
  @inline(never) static func callWithSlots(
    _ rt: Runtime, _ function: borrowing UserFunction, _ f: Frame, _ from: UnsafeMutablePointer<Int>, _ count: Int,
    _ range: SourceRange, _ caller: String
  ) throws -> Value {
    let code = function.code
    let base = try rt.pushFrame(code.frameSize)
    defer { rt.popFrame(base, code.frameSize) }
    for i in 0..<count { (base + i).initialize(copying: f + from[i]) }
    do { return try rt.invoke(function, base) } catch let e as OptError {
      throw Compiler.passing(e, range, caller)
    }
  }

  /// Runs a user function whose frame is ready, adding this call to the chain
  /// of any error that comes out of it.
  @inline(__always) static func enter(
    _ rt: Runtime, _ function: UserFunction, _ base: Frame, _ range: SourceRange, _ caller: String
  ) throws -> Value {
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

    let call = try compileAttributeCall(
      base, name, nameRange, evaluateArguments, range, caller, positional: argumentCodes,
      hasKeywords: !keywords.isEmpty)
    guard Members.changing.contains(name) && Compiler.isPlace(base) else { return call.site }
    // `xs.append(v)`, `d.update(e)`: the list or dict is changed where it lives, without a copy.
    let modify = try self.modify(base)
    let baseCode = try compile(base)
    return { f in
      let args = try evaluateArguments(f)
      var result: Value?
      try modify(f) { receiver in
        do { result = try Members.mutate(&receiver, name, args) } catch let e as OptError { throw e.locate(range) }
      }
      if let result { return result }
      return try call.withArguments(f, try baseCode(f), args)
    }
  }

  private func compileAttributeCall(
    _ base: Expr, _ name: String, _ nameRange: SourceRange, _ evaluateArguments: @escaping (Frame) throws -> Arguments,
    _ range: SourceRange, _ caller: String, positional argumentCodes: [ExprCode], hasKeywords: Bool
  ) throws -> (site: Eval, withArguments: (Frame, Value, Arguments) throws -> Value) {
    let baseCode = try compile(base)
    let cache = AttributeCache()
    let rt = runtime
    let withArguments: (Frame, Value, Arguments) throws -> Value = { f, receiver, args in
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
    let general: (Frame, Value) throws -> Value = { f, receiver in
      try withArguments(f, receiver, try evaluateArguments(f))
    }
    let site = compileMemberFastPath(name, baseCode, cache, argumentCodes, hasKeywords, range, general, withArguments)
    return (site, withArguments)
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
  var function: UserFunction?
  var version: UInt64 = .max
}
