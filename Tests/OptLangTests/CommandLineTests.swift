import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The `optrepl` command (SPEC §2), run as a learner runs it: the built
/// binary in a child process. Exit status 0 is success, 1 an error in the
/// program (message on stderr), 2 a usage error; no input ends in a signal.
///
/// The binary is found next to this test bundle in the build products
/// directory (or at $OPTREPL_BINARY); `swift build` makes it.
@Suite("CommandLine", .serialized) struct CommandLineTests {
  struct Outcome {
    let status: Int32
    let reason: Process.TerminationReason
    let stdout: String
    let stderr: String
  }

  /// Collects what a reader thread reads.
  final class Collected: @unchecked Sendable {
    var data = Data()
  }

  static var binary: URL? {
    if let path = ProcessInfo.processInfo.environment["OPTREPL_BINARY"] { return URL(fileURLWithPath: path) }
    let candidate = Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("optrepl")
    return FileManager.default.isExecutableFile(atPath: candidate.path) ? candidate : nil
  }

  /// Reads `handle` to its end on a thread of its own, so that a child
  /// writing to both pipes never blocks.
  static func drain(_ handle: FileHandle) -> (Collected, DispatchSemaphore) {
    let collected = Collected()
    let done = DispatchSemaphore(value: 0)
    Thread {
      collected.data = handle.readDataToEndOfFile()
      done.signal()
    }.start()
    return (collected, done)
  }

  /// Runs optrepl with `arguments`; standard input is `input` (a pipe) or
  /// empty; NO_COLOR is removed from the environment unless `environment` sets it.
  static func run(
    _ arguments: [String], input: Data? = nil, environment: [String: String] = [:], stderr: FileHandle? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> Outcome {
    let bundle = Bundle.module.bundleURL.path
    let binary = try #require(
      Self.binary,
      "the optrepl binary is not next to the test bundle (\(bundle)): build it (swift build) or set OPTREPL_BINARY",
      sourceLocation: sourceLocation)
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "NO_COLOR")
    env["COLUMNS"] = "80"
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = stderr ?? err
    let inPipe = Pipe()
    process.standardInput = input == nil ? FileHandle.nullDevice : inPipe
    try process.run()
    let (outData, outDone) = drain(out.fileHandleForReading)
    let (errData, errDone) = drain(err.fileHandleForReading)
    if let input {
      inPipe.fileHandleForWriting.write(input)
      try inPipe.fileHandleForWriting.close()
    }
    if stderr != nil { try err.fileHandleForWriting.close() }
    let finished = DispatchSemaphore(value: 0)
    Thread {
      process.waitUntilExit()
      finished.signal()
    }.start()
    if finished.wait(timeout: .now() + 60) == .timedOut {
      process.terminate()
      Issue.record("optrepl \(arguments) did not finish in 60 s", sourceLocation: sourceLocation)
      finished.wait()
    }
    outDone.wait()
    errDone.wait()
    return Outcome(
      status: process.terminationStatus, reason: process.terminationReason,
      stdout: String(decoding: outData.data, as: UTF8.self), stderr: String(decoding: errData.data, as: UTF8.self))
  }

  /// A temporary program file, removed after `body`.
  static func withProgram<T>(_ bytes: Data, suffix: String = ".opt", _ body: (String) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "optrepl-test-\(UUID().uuidString)\(suffix)")
    try bytes.write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url.path)
  }

  static func withProgram<T>(_ text: String, _ body: (String) throws -> T) throws -> T {
    try withProgram(Data(text.utf8), body)
  }

  /// Checks the outcome of a program that fails: exit status 1, an exit (not
  /// a signal), the message on stderr, nothing more on stdout than `stdout`.
  static func expectFailure(
    _ o: Outcome, stdout: String = "", mentioning words: [String], sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(o.reason == .exit, "ended by a signal", sourceLocation: sourceLocation)
    #expect(o.status == 1, "exit status; stderr:\n\(o.stderr)", sourceLocation: sourceLocation)
    #expect(o.stdout == stdout, sourceLocation: sourceLocation)
    for word in words {
      #expect(o.stderr.contains(word), "stderr should mention \(word):\n\(o.stderr)", sourceLocation: sourceLocation)
    }
  }

  // MARK: Flags

  @Test func versionPrintsTheVersionAndSucceeds() throws {
    let o = try Self.run(["--version"])
    #expect(o.reason == .exit)
    #expect(o.status == 0)
    #expect(o.stdout.wholeMatch(of: /(optrepl )?\d+\.\d+\.\d+\n/) != nil, "\(o.stdout.debugDescription)")
    #expect(o.stderr == "")
  }

  /// The help text, derived by hand from the declarations in
  /// Sources/optrepl/main.swift and swift-argument-parser 1.8's help layout
  /// (sections OVERVIEW, USAGE, OPTIONS, SUBCOMMANDS with the default marked;
  /// labels in a 26-column field; text wrapped at 80 columns). Update it with
  /// the command's declarations.
  static let help = """
    OVERVIEW: A teaching REPL for gradient-descent optimizers and learning-rate
    schedules.

    With no subcommand optrepl runs `run`: the interactive REPL (when standard
    input is a terminal), FILE, -e CODE, or all of standard input as one program.
    Set NO_COLOR in the environment, or pass --no-color, to turn colour off.
    Shell completion: optrepl --generate-completion-script bash (or zsh, fish).

    USAGE: optrepl <subcommand>

    OPTIONS:
      --version               Show the version.
      -h, --help              Show help information.

    SUBCOMMANDS:
      run (default)           The REPL (the default), a program FILE, -e CODE, or
                              standard input (- or a pipe).
      walk                    Print a lesson's walkthrough: prose, each code cell
                              and its live output.
      lessons                 List the lessons: name, title, what each teaches,
                              exercises done.
      exercises               List the exercises (✓ done), or print one as a
                              starter file: optrepl exercises ID > ID.opt
      check                   Grade your answer to exercise ID, kept in FILE
                              (default: ID.opt). Exit 0 on pass, 1 on fail.
      kernel                  The Jupyter kernel: run it (Jupyter does), or install
                              its kernelspec.
      notebook                Write a lesson as a Jupyter notebook (.ipynb) for the
                              optrepl kernel.

      See 'optrepl help <subcommand>' for detailed help.

    """

  @Test func helpPrintsTheFullHelpText() throws {
    for flag in ["--help", "-h"] {
      let o = try Self.run([flag])
      #expect(o.reason == .exit)
      #expect(o.status == 0)
      #expect(o.stdout == Self.help, "\(flag)")
      #expect(o.stderr == "")
    }
  }

  /// `optrepl help` is the help (not a file named help), as is `help SUBCOMMAND`.
  @Test func helpIsASubcommandAndTheHelpNamesNoMissingFile() throws {
    let o = try Self.run(["help"])
    #expect(o.status == 0)
    #expect(o.stdout == Self.help)
    #expect(!o.stdout.contains("examples/adam.opt"))
    let walk = try Self.run(["help", "walk"])
    #expect(walk.status == 0)
    #expect(walk.stdout.contains("USAGE: optrepl walk <lesson> [--all] [--no-color]"), "\(walk.stdout)")
  }

  /// A usage error of a subcommand, found by parsing or only when it runs,
  /// exits 2 and shows that subcommand's usage.
  @Test func aSubcommandsUsageErrorExitsTwoWithItsUsage() throws {
    for arguments in [["walk"], ["walk", "nosuch"], ["check", "nosuch-1", "x.opt"], ["walk", "a", "b"]] {
      let o = try Self.run(arguments)
      #expect(o.status == 2, "\(arguments)")
      #expect(o.stderr.contains("Usage: optrepl \(arguments[0])"), "\(arguments): \(o.stderr)")
    }
  }

  /// A second -e adds a line to the program instead of replacing the first.
  @Test func severalCodeOptionsRunAsOneProgram() throws {
    let o = try Self.run(["-e", "x = 6", "-e", "x * 7"])
    #expect(o.status == 0, "\(o.stderr)")
    #expect(o.stdout == "42\n")
  }

  /// `-` as the file reads the program from standard input.
  @Test func aDashReadsStandardInput() throws {
    let o = try Self.run(["-"], input: Data("print(6 * 7)\n".utf8))
    #expect(o.status == 0, "\(o.stderr)")
    #expect(o.stdout == "42\n")
  }

  /// Shell completion knows the subcommands, and asks optrepl for lesson
  /// names and exercise IDs.
  @Test func shellCompletionOffersSubcommandsLessonsAndExercises() throws {
    let script = try Self.run(["--generate-completion-script", "bash"])
    #expect(script.status == 0)
    for word in ["walk", "lessons", "exercises", "check", "run"] {
      #expect(script.stdout.contains(word), "\(word)")
    }
    #expect(script.stdout.contains("---completion walk -- positional@0"))
    let lessons = try Self.run(["---completion", "walk", "--", "positional@0", "2", "3", "optrepl", "walk", "ada"])
    #expect(lessons.stdout.split(separator: "\n").sorted() == ["adadelta", "adagrad"], "\(lessons.stdout)")
    let exercises = try Self.run(["---completion", "check", "--", "positional@0", "2", "4", "optrepl", "check", "adag"])
    #expect(exercises.stdout.split(separator: "\n").sorted() == ["adagrad-1", "adagrad-2"], "\(exercises.stdout)")
  }

  @Test func anUnknownFlagIsAUsageError() throws {
    let o = try Self.run(["--frobnicate"])
    #expect(o.reason == .exit)
    #expect(o.status == 2)
    #expect(o.stderr.contains("--frobnicate"), "\(o.stderr)")
    #expect(o.stdout == "")
  }

  @Test func aFileAndCodeTogetherAreAUsageError() throws {
    try Self.withProgram("print(1)\n") { path in
      let o = try Self.run([path, "-e", "2"])
      #expect(o.reason == .exit)
      #expect(o.status == 2)
      #expect(o.stdout == "")
      #expect(!o.stderr.isEmpty)
    }
  }

  // MARK: -e CODE

  @Test func codeWithAFinalExpressionPrintsItsValue() throws {
    let cases: [(String, String)] = [
      ("2**10", "1024\n"),
      ("x = 6\nx * 7", "42\n"),
      ("a = 2; a ** 3", "8\n"),
      ("'a' + 'b'", "'ab'\n"),
      ("[1.0, 0.5]", "[1, 0.5]\n"),
      ("1 / 3", "0.3333333333333333\n"),
    ]
    for (code, expected) in cases {
      let o = try Self.run(["-e", code])
      #expect(o.reason == .exit)
      #expect(o.status == 0, "\(code): \(o.stderr)")
      #expect(o.stdout == expected, "\(code)")
      #expect(o.stderr == "")
    }
  }

  @Test func codeEndingInAStatementPrintsNothingMore() throws {
    let cases: [(String, String)] = [
      ("x = 5", ""),
      ("print('hi')", "hi\n"),
      ("None", ""),
      ("for i in range(2):\n    print(i)", "0\n1\n"),
      ("def f():\n    return 1", ""),
    ]
    for (code, expected) in cases {
      let o = try Self.run(["-e", code])
      #expect(o.reason == .exit)
      #expect(o.status == 0, "\(code): \(o.stderr)")
      #expect(o.stdout == expected, "\(code)")
    }
  }

  @Test func codeWithAnErrorFails() throws {
    Self.expectFailure(try Self.run(["-e", "1 +"]), mentioning: ["SyntaxError", "<-e>"])
    Self.expectFailure(
      try Self.run(["-e", "print(1)\nprint(nope)"]), stdout: "1\n", mentioning: ["NameError", "nope"])
  }

  // MARK: FILE

  @Test func aFileRunsAndSucceeds() throws {
    try Self.withProgram("print(1 + 1)\nfor i in range(2):\n    print(i)\nx = 5\nx\n") { path in
      let o = try Self.run([path])
      #expect(o.reason == .exit)
      #expect(o.status == 0, "\(o.stderr)")
      #expect(o.stdout == "2\n0\n1\n")
      #expect(o.stderr == "")
    }
  }

  @Test func aSyntaxErrorRunsNothing() throws {
    try Self.withProgram("print('before')\nif x > 1\n    print(x)\n") { path in
      Self.expectFailure(try Self.run([path]), mentioning: ["SyntaxError", "\(path):2:9:", "if x > 1", "^"])
    }
  }

  @Test func aRuntimeErrorComesAfterTheOutputBeforeIt() throws {
    try Self.withProgram("print('before')\nprint(undefined_name)\nprint('after')\n") { path in
      let o = try Self.run([path])
      Self.expectFailure(o, stdout: "before\n", mentioning: ["NameError", "undefined_name", "\(path):2:7:"])
      #expect(!o.stderr.contains("after"))
    }
  }

  @Test func runawayRecursionIsAnErrorNotACrash() throws {
    try Self.withProgram("def down(n):\n    return down(n + 1)\ndown(0)\n") { path in
      Self.expectFailure(try Self.run([path]), mentioning: ["RecursionError"])
    }
  }

  // MARK: Standard input

  @Test func aProgramOnStandardInputRuns() throws {
    let o = try Self.run([], input: Data("print(6 * 7)\nfor c in 'ab':\n    print(c)\n".utf8))
    #expect(o.reason == .exit)
    #expect(o.status == 0, "\(o.stderr)")
    #expect(o.stdout == "42\na\nb\n")
    #expect(o.stderr == "")
  }

  @Test func anErrorOnStandardInputFails() throws {
    Self.expectFailure(try Self.run([], input: Data("x = (\n".utf8)), mentioning: ["SyntaxError", "<stdin>"])
  }

  // MARK: Files that cannot be run

  @Test func aMissingFile() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-\(UUID().uuidString).opt").path
    Self.expectFailure(try Self.run([path]), mentioning: [path])
  }

  @Test func aDirectory() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("optrepl-dir-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    Self.expectFailure(try Self.run([dir.path]), mentioning: [dir.path, "directory"])
  }

  @Test func invalidUTF8() throws {
    try Self.withProgram(Data("print(1)\nx = '".utf8) + Data([0xFF, 0xFE]) + Data("'\n".utf8)) { path in
      Self.expectFailure(try Self.run([path]), mentioning: ["UTF-8"])
    }
  }

  @Test func aNulByte() throws {
    try Self.withProgram(Data("print(1)\nx = 1\u{0}\n".utf8)) { path in
      Self.expectFailure(try Self.run([path]), mentioning: ["SyntaxError", "NUL"])
    }
  }

  @Test func crlfLineEndingsWorkLikeLF() throws {
    let lf = """
      x = 1
      if x > 0:
          print('yes')
      for i in range(2):
          print(i, 'a b')
      s = '''two
      lines'''
      t = 'con\\
      tinued'
      print(repr(s), repr(t))

      """
    let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
    try Self.withProgram(lf) { lfPath in
      try Self.withProgram(crlf) { crlfPath in
        let a = try Self.run([lfPath])
        let b = try Self.run([crlfPath])
        #expect(a.status == 0 && b.status == 0, "\(a.stderr)\(b.stderr)")
        #expect(a.stdout == "yes\n0 a b\n1 a b\n'two\\nlines' 'continued'\n")
        // Regression test (a bug found and fixed): CPython reads a CRLF file with universal
        // newlines, so it prints the same as the LF file. See LexerTests.crlfInsideStrings.
        #expect(b.stdout == a.stdout)
        #expect(b.reason == .exit)
      }
    }
  }

  @Test func mixedTabsAndSpacesInIndentation() throws {
    try Self.withProgram("if True:\n        x = 1\n\ty = 2\n") { path in
      Self.expectFailure(
        try Self.run([path]), mentioning: ["SyntaxError", "inconsistent use of tabs and spaces", "\(path):3:"])
    }
  }

  // MARK: Colour

  /// A C library function looked up at run time (the pseudo-terminal
  /// functions are not in every platform's Swift overlay).
  static func cFunction<T>(_ name: String, as type: T.Type) -> T? {
    guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, name) else { return nil }
    return unsafeBitCast(symbol, to: type)
  }

  /// Opens a pseudo-terminal: the child writes to `terminal`, we read `reader`.
  static func pseudoTerminal() throws -> (terminal: FileHandle, reader: FileHandle) {
    typealias IntFunction = @convention(c) (Int32) -> Int32
    typealias NameFunction = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?
    let openpt = try #require(cFunction("posix_openpt", as: IntFunction.self))
    let grant = try #require(cFunction("grantpt", as: IntFunction.self))
    let unlock = try #require(cFunction("unlockpt", as: IntFunction.self))
    let ptsname = try #require(cFunction("ptsname", as: NameFunction.self))
    let master = openpt(O_RDWR | O_NOCTTY)
    try #require(master >= 0, "posix_openpt failed")
    try #require(grant(master) == 0 && unlock(master) == 0, "grantpt/unlockpt failed")
    let name = try #require(ptsname(master), "ptsname failed")
    let slave = open(name, O_RDWR | O_NOCTTY)
    try #require(slave >= 0, "cannot open the terminal side")
    return (
      FileHandle(fileDescriptor: slave, closeOnDealloc: true), FileHandle(fileDescriptor: master, closeOnDealloc: true)
    )
  }

  /// What the program writes to standard error when that is a terminal.
  static func stderrOnATerminal(_ arguments: [String], environment: [String: String] = [:]) throws -> (Outcome, String)
  {
    let (terminal, reader) = try pseudoTerminal()
    let collected = Collected()
    let done = DispatchSemaphore(value: 0)
    let fd = reader.fileDescriptor
    Thread {
      var buffer = [UInt8](repeating: 0, count: 4096)
      while true {
        let n = read(fd, &buffer, buffer.count)
        if n <= 0 { break }  // EIO once the child and we have closed the terminal side
        collected.data.append(contentsOf: buffer[0..<n])
      }
      done.signal()
    }.start()
    let o = try run(arguments, environment: environment, stderr: terminal)
    try terminal.close()
    if done.wait(timeout: .now() + 10) == .timedOut { Issue.record("the terminal was never closed") }
    return (o, String(decoding: collected.data, as: UTF8.self))
  }

  @Test func errorsAreColouredOnATerminalUnlessColourIsOff() throws {
    try Self.withProgram("print(undefined_name)\n") { path in
      let (plain, coloured) = try Self.stderrOnATerminal([path])
      #expect(plain.status == 1)
      #expect(coloured.contains("NameError"))
      // The check below means something only if colour is on by default on a terminal.
      #expect(coloured.contains("\u{1B}["), "no colour on a terminal: \(coloured.debugDescription)")
      for (arguments, environment) in [([path], ["NO_COLOR": "1"]), (["--no-color", path], [:])] {
        let (o, text) = try Self.stderrOnATerminal(arguments, environment: environment)
        #expect(o.status == 1)
        #expect(o.reason == .exit)
        #expect(text.contains("NameError"), "\(arguments) \(environment)")
        #expect(!text.contains("\u{1B}"), "escape codes with \(arguments) \(environment): \(text.debugDescription)")
      }
    }
  }

  @Test func noEscapeCodesWhenStandardErrorIsAPipe() throws {
    try Self.withProgram("print(undefined_name)\n") { path in
      for (arguments, environment) in [
        ([path], [String: String]()), ([path], ["NO_COLOR": "1"]), (["--no-color", path], [:]),
      ] {
        let o = try Self.run(arguments, environment: environment)
        #expect(o.status == 1)
        #expect(o.stderr.contains("NameError"))
        #expect(!o.stderr.contains("\u{1B}"))
      }
    }
  }
}
