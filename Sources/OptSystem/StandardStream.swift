#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Standard output or standard error, written with `write(2)` directly.
/// `FileHandle.write` traps on any error (a closed descriptor, `/dev/full`,
/// a reader that went away); here an error only loses the text, since there
/// is nowhere left to report it.
public enum StandardStream: Int32, Sendable {
  case output = 1
  case error = 2

  /// Writes all of `text`, retrying after a signal or a partial write;
  /// false if the text could not all be written.
  @discardableResult
  public func write(_ text: String) -> Bool {
    var text = text
    return text.withUTF8 { bytes in
      var done = 0
      while done < bytes.count {
        #if canImport(Glibc)
          let n = Glibc.write(rawValue, bytes.baseAddress! + done, bytes.count - done)
        #else
          let n = Darwin.write(rawValue, bytes.baseAddress! + done, bytes.count - done)
        #endif
        if n > 0 {
          done += n
        } else if n < 0 && errno == EINTR {
          continue
        } else {
          return false
        }
      }
      return true
    }
  }
}
