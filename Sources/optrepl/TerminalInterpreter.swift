import OptLang
import OptLessons
import OptPlot
import OptSystem

extension Interpreter {
  /// A session for the terminal: the program's output on standard output;
  /// warnings and notes on standard error, coloured when `color`; plots
  /// drawn for the terminal; the lessons' data sets loaded.
  static func forTerminal(color: Bool) -> Interpreter {
    let interpreter = Interpreter(output: { print($0, terminator: "") })
    interpreter.runtime.notices = { StandardStream.error.write($0) }
    interpreter.runtime.messageStyle = .forTerminal(color: color)
    PlotLibrary.install(into: interpreter, settings: .detect(color: color))
    DataSets.install(into: interpreter)
    return interpreter
  }
}
