import OptLang

/// The plotting built-ins (`plot`, `contour`, `plots`), added to an interpreter by the tool.
public enum PlotLibrary {
  /// Adds the plotting built-ins to `interpreter`. `settings` says how big the
  /// terminal is, whether to colour and whether braille can be shown; the tool
  /// passes `PlotSettings.detect(color:)`, tests a fixed `PlotSettings`.
  /// `onFigure`, when given, receives each finished figure as terminal text
  /// and SVG instead of the text being printed (an HTML page shows the SVG).
  public static func install(
    into interpreter: Interpreter, settings: PlotSettings = .plain,
    onFigure: ((_ text: String, _ svg: String) -> Void)? = nil
  ) {
    let runtime = interpreter.runtime
    let context = PlotContext(settings: settings, onFigure: onFigure)
    runtime.define("plot", .function(PlotBuiltin.make(context)))
    runtime.define("contour", .function(ContourBuiltin.make(context)))
    runtime.define("plots", .function(PanelsBuiltin.make(context)))
  }
}
