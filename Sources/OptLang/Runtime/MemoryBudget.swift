#if canImport(Glibc)
  import Glibc
#endif

/// The memory a program may fill: one budget for all its live values, so that
/// `[zeros(40000000) for i in range(20)]` ends in a MemoryError rather than in
/// the system killing the process. `Runtime.checkLength` asks it before every
/// collection is made or grown; it compares the process's resident memory (as
/// the kernel reports it in /proc/self/statm) plus the new collection with
/// `limit`. Reading the resident size costs a system call, so it is read for a
/// request of a megabyte or more, and otherwise once every 32 MB of requests.
public enum MemoryBudget {
  /// The resident bytes a session may reach: 1.5 GB, so that with the copies
  /// an operation makes on the way the process stays under 2 GB.
  nonisolated(unsafe) public static var limit = 1_536 << 20
  /// Bytes requested since the resident size was last read.
  nonisolated(unsafe) private static var requestedSinceReading = 0
  private static let readEvery = 32 << 20

  /// Throws a MemoryError if `bytes` more would take the process past `limit`.
  static func reserve(_ bytes: Int, for what: String) throws {
    requestedSinceReading &+= bytes
    guard bytes >= 1 << 20 || requestedSinceReading >= readEvery else { return }
    requestedSinceReading = 0
    guard let resident = residentBytes() else { return }
    if resident > limit - min(bytes, limit) {
      throw OptError(
        .memoryError,
        "\(what) would take \(megabytes(bytes)) MB more, but the program's values already fill \(megabytes(resident)) MB of the \(megabytes(limit)) MB optrepl allows",
        hint: "let go of what you no longer need (x = None), or work in smaller pieces")
    }
  }

  /// Runs `body`, which makes only small collections (optrepl's own
  /// definitions: the prelude, loaded at its first use), with the count of
  /// requested bytes started afresh. The resident size is then not read, so no
  /// MemoryError can come, before 32 MB more are requested: the prelude cannot
  /// fail because the program has filled memory by the time it loads. (The
  /// limit itself stays: other interpreters in the process keep their budget.)
  static func withFreshCount<T>(_ body: () throws -> T) rethrows -> T {
    requestedSinceReading = 0
    return try body()
  }

  private static func megabytes(_ bytes: Int) -> Int { (bytes + (1 << 20) - 1) >> 20 }

  /// The process's resident memory in bytes, or nil where it cannot be read.
  public static func residentBytes() -> Int? {
    #if os(Linux)
      let fd = open("/proc/self/statm", O_RDONLY)
      guard fd >= 0 else { return nil }
      defer { close(fd) }
      var buffer = [UInt8](repeating: 0, count: 128)
      let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      guard n > 0 else { return nil }
      // "size resident shared ...", in pages.
      let fields = String(decoding: buffer[..<n], as: UTF8.self).split(separator: " ")
      guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
      return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    #else
      return nil
    #endif
  }
}
