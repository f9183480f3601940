#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The process's standard descriptors at start-up. A program started with
/// one of them closed (`optrepl <&-`, `2>&-`) would otherwise find the next
/// file it opens on that number (the history file as its standard input), so
/// each closed one is opened on /dev/null first, as `sh` and the C runtime
/// of several systems do.
public enum StandardStreams {
  /// Opens /dev/null on each of descriptors 0, 1 and 2 that is closed.
  public static func reopenClosed() {
    for fd: Int32 in 0...2 where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
      // open() returns the lowest free descriptor: this one.
      let opened = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY)
      if opened >= 0 && opened != fd {
        dup2(opened, fd)
        close(opened)
      }
    }
  }
}
