import Foundation
import Glibc
import Testing

@testable import OptREPL

/// How the line editor reads the terminal: through a descriptor of its own
/// whose reads never block.
struct TerminalInputTests {
  /// A pseudo-terminal set a character at a time, as libedit has it while a
  /// line is edited, and the editor's own descriptor for its slave end.
  static func editingTerminal() throws -> (master: Int32, slave: Int32, input: Int32) {
    let (master, slave) = try Terminal.openPair()
    var modes = termios()
    let input = LineEditor.openNonBlocking(slave)
    guard input >= 0, tcgetattr(slave, &modes) == 0 else {
      for descriptor in [master, slave, input] { close(descriptor) }
      throw Terminal.Failure(description: "cannot open the pseudo-terminal again: errno \(errno)")
    }
    modes.c_lflag &= ~tcflag_t(ICANON | ECHO)
    _ = tcsetattr(slave, TCSANOW, &modes)
    return (master, slave, input)
  }

  /// Ctrl-C makes the terminal throw away what was typed and not yet read, so
  /// a byte that `poll` reported can be gone when it is read. The editor's
  /// descriptor then says so (EAGAIN, after which `readByte` waits again)
  /// instead of waiting for a line that never comes; standard input's own
  /// flags, which the shell shares, are left alone.
  @Test func aByteTheTerminalThrewAwayDoesNotBlockTheRead() throws {
    let (master, slave, input) = try Self.editingTerminal()
    defer { for descriptor in [master, slave, input] { close(descriptor) } }
    #expect(fcntl(slave, F_GETFL) & O_NONBLOCK == 0)
    // Without the flag the read below would hang the test rather than fail it.
    try #require(fcntl(input, F_GETFL) & O_NONBLOCK != 0)

    var byte: UInt8 = 0x34
    #expect(write(master, &byte, 1) == 1)
    var fds = [pollfd(fd: input, events: Int16(POLLIN), revents: 0)]
    #expect(poll(&fds, 1, 5000) == 1)
    // What the terminal does with the unread input when Ctrl-C is typed.
    #expect(tcflush(slave, TCIFLUSH) == 0)
    let n = read(input, &byte, 1)
    let error = errno
    #expect(n == -1)
    #expect(error == EAGAIN)
  }

  /// `readByte` gives what was typed, ends its wait at a Ctrl-C (the pipe's
  /// byte, which it takes out), and ends at its time limit when nothing comes.
  @Test func readByteGivesTheByteOrTheCtrlCOrTheEnd() throws {
    let (master, slave, input) = try Self.editingTerminal()
    defer { for descriptor in [master, slave, input] { close(descriptor) } }
    var ends: [Int32] = [-1, -1]
    try #require(pipe(&ends) == 0)
    defer {
      close(ends[0])
      close(ends[1])
    }

    var byte: UInt8 = 0x41
    #expect(write(master, &byte, 1) == 1)
    #expect(LineEditor.readByte(from: input, interruptPipe: ends[0], timeout: 5000) == .byte(0x41))
    byte = 3
    #expect(write(ends[1], &byte, 1) == 1)
    #expect(LineEditor.readByte(from: input, interruptPipe: ends[0], timeout: 5000) == .interrupted)
    // The Ctrl-C was taken out of the pipe: the next wait runs to its limit.
    let start = Date()
    #expect(LineEditor.readByte(from: input, interruptPipe: ends[0], timeout: 100) == .end)
    #expect(Date().timeIntervalSince(start) >= 0.09)
  }

  @Test func onlyATerminalIsOpenedAgain() throws {
    var ends: [Int32] = [-1, -1]
    try #require(pipe(&ends) == 0)
    defer {
      close(ends[0])
      close(ends[1])
    }
    #expect(LineEditor.openNonBlocking(ends[0]) == -1)
  }
}
