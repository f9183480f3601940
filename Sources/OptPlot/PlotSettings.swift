import Foundation
import OptSystem

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What the plots need to know about where they are shown: the size of the
/// terminal, whether to colour, and whether the output can show Unicode
/// (braille) or only ASCII. The tool makes one with `detect(color:)`; tests
/// make fixed ones.
public struct PlotSettings: Sendable {
  /// The terminal's size in characters, asked at every plot (the learner may
  /// resize the window), or nil when the output is not a terminal.
  public var terminalSize: @Sendable () -> (columns: Int, rows: Int)?
  /// Colour plots (ANSI escapes).
  public var color: Bool
  /// Draw with braille dots and box-drawing characters; ASCII only when false.
  public var unicode: Bool

  public init(
    color: Bool = false, unicode: Bool = true,
    terminalSize: @escaping @Sendable () -> (columns: Int, rows: Int)? = { nil }
  ) {
    self.color = color
    self.unicode = unicode
    self.terminalSize = terminalSize
  }

  /// No colour, Unicode, 80×24: what tests and embedders get by default.
  public static let plain = PlotSettings()

  /// The size used when the output is not a terminal.
  public static let defaultSize = (columns: 80, rows: 24)

  /// The settings for the real terminal: its size (asked with `TIOCGWINSZ` on
  /// standard output at every plot, when that is a terminal), colour when
  /// `color` (the tool's `--no-color`/`NO_COLOR` decision) says yes *and*
  /// standard output is a terminal, and braille only when the locale's
  /// character set is UTF-8 (`LC_ALL`, then `LC_CTYPE`, then `LANG`).
  public static func detect(color: Bool, environment: [String: String] = ProcessInfo.processInfo.environment)
    -> PlotSettings
  {
    let stdoutIsTerminal = Terminal.isTerminal(STDOUT_FILENO)
    return PlotSettings(
      color: color && stdoutIsTerminal,
      unicode: localeIsUTF8(environment),
      terminalSize: { stdoutIsTerminal ? Terminal.size() : nil })
  }

  /// Whether the locale named by the environment uses UTF-8. The first of
  /// `LC_ALL`, `LC_CTYPE`, `LANG` that is set and not empty decides; with none
  /// set the C locale applies, which is ASCII.
  public static func localeIsUTF8(_ environment: [String: String]) -> Bool {
    for name in ["LC_ALL", "LC_CTYPE", "LANG"] {
      if let value = environment[name], !value.isEmpty {
        let lower = value.lowercased()
        return lower.contains("utf-8") || lower.contains("utf8")
      }
    }
    return false
  }
}
