import Foundation

/// The terminal, found in one place: whether a standard stream is one, its
/// size, and whether the learner wants colour.
public enum Terminal {
  /// Whether the descriptor is a terminal.
  public static func isTerminal(_ descriptor: Int32) -> Bool { isatty(descriptor) != 0 }

  /// The size of the terminal on standard output, or nil when it is not one.
  public static func size() -> (columns: Int, rows: Int)? {
    var size = winsize()
    guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else { return nil }
    return (Int(size.ws_col), Int(size.ws_row))
  }

  /// Whether to colour what goes to `descriptor` (standard error by default):
  /// it is a terminal, and neither `--no-color` nor `NO_COLOR`
  /// (https://no-color.org) says no.
  public static func colorWanted(
    noColorFlag: Bool, on descriptor: Int32 = STDERR_FILENO,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> Bool {
    if noColorFlag { return false }
    if let value = environment["NO_COLOR"], !value.isEmpty { return false }
    return isTerminal(descriptor)
  }
}
