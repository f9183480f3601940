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
  /// (so `:vars` does not list them and `:reset` brings them back).
  static func load(into interpreter: Interpreter) {
    let runtime = interpreter.runtime
    for (name, text) in files {
      do {
        try interpreter.run(SourceFile(name: name, text: text))
      } catch {
        // The prelude is part of optrepl: an error in it is a bug, shown at once.
        fatalError("the prelude failed to load:\n\(error)")
      }
    }
    for name in runtime.globals.userNames {
      guard let value = runtime.globals[name] else { continue }
      if case .function(let rule as Rule) = value { rule.checksRanges = true }
      runtime.define(name, value)
    }
  }
}
