import Foundation
import OptLang
import OptSystem
import Testing

/// The terminal's colours for errors and warnings, and the colour decision.
struct TerminalTests {
  let red = "\u{1B}[1;31m"
  let yellow = "\u{1B}[1;33m"
  let bold = "\u{1B}[1m"
  let cyan = "\u{1B}[36m"
  let reset = "\u{1B}[0m"

  @Test func colourMarksTheKindTheMessageTheCaretAndTheHint() {
    let file = SourceFile(name: "c.opt", text: "y = x + 1\n")
    let error = OptError(
      .nameError, "name 'x' is not defined", at: SourceRange(file: file, start: 4, end: 5),
      hint: "did you mean 'y'?")
    #expect(
      error.render(.terminal)
        == "c.opt:1:5: \(red)NameError\(reset): \(bold)name 'x' is not defined\(reset)\n"
        + "   |\n"
        + " 1 | y = x + 1\n"
        + "   |     \(red)^\(reset)\n"
        + "  \(cyan)hint:\(reset) did you mean 'y'?\n")
    #expect(!error.render(.forTerminal(color: false)).contains("\u{1B}"))
  }

  @Test func aWarningIsHeadedInYellow() {
    let warning = Warning("sgd diverged", at: nil, hint: "try a smaller eta")
    #expect(
      warning.render(.terminal)
        == "\(yellow)warning\(reset): \(bold)sgd diverged\(reset)\n  \(cyan)hint:\(reset) try a smaller eta\n")
  }

  @Test func aRuntimeRendersItsWarningsInItsStyle() throws {
    var notices = ""
    let interpreter = Interpreter(output: { _ in })
    interpreter.runtime.notices = { notices += $0 }
    interpreter.runtime.messageStyle = .terminal
    try interpreter.run("opt = sgd(eta=1e308)\nw = 1e308\nopt.step(w, 1e308)\n", name: "d.opt")
    #expect(notices.hasPrefix("\(yellow)warning\(reset): \(bold)"))
    #expect(notices.contains("diverged"))
  }

  /// A pseudo-terminal's two ends: descriptors that are terminals, whatever
  /// the test run's own standard streams are. (`openpty` is looked up at run
  /// time, as the REPL tests do: Glibc's module does not declare it.)
  static func openTerminal() throws -> (primary: Int32, secondary: Int32) {
    typealias OpenPTY =
      @convention(c) (
        UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<CChar>?,
        UnsafeRawPointer?, UnsafeRawPointer?
      ) -> Int32
    let symbol = try #require(dlsym(UnsafeMutableRawPointer(bitPattern: 0), "openpty"))
    var primary: Int32 = -1
    var secondary: Int32 = -1
    try #require(unsafeBitCast(symbol, to: OpenPTY.self)(&primary, &secondary, nil, nil, nil) == 0)
    return (primary, secondary)
  }

  @Test func colourOnATerminalUnlessNoColorOrTheFlagSaysNo() throws {
    let (primary, terminal) = try Self.openTerminal()
    defer {
      close(terminal)
      close(primary)
    }
    #expect(Terminal.isTerminal(terminal))
    #expect(Terminal.colorWanted(noColorFlag: false, on: terminal, environment: [:]))
    #expect(Terminal.colorWanted(noColorFlag: false, on: terminal, environment: ["NO_COLOR": ""]))
    #expect(!Terminal.colorWanted(noColorFlag: false, on: terminal, environment: ["NO_COLOR": "1"]))
    #expect(!Terminal.colorWanted(noColorFlag: true, on: terminal, environment: [:]))
    #expect(!Terminal.colorWanted(noColorFlag: false, on: -1, environment: [:]))
  }
}
