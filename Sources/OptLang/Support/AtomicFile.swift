import Foundation

/// Writes a file atomically: the text goes to a temporary file in the same
/// folder, which is then renamed over the target, so a reader (or a crash
/// half-way) never sees half a file. Used for SVG pictures, the REPL history
/// and the exercise progress.
public enum AtomicFile {
  /// - Parameter createFolder: create the folder (private to the user) when it
  ///   is missing, rather than failing.
  public static func write(_ text: String, to path: String, createFolder: Bool = false) throws {
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent().path
    var isDirectory: ObjCBool = false
    if createFolder && !FileManager.default.fileExists(atPath: folder) {
      do {
        try FileManager.default.createDirectory(
          atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
      } catch {
        throw OptError(.osError, "cannot create the folder '\(folder)': \(error.localizedDescription)")
      }
    }
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw OptError(.osError, "cannot write '\(path)': the folder '\(folder)' does not exist")
    }
    let temporary = folder + "/.\(url.lastPathComponent).\(getpid()).tmp"
    guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else {
      throw OptError(.osError, "cannot write '\(path)': permission denied or the disk is full")
    }
    if rename(temporary, url.path) != 0 {
      let reason = String(cString: strerror(errno))
      unlink(temporary)
      throw OptError(.osError, "cannot write '\(path)': \(reason)")
    }
  }
}
