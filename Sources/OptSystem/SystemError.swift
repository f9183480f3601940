import Foundation
import OptLang

/// The system's own words for a failed file operation ("Permission denied",
/// "Is a directory"), rather than Foundation's ("The operation could not be
/// completed", "NSCocoaErrorDomain error 256"), for warnings and errors that
/// say which file and what went wrong.
public enum SystemError {
  /// The words for an `errno` value.
  public static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }

  /// The words for an error thrown by Foundation or by optrepl.
  public static func reason(_ error: Error) -> String {
    if let error = error as? OptError { return error.message }
    let nsError = error as NSError
    if nsError.domain == NSPOSIXErrorDomain { return reason(Int32(nsError.code)) }
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
      return reason(Int32(underlying.code))
    }
    switch nsError.code {
    case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return reason(ENOENT)
    case NSFileReadNoPermissionError, NSFileWriteNoPermissionError: return reason(EACCES)
    case NSFileWriteOutOfSpaceError: return reason(ENOSPC)
    case NSFileWriteVolumeReadOnlyError: return reason(EROFS)
    default: return "the system did not say why (error \(nsError.code))"
    }
  }

  /// Whether `error` says the file exists but may not be read (rather than
  /// that its contents are bad).
  public static func isPermissionDenied(_ error: Error) -> Bool {
    let nsError = error as NSError
    if nsError.domain == NSPOSIXErrorDomain { return nsError.code == Int(EACCES) || nsError.code == Int(EPERM) }
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
      return underlying.code == Int(EACCES) || underlying.code == Int(EPERM)
    }
    return nsError.code == NSFileReadNoPermissionError
  }
}
