import Foundation
import OptPlot
import OptSystem

/// Shows long output a screen at a time: after a screenful of lines (as the
/// terminal shows them, long lines wrapping), it asks to go on before showing
/// more. A lesson's step goes through one, so that no step scrolls past a
/// 24-line screen unseen.
///
/// Example: `let pager = Pager(write: print, ask: { readLine() != "q" })`;
/// `pager.write(text)` for each piece; `pager.startPage()` where a new screen
/// begins (after the learner pressed Enter at a prompt).
public final class Pager {
  private let sink: (String) -> Void
  /// Shows the "more" prompt and waits; false stops the pausing until the next page starts.
  private let ask: () -> Bool
  private let size: () -> (columns: Int, rows: Int)
  private var rowsShown = 0
  private var column = 0
  private var pausing = true
  /// A screenful has been shown; the next character waits for the learner.
  private var full = false

  /// The words of the "more" prompt.
  public static let prompt = "── more: Enter · a shows the rest of this step ──"

  public init(
    write: @escaping (String) -> Void, ask: @escaping () -> Bool,
    size: @escaping () -> (columns: Int, rows: Int) = {
      Terminal.size() ?? PlotSettings.defaultSize
    }
  ) {
    self.sink = write
    self.ask = ask
    self.size = size
  }

  /// A new screen begins: count from its top again, and pause again.
  public func startPage() {
    rowsShown = 0
    column = 0
    pausing = true
    full = false
  }

  /// Shows `text`, pausing whenever the screen is full.
  public func write(_ text: String) {
    let (columns, rows) = size()
    // One row for the prompt that follows the step, one for the line typed at it.
    let limit = max(rows - 2, 4)
    var pending = ""
    var inEscape = false
    for character in text {
      if full {
        // The screen is full and there is more to show: ask first.
        sink(pending)
        pending = ""
        pausing = ask()
        rowsShown = 0
        full = false
      }
      pending.append(character)
      if character == "\u{1B}" {
        inEscape = true
        continue
      }
      if inEscape {
        if character.isLetter { inEscape = false }
        continue
      }
      if character == "\n" {
        rowsShown += 1
        column = 0
      } else {
        column += 1
        if column > columns {
          rowsShown += 1
          column = 1
        }
      }
      if character == "\n" && pausing && rowsShown >= limit { full = true }
    }
    if !pending.isEmpty { sink(pending) }
  }
}
