import Foundation
import OptLang

/// A lesson as one self-contained web page (`optrepl walk LESSON --html
/// out.html`): the prose as HTML, each code cell, and its live output, with
/// every plot inline as SVG. The page needs nothing else: no script, no
/// style sheet or font from elsewhere. The caller runs the cells in an
/// interpreter whose plot built-ins hand each figure to `figure(svg:)`.
public final class HTMLExport {
  public let walkthrough: Walkthrough
  /// Whether a cell stopped with an error (the page shows it, and goes on).
  public private(set) var failed = false
  /// The output of the cell running now: text and figures in order.
  private var output: [Segment] = []

  private enum Segment {
    case text(String)
    case figure(String)
  }

  /// - Parameter interpreter: runs the cells; its plot built-ins must hand
  ///   figures to `figure(svg:)` (`PlotLibrary.install(into:onFigure:)`).
  public init(lesson: Lesson, interpreter: Interpreter) {
    walkthrough = Walkthrough(
      lesson: lesson, interpreter: interpreter, renderer: ProseRenderer(width: 10_000, color: true), write: { _ in })
  }

  /// A figure drawn by the running cell, as SVG: shown where it was drawn.
  public func figure(svg: String) {
    // The XML declaration is not allowed inside HTML.
    let body = svg.hasPrefix("<?xml") ? String(svg.drop { $0 != "\n" }.dropFirst()) : svg
    output.append(.figure(body))
  }

  /// Runs every cell and returns the page.
  public func render() -> String {
    let lesson = walkthrough.lesson
    var body = ""
    for (index, step) in lesson.steps.enumerated() {
      body += "<section id=\"step-\(index + 1)\">\n"
      for prose in step.prose {
        do {
          body += HTMLExport.prose(try walkthrough.interpolate(prose))
        } catch {
          failed = true
          body += "<pre class=\"error\">\(HTMLExport.escape(OptError.text(of: error)))</pre>\n"
        }
      }
      if let exercise = step.exercise {
        body += "<div class=\"exercise\"><h3>Exercise \(HTMLExport.escape(exercise.id))</h3>\n"
        body += HTMLExport.prose(exercise.task)
        if !exercise.starter.isEmpty { body += "<pre class=\"code\">\(HTMLExport.escape(exercise.starter))</pre>\n" }
        body += "</div>\n"
      }
      if let code = step.code {
        body += "<pre class=\"code\">\(HTMLExport.escape(code.text))</pre>\n"
        body += run(code)
      }
      body += "</section>\n"
    }
    return HTMLExport.page(title: lesson.title, body: body)
  }

  /// Runs one cell; its output as HTML.
  private func run(_ cell: Cell) -> String {
    output = []
    let interpreter = walkthrough.interpreter
    let file = SourceFile(name: walkthrough.lesson.path, text: cell.codeInPlace)
    do {
      let sink: (String) -> Void = { [unowned self] text in self.append(text) }
      try interpreter.withOutput(sink) {
        try Interpreter.onLargeStack { try interpreter.run(file) }
      }
    } catch {
      failed = true
      output.append(.text(OptError.text(of: error)))
    }
    var html = ""
    for segment in output {
      switch segment {
      case .text(let text) where !text.isEmpty:
        html += "<pre class=\"output\">\(HTMLExport.escape(HTMLExport.stripEscapes(text)))</pre>\n"
      case .figure(let svg): html += "<figure>\n\(svg)</figure>\n"
      default: continue
      }
    }
    return html
  }

  private func append(_ text: String) {
    if case .text(let previous) = output.last {
      output[output.count - 1] = .text(previous + text)
    } else {
      output.append(.text(text))
    }
  }

  // MARK: - Markdown

  /// A lesson's markdown as HTML: headings, paragraphs, lists, code blocks and
  /// maths (shown as the terminal shows it, in Unicode), with the inline
  /// markup the terminal renderer understands.
  static func prose(_ markdown: String) -> String {
    let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    var html = ""
    var list: String?
    func closeList() {
      if let tag = list { html += "</\(tag)>\n" }
      list = nil
    }
    var i = 0
    while i < lines.count {
      let line = lines[i]
      i += 1
      if line.isEmpty { continue }
      if line.hasPrefix("```") {
        closeList()
        var code: [String] = []
        while i < lines.count, !lines[i].hasPrefix("```") {
          code.append(lines[i])
          i += 1
        }
        i += 1
        html += "<pre class=\"code\">\(escape(code.joined(separator: "\n")))</pre>\n"
      } else if line.hasPrefix("$$") {
        closeList()
        var math = String(line.dropFirst(2))
        while !math.contains("$$"), i < lines.count {
          math += " " + lines[i]
          i += 1
        }
        if let end = math.range(of: "$$") { math = String(math[..<end.lowerBound]) }
        html += "<p class=\"math\">\(escape(MathText.render(math.trimmingCharacters(in: .whitespaces))))</p>\n"
      } else if let level = ProseRenderer.headingLevel(line) {
        closeList()
        html += "<h\(level)>\(inline(String(line.dropFirst(level))))</h\(level)>\n"
      } else if let marker = ProseRenderer.listMarker(line) {
        let tag = marker.first!.isNumber ? "ol" : "ul"
        if list != tag {
          closeList()
          html += "<\(tag)>\n"
          list = tag
        }
        var item = String(line.dropFirst(marker.count))
        while i < lines.count, !lines[i].isEmpty, !startsBlock(lines[i]) {
          item += " " + lines[i]
          i += 1
        }
        html += "<li>\(inline(item))</li>\n"
      } else {
        closeList()
        var paragraph = line
        while i < lines.count, !lines[i].isEmpty, !startsBlock(lines[i]) {
          paragraph += " " + lines[i]
          i += 1
        }
        html += "<p>\(inline(paragraph))</p>\n"
      }
    }
    closeList()
    return html
  }

  private static func startsBlock(_ line: String) -> Bool {
    ProseRenderer.headingLevel(line) != nil || line.hasPrefix("```") || line.hasPrefix("$$")
      || ProseRenderer.listMarker(line) != nil
  }

  /// Inline markup, read by the terminal renderer's own parser: bold,
  /// emphasis, code and maths.
  private static func inline(_ text: String) -> String {
    let renderer = ProseRenderer(width: 10_000, color: true)
    return renderer.inline(text.trimmingCharacters(in: .whitespaces)).map { word in
      word.map { piece in
        var s = escape(piece.text)
        if piece.style.contains(.code) { s = "<code>\(s)</code>" }
        if piece.style.contains(.italic) { s = "<em>\(s)</em>" }
        if piece.style.contains(.bold) { s = "<strong>\(s)</strong>" }
        return s
      }.joined()
    }.joined(separator: " ")
  }

  // MARK: - Page

  static func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
  }

  /// Text without ANSI colour escapes.
  static func stripEscapes(_ text: String) -> String {
    text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
  }

  static func page(title: String, body: String) -> String {
    """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>\(escape(title))</title>
    <style>
    body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; max-width: 62rem; margin: 2rem auto;
      padding: 0 1rem; line-height: 1.5; color: #222; background: #fff; }
    h1, h2, h3 { line-height: 1.25; }
    pre { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.85rem; padding: 0.6rem 0.8rem;
      overflow-x: auto; border-radius: 4px; }
    pre.code { background: #f4f6f8; border-left: 3px solid #1f77b4; }
    pre.output { background: #fff; border: 1px solid #e3e3e3; }
    pre.error { background: #fff3f3; border: 1px solid #e4a0a0; }
    code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; background: #f4f6f8; padding: 0 0.2em; }
    p.math { text-align: center; font-size: 1.1rem; }
    figure { margin: 1rem 0; overflow-x: auto; }
    figure svg { max-width: 100%; height: auto; }
    .exercise { border: 1px solid #9467bd; border-radius: 4px; padding: 0 1rem; margin: 1rem 0; }
    section { margin-bottom: 1.5rem; }
    </style>
    </head>
    <body>
    <main>
    \(body)</main>
    </body>
    </html>

    """
  }
}
