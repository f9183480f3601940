import OptLang

/// OptLang fills its table of built-ins the first time an `Interpreter` is
/// made, without a lock (see NOTES-repl.md); tests running in parallel could
/// fill it at once and crash. The first interpreter is made here, once (a
/// static's initializer runs once, other threads waiting), before any test
/// makes its own.
enum SharedSetUp {
  static let builtinsReady: Bool = {
    _ = Interpreter(output: { _ in })
    return true
  }()

  /// An interpreter for a test, made after the shared set-up.
  static func interpreter(output: @escaping (String) -> Void = { _ in }) -> Interpreter {
    precondition(builtinsReady)
    return Interpreter(output: output)
  }
}
