import Foundation
import OptLang
import Testing

@testable import OptREPL

/// Entries and commands as the session runs them, without a terminal.
struct SessionTests {
  /// What the session and its programs printed.
  final class Captured: @unchecked Sendable {
    private let lock = NSLock()
    private var out = ""
    private var err = ""
    func write(_ s: String) { lock.withLock { out += s } }
    func writeError(_ s: String) { lock.withLock { err += s } }
    /// Takes what was printed since the last call.
    func take() -> (out: String, err: String) {
      lock.withLock {
        defer {
          out = ""
          err = ""
        }
        return (out, err)
      }
    }
  }

  let captured = Captured()
  let repl: REPL

  init() {
    let captured = self.captured
    let interpreter = SharedSetUp.interpreter(output: { captured.write($0) })
    repl = REPL(
      interpreter: interpreter, color: false, historyPath: nil,
      output: { captured.write($0) }, errorOutput: { captured.writeError($0) })
  }

  @discardableResult
  func run(_ entry: String) -> (out: String, err: String) {
    _ = captured.take()
    #expect(repl.handle(entry) == .keepGoing, "\(entry) should not end the session")
    return captured.take()
  }

  @Test func expressionsPrintTheirValues() {
    #expect(run("1+2").out == "3\n")
    run("x = 4")
    #expect(run("x * 2").out == "8\n")
  }

  @Test func errorsAreReportedAndTheSessionGoesOn() {
    run("k = 1")
    let (_, err) = run("undefined_name")
    #expect(err.contains("NameError"))
    #expect(err.contains("<repl:"))
    #expect(run("k").out == "1\n")
  }

  @Test func varsListsWhatWasDefined() {
    #expect(run(":vars").out == "(no variables yet)\n")
    run("alpha = 0.5")
    run("names = [1, 2]")
    #expect(run(":v").out == "alpha = 0.5\nnames = [1, 2]\n")
  }

  /// As IPython's %timeit: the value once, then the mean ± the spread of 7 runs of many loops.
  @Test func timePrintsTheValueThenTheMeanAndSpreadOfRepeatedRuns() {
    let out = run(":time 6*7").out
    #expect(out.hasPrefix("42\n"), "\(out)")
    #expect(
      out.wholeMatch(
        of:
          /42\n[0-9.]+ (ns|µs|ms|s) ± [0-9.]+ (ns|µs|ms|s) per loop \(mean ± std. dev. of 7 runs, [0-9]+ loops? each\)\n/
      )
        != nil, "\(out)")
    // Output during the timed runs is not shown again.
    #expect(run(":time print('x')").out.hasPrefix("x\n") && !run(":time print('y')").out.contains("y\ny"))
    #expect(run(":time").err.contains("usage"))
  }

  @Test func sourceShowsAFunction() {
    run("def double(x):\n    return 2*x\n")
    #expect(run(":source double").out == "def double(x):\n    return 2*x\n")
    #expect(run(":source nothing_here").err.contains("NameError"))
    #expect(run(":source sqrt").err.contains("no source"))
  }

  @Test func helpForNames() {
    #expect(run("?sqrt").out.contains("sqrt"))
    #expect(run("sqrt?").out.contains("sqrt"))
    #expect(run(":help sqrt").out.contains("sqrt"))
    #expect(run("?no_such_name").err.contains("not defined"))
    let list = run(":help").out
    for command in CommandTable.standard.commands { #expect(list.contains(command.usage)) }
    #expect(run(":help load").out.hasPrefix(":load FILE"))
  }

  @Test func unknownAndAmbiguousCommands() {
    let unknown = run(":lod file").err
    #expect(unknown.contains("unknown command :lod"))
    #expect(unknown.contains("did you mean :load?"))
    #expect(unknown.contains(":reload"))
    let ambiguous = run(":re").err
    #expect(ambiguous.contains("ambiguous"))
    #expect(ambiguous.contains(":reload"))
    #expect(ambiguous.contains(":reset"))
  }

  @Test func loadAndReload() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("optrepl-load-\(UUID().uuidString).opt")
      .path
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(run(":reload").err.contains("nothing to reload"))
    try "w = 1\nprint('loading')\n".write(toFile: path, atomically: true, encoding: .utf8)
    #expect(run(":load \(path)").out == "loading\nloaded \(path)\n")
    #expect(run("w").out == "1\n")
    try "w = 2\n".write(toFile: path, atomically: true, encoding: .utf8)
    run(":rel")
    #expect(run("w").out == "2\n")
    #expect(run(":load /no/such/file.opt").err.contains("no such file"))
    #expect(run(":load").err.contains("usage"))
  }

  @Test func resetForgetsDefinitions() {
    run("z = 3")
    #expect(run(":reset").out.contains("reset"))
    #expect(run("z").err.contains("NameError"))
  }

  @Test func quitting() {
    #expect(repl.handle(":quit") == .quit)
    #expect(repl.handle(":q") == .quit)
    #expect(repl.handle("exit()") == .quit)
    #expect(run("exit").out.contains(":quit"))
  }

  @Test func durations() {
    #expect(REPL.describe(.microseconds(850)) == "850 µs")
    #expect(REPL.describe(.milliseconds(12) + .microseconds(300)) == "12.3 ms")
    #expect(REPL.describe(.milliseconds(2050)) == "2.05 s")
  }
}
