import Foundation
import OptLang

/// Writes a file atomically: the text goes to a temporary file in the same
/// folder, which is then renamed over the target, so a reader (or a crash
/// half-way) never sees half a file. Used for SVG pictures, the REPL history
/// and the exercise progress. Errors say, in plain words, which file and what
/// went wrong (the system's words: "Permission denied", "No space left on device").
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
        throw OptError(.osError, "cannot create the folder '\(folder)': \(SystemError.reason(error))")
      }
    }
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw OptError(.osError, "cannot write '\(path)': the folder '\(folder)' does not exist")
    }
    // A name of its own (mkstemp), so that two writers never share one.
    var template = Array((folder + "/." + url.lastPathComponent + ".XXXXXX" + temporarySuffix).utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, Int32(temporarySuffix.utf8.count)) }
    guard fd >= 0 else { throw OptError(.osError, "cannot write '\(path)': \(SystemError.reason(errno))") }
    let temporary = String(cString: template)
    var failure = writeAll(Array(text.utf8), to: fd)
    if failure == nil && fsync(fd) != 0 { failure = errno }
    // The file's permissions as a new file's would be (mkstemp makes it 0600).
    let mask = umask(0)
    umask(mask)
    fchmod(fd, 0o666 & ~mask)
    close(fd)
    if failure == nil && rename(temporary, url.path) != 0 { failure = errno }
    if let failure {
      unlink(temporary)
      throw OptError(.osError, "cannot write '\(path)': \(SystemError.reason(failure))")
    }
  }

  /// What temporary files end with: `.NAME.XXXXXX.tmp`.
  static let temporarySuffix = ".tmp"

  /// Removes the temporary files a killed writer of `path` left behind. Only
  /// safe while holding the file's `FileLock`, when no other writer is half-way.
  public static func removeLeftovers(of path: String) {
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent().path
    let prefix = "." + url.lastPathComponent + "."
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
    for name in names where name.hasPrefix(prefix) && name.hasSuffix(temporarySuffix) {
      unlink(folder + "/" + name)
    }
  }

  /// Moves a file that cannot be used out of the way, to the first free name
  /// `PATH.bad`, `PATH.bad.1`, ... (never over an older one); the new name,
  /// or nil if it could not be moved.
  public static func setAside(_ path: String) -> String? {
    for k in 0..<1000 {
      let aside = path + ".bad" + (k == 0 ? "" : ".\(k)")
      // link + unlink, not rename: rename would replace a file of that name.
      if link(path, aside) == 0 {
        unlink(path)
        return aside
      }
      if errno != EEXIST { return nil }
    }
    return nil
  }

  /// Writes all of `bytes`; the errno of a failure, or nil.
  private static func writeAll(_ bytes: [UInt8], to fd: Int32) -> Int32? {
    var done = 0
    while done < bytes.count {
      let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + done, bytes.count - done) }
      if n > 0 {
        done += n
      } else if n < 0 && errno == EINTR {
        continue
      } else {
        return n < 0 ? errno : ENOSPC
      }
    }
    return nil
  }
}
