import Foundation
import OptLang
import OptSystem

/// Runs programs given on the command line — a file, `-e CODE`, or all of
/// standard input — and turns the outcome into an exit status: 0 for success,
/// 1 for a syntax or runtime error (printed to standard error with its place
/// and a caret), 1 for a file that cannot be read.
public struct ScriptRunner {
  public let interpreter: Interpreter
  /// Colour error messages.
  public let color: Bool

  public init(interpreter: Interpreter, color: Bool) {
    self.interpreter = interpreter
    self.color = color
  }

  /// Runs the program in the file at `path`.
  public func runFile(_ path: String) -> Int32 {
    do {
      let source = try ScriptRunner.readSource(path)
      return run { try interpreter.run(source) }
    } catch {
      report(error)
      return 1
    }
  }

  /// Runs `code`, named `name` in error messages.
  public func runCode(_ code: String, name: String, echo: EchoMode = .none) -> Int32 {
    run { try interpreter.run(code, name: name, echo: echo) }
  }

  /// Runs all of standard input as one program.
  public func runStandardInput() -> Int32 {
    do {
      let data: Data
      do {
        data = try FileHandle.standardInput.readToEnd() ?? Data()
      } catch {
        throw OptError(.osError, "cannot read the program from standard input: \(SystemError.reason(error))")
      }
      let source = try ScriptRunner.decode(data, name: "<stdin>")
      return run { try interpreter.run(source) }
    } catch {
      report(error)
      return 1
    }
  }

  private func run(_ body: @escaping () throws -> Void) -> Int32 {
    InterruptHandler.install()
    defer { InterruptHandler.uninstall() }
    do {
      try Interpreter.onLargeStack(body)
      fflush(nil)
      return 0
    } catch {
      report(error)
      return 1
    }
  }

  /// Runs `body` with Ctrl-C turned into a KeyboardInterrupt of the running
  /// program (as for a script), for the lesson and exercise subcommands.
  public static func withInterrupts<T>(_ body: () throws -> T) rethrows -> T {
    InterruptHandler.install()
    defer { InterruptHandler.uninstall() }
    return try body()
  }

  /// Prints an error to standard error, after whatever the program printed.
  public func report(_ error: Error) {
    fflush(nil)
    let text: String
    if let error = error as? OptError {
      text = error.render(.forTerminal(color: color))
    } else {
      text = "optrepl: \(error)\n"
    }
    StandardStream.error.write(text)
  }

  /// Reads a program file: it must exist, be a regular file and be UTF-8 text.
  public static func readSource(_ path: String) throws -> SourceFile {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw OptError(.osError, "cannot open '\(path)': there is no such file")
    }
    if isDirectory.boolValue {
      throw OptError(.osError, "cannot run '\(path)': it is a directory, not a program file")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw OptError(.osError, "cannot read '\(path)': permission denied or not a regular file")
    }
    return try decode(data, name: path)
  }

  /// Decodes program text, pointing at the first byte that is not UTF-8.
  static func decode(_ data: Data, name: String) throws -> SourceFile {
    if let text = String(validating: data, as: UTF8.self) {
      return SourceFile(name: name, text: text)
    }
    // Find the first bad byte: the longest prefix that decodes.
    let bytes = [UInt8](data)
    var good = 0
    var iterator = bytes.makeIterator()
    var decoder = UTF8()
    loop: while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar):
        good += UTF8.width(scalar)
      case .emptyInput: break loop
      case .error: break loop
      }
    }
    // Bytes before the bad one decode the same either way, so its place is right.
    let shown = SourceFile(name: name, text: String(decoding: bytes, as: UTF8.self))
    throw OptError(
      .syntaxError, "this file is not UTF-8 text: the byte 0x\(String(bytes[good], radix: 16)) cannot be read",
      at: SourceRange(file: shown, start: good, end: good + 1), hint: "save the file as UTF-8")
  }
}
