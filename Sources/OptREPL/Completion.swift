import Foundation
import OptLang
import OptSystem

/// Tab completion at the prompt: what replaces which part of the line.
///
/// - `:` at the start of the line: the colon commands;
/// - after a command that takes a file (`:load `, or any prefix of it): paths;
/// - after a command that takes code or a name (`:time `, `:source `, `:help `),
///   and after `?`: as in code;
/// - on a blank line (or only spaces before the cursor): four spaces, for
///   indenting a block;
/// - anywhere else: names in scope, built-ins, keywords, module members and
///   attributes after a dot, as `Interpreter.completions(for:)` finds them.
struct Completion: Equatable {
  /// Where the replaced word starts, in Unicode scalars from the start of the line.
  var start: Int
  /// The words that may replace it, each whole.
  var candidates: [String]

  static let none = Completion(start: 0, candidates: [])

  /// Completes `line` (the text before the cursor).
  static func complete(_ line: String, interpreter: Interpreter, commands: CommandTable) -> Completion {
    if line.hasPrefix(":") {
      return completeCommand(line, interpreter: interpreter, commands: commands)
    }
    if line.hasPrefix("?") {
      return completeCode(String(line.dropFirst()), interpreter: interpreter).shifted(by: 1)
    }
    return completeCode(line, interpreter: interpreter)
  }

  static func completeCode(_ line: String, interpreter: Interpreter) -> Completion {
    let scalars = Array(line.unicodeScalars)
    if scalars.allSatisfy({ $0 == " " || $0 == "\t" }) {
      return Completion(start: scalars.count, candidates: ["    "])
    }
    if let quote = openStringStart(scalars) {
      // Inside a string: a file name (`file="~/pl` completes to a path).
      let typed = String(String.UnicodeScalarView(scalars[(quote + 1)...]))
      return Completion(start: quote + 1, candidates: completePath(typed))
    }
    let wordChars = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "_."))
    var start = scalars.count
    while start > 0 && wordChars.contains(scalars[start - 1]) { start -= 1 }
    let word = String(String.UnicodeScalarView(scalars[start...]))
    var candidates = interpreter.completions(for: line)
    if !word.contains("."), let callee = enclosingCallee(scalars[..<start]) {
      // In a call's arguments: its keyword arguments first (`adam(et` → `eta=`).
      let keywords = interpreter.parameterNames(of: callee).filter { $0.hasPrefix(word) }.map { $0 + "=" }
      candidates = keywords + candidates
    }
    return Completion(start: start, candidates: candidates)
  }

  /// Where a string that is still open at the end of `scalars` starts (its quote), if one is.
  static func openStringStart(_ scalars: [Unicode.Scalar]) -> Int? {
    var open: (index: Int, quote: Unicode.Scalar)?
    var i = 0
    while i < scalars.count {
      let c = scalars[i]
      if let current = open {
        if c == "\\" {
          i += 1
        } else if c == current.quote {
          open = nil
        }
      } else if c == "#" {
        return nil
      } else if c == "'" || c == "\"" {
        open = (i, c)
      }
      i += 1
    }
    return open?.index
  }

  /// The dotted name called by the innermost bracket still open before the
  /// word, if it is a `(`: `opt = adam(0.1, be` → `adam`.
  static func enclosingCallee(_ before: ArraySlice<Unicode.Scalar>) -> String? {
    var depth = 0
    var i = before.endIndex
    while i > before.startIndex {
      i -= 1
      switch before[i] {
      case ")", "]": depth += 1
      case "[": if depth == 0 { return nil } else { depth -= 1 }
      case "(":
        if depth > 0 {
          depth -= 1
          continue
        }
        var start = i
        let nameChars = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "_."))
        while start > before.startIndex && nameChars.contains(before[start - 1]) { start -= 1 }
        let name = String(String.UnicodeScalarView(before[start..<i]))
        return name.isEmpty ? nil : name
      default: continue
      }
    }
    return nil
  }

  static func completeCommand(_ line: String, interpreter: Interpreter, commands: CommandTable) -> Completion {
    let scalars = Array(line.unicodeScalars)
    guard let space = scalars.firstIndex(where: { $0 == " " || $0 == "\t" }) else {
      let typed = String(line.dropFirst())
      let names = commands.names.filter { $0.hasPrefix(typed) }
      if names.count == 1, let command = commands.resolve(names[0]).command, command.argument != .none {
        return Completion(start: 0, candidates: [":" + names[0] + " "])
      }
      return Completion(start: 0, candidates: names.map { ":" + $0 })
    }
    let name = String(String.UnicodeScalarView(scalars[1..<space]))
    guard let command = commands.resolve(name, hasArgument: true).command else { return .none }
    var argumentStart = space
    while argumentStart < scalars.count && (scalars[argumentStart] == " " || scalars[argumentStart] == "\t") {
      argumentStart += 1
    }
    let argument = String(String.UnicodeScalarView(scalars[argumentStart...]))
    switch command.argument {
    case .none:
      return .none
    case .file:
      return Completion(start: argumentStart, candidates: completePath(argument))
    case .code:
      return completeCode(argument, interpreter: interpreter).shifted(by: argumentStart)
    case .commandOrName:
      var found = completeCode(argument, interpreter: interpreter)
      if found.start == 0 {
        let bare = argument.hasPrefix(":") ? String(argument.dropFirst()) : argument
        let prefix = argument.hasPrefix(":") ? ":" : ""
        found.candidates =
          commands.names.filter { $0.hasPrefix(bare) }.map { prefix + $0 }
          + found.candidates.filter { !commands.names.contains($0) }
      }
      return found.shifted(by: argumentStart)
    case .lesson:
      return Completion(
        start: argumentStart, candidates: REPL.lessonLibrary.lessons.map(\.name).filter { $0.hasPrefix(argument) })
    case .exercise:
      return Completion(
        start: argumentStart, candidates: REPL.lessonLibrary.exercises.map(\.id).filter { $0.hasPrefix(argument) })
    }
  }

  /// File and directory names that complete `partial` (a path as typed, with
  /// `~` for the home directory). Directories end in `/`; hidden entries are
  /// offered only once a `.` is typed.
  static func completePath(_ partial: String, fileManager: FileManager = .default) -> [String] {
    let slash = partial.lastIndex(of: "/")
    let directoryPart = slash.map { String(partial[...$0]) } ?? ""
    let base = slash.map { String(partial[partial.index(after: $0)...]) } ?? partial
    var directory = directoryPart.isEmpty ? "." : directoryPart
    if directory.hasPrefix("~/") {
      directory = HomeFolder.path() + directory.dropFirst()
    }
    if partial == "~" { return ["~/"] }
    guard let names = try? fileManager.contentsOfDirectory(atPath: directory) else { return [] }
    return names.filter { $0.hasPrefix(base) && (base.hasPrefix(".") || !$0.hasPrefix(".")) }.sorted()
      .map { name in
        var isDirectory: ObjCBool = false
        let full = (directory as NSString).appendingPathComponent(name)
        _ = fileManager.fileExists(atPath: full, isDirectory: &isDirectory)
        return directoryPart + name + (isDirectory.boolValue ? "/" : "")
      }
  }

  /// The longest text every candidate starts with (by Unicode scalars).
  static func commonPrefix(_ words: [String]) -> String {
    guard var prefix = words.first.map({ Array($0.unicodeScalars) }) else { return "" }
    for word in words.dropFirst() {
      let scalars = Array(word.unicodeScalars)
      var n = 0
      while n < prefix.count && n < scalars.count && prefix[n] == scalars[n] { n += 1 }
      prefix.removeLast(prefix.count - n)
    }
    return String(String.UnicodeScalarView(prefix))
  }

  private func shifted(by offset: Int) -> Completion {
    Completion(start: start + offset, candidates: candidates)
  }
}
