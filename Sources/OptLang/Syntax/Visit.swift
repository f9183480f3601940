/// Walks a syntax tree: every statement and every expression in it, inner
/// functions, lambdas and comprehensions included, parents before children.
/// For analyses that look at the whole of a body (see `LostChanges`).
extension Stmt {
  static func visit(_ body: [Stmt], statement: (Stmt) -> Void = { _ in }, expression: (Expr) -> Void) {
    for stmt in body { stmt.visit(statement: statement, expression: expression) }
  }

  func visit(statement: (Stmt) -> Void, expression: (Expr) -> Void) {
    statement(self)
    func e(_ x: Expr) { x.visit(statement: statement, expression: expression) }
    func s(_ body: [Stmt]) { Stmt.visit(body, statement: statement, expression: expression) }
    switch kind {
    case .expression(let x): e(x)
    case .assign(let targets, let value):
      targets.forEach(e)
      e(value)
    case .augmentedAssign(let target, _, let value):
      e(target)
      e(value)
    case .function(let decl):
      for p in decl.parameters { p.defaultValue.map(e) }
      s(decl.body)
    case .rule(let decl):
      for p in decl.hyperparameters { p.defaultValue.map(e) }
      s(decl.body)
    case .state(_, let value, _): e(value)
    case .return(let value): value.map(e)
    case .if(let branches, let orElse):
      for branch in branches {
        e(branch.condition)
        s(branch.body)
      }
      s(orElse)
    case .for(let target, let iterable, let body, let orElse):
      e(target)
      e(iterable)
      s(body)
      s(orElse)
    case .while(let condition, let body, let orElse):
      e(condition)
      s(body)
      s(orElse)
    case .assert(let condition, let message):
      e(condition)
      message.map(e)
    case .break, .continue, .pass, .global, .import, .fromImport: break
    }
  }
}

extension Expr {
  static func visit(_ x: Expr, _ expression: (Expr) -> Void) {
    x.visit(statement: { _ in }, expression: expression)
  }

  func visit(statement: (Stmt) -> Void, expression: (Expr) -> Void) {
    expression(self)
    func e(_ x: Expr) { x.visit(statement: statement, expression: expression) }
    func clauses(_ cs: [ComprehensionClause]) {
      for c in cs {
        e(c.target)
        e(c.iterable)
        c.conditions.forEach(e)
      }
    }
    switch kind {
    case .number, .string, .bool, .none, .name: break
    case .fstring(let parts):
      for case .value(let x, _, _) in parts { e(x) }
    case .list(let items), .tuple(let items): items.forEach(e)
    case .dict(let entries):
      for entry in entries {
        e(entry.key)
        e(entry.value)
      }
    case .unary(_, let x), .not(let x): e(x)
    case .binary(_, let l, let r), .and(let l, let r), .or(let l, let r):
      e(l)
      e(r)
    case .compare(let first, let rest):
      e(first)
      for (_, x) in rest { e(x) }
    case .conditional(let c, let t, let f):
      e(c)
      e(t)
      e(f)
    case .call(let callee, let arguments, let keywords):
      e(callee)
      arguments.forEach(e)
      for k in keywords { e(k.value) }
    case .index(let base, let index):
      e(base)
      e(index)
    case .slice(let lower, let upper, let step):
      for part in [lower, upper, step] { part.map(e) }
    case .ellipsis: break
    case .attribute(let base, _, _): e(base)
    case .lambda(let decl):
      for p in decl.parameters { p.defaultValue.map(e) }
      Stmt.visit(decl.body, statement: statement, expression: expression)
    case .listComprehension(let element, let cs):
      e(element)
      clauses(cs)
    case .dictComprehension(let key, let value, let cs):
      e(key)
      e(value)
      clauses(cs)
    }
  }
}
