/// Compiling calls. A call site checks, in order: a user function called with
/// exactly its positional arguments (its arguments are evaluated straight into
/// the new frame), a one- or two-argument built-in (no argument array), and
/// otherwise the general path that binds keywords and defaults.
extension Compiler {
  func compileCall(_ callee: Expr, _ arguments: [Expr], _ keywords: [KeywordArgument], _ range: SourceRange)
    throws -> Eval
  {
    if case .attribute(let base, let name, let nameRange) = callee.kind {
      return try compileMethodCall(base, name, nameRange, arguments, keywords, range)
    }
    let calleeCode = try compile(callee)
    let argumentCodes = try arguments.map { try compile($0) }
    let keywordNames = keywords.map(\.name)
    let keywordCodes = try keywords.map { try compile($0.value) }
    let rt = runtime
    let caller = functionName

    if !keywords.isEmpty {
      return { f in
        let c = try calleeCode(f)
        let positional = try argumentCodes.map { try $0(f) }
        var named: [(String, Value)] = []
        for (k, code) in keywordCodes.enumerated() { named.append((keywordNames[k], try code(f))) }
        return try Compiler.callGeneral(rt, c, positional, named, range, caller)
      }
    }

    switch argumentCodes.count {
    case 1:
      let a0 = argumentCodes[0]
      return { f in
        let c = try calleeCode(f)
        if case .function(let fn) = c {
          if fn.kind == .user {
            let user = unsafeDowncast(fn, to: UserFunction.self)
            if user.code.parameterNames.count == 1 {
              let base = try rt.pushFrame(user.code.frameSize)
              defer { rt.popFrame(base, user.code.frameSize) }
              base[0] = try a0(f)
              return try Compiler.enter(rt, user, base, range, caller)
            }
          } else if fn.kind == .builtin, case .unary(let body) = unsafeDowncast(fn, to: Builtin.self).body {
            let x = try a0(f)
            do { return try body(x) } catch let e as OptError { throw e.locate(range) }
          }
        }
        return try Compiler.callGeneral(rt, c, [try a0(f)], [], range, caller)
      }
    case 2:
      let a0 = argumentCodes[0]
      let a1 = argumentCodes[1]
      return { f in
        let c = try calleeCode(f)
        if case .function(let fn) = c {
          if fn.kind == .user {
            let user = unsafeDowncast(fn, to: UserFunction.self)
            if user.code.parameterNames.count == 2 {
              let base = try rt.pushFrame(user.code.frameSize)
              defer { rt.popFrame(base, user.code.frameSize) }
              base[0] = try a0(f)
              base[1] = try a1(f)
              return try Compiler.enter(rt, user, base, range, caller)
            }
          } else if fn.kind == .builtin, case .binary(let body) = unsafeDowncast(fn, to: Builtin.self).body {
            let x = try a0(f)
            let y = try a1(f)
            do { return try body(x, y) } catch let e as OptError { throw e.locate(range) }
          }
        }
        return try Compiler.callGeneral(rt, c, [try a0(f), try a1(f)], [], range, caller)
      }
    default:
      let count = argumentCodes.count
      return { f in
        let c = try calleeCode(f)
        if case .function(let fn) = c, fn.kind == .user {
          let user = unsafeDowncast(fn, to: UserFunction.self)
          if user.code.parameterNames.count == count {
            let base = try rt.pushFrame(user.code.frameSize)
            defer { rt.popFrame(base, user.code.frameSize) }
            var i = 0
            while i < count {
              base[i] = try argumentCodes[i](f)
              i += 1
            }
            return try Compiler.enter(rt, user, base, range, caller)
          }
        }
        return try Compiler.callGeneral(rt, c, try argumentCodes.map { try $0(f) }, [], range, caller)
      }
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
    let argumentCodes = try arguments.map { try compile($0) }
    let keywordNames = keywords.map(\.name)
    let keywordCodes = try keywords.map { try compile($0.value) }
    let rt = runtime
    let caller = functionName
    func evaluateArguments(_ f: Frame) throws -> Arguments {
      var named: [(String, Value)] = []
      for (k, code) in keywordCodes.enumerated() { named.append((keywordNames[k], try code(f))) }
      return Arguments(try argumentCodes.map { try $0(f) }, keywords: named, runtime: rt, callee: name)
    }

    let call = try compileAttributeCall(
      base, name, nameRange, evaluateArguments, range, caller, positional: argumentCodes,
      hasKeywords: !keywords.isEmpty)
    guard Methods.mutating.contains(name) && Compiler.isPlace(base) else { return call.site }
    // `xs.append(v)`: the list is changed where it lives, without a copy.
    let modify = try self.modify(base)
    let baseCode = try compile(base)
    return { f in
      let args = try evaluateArguments(f)
      var result: Value = .none
      var isList = false
      try modify(f) { receiver in
        guard case .list = receiver else { return }
        isList = true
        do { result = try Methods.mutateList(&receiver, name, args) } catch let e as OptError { throw e.locate(range) }
      }
      if isList { return result }
      return try call.withArguments(f, try baseCode(f), args)
    }
  }

  private func compileAttributeCall(
    _ base: Expr, _ name: String, _ nameRange: SourceRange, _ evaluateArguments: @escaping (Frame) throws -> Arguments,
    _ range: SourceRange, _ caller: String, positional argumentCodes: [Eval], hasKeywords: Bool
  ) throws -> (site: Eval, withArguments: (Frame, Value, Arguments) throws -> Value) {
    let baseCode = try compile(base)
    let cache = AttributeCache()
    let rt = runtime
    let withArguments: (Frame, Value, Arguments) throws -> Value = { f, receiver, args in
      let member: Value
      if case .object(let o) = receiver, o === cache.module {
        member = cache.value
      } else if case .object(let m as Module) = receiver {
        do { member = try Attributes.get(receiver, name, runtime: rt) } catch let e as OptError {
          throw e.locate(nameRange)
        }
        cache.module = m
        cache.value = member
      } else {
        // A method of a value: called directly, without making a bound method.
        do {
          if let result = try Methods.call(receiver, name, args) { return result }
        } catch let e as OptError { throw e.locate(range) }
        let method: Value
        do { method = try Attributes.get(receiver, name, runtime: rt) } catch let e as OptError {
          throw e.locate(nameRange)
        }
        return try Compiler.callGeneral(rt, method, args.positional, args.keywords, range, caller)
      }
      return try Compiler.callGeneral(rt, member, args.positional, args.keywords, range, caller)
    }
    let general: (Frame, Value) throws -> Value = { f, receiver in
      try withArguments(f, receiver, try evaluateArguments(f))
    }
    let site = compileMemberFastPath(baseCode, cache, argumentCodes, hasKeywords, range, general)
    return (site, withArguments)
  }

  private func compileMemberFastPath(
    _ baseCode: @escaping Eval, _ cache: AttributeCache, _ argumentCodes: [Eval], _ hasKeywords: Bool,
    _ range: SourceRange, _ general: @escaping (Frame, Value) throws -> Value
  ) -> Eval {
    if hasKeywords { return { f in try general(f, try baseCode(f)) } }
    // `np.sqrt(x)`, `np.power(b, t)`: a cached module member that is a one- or
    // two-argument built-in is called with no argument array.
    switch argumentCodes.count {
    case 1:
      let a0 = argumentCodes[0]
      return { f in
        let receiver = try baseCode(f)
        if case .object(let o) = receiver, o === cache.module, case .function(let fn) = cache.value,
          fn.kind == .builtin, case .unary(let body) = unsafeDowncast(fn, to: Builtin.self).body
        {
          let x = try a0(f)
          do { return try body(x) } catch let e as OptError { throw e.locate(range) }
        }
        return try general(f, receiver)
      }
    case 2:
      let a0 = argumentCodes[0]
      let a1 = argumentCodes[1]
      return { f in
        let receiver = try baseCode(f)
        if case .object(let o) = receiver, o === cache.module, case .function(let fn) = cache.value,
          fn.kind == .builtin, case .binary(let body) = unsafeDowncast(fn, to: Builtin.self).body
        {
          let x = try a0(f)
          let y = try a1(f)
          do { return try body(x, y) } catch let e as OptError { throw e.locate(range) }
        }
        return try general(f, receiver)
      }
    default:
      return { f in try general(f, try baseCode(f)) }
    }
  }
}
