import Foundation
import OptLang
import OptLessons
import OptPlot
import Testing

/// `optrepl walk LESSON --html`: the page's prose, code, output and plots.
@Suite struct HTMLExportTests {
  func export(_ text: String) throws -> (html: String, failed: Bool) {
    let lesson = try Lesson(name: "demo", path: "demo.opt", text: text)
    let interpreter = Interpreter(output: { _ in })
    let export = HTMLExport(lesson: lesson, interpreter: interpreter)
    PlotLibrary.install(into: interpreter, onFigure: { [unowned export] _, svg in export.figure(svg: svg) })
    return (export.render(), export.failed)
  }

  @Test func proseCodeOutputAndPlotsInOrder() throws {
    let (html, failed) = try export(
      """
      # %%
      lr = 0.5

      # %% [markdown]
      # # A *small* lesson
      #
      # The rate $\\eta_t$ is **computed**: `lr` = {{lr}}.
      #
      # - one
      # - two

      # %%
      print("before <plot>")
      plot([1, 2, 3], title="three")
      print("after")
      """)
    #expect(!failed)
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(html.contains("<h1>A <em>small</em> lesson</h1>"))
    #expect(html.contains("The rate ηₜ is <strong>computed</strong>: <code>lr</code> = 0.5.</p>"))
    #expect(html.contains("<ul>\n<li>one</li>\n<li>two</li>\n</ul>"))
    #expect(html.contains("<pre class=\"code\">print(&quot;before &lt;plot&gt;&quot;)"))
    let before = try #require(html.range(of: "<pre class=\"output\">before &lt;plot&gt;\n</pre>"))
    let figure = try #require(html.range(of: "<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\""))
    let after = try #require(html.range(of: "<pre class=\"output\">after\n</pre>"))
    #expect(before.upperBound <= figure.lowerBound && figure.upperBound <= after.lowerBound)
    #expect(!html.contains("<?xml"))
    // The terminal picture is not on the page: the SVG replaces it.
    #expect(!html.contains("┌"))
    #expect(html.components(separatedBy: "<svg").count == 2)
  }

  @Test func anErrorIsShownAndReported() throws {
    let (html, failed) = try export(
      """
      # %%
      print(no_such_name)
      """)
    #expect(failed)
    #expect(html.contains("<pre class=\"output\">") && html.contains("NameError"))
  }

  /// A shipped lesson: one SVG for each plot the lesson draws.
  @Test func aShippedLesson() throws {
    let lesson = try #require(LessonSupport.library.lesson(named: "keras-adam-lr"))
    let interpreter = Interpreter(output: { _ in })
    let export = HTMLExport(lesson: lesson, interpreter: interpreter)
    var figures = 0
    PlotLibrary.install(
      into: interpreter,
      onFigure: { [unowned export] _, svg in
        figures += 1
        export.figure(svg: svg)
      })
    let html = export.render()
    #expect(!export.failed)
    #expect(figures >= 1)
    #expect(html.components(separatedBy: "<svg").count == figures + 1)
    #expect(html.components(separatedBy: "<section").count == lesson.steps.count + 1)
  }
}
