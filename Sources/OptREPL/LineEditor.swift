import CEditLine
import Foundation
import Glibc
import OptLang
import OptPlot
import OptSystem

/// The terminal line editor: libedit (emacs key bindings) with optrepl's
/// prompt, history file, history prefix search, Tab completion and Ctrl-C.
///
/// Keys besides libedit's usual ones:
/// - Up/Down (and Ctrl-P/Ctrl-N) recall history entries that start with the
///   text before the cursor — on an empty line, every entry in turn — and Down
///   past the newest brings back what was typed;
/// - Ctrl-R searches the history incrementally (`em-inc-search-prev`);
/// - Tab completes (see `Completion`), listing the choices when they cannot be
///   narrowed down.
///
/// Characters are read by `readCharacter` below rather than by libedit: it
/// decodes UTF-8 itself (so `β` arrives whatever the locale), and it waits on
/// the terminal *and* on `InterruptHandler`'s pipe, so that Ctrl-C ends the
/// read at once and the line is abandoned. It reads the terminal through a
/// descriptor of its own that never blocks (see `readByte`).
///
/// libedit calls back into plain C functions, so the editor that is reading is
/// found through `LineEditor.active`; there is one at a time.
final class LineEditor {
  /// What one call to `readLine` produced.
  enum Input: Equatable {
    case line(String)
    /// A block pasted with the terminal's bracketed paste (after what was typed before it).
    case pasted(String)
    /// Ctrl-C: the line was abandoned.
    case interrupted
    /// Ctrl-D on an empty line, or the terminal went away.
    case endOfInput
  }

  /// Given the text before the cursor, where the word to replace starts and
  /// what may replace it.
  typealias Completer = (_ lineBeforeCursor: String) -> Completion

  /// The editor reading now (weak: an editor is closed, its terminal descriptor
  /// with it, when its session lets go of it).
  nonisolated(unsafe) static weak var active: LineEditor?
  /// Set by `readCharacter` when Ctrl-C ended the read.
  nonisolated(unsafe) fileprivate static var interrupted = false
  /// A block the terminal pasted (between `ESC [200~` and `ESC [201~`) during the read.
  nonisolated(unsafe) fileprivate static var pasted: String?
  /// Bytes read ahead while looking for a paste's start, to be read again.
  nonisolated(unsafe) fileprivate static var readAhead: [UInt8] = []
  /// Asks the terminal to bracket pasted text (xterm's mode 2004).
  static let bracketedPasteOn = "\u{1B}[?2004h"
  static let bracketedPasteOff = "\u{1B}[?2004l"

  private let historyFile: HistoryFile?
  private(set) var history: [String] = []
  /// Entries added since the history file was last written.
  private var unsaved: [String] = []
  private let warn: (String) -> Void
  private var saveFailureReported = false
  private let editLine: OpaquePointer?
  /// The terminal on standard input, opened again without blocking, or -1
  /// when it cannot be (then standard input is read as it is).
  fileprivate let input: Int32
  private let libeditHistory: OpaquePointer?
  fileprivate var prompt: UnsafeMutablePointer<CChar> = strdup("")
  fileprivate var search = PrefixSearch()
  var completer: Completer?
  /// In `:paste` mode Tab inserts a tab instead of completing.
  var tabInsertsTab = false

  /// - Parameters:
  ///   - historyPath: the history file, or nil to keep no history on disk.
  ///   - warn: receives one-line warnings (an unusable history file).
  init(historyPath: String?, warn: @escaping (String) -> Void) {
    self.historyFile = historyPath.map { HistoryFile(path: $0) }
    self.warn = warn
    input = Self.openNonBlocking(STDIN_FILENO)
    Self.setUpLocale()
    libeditHistory = optrepl_history_open(Int32(HistoryFile.limit))
    editLine = optrepl_el_open("optrepl", libeditHistory, promptText, readCharacter)
    if let editLine {
      optrepl_el_addfn(editLine, "optrepl-complete", "complete the word before the cursor", complete)
      optrepl_el_addfn(editLine, "optrepl-history-up", "recall an older entry starting as this line", historyUp)
      optrepl_el_addfn(editLine, "optrepl-history-down", "recall a newer entry starting as this line", historyDown)
      for (keys, name) in [
        ("^I", "optrepl-complete"),
        ("^R", "em-inc-search-prev"),
        ("^[[A", "optrepl-history-up"), ("^[OA", "optrepl-history-up"), ("^P", "optrepl-history-up"),
        ("^[[B", "optrepl-history-down"), ("^[OB", "optrepl-history-down"), ("^N", "optrepl-history-down"),
      ] {
        optrepl_el_bind(editLine, keys, name)
      }
      // ~/.editrc (lines for all programs, or starting `optrepl:`) may change keys.
      _ = el_source(editLine, nil)
    }
    if let historyFile {
      let loaded = historyFile.load()
      if let warning = loaded.warning { warn(warning) }
      for entry in loaded.entries.suffix(HistoryFile.limit) { appendHistory(entry) }
      unsaved = []
    }
  }

  deinit {
    if let editLine { el_end(editLine) }
    if let libeditHistory { history_end(libeditHistory) }
    if input >= 0 { close(input) }
    free(prompt)
  }

  /// The terminal behind `descriptor` opened a second time, with reads that
  /// return at once when nothing is there, or -1. A descriptor of its own, so
  /// that the flag does not reach the shell, which shares standard input.
  ///
  /// Why reads must not block: Ctrl-C makes the terminal throw away what was
  /// typed but not yet read, and libedit's signal handler puts the terminal
  /// back in line mode. A byte that `poll` reported just before can be gone
  /// when `read` runs, and a blocking `read` would then wait for a whole line
  /// that never comes, deaf to the Ctrl-C.
  static func openNonBlocking(_ descriptor: Int32) -> Int32 {
    // ttyname_r, not ttyname: ttyname's answer is in a buffer shared by every thread.
    var name = [CChar](repeating: 0, count: Int(PATH_MAX))
    guard isatty(descriptor) != 0, ttyname_r(descriptor, &name, name.count) == 0 else { return -1 }
    return open(name, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
  }

  /// `setlocale(LC_CTYPE, "")`, so that libedit handles non-ASCII text; if the
  /// environment names no UTF-8 locale (`LANG` unset, say), C.UTF-8 instead:
  /// the REPL's input and output are UTF-8 whatever the locale says.
  static func setUpLocale() {
    setlocale(LC_CTYPE, "")
    let codeset = String(cString: nl_langinfo(nl_item(CODESET))).uppercased()
    if !codeset.contains("UTF-8") && !codeset.contains("UTF8") {
      if setlocale(LC_CTYPE, "C.UTF-8") == nil { setlocale(LC_CTYPE, "C.utf8") }
    }
  }

  /// Reads one line with `prompt`, with editing, starting with `initial`
  /// already typed (the indentation of a block). Ctrl-C abandons it.
  func readLine(prompt text: String, initial: String = "") -> Input {
    guard let editLine else { return .endOfInput }
    Self.active = self
    free(prompt)
    prompt = strdup(Self.markingEscapes(text))
    search = PrefixSearch()
    InterruptHandler.drain()
    Self.interrupted = false
    Self.pasted = nil
    // Bytes read ahead for a line that Ctrl-C abandoned belong to it, not to this one.
    Self.readAhead = []
    if !initial.isEmpty { el_push(editLine, initial) }
    optrepl_print(Self.bracketedPasteOn)
    defer { optrepl_print(Self.bracketedPasteOff) }
    var count: Int32 = 0
    let raw = el_gets(editLine, &count)
    if Self.interrupted {
      Self.interrupted = false
      InterruptHandler.clear()
      return .interrupted
    }
    guard let raw, count > 0 else { return .endOfInput }
    var line = String(cString: raw)
    if line.hasSuffix("\n") { line.removeLast() }
    if let pasted = Self.pasted {
      Self.pasted = nil
      return .pasted(line + pasted)
    }
    return .line(line)
  }

  /// The prompt with each escape sequence (a colour) between two \u{1} marks,
  /// which tell libedit that it is sent as it is and takes no room on screen.
  static func markingEscapes(_ text: String) -> String {
    guard text.contains("\u{1B}") else { return text }
    var prompt = text
    // libedit leaves out a marked sequence at the very end of the prompt: a
    // colour's reset goes before the trailing spaces instead.
    if prompt.hasSuffix("\u{1B}[0m") {
      let body = prompt.dropLast(4)
      let spaces = body.reversed().prefix { $0 == " " }.count
      prompt = String(body.dropLast(spaces)) + "\u{1B}[0m" + String(repeating: " ", count: spaces)
    }
    var out = ""
    var inEscape = false
    for scalar in prompt.unicodeScalars {
      if scalar == "\u{1B}" {
        out += "\u{1}"
        inEscape = true
      }
      out.unicodeScalars.append(scalar)
      if inEscape && scalar != "\u{1B}" && scalar != "[" && (0x40...0x7E).contains(scalar.value) {
        out += "\u{1}"
        inEscape = false
      }
    }
    return out
  }

  /// Adds an entry to the history (not a blank one, nor a repeat of the last).
  func addHistory(_ entry: String) {
    guard !entry.trimmingCharacters(in: .whitespaces).isEmpty, entry != history.last else { return }
    appendHistory(entry)
  }

  private func appendHistory(_ entry: String) {
    history.append(entry)
    unsaved.append(entry)
    if history.count > HistoryFile.limit { history.removeFirst(history.count - HistoryFile.limit) }
    if let libeditHistory { optrepl_history_add(libeditHistory, entry) }
  }

  /// Appends the new entries to the history file; a failure is reported once per session.
  func saveHistory() {
    guard let historyFile, !unsaved.isEmpty else { return }
    do {
      try historyFile.append(unsaved)
      unsaved = []
    } catch {
      if !saveFailureReported {
        saveFailureReported = true
        warn("cannot save the history to \(historyFile.path): \(SystemError.reason(error))")
      }
    }
  }

  // MARK: - Editing functions

  /// The line being edited: the text before the cursor and after it.
  fileprivate func currentLine() -> (before: String, after: String) {
    guard let editLine, let info = el_line(editLine) else { return ("", "") }
    let start = UnsafeRawPointer(info.pointee.buffer!)
    let cursor = UnsafeRawPointer(info.pointee.cursor!)
    let end = UnsafeRawPointer(info.pointee.lastchar!)
    let before = String(decoding: UnsafeRawBufferPointer(start: start, count: cursor - start), as: UTF8.self)
    let after = String(decoding: UnsafeRawBufferPointer(start: cursor, count: end - cursor), as: UTF8.self)
    return (before, after)
  }

  /// Replaces the whole line, leaving the cursor at its end.
  fileprivate func replaceLine(with text: String) {
    guard let editLine else { return }
    let (before, after) = currentLine()
    _ = el_cursor(editLine, Int32(after.unicodeScalars.count))
    el_deletestr(editLine, Int32(before.unicodeScalars.count + after.unicodeScalars.count))
    if !text.isEmpty { _ = el_insertstr(editLine, text) }
  }

  /// Tab: complete the word before the cursor as far as it is certain; list
  /// the choices when it cannot go further.
  fileprivate func completeWord() -> UInt8 {
    guard let editLine else { return UInt8(CC_ERROR) }
    let (before, _) = currentLine()
    if tabInsertsTab {
      _ = el_insertstr(editLine, "\t")
      return UInt8(CC_REFRESH)
    }
    guard let completer else { return UInt8(CC_ERROR) }
    let found = completer(before)
    var candidates: [String] = []
    for candidate in found.candidates where !candidates.contains(candidate) { candidates.append(candidate) }
    guard !candidates.isEmpty else { return UInt8(CC_REFRESH_BEEP) }
    let word = String(String.UnicodeScalarView(before.unicodeScalars.dropFirst(found.start)))
    let common = Completion.commonPrefix(candidates)
    if common.unicodeScalars.count > word.unicodeScalars.count || (candidates.count == 1 && common != word) {
      el_deletestr(editLine, Int32(word.unicodeScalars.count))
      _ = el_insertstr(editLine, common)
      return UInt8(CC_REFRESH)
    }
    if candidates.count == 1 { return UInt8(CC_REFRESH) }
    optrepl_print("\n" + Self.columns(candidates, width: Self.terminalWidth()))
    return UInt8(CC_REDISPLAY)
  }

  /// Candidates laid out in columns, as `ls` does, across `width`.
  static func columns(_ words: [String], width: Int, limit: Int = 300) -> String {
    let shown = Array(words.prefix(limit))
    let cell = (shown.map { $0.count }.max() ?? 0) + 2
    let perRow = max(1, width / max(cell, 1))
    let rows = (shown.count + perRow - 1) / perRow
    var out = ""
    for row in 0..<rows {
      var line = ""
      for column in 0..<perRow {
        let i = column * rows + row
        guard i < shown.count else { break }
        line += shown[i].padding(toLength: cell, withPad: " ", startingAt: 0)
      }
      while line.hasSuffix(" ") { line.removeLast() }
      out += line + "\n"
    }
    if words.count > limit { out += "… and \(words.count - limit) more: type more of the name\n" }
    return out
  }

  /// The terminal's width in columns (80 when it cannot be told).
  static func terminalWidth() -> Int {
    Terminal.size()?.columns ?? 80
  }

  /// Up/Down: the next older (`step` -1) or newer (+1) entry that starts with
  /// the text that was before the cursor when the search began.
  fileprivate func recall(step: Int) -> UInt8 {
    let (before, after) = currentLine()
    let line = before + after
    if search.shown != line {
      // A new search: the text before the cursor is the prefix.
      search = PrefixSearch(prefix: before, typed: line, position: history.count, shown: line)
    }
    var i = search.position + step
    while i >= 0 && i < history.count {
      let entry = history[i]
      if entry.hasPrefix(search.prefix) && entry != line {
        search.position = i
        search.shown = entry
        replaceLine(with: entry)
        return UInt8(CC_REFRESH)
      }
      i += step
    }
    if step > 0 && search.position < history.count {
      // Down past the newest match: back to what was typed.
      search.position = history.count
      search.shown = search.typed
      replaceLine(with: search.typed)
      return UInt8(CC_REFRESH)
    }
    return UInt8(CC_REFRESH_BEEP)
  }
}

/// Where an Up/Down history search stands.
struct PrefixSearch {
  /// Entries must start with this.
  var prefix = ""
  /// The line as typed before the search, restored by Down past the newest.
  var typed = ""
  /// The index in the history of the entry shown (`history.count`: none).
  var position = 0
  /// The line as the search left it; if it differs, the user edited it and
  /// the next Up starts a new search.
  var shown: String?
}

// MARK: - C callbacks

private func promptText(_ el: OpaquePointer?) -> UnsafeMutablePointer<CChar>? {
  LineEditor.active?.prompt
}

private func complete(_ el: OpaquePointer?, _ key: Int32) -> UInt8 {
  LineEditor.active?.completeWord() ?? UInt8(CC_ERROR)
}

private func historyUp(_ el: OpaquePointer?, _ key: Int32) -> UInt8 {
  LineEditor.active?.recall(step: -1) ?? UInt8(CC_ERROR)
}

private func historyDown(_ el: OpaquePointer?, _ key: Int32) -> UInt8 {
  LineEditor.active?.recall(step: 1) ?? UInt8(CC_ERROR)
}

/// libedit's character reader: one Unicode scalar from the terminal. Returns
/// 1 with the character, 0 at end of input, -1 when Ctrl-C ended the wait
/// (`LineEditor.interrupted` is then set).
private func readCharacter(_ el: OpaquePointer?, _ character: UnsafeMutablePointer<wchar_t>?) -> Int32 {
  // libedit put its own signal handlers in when it started reading this line.
  InterruptHandler.claimQuitSignals()
  if LineEditor.interrupted { return -1 }
  guard var first = readByte() else { return LineEditor.interrupted ? -1 : 0 }
  if first == 0x1B, let text = readPaste() {
    // The whole paste is kept aside, and the line ends as if Enter was pressed.
    LineEditor.pasted = text
    first = 0x0A
  }
  var value: UInt32
  var count: Int
  switch first {
  case 0..<0x80:
    count = 0
    value = UInt32(first)
  case 0xC2..<0xE0:
    count = 1
    value = UInt32(first & 0x1F)
  case 0xE0..<0xF0:
    count = 2
    value = UInt32(first & 0x0F)
  case 0xF0..<0xF5:
    count = 3
    value = UInt32(first & 0x07)
  default:
    count = 0
    value = 0xFFFD
  }
  while count > 0 {
    guard let next = readByte() else { return LineEditor.interrupted ? -1 : 0 }
    guard next & 0xC0 == 0x80 else {
      value = 0xFFFD
      break
    }
    value = value << 6 | UInt32(next & 0x3F)
    count -= 1
  }
  if Unicode.Scalar(value) == nil { value = 0xFFFD }
  character?.pointee = wchar_t(bitPattern: value)
  return 1
}

/// After an ESC: if `[200~` follows at once (a bracketed paste begins), the
/// pasted text up to `ESC [201~`; otherwise nil, and the bytes looked at are
/// read again (an arrow key's `[A`).
private func readPaste() -> String? {
  let start = Array("[200~".utf8)
  var seen: [UInt8] = []
  for expected in start {
    guard let byte = readByte(timeout: 50) else { break }
    seen.append(byte)
    if byte != expected { break }
  }
  guard seen == start else {
    LineEditor.readAhead = seen + LineEditor.readAhead
    return nil
  }
  let end = Array("\u{1B}[201~".utf8)
  var bytes: [UInt8] = []
  while let byte = readByte() {
    bytes.append(byte)
    if bytes.count >= end.count && Array(bytes.suffix(end.count)) == end {
      bytes.removeLast(end.count)
      break
    }
  }
  return String(decoding: bytes, as: UTF8.self)
}

/// One byte from the terminal; nil at end of input, or when Ctrl-C arrives
/// while waiting (then `LineEditor.interrupted` is set), or after `timeout`
/// milliseconds when one is given.
private func readByte(timeout: Int32 = -1) -> UInt8? {
  if !LineEditor.readAhead.isEmpty { return LineEditor.readAhead.removeFirst() }
  let input = LineEditor.active.map { $0.input } ?? -1
  switch LineEditor.readByte(from: input, interruptPipe: InterruptHandler.pipe.read, timeout: timeout) {
  case .byte(let byte): return byte
  case .interrupted:
    InterruptHandler.drain()
    LineEditor.interrupted = true
    return nil
  case .end: return nil
  }
}

extension LineEditor {
  /// What one wait for a byte of the terminal ended with.
  enum ByteRead: Equatable {
    case byte(UInt8)
    /// Ctrl-C: a byte came through the interrupt pipe (what was there is read).
    case interrupted
    /// End of input, an error, a quit signal, or the time ran out.
    case end
  }

  /// Waits for a byte on `terminal` (a descriptor that does not block; -1
  /// for standard input) and on `interruptPipe` (-1 for none), at most
  /// `timeout` milliseconds when it is not -1. When `poll` says a byte is
  /// there but `read` finds none (Ctrl-C threw it away), it waits again.
  static func readByte(from terminal: Int32, interruptPipe: Int32, timeout: Int32) -> ByteRead {
    let descriptor = terminal >= 0 ? terminal : STDIN_FILENO
    while true {
      var fds = [
        pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
        pollfd(fd: interruptPipe, events: Int16(POLLIN), revents: 0),
      ]
      let ready = poll(&fds, interruptPipe >= 0 ? 2 : 1, timeout)
      if ready == 0 { return .end }
      if ready < 0 {
        if errno == EINTR { continue }
        return .end
      }
      // SIGTERM, SIGHUP or SIGQUIT: the end of input, and the session leaves.
      if InterruptHandler.quitSignal != 0 { return .end }
      if interruptPipe >= 0 && fds[1].revents & Int16(POLLIN) != 0 {
        // One read takes what `poll` saw, and cannot block even on a pipe that would.
        var buffer = [UInt8](repeating: 0, count: 64)
        _ = Glibc.read(interruptPipe, &buffer, buffer.count)
        return .interrupted
      }
      guard fds[0].revents != 0 else { continue }
      var byte: UInt8 = 0
      let n = terminal >= 0 ? read(terminal, &byte, 1) : readWithoutBlocking(STDIN_FILENO, &byte)
      if n == 1 { return .byte(byte) }
      // EAGAIN: what `poll` saw is gone (Ctrl-C threw it away); wait again.
      if n < 0 && (errno == EINTR || errno == EAGAIN) { continue }
      return .end
    }
  }

  /// One byte from `descriptor`, made non-blocking for the read only: the
  /// terminal could not be opened again (`openNonBlocking`), and the flag is
  /// shared with the shell, which does not read while the REPL runs.
  private static func readWithoutBlocking(_ descriptor: Int32, _ byte: inout UInt8) -> Int {
    let flags = fcntl(descriptor, F_GETFL)
    if flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags | O_NONBLOCK) }
    let n = read(descriptor, &byte, 1)
    let error = errno
    if flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags) }
    errno = error
    return n
  }
}
