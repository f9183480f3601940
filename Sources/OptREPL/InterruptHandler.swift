import Foundation
import Glibc
import OptLang

/// Ctrl-C while the REPL runs.
///
/// One SIGINT handler serves both states of the session:
/// - while a program runs, it sets `Interrupt.requested`, which the interpreter
///   checks in every loop and call and turns into a `KeyboardInterrupt` error;
/// - while a line is being read, it also writes a byte into a self-pipe. The
///   line editor's character reader waits on the terminal *and* that pipe, so
///   the read ends at once, whichever thread the kernel delivered the signal
///   to, and the editor abandons the line.
///
/// The handler only stores to two variables and calls `write(2)`, both safe in
/// a signal handler.
enum InterruptHandler {
  /// The pipe's ends: the handler writes to `[1]`, the line editor polls `[0]`.
  nonisolated(unsafe) static var pipe: (read: Int32, write: Int32) = (-1, -1)
  nonisolated(unsafe) private static var previous = sigaction()
  nonisolated(unsafe) private static var installed = false

  /// Installs the handler (without `SA_RESTART`, so blocking calls return
  /// `EINTR`). Idempotent.
  static func install() {
    guard !installed else { return }
    installed = true
    if pipe.read < 0 {
      var fds: [Int32] = [-1, -1]
      if Glibc.pipe(&fds) == 0 {
        for fd in fds {
          _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
          _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        pipe = (fds[0], fds[1])
      }
    }
    var action = sigaction()
    action.__sigaction_handler.sa_handler = { _ in InterruptHandler.signalled() }
    sigemptyset(&action.sa_mask)
    action.sa_flags = 0
    sigaction(SIGINT, &action, &previous)
  }

  /// What a handler does: stop the running program, end the wait for a key.
  private static func signalled() {
    Interrupt.requested = true
    let fd = pipe.write
    if fd >= 0 {
      var byte: UInt8 = 3
      _ = Glibc.write(fd, &byte, 1)
    }
  }

  /// Puts back the handler that was there before `install()`.
  static func uninstall() {
    guard installed else { return }
    installed = false
    sigaction(SIGINT, &previous, nil)
  }

  /// The signal that asked the REPL to leave (SIGTERM, SIGHUP, Ctrl-\'s
  /// SIGQUIT), or 0.
  nonisolated(unsafe) static var quitSignal: Int32 = 0

  /// The REPL's exit status: 0, or 128 + the signal that ended it, as a shell reports it.
  static var exitStatus: Int32 { quitSignal == 0 ? 0 : 128 + quitSignal }

  /// Makes SIGTERM, SIGHUP and SIGQUIT end the REPL quietly: a running
  /// program stops as at Ctrl-C, a line being read ends as at Ctrl-D, and the
  /// session leaves (saving its history) with `exitStatus`. Without this,
  /// SIGQUIT prints a crash report, and while a line is read libedit's own
  /// handler passes the signal on with `kill(0, sig)`, to the whole process
  /// group, killing the shell script that started optrepl. libedit installs
  /// its handlers each time it starts reading a line, so the line editor
  /// calls this again once it has.
  static func claimQuitSignals() {
    var action = sigaction()
    action.__sigaction_handler.sa_handler = { signal in
      InterruptHandler.quitSignal = signal
      InterruptHandler.signalled()
    }
    sigemptyset(&action.sa_mask)
    action.sa_flags = 0
    for signal in [SIGTERM, SIGHUP, SIGQUIT] { sigaction(signal, &action, nil) }
  }

  /// Empties the pipe; returns whether a Ctrl-C was waiting in it.
  @discardableResult
  static func drain() -> Bool {
    guard pipe.read >= 0 else { return false }
    var any = false
    var buffer = [UInt8](repeating: 0, count: 64)
    while Glibc.read(pipe.read, &buffer, buffer.count) > 0 { any = true }
    return any
  }

  /// Forgets a Ctrl-C that arrived when nothing was listening (say, between
  /// reading a line and running it), so that it cannot stop the next program.
  static func clear() {
    drain()
    Interrupt.requested = false
  }
}
