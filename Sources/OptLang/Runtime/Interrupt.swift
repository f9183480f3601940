/// Set from a signal handler when the learner presses Ctrl-C; every loop and
/// long built-in checks it and stops with a `KeyboardInterrupt`.
public enum Interrupt {
  nonisolated(unsafe) public static var requested = false

  /// Stops with a `KeyboardInterrupt` if Ctrl-C was pressed: for the loops of
  /// built-ins that may run long (a sum over a huge range, a big sort).
  @inline(__always) public static func check() throws {
    if requested { try raise() }
  }

  /// Clears the request and stops with a `KeyboardInterrupt`, at `range` when a loop knows its place.
  @inline(never) static func raise(at range: SourceRange? = nil) throws {
    requested = false
    throw OptError(.keyboardInterrupt, "interrupted (Ctrl-C)", at: range)
  }
}
