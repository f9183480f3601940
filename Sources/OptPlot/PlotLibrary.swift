import OptLang

/// The plotting built-ins (`plot`, `contour`), added to an interpreter by the tool.
public enum PlotLibrary {
  /// Adds the plotting built-ins to `interpreter`.
  public static func install(into interpreter: Interpreter) {}
}
