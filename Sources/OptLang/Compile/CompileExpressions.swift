/// Compiling expressions.
extension Compiler {
  func compile(_ e: Expr) throws -> Eval {
    let range = e.range
    if !constants.isEmpty, case .name = e.kind {
    } else if !constants.isEmpty, let v = constantValue(e) {
      return { _ in v }
    }
    switch e.kind {
    case .number(let x):
      let v = Value.number(x)
      return { _ in v }
    case .string(let s):
      let v = Value.str(s)
      return { _ in v }
    case .bool(let b):
      let v = Value.bool(b)
      return { _ in v }
    case .none:
      return { _ in .none }
    case .fstring(let parts):
      return try compileFString(parts)
    case .name(let name, let id):
      return load(name, id, range)

    case .list(let items):
      let codes = try compileAll(items)
      return { f in .list(try codes.map { try $0.run(f) }) }
    case .tuple(let items):
      let codes = try compileAll(items)
      if codes.count == 2 {
        let (a, b) = (codes[0].run, codes[1].run)
        return { f in .tuple([try a(f), try b(f)]) }
      }
      return { f in .tuple(try codes.map { try $0.run(f) }) }
    case .dict(let entries):
      return try compileDict(entries)

    case .unary(let op, let operand):
      return try withNumericFastPath(e) { try compileUnary(op, operand, range) }
    case .binary(let op, let l, let r):
      return try withNumericFastPath(e) { try compileBinary(op, l, r, range) }
    case .compare(let first, let rest):
      if rest.count == 1 { return try compileComparison(rest[0].0, first, rest[0].1, range) }
      return try compileChainedComparison(first, rest, range)

    case .and(let l, let r):
      let a = try compile(l)
      let b = try compile(r)
      return { f in
        let v = try a(f)
        return try Compiler.isTrue(v, range) ? try b(f) : v
      }
    case .or(let l, let r):
      let a = try compile(l)
      let b = try compile(r)
      return { f in
        let v = try a(f)
        return try Compiler.isTrue(v, range) ? v : try b(f)
      }
    case .not(let operand):
      let code = try compile(operand)
      return { f in .bool(!(try Compiler.isTrue(try code(f), range))) }
    case .conditional(let condition, let then, let otherwise):
      let test = try compile(condition)
      let a = try compile(then)
      let b = try compile(otherwise)
      let conditionRange = condition.range
      return { f in try Compiler.isTrue(try test(f), conditionRange) ? try a(f) : try b(f) }

    case .call(let callee, let arguments, let keywords):
      return try withNumericFastPath(e) { try compileCall(callee, arguments, keywords, range) }

    case .index(let base, let index):
      let baseCode = try compile(base)
      let indexCode = try compile(index)
      return { f in
        let container = try baseCode(f)
        let i = try indexCode(f)
        // The common cases inline: a whole, in-range number indexing an array or a list.
        if case .number(let x) = i, x >= 0, x < 4.0e15 {
          let k = Int(x)
          if Double(k) == x {
            switch container {
            case .array(let a) where k >= 0 && k < a.count && a.ndim == 1 && !a.isBool: return .number(a[k])
            case .list(let items) where k >= 0 && k < items.count: return items[k]
            default: break
            }
          }
        }
        do { return try Subscripts.get(container, i) } catch let e as OptError { throw e.locate(range) }
      }

    case .slice(let lower, let upper, let step):
      let parts = try [lower, upper, step].map { try $0.map { ExprCode(run: try compile($0)) } }
      return { f in
        let bounds = try parts.map { try $0?.run(f) ?? .none }
        return .object(SliceObject(lower: bounds[0], upper: bounds[1], step: bounds[2]))
      }

    case .ellipsis:
      return { _ in .object(EllipsisObject.shared) }

    case .attribute(let base, let name, let nameRange):
      return try compileAttribute(base, name, nameRange)

    case .lambda(let decl):
      return try compileFunction(decl)

    case .listComprehension(let element, let clauses):
      return try compileComprehension([element], clauses, range)
    case .dictComprehension(let key, let value, let clauses):
      return try compileComprehension([key, value], clauses, range)
    }
  }

  /// `{key: value, ...}`: keys and values evaluated in order, a key that
  /// cannot be one (a list, an array) an error at the key.
  private func compileDict(_ entries: [(key: Expr, value: Expr)]) throws -> Eval {
    let keys = try compileAll(entries.map(\.key))
    let values = try compileAll(entries.map(\.value))
    let ranges = entries.map(\.key.range)
    return { f in
      var d = Dict()
      for k in 0..<keys.count {
        let key: DictKey
        do { key = try DictKey(try keys[k].run(f)) } catch let e as OptError { throw e.locate(ranges[k]) }
        d[key] = try values[k].run(f)
      }
      return .dict(d)
    }
  }

  private func compileUnary(_ op: UnaryOperator, _ operand: Expr, _ range: SourceRange) throws -> Eval {
    if op == .invert {
      let code = try compile(operand)
      return { f in
        do { return try Operators.unary(.invert, try code(f)) } catch let e as OptError { throw e.locate(range) }
      }
    }
    if case .number(let x) = operand.kind {
      let v = Value.number(op == .negate ? -x : x)
      return { _ in v }
    }
    let code = try compile(operand)
    if op == .plus {
      return { f in
        let v = try code(f)
        if case .number = v { return v }
        do { return try Operators.unary(.plus, v) } catch let e as OptError { throw e.locate(range) }
      }
    }
    return { f in
      let v = try code(f)
      if case .number(let x) = v { return .number(-x) }
      do { return try Operators.unary(.negate, consume v) } catch let e as OptError { throw e.locate(range) }
    }
  }

  /// `a < b < c`: each operand evaluated once, stopping at the first false link.
  private func compileChainedComparison(_ first: Expr, _ rest: [(CompareOperator, Expr)], _ range: SourceRange)
    throws -> Eval
  {
    let firstCode = try compile(first)
    let links = try rest.map { ($0.0, try compile($0.1), $0.1.range) }
    return { f in
      var left = try firstCode(f)
      for (op, code, linkRange) in links {
        let right = try code(f)
        let result: Value
        do { result = try Operators.compare(op, left, right) } catch let e as OptError {
          throw e.locate(range.to(linkRange))
        }
        if !(try Compiler.isTrue(result, range)) { return result }
        left = right
      }
      return .bool(true)
    }
  }

  private func compileFString(_ parts: [FStringPart]) throws -> Eval {
    var pieces: [(Frame) throws -> String] = []
    for part in parts {
      switch part {
      case .text(let text): pieces.append { _ in text }
      case .value(let e, let spec, let conversion):
        let code = try compile(e)
        let range = e.range
        pieces.append { f in
          let v = try code(f)
          do { return try FormatSpec.format(v, spec: spec, conversion: conversion) } catch let err as OptError {
            throw err.locate(range)
          }
        }
      }
    }
    return { f in
      var out = ""
      for piece in pieces { out += try piece(f) }
      return .str(out)
    }
  }

  /// `[element for target in iterable if condition ...]`, run inline in the
  /// current frame; its variables have hidden slots, so they do not leak.
  /// Given two elements, a key and a value, it makes a dict:
  /// `{key: value for target in iterable ...}`.
  private func compileComprehension(_ elements: [Expr], _ clauses: [ComprehensionClause], _ range: SourceRange)
    throws -> Eval
  {
    // Compile outermost first: the resolver gave the variables their slots in that order.
    var compiled: [(iterable: ExprCode, store: LoopTarget, conditions: [ExprCode], range: SourceRange)] = []
    for clause in clauses {
      compiled.append(
        (
          ExprCode(run: try compile(clause.iterable)), try loopTarget(clause.target),
          try compileAll(clause.conditions), clause.iterable.range
        ))
    }
    let elementCode = try compile(elements[0])
    var inner: (Frame, inout [Value]) throws -> Void = { f, out in
      out.append(try elementCode(f))
      if out.count & 0xFFFF == 0 || out.count > Runtime.maxCollectionLength {
        do { try Runtime.checkLength(out.count, growingBy: 0x10000, what: "this list") } catch let e as OptError {
          throw e.locate(range)
        }
      }
    }
    let isDict = elements.count == 2
    if isDict {
      // Keys and values alternate in `out`; each key is checked as it is made.
      let valueCode = try compile(elements[1])
      let keyRange = elements[0].range
      inner = { f, out in
        let key = try elementCode(f)
        do { _ = try DictKey(key) } catch let e as OptError { throw e.locate(keyRange) }
        out.append(key)
        out.append(try valueCode(f))
        if out.count > Runtime.maxCollectionLength { try Runtime.checkLength(out.count / 2, what: "this dict") }
      }
    }
    for clause in compiled.reversed() {
      let next = inner
      inner = { f, out in
        let elements: Elements
        do { elements = try Elements(try clause.iterable.run(f)) } catch let e as OptError {
          throw e.locate(clause.range)
        }
        elementLoop: for k in 0..<elements.count {
          if Interrupt.requested { try Interrupt.raise(at: range) }
          try clause.store.put(f, elements[k])
          for condition in clause.conditions where !(try Compiler.isTrue(try condition.run(f), range)) {
            continue elementLoop
          }
          try next(f, &out)
        }
      }
    }
    let body = inner
    // A comprehension's variables are new at every run, as in Python, where
    // each run is a call: closures made in one run keep that run's variables.
    let cellSlots = clauses.flatMap { targetCellSlots($0.target) }
    return { f in
      for slot in cellSlots { f[slot] = .object(Cell(.unbound)) }
      var out: [Value] = []
      try body(f, &out)
      guard isDict else { return .list(out) }
      var d = Dict()
      for k in stride(from: 0, to: out.count, by: 2) { d[DictKey(unchecked: out[k])] = out[k + 1] }
      return .dict(d)
    }
  }

  /// The cell slots among the names an assignment target binds.
  private func targetCellSlots(_ target: Expr) -> [Int] {
    switch target.kind {
    case .name(_, let id):
      if case .cell(let slot) = resolver.place(of: id) { return [slot] }
      return []
    case .tuple(let items), .list(let items): return items.flatMap(targetCellSlots)
    default: return []
    }
  }

  /// `base.name`. Members of modules are cached per site: `np.sqrt` costs one
  /// identity check after its first use.
  private func compileAttribute(_ base: Expr, _ name: String, _ nameRange: SourceRange) throws -> Eval {
    let baseCode = try compile(base)
    let cache = AttributeCache()
    let rt = runtime
    return { f in
      let receiver = try baseCode(f)
      if case .object(let o) = receiver, o === cache.module { return cache.value }
      let v: Value
      do { v = try Members.attribute(receiver, name) } catch let e as OptError { throw e.locate(nameRange) }
      if case .object(let m as Module) = receiver {
        cache.module = m
        cache.value = v
      }
      return v
    }
  }
}

/// The module and member an attribute site saw last.
final class AttributeCache {
  var module: Module?
  var value: Value = .none
}
