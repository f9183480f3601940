/// A private set of globals for code that must not see what a program later
/// does to the names it uses: the prelude (so that `def sqrt(x): return 0`
/// at the prompt cannot change what the built-in `adam` computes) and an
/// exercise's check (so that an answer cannot redefine `check_rule`, the
/// reference rule, or the lesson's `excess`).
///
/// Code compiled in a namespace reads and writes the slot `PREFIX + name`
/// for every global name except the `shared` ones, which stay the program's
/// own (an exercise's check reads the learner's `my_adagrad` there). A
/// private slot starts as the built-in of the plain name, or unbound. The
/// prefix ends in `:`, which no identifier contains, so a program can never
/// name a private slot; `Globals.userNames` and `boundNames` leave them out.
///
/// Example: the checker compiles the lesson's setup and the `[check]` cell in
/// `Namespace(prefix: "check:", shared: ["my_adagrad"])`, so `check()` calls
/// the `check_rule`, `adagrad` and `min` bound before the answer ran.
public final class Namespace: Sendable {
  /// Starts every private name; ends in `:`.
  public let prefix: String
  /// Names read and written in the program's own globals.
  public let shared: Set<String>

  public init(prefix: String, shared: Set<String> = []) {
    precondition(prefix.hasSuffix(":"), "a namespace prefix ends in ':'")
    self.prefix = prefix
    self.shared = shared
  }

  /// The namespace of the built-in library written in the language (the prelude).
  static let prelude = Namespace(prefix: "prelude:")

  /// The slot name that `name` maps to in this namespace, or nil for a shared name.
  func privateName(for name: String) -> String? {
    shared.contains(name) ? nil : prefix + name
  }

  /// Whether a global slot's name is private to some namespace.
  static func isPrivate(_ slotName: String) -> Bool { slotName.utf8.contains(UInt8(ascii: ":")) }

  /// The plain name of a private slot name (`check:adam` → `adam`).
  static func plainName(_ slotName: String) -> String {
    guard let colon = slotName.lastIndex(of: ":") else { return slotName }
    return String(slotName[slotName.index(after: colon)...])
  }
}

extension Interpreter {
  /// Runs a program whose global names live in `namespace` (see `Namespace`).
  /// Functions and rules it defines keep reading that namespace when called later.
  public func run(_ file: SourceFile, in namespace: Namespace, echo: EchoMode = .none, lazyBodies: Bool = false) throws
  {
    let globals = runtime.globals
    let saved = globals.namespace
    globals.namespace = namespace
    let unit: CompiledUnit
    do {
      defer { globals.namespace = saved }
      unit = try Compiler.compile(try Parser.parseProgram(file), runtime: runtime, echo: echo, lazyBodies: lazyBodies)
    }
    try execute(unit)
  }

  /// The value of `name` in `namespace` (a private slot), if it is bound.
  public func value(of name: String, in namespace: Namespace) -> Value? {
    runtime.globals[namespace.privateName(for: name) ?? name]
  }

  /// Puts every private name of `namespace` back to its built-in (or unbound):
  /// what the namespace's code defined before is forgotten.
  public func clear(_ namespace: Namespace) {
    runtime.globals.reset(where: { $0.hasPrefix(namespace.prefix) })
  }
}
