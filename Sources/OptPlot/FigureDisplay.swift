import OptLang

/// Where `plot` and `contour` hand each finished figure.
///
/// By default a figure is shown as terminal text through the program's output.
/// A tool that shows pictures (the Jupyter kernel) sets `sink` and receives
/// each figure both as that text and as a standalone SVG document, to send as
/// rich output. The sink is one for the process: set it before any program runs.
public enum FigureDisplay {
  /// Receives `(terminalText, svg)` for every figure; nil: the text goes to the output.
  nonisolated(unsafe) public static var sink: ((_ text: String, _ svg: String) -> Void)?

  /// Shows a finished figure drawn as `text`.
  static func show(_ figure: Figure, text: String, runtime: Runtime) {
    if let sink {
      sink(text, SVGRenderer(figure: figure).render())
    } else {
      runtime.output(text)
    }
  }
}
