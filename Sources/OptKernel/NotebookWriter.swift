import Foundation
import OptLessons

/// Writes a lesson as a Jupyter notebook (nbformat 4.5) for the optrepl kernel.
///
/// Prose becomes markdown cells, code cells stay code cells. Prose that shows
/// computed values (`{{expression}}`) becomes a `%%markdown` code cell with
/// its source hidden: running it displays the prose with the values of the
/// session, as a walkthrough does. An exercise becomes its task (markdown),
/// its starter code (a code cell tagged `exercise`), a `check("ID")` cell
/// (tagged `check`), its hints and its solution folded in `<details>` (tagged
/// `hint` and `solution`; the solution is left out on request).
/// See https://nbformat.readthedocs.io/en/latest/format_description.html
public enum NotebookWriter {
  /// The notebook's JSON text.
  public static func notebook(_ lesson: Lesson, solutions: Bool = true, version: String) -> Data {
    var cells: [JSONObject] = []
    func add(_ type: String, _ source: String, tags: [String] = [], metadata extra: JSONObject = [:]) {
      var metadata = extra
      if !tags.isEmpty { metadata["tags"] = tags }
      var cell: JSONObject = [
        "cell_type": type, "id": "\(lesson.name)-\(cells.count + 1)", "metadata": metadata,
        "source": lines(source),
      ]
      if type == "code" {
        cell["outputs"] = [] as [Any]
        cell["execution_count"] = NSNull()
      }
      cells.append(cell)
    }
    var hintNumber = 0
    var exerciseID = ""
    /// The metadata that ties an exercise's cells to it.
    var exercise: JSONObject { ["optrepl": ["exercise": exerciseID] as JSONObject] }
    for cell in lesson.cells {
      switch cell.kind {
      case .markdown:
        let prose = cell.prose
        if prose.contains("{{") {
          add(
            "code", NotebookBuiltins.markdownMagic + "\n" + prose, tags: ["prose"],
            metadata: ["jupyter": ["source_hidden": true] as JSONObject])
        } else if !prose.isEmpty {
          add("markdown", prose)
        }
      case .code:
        if !cell.text.isEmpty { add("code", cell.text) }
      case .exercise(let id):
        exerciseID = id
        hintNumber = 0
        guard let task = lesson.exercises.first(where: { $0.id == id }) else { continue }
        add("markdown", "### ✎ Exercise \(id)\n\n" + task.task, tags: ["exercise"], metadata: exercise)
        add("code", task.starter, tags: ["exercise"], metadata: exercise)
      case .check:
        add(
          "code", "check(\"\(exerciseID)\")  # grades your answer above and records your progress", tags: ["check"],
          metadata: exercise)
      case .hint:
        hintNumber += 1
        add("markdown", folded("Hint \(hintNumber)", cell.prose), tags: ["hint"], metadata: exercise)
      case .solution:
        if solutions {
          add(
            "markdown", folded("Solution", "```python\n" + cell.text + "\n```"), tags: ["solution"], metadata: exercise)
        }
      }
    }
    let notebook: JSONObject = [
      "cells": cells,
      "metadata": [
        "kernelspec": ["name": KernelSpec.name, "display_name": KernelSpec.displayName, "language": "optrepl"]
          as JSONObject,
        "language_info": MessageHandlers.languageInfo(version: version),
        "optrepl": ["lesson": lesson.name] as JSONObject,
      ] as JSONObject,
      "nbformat": 4, "nbformat_minor": 5,
    ]
    let data = try? JSONSerialization.data(
      withJSONObject: notebook, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    return (data ?? Data()) + Data("\n".utf8)
  }

  /// Markdown folded under a summary line, open on a click.
  static func folded(_ summary: String, _ body: String) -> String {
    "<details>\n<summary>\(summary)</summary>\n\n\(body)\n\n</details>"
  }

  /// A cell's source as Jupyter writes it: lines, each but the last ending in a newline.
  static func lines(_ text: String) -> [String] {
    let parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    return parts.enumerated().map { $0.offset < parts.count - 1 ? $0.element + "\n" : $0.element }
  }
}
