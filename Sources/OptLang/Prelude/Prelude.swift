/// The built-in library written in the language itself: the step rules
/// (optimizers.opt), the learning-rate schedules (schedules.opt) and the
/// exercise checks (checks.opt). The files
/// are embedded in the binary, so they are found from any directory; they run
/// when an interpreter starts, and what they define becomes built-in.
enum Prelude {
  static let files: [(name: String, text: String)] = [
    ("prelude/optimizers.opt", String(decoding: PackageResources.optimizers_opt, as: UTF8.self)),
    ("prelude/schedules.opt", String(decoding: PackageResources.schedules_opt, as: UTF8.self)),
    ("prelude/checks.opt", String(decoding: PackageResources.checks_opt, as: UTF8.self)),
  ]

  /// Runs the prelude in `interpreter` and makes its definitions built-ins
  /// (so `:vars` does not list them and `:reset` brings them back). It runs
  /// in its own namespace: what it calls (`sqrt`, `_close`, `adam`) are the
  /// built-ins, whatever a program later binds to those names.
  static func load(into interpreter: Interpreter) {
    let globals = interpreter.runtime.globals
    for (name, text) in files {
      do {
        try interpreter.run(SourceFile(name: name, text: text), in: Namespace.prelude)
      } catch {
        // The prelude is part of optrepl: an error in it is a bug, shown at once.
        fatalError("the prelude failed to load:\n\(error)")
      }
    }
    for slotName in globals.names where slotName.hasPrefix(Namespace.prelude.prefix) {
      guard let value = globals[slotName] else { continue }
      globals.defineBuiltin(slotName, value)
      interpreter.runtime.define(Namespace.plainName(slotName), value)
    }
  }
}
