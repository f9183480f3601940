import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Issue 15, item 5, from outside: the binary with its standard streams
/// closed or strange.
@Suite(.serialized) struct HostileCommandLineTests {
  typealias Outcome = CommandLineTests.Outcome

  /// Runs `sh -c SCRIPT` with `$0` the optrepl binary, so that the script
  /// can close or redirect its descriptors.
  static func shell(_ script: String) throws -> (Outcome, TimeInterval) {
    let binary = try #require(CommandLineTests.binary, "build optrepl first (swift build)")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", script, binary.path]
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    env["HOME"] = FileManager.default.temporaryDirectory.appendingPathComponent("optrepl-home-\(UUID())").path
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    let start = Date()
    try process.run()
    let (outData, outDone) = CommandLineTests.drain(out.fileHandleForReading)
    let (errData, errDone) = CommandLineTests.drain(err.fileHandleForReading)
    let finished = DispatchSemaphore(value: 0)
    Thread {
      process.waitUntilExit()
      finished.signal()
    }.start()
    if finished.wait(timeout: .now() + 30) == .timedOut {
      kill(process.processIdentifier, SIGKILL)
      Issue.record("sh -c \(script) did not finish in 30 s")
      finished.wait()
    }
    outDone.wait()
    errDone.wait()
    let outcome = Outcome(
      status: process.terminationStatus, reason: process.terminationReason,
      stdout: String(decoding: outData.data, as: UTF8.self), stderr: String(decoding: errData.data, as: UTF8.self))
    return (outcome, Date().timeIntervalSince(start))
  }

  // Item 5: closed and odd standard descriptors.

  @Test func closedStandardInputIsAnEmptyProgram() throws {
    let (o, _) = try Self.shell("exec \"$0\" <&-")
    #expect(o.reason == .exit)
    #expect(o.status == 0, "\(o.stderr)")
  }

  @Test func closedStandardInputWithCodeRunsTheCode() throws {
    let (o, _) = try Self.shell("exec \"$0\" -e 'print(6 * 7)' <&-")
    #expect(o.reason == .exit && o.status == 0)
    #expect(o.stdout == "42\n")
  }

  @Test func theREPLOnAClosedStandardInputEndsAtOnce() throws {
    let (o, took) = try Self.shell("exec \"$0\" -i -e 'x = 1' <&-")
    #expect(o.reason == .exit && o.status == 0, "\(o.stderr)")
    #expect(took < 10)
  }

  @Test func aFolderAsStandardInputIsAnError() throws {
    let (o, _) = try Self.shell("exec \"$0\" < /")
    CommandLineTests.expectFailure(o, mentioning: ["standard input", "Is a directory"])
  }

  @Test func anErrorWithStandardErrorClosedExitsWithStatus1() throws {
    let (o, _) = try Self.shell("exec \"$0\" -e 'undefined_name' 2>&-")
    #expect(o.reason == .exit)
    #expect(o.status == 1)
  }

  @Test func anErrorWithStandardErrorOnAFullDiskExitsWithStatus1() throws {
    let (o, _) = try Self.shell("exec \"$0\" -e 'print(1)\nundefined_name' 2>/dev/full")
    #expect(o.reason == .exit)
    #expect(o.status == 1)
    #expect(o.stdout == "1\n")
  }

  @Test func outputToAFullDiskIsNotACrash() throws {
    let (o, _) = try Self.shell("exec \"$0\" -e 'for i in range(100000): print(i)' >/dev/full")
    #expect(o.reason == .exit)
  }

  // plot(file="~/x.svg") writes under $HOME, names the file it wrote, says
  // when it replaced one, and refuses a folder.
  @Test func plotFileGoesUnderHOMEAndSaysWhatItDid() throws {
    let home = FileManager.default.temporaryDirectory.appendingPathComponent("optrepl-plothome-\(UUID())").path
    try FileManager.default.createDirectory(atPath: home + "/pictures.svg", withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: home) }
    let code = "plot([1, 4, 9], file=\"~/x.svg\")"
    let first = try CommandLineTests.run(["-e", code], environment: ["HOME": home])
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout.hasSuffix("saved \(home)/x.svg\n"))
    #expect(FileManager.default.fileExists(atPath: home + "/x.svg"))
    let second = try CommandLineTests.run(["-e", code], environment: ["HOME": home])
    #expect(second.stdout.hasSuffix("saved \(home)/x.svg (it replaced the file that was there)\n"))
    let folder = try CommandLineTests.run(
      ["-e", "plot([1, 4, 9], file=\"~/pictures.svg\")"], environment: ["HOME": home])
    CommandLineTests.expectFailure(folder, stdout: folder.stdout, mentioning: ["is a folder", "plot.svg"])
  }
}
