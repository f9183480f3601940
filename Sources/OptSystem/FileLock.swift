import Foundation
import OptLang

/// An exclusive lock on a file shared by several optrepl processes (the
/// progress file, the history), so that a read, a change and a write happen
/// as one step: `optrepl check` in two terminals at once both record their
/// passes. The lock is `flock(2)` on the file's folder (so no lock file is
/// left beside it, and a file renamed over stays under the same lock), which
/// the system releases when the process ends, however it ends.
public enum FileLock {
  /// Runs `body` holding the lock for `path`, creating the folder (private to
  /// the user) if needed.
  public static func withLock<T>(_ path: String, _ body: () throws -> T) throws -> T {
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
    if !FileManager.default.fileExists(atPath: folder) {
      do {
        try FileManager.default.createDirectory(
          atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
      } catch {
        throw OptError(.osError, "cannot create the folder '\(folder)': \(SystemError.reason(error))")
      }
    }
    let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { throw OptError(.osError, "cannot use the folder '\(folder)': \(SystemError.reason(errno))") }
    defer { close(fd) }
    while flock(fd, LOCK_EX) != 0 {
      if errno != EINTR { throw OptError(.osError, "cannot lock '\(path)': \(SystemError.reason(errno))") }
    }
    defer { flock(fd, LOCK_UN) }
    return try body()
  }
}
