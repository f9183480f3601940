import Foundation
import OptLang

@testable import OptPlot

/// Runs `code` in a fresh interpreter with the plot built-ins and returns what it printed.
func run(_ code: String, settings: PlotSettings = .plain) throws -> String {
  let box = OutputBox()
  let interpreter = Interpreter(output: { box.text += $0 })
  PlotLibrary.install(into: interpreter, settings: settings)
  try interpreter.run(code, name: "<test>")
  return box.text
}

/// The error `code` raises, or nil.
func error(of code: String, settings: PlotSettings = .plain) -> OptError? {
  do {
    _ = try run(code, settings: settings)
    return nil
  } catch let e as OptError {
    return e
  } catch {
    return nil
  }
}

final class OutputBox: @unchecked Sendable {
  var text = ""
}

/// A fresh empty folder for files a test writes.
func temporaryFolder() throws -> String {
  let path = NSTemporaryDirectory() + "optplot-\(UUID().uuidString)"
  try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}

/// The text without ANSI colour escapes.
func stripEscapes(_ s: String) -> String {
  s.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
}
