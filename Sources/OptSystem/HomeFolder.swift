import Foundation

/// The learner's home folder as the shell sees it, `$HOME` (the password
/// file's entry only when HOME is unset), and `~` in paths the learner gives.
/// Foundation's own `~` expansion uses the password file, so `file="~/x.svg"`
/// would land somewhere other than where the message said.
public enum HomeFolder {
  public static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
    if let home = environment["HOME"], !home.isEmpty { return home }
    if let entry = getpwuid(getuid()), let dir = entry.pointee.pw_dir { return String(cString: dir) }
    return NSHomeDirectory()
  }

  /// `~` or `~/...` with the home folder in place of the `~`; other paths as they are.
  public static func expandingTilde(_ path: String) -> String {
    if path == "~" || path.hasPrefix("~/") { return Self.path() + path.dropFirst() }
    return path
  }
}
