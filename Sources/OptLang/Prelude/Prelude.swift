/// The built-in library written in the language itself: the step rules
/// (optimizers.opt), the learning-rate schedules (schedules.opt) and the
/// exercise checks (checks.opt). The files
/// are embedded in the binary, so they are found from any directory; they run
/// when a program first uses a name they define, and what they define becomes
/// built-in.
enum Prelude {
  static let files: [(name: String, text: String)] = [
    ("prelude/optimizers.opt", String(decoding: PackageResources.optimizers_opt, as: UTF8.self)),
    ("prelude/schedules.opt", String(decoding: PackageResources.schedules_opt, as: UTF8.self)),
    ("prelude/checks.opt", String(decoding: PackageResources.checks_opt, as: UTF8.self)),
  ]

  /// Arranges for the prelude to load into `interpreter` when a name it
  /// defines is first compiled or looked up, or every name is listed
  /// (completion, `:vars`). Compiling the prelude took a quarter of
  /// `optrepl -e 1`'s time; a program that uses none of it never pays.
  static func loadWhenUsed(into interpreter: Interpreter) {
    interpreter.runtime.globals.pending = Globals.PendingDefinitions(names: definedNames) {
      [unowned interpreter] in
      do { try MemoryBudget.withFreshCount { try load(into: interpreter) } } catch {
        // A use deep in a recursion that has filled the value stack (a
        // NameError's suggestions list every name): the next use tries again.
        loadWhenUsed(into: interpreter)
      }
    }
  }

  /// The names the prelude's files bind at their top level (`def NAME`,
  /// `rule NAME`, `NAME = ...`), read from the text without compiling it.
  /// `PreludeTests` checks them against what loading defines.
  static let definedNames: Set<String> = {
    var names: Set<String> = []
    for (_, text) in files {
      for line in text.split(separator: "\n") {
        guard let first = line.first, first.isLetter || first == "_" else { continue }
        var rest = line[...]
        for keyword in ["def ", "rule "] where rest.hasPrefix(keyword) { rest = rest.dropFirst(keyword.count) }
        let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        if !name.isEmpty { names.insert(String(name)) }
      }
    }
    return names
  }()

  /// Runs the prelude in `interpreter` and makes its definitions built-ins
  /// (so `:vars` does not list them and `:reset` brings them back). It runs
  /// in its own namespace: what it calls (`sqrt`, `_close`, `adam`) are the
  /// built-ins, whatever a program later binds to those names. Its function
  /// bodies are compiled at their first call, in that namespace.
  /// Throws only a RecursionError: the value stack had no room for its frame.
  static func load(into interpreter: Interpreter) throws {
    let globals = interpreter.runtime.globals
    for (name, text) in files {
      do {
        try interpreter.run(SourceFile(name: name, text: text), in: Namespace.prelude, lazyBodies: true)
      } catch let error as OptError where error.kind == .recursionError {
        throw error
      } catch {
        // The prelude is part of optrepl: any other error in it is a bug, shown at once.
        fatalError("the prelude failed to load:\n\(error)")
      }
    }
    for slotName in globals.names where slotName.hasPrefix(Namespace.prelude.prefix) {
      guard let value = globals[slotName] else { continue }
      // The built-in rules check their hyperparameters' ranges; a learner's own rule does not.
      if case .function(let rule as Rule) = value { rule.checksRanges = true }
      globals.defineBuiltin(slotName, value)
      interpreter.runtime.define(Namespace.plainName(slotName), value)
    }
  }
}
