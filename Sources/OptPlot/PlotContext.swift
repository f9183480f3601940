import OptLang

/// What the plot built-ins of one interpreter share: the settings, the
/// panels `plots([...])` is collecting, and where finished figures go when
/// the embedder wants them (an HTML page) rather than on the output.
final class PlotContext: @unchecked Sendable {
  let settings: PlotSettings
  /// Called with each finished figure's terminal text and SVG instead of
  /// printing the text, when set.
  let onFigure: ((_ text: String, _ svg: String) -> Void)?
  /// While `plots` runs its panels: the figures drawn so far.
  var panels: [Figure]?
  /// While `plots` runs its panels: the room each has, in characters.
  var panelRoom: (columns: Int, rows: Int)?

  init(settings: PlotSettings, onFigure: ((_ text: String, _ svg: String) -> Void)?) {
    self.settings = settings
    self.onFigure = onFigure
  }
}
