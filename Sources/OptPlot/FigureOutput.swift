import Foundation
import OptLang
import OptSystem

/// Where a finished figure goes: into the panels `plots` is collecting, or
/// out — the terminal picture on the program's output (or to the embedder's
/// `onFigure`), the file `file=` names, and "saved …" (on standard error
/// when `show=False` left the terminal picture out).
enum FigureOutput {
  /// Shows one figure drawn by `plot` or `contour`.
  static func show(_ figure: Figure, _ options: PlotOptions, runtime: Runtime) throws {
    if options.context.panels != nil {
      // A panel: `plots` shows it with the others; its own file is still written.
      options.context.panels?.append(figure)
      if let file = options.file { try save(SVGRenderer(figure: figure).render(), to: file) }
      return
    }
    let text = TerminalRenderer(figure: figure, unicode: options.unicode, color: options.color).render()
    try publish(text: text, svg: { SVGRenderer(figure: figure).render() }, options, runtime: runtime)
  }

  /// Puts a finished picture out: the one place every figure (and every
  /// panel grid) is printed, saved or handed to the embedder.
  static func publish(text: String, svg: () -> String, _ options: PlotOptions, runtime: Runtime) throws {
    var picture: String?
    var saved = ""
    if let file = options.file {
      picture = svg()
      saved = try save(picture!, to: file)
    }
    if let onFigure = options.context.onFigure {
      onFigure(options.show ? text : "", picture ?? svg())
      if !saved.isEmpty { runtime.notice(saved) }
    } else if options.show {
      runtime.output(text + saved)
    } else {
      runtime.notice(saved)
    }
  }

  /// Writes the SVG, or the PNG `rsvg-convert` makes of it, and returns the
  /// "saved …" line: `~` is the learner's `$HOME`, the line names the file
  /// written and says when it replaced one, and a folder is refused.
  @discardableResult
  static func save(_ svg: String, to name: String) throws -> String {
    let file = HomeFolder.expandingTilde(name)
    var isDirectory: ObjCBool = false
    let existed = FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory)
    if existed && isDirectory.boolValue {
      throw OptError(
        .osError, "file=\(Format.quoted(name)) is a folder, not a picture file",
        hint: "name the file, e.g. file=\(Format.quoted(name.hasSuffix("/") ? name + "plot.svg" : name + "/plot.svg"))")
    }
    let saved = "saved \(file)" + (existed ? " (it replaced the file that was there)" : "") + "\n"
    guard file.lowercased().hasSuffix(".png") else {
      try AtomicFile.write(svg, to: file)
      return saved
    }
    guard let converter = executable("rsvg-convert") else {
      throw OptError(
        .osError,
        "cannot write \(Format.quoted(file)): a PNG is made by the program rsvg-convert, which is not installed",
        hint: "install it (Debian and Ubuntu: apt-get install librsvg2-bin), or write an SVG: file=\"name.svg\"")
    }
    let temporary = NSTemporaryDirectory() + "optrepl-\(getpid())-\(UUID().uuidString).svg"
    try AtomicFile.write(svg, to: temporary)
    defer { unlink(temporary) }
    let url = URL(fileURLWithPath: file)
    let partial = url.deletingLastPathComponent().path + "/.\(url.lastPathComponent).\(getpid()).tmp"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: converter)
    process.arguments = ["--format", "png", "--output", partial, temporary]
    process.standardError = FileHandle.nullDevice
    do {
      try process.run()
      process.waitUntilExit()
    } catch {
      throw OptError(.osError, "cannot write \(Format.quoted(file)): rsvg-convert did not run")
    }
    guard process.terminationStatus == 0, rename(partial, url.path) == 0 else {
      unlink(partial)
      throw OptError(.osError, "cannot write \(Format.quoted(file)): rsvg-convert failed or the folder is not writable")
    }
    return saved
  }

  /// The path of a program on `PATH`, or nil.
  static func executable(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for folder in path.split(separator: ":") {
      let candidate = "\(folder)/\(name)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }
}
