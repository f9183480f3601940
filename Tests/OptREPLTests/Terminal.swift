import Foundation
import Glibc

/// The real `optrepl` binary running in a pseudo-terminal: the tests type into
/// it and read what it writes. Every wait has a deadline, so a REPL that hangs
/// fails the test instead of hanging it.
final class Terminal {
  struct Failure: Error, CustomStringConvertible {
    let description: String
  }

  let pid: pid_t
  private let master: Int32
  /// Everything the program wrote, raw.
  private(set) var output: [UInt8] = []
  /// How far `expect` has consumed the cleaned output, in Unicode scalars.
  private var mark = 0
  private(set) var exitStatus: Int32?

  /// Starts the binary (or `executable`, a shell that starts it, say) in a
  /// new session whose controlling terminal is a fresh 80×24 pseudo-terminal,
  /// with exactly `environment`.
  init(executable: String? = nil, arguments: [String] = [], environment: [String: String]) throws {
    let binary = try executable ?? Self.binaryPath()
    let (master, slave) = try Self.openPair()
    defer { close(slave) }
    // ttyname_r: tests run in parallel, and ttyname's answer is in a buffer they would share.
    var nameBuffer = [CChar](repeating: 0, count: Int(PATH_MAX))
    guard ttyname_r(slave, &nameBuffer, nameBuffer.count) == 0 else {
      close(master)
      throw Failure(description: "ttyname_r failed: errno \(errno)")
    }
    let slaveName = String(cString: nameBuffer)
    self.master = master
    _ = fcntl(master, F_SETFD, FD_CLOEXEC)

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    // The child is a session leader (POSIX_SPAWN_SETSID), so opening the
    // terminal makes it the controlling one: Ctrl-C typed there becomes SIGINT.
    posix_spawn_file_actions_addopen(&actions, 0, slaveName, O_RDWR, 0)
    posix_spawn_file_actions_adddup2(&actions, 0, 1)
    posix_spawn_file_actions_adddup2(&actions, 0, 2)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    let setsid: Int16 = 0x80  // POSIX_SPAWN_SETSID (glibc), not exported to Swift
    posix_spawnattr_setflags(&attributes, setsid | Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
    var defaults = sigset_t()
    sigfillset(&defaults)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    var mask = sigset_t()
    sigemptyset(&mask)
    posix_spawnattr_setsigmask(&attributes, &mask)

    let argv: [UnsafeMutablePointer<CChar>?] = ([binary] + arguments).map { strdup($0) } + [nil]
    let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for p in argv { free(p) }
      for p in envp { free(p) }
    }
    var pid: pid_t = 0
    let result = posix_spawn(&pid, binary, &actions, &attributes, argv, envp)
    guard result == 0 else {
      close(master)
      throw Failure(description: "cannot start \(binary): error \(result)")
    }
    self.pid = pid
  }

  deinit {
    if exitStatus == nil {
      kill(pid, SIGKILL)
      var status: Int32 = 0
      waitpid(pid, &status, 0)
    }
    close(master)
  }

  /// The `optrepl` executable built next to this test bundle (or named by
  /// `$OPTREPL_BINARY`).
  static func binaryPath() throws -> String {
    if let path = ProcessInfo.processInfo.environment["OPTREPL_BINARY"] { return path }
    var candidates: [String] = []
    if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
      var directory = URL(fileURLWithPath: exe).deletingLastPathComponent()
      // The test runner is `<build>/debug/optreplPackageTests.xctest`; on some
      // layouts it sits one level deeper, inside a bundle directory.
      for _ in 0..<3 {
        candidates.append(directory.appendingPathComponent("optrepl").path)
        directory = directory.deletingLastPathComponent()
      }
    }
    for path in candidates {
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
        FileManager.default.isExecutableFile(atPath: path)
      {
        return path
      }
    }
    throw Failure(
      description: """
        the optrepl executable was not found (looked at \(candidates.joined(separator: ", "))). \
        Build it first (swift build), or set OPTREPL_BINARY to its path.
        """)
  }

  /// A fresh 80×24 pseudo-terminal: the master end (what a terminal window
  /// holds) and the slave end (what a program reads and writes). `openpty` is
  /// looked up at run time: Glibc's module does not export it to Swift.
  static func openPair() throws -> (master: Int32, slave: Int32) {
    typealias OpenPTY =
      @convention(c) (
        UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<CChar>?,
        UnsafeRawPointer?, UnsafeRawPointer?
      ) -> Int32
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "openpty") else {
      throw Failure(description: "openpty is not available")
    }
    let openpty = unsafeBitCast(symbol, to: OpenPTY.self)
    var master: Int32 = -1
    var slave: Int32 = -1
    var size = winsize(ws_row: 24, ws_col: 80, ws_xpixel: 0, ws_ypixel: 0)
    guard openpty(&master, &slave, nil, nil, &size) == 0 else {
      throw Failure(description: "openpty failed: errno \(errno)")
    }
    return (master, slave)
  }

  /// Types `text` (control characters and escape sequences included).
  func type(_ text: String) {
    var bytes = Array(text.utf8)
    while !bytes.isEmpty {
      let n = write(master, &bytes, bytes.count)
      if n <= 0 { return }
      bytes.removeFirst(n)
    }
  }

  /// Reads what is there, waiting at most `seconds` for something to come.
  /// Returns false once the program has closed the terminal.
  @discardableResult
  private func pump(_ seconds: Double) -> Bool {
    var fds = [pollfd(fd: master, events: Int16(POLLIN), revents: 0)]
    guard poll(&fds, 1, Int32(max(0, seconds) * 1000)) > 0 else { return true }
    var buffer = [UInt8](repeating: 0, count: 4096)
    let n = read(master, &buffer, buffer.count)
    if n <= 0 { return false }
    output += buffer[0..<n]
    return true
  }

  /// The output from `start` on as text, with escape sequences, bells and
  /// carriage returns taken out.
  func text(from start: Int = 0) -> String {
    Self.clean(String(decoding: output[min(start, output.count)...], as: UTF8.self))
  }

  static func clean(_ raw: String) -> String {
    var out = ""
    var scalars = raw.unicodeScalars.makeIterator()
    while let c = scalars.next() {
      switch c {
      case "\u{1B}":
        guard let next = scalars.next() else { break }
        if next == "[" {
          while let d = scalars.next(), !(0x40...0x7E).contains(d.value) {}
        } else if next == "O" {
          _ = scalars.next()
        }
      case "\r", "\u{07}":
        continue
      default:
        out.unicodeScalars.append(c)
      }
    }
    return out
  }

  /// Waits until the output (after what earlier calls consumed) contains
  /// `expected`, and consumes it. Throws, with the output so far, if it does
  /// not come within `timeout` seconds.
  func expect(_ expected: String, timeout: Double = 10) throws {
    let deadline = Date().addingTimeInterval(timeout)
    while true {
      let screen = Array(text().unicodeScalars)
      let rest = String(String.UnicodeScalarView(screen[min(mark, screen.count)...]))
      if let range = rest.range(of: expected) {
        mark += rest[..<range.upperBound].unicodeScalars.count
        return
      }
      if Date() >= deadline {
        throw Failure(
          description:
            "timed out after \(timeout) s waiting for \(expected.debugDescription); the screen had:\n\(text())")
      }
      if !pump(min(0.05, max(0, deadline.timeIntervalSinceNow))) {
        if text().unicodeScalars.count > screen.count { continue }
        throw Failure(
          description:
            "optrepl closed the terminal while \(expected.debugDescription) was awaited; the screen had:\n\(text())")
      }
    }
  }

  /// Waits for `prompt`, then until the line editor has the terminal in its
  /// editing mode. (libedit prints the prompt before it switches the terminal
  /// out of line mode; a key typed in between is read by the terminal's line
  /// discipline — a Ctrl-D there would be lost — as it would be from a person
  /// typing ahead.) On Linux, a pseudo-terminal's master reports the slave's modes.
  func expectPrompt(_ prompt: String = ">>> ", timeout: Double = 10) throws {
    try expect(prompt, timeout: timeout)
    let deadline = Date().addingTimeInterval(timeout)
    var modes = termios()
    while Date() < deadline {
      if tcgetattr(master, &modes) == 0 && modes.c_lflag & tcflag_t(ICANON) == 0 { return }
      pump(0.01)
    }
    throw Failure(
      description: "the terminal never left line mode after \(prompt.debugDescription); the screen had:\n\(text())")
  }

  /// Waits for a line that is exactly `line` (after cleaning).
  func expectLine(_ line: String, timeout: Double = 10) throws {
    try expect("\n" + line + "\n", timeout: timeout)
    mark -= 1  // leave the newline, so that the next line can be matched too
  }

  /// Everything after what `expect` has consumed, cleaned.
  var unconsumed: String {
    String(String.UnicodeScalarView(text().unicodeScalars.dropFirst(mark)))
  }

  /// Waits for the program to exit; returns its exit status, or nil on timeout.
  func waitForExit(timeout: Double = 10) -> Int32? {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      var status: Int32 = 0
      let r = waitpid(pid, &status, WNOHANG)
      if r == pid {
        // WIFEXITED / WEXITSTATUS, which Swift does not import.
        let code: Int32 = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        exitStatus = code
        pump(0)
        return code
      }
      pump(0.05)
    }
    return nil
  }
}
