import OptLang

/// The plotting built-ins (`plot`, `contour`), added to an interpreter by the tool.
public enum PlotLibrary {
  /// Adds the plotting built-ins to `interpreter`. `settings` says how big the
  /// terminal is, whether to colour and whether braille can be shown; the tool
  /// passes `PlotSettings.detect(color:)`, tests a fixed `PlotSettings`.
  public static func install(into interpreter: Interpreter, settings: PlotSettings = .plain) {
    let runtime = interpreter.runtime
    runtime.define("plot", .function(PlotBuiltin.make(settings)))
    runtime.define("contour", .function(ContourBuiltin.make(settings)))
  }
}
