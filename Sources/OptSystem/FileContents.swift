import Foundation
import OptLang

/// Reads a whole file with the system's calls, so that a failure comes with
/// the system's reason ("Is a directory", "Permission denied") rather than
/// Foundation's "NSCocoaErrorDomain error 256".
public enum FileContents {
  /// The file's bytes; throws an OptError naming the file and the reason.
  public static func read(_ path: String) throws -> Data {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw OptError(.osError, "cannot read '\(path)': \(SystemError.reason(errno))") }
    defer { close(fd) }
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = buffer.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
      if n > 0 {
        data.append(contentsOf: buffer[..<n])
      } else if n == 0 {
        return data
      } else if errno != EINTR {
        throw OptError(.osError, "cannot read '\(path)': \(SystemError.reason(errno))")
      }
    }
  }
}
