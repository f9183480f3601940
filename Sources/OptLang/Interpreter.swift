import Foundation

/// The language as a whole, for the tools built on it: run source text in a
/// persistent session, ask whether a REPL entry is complete, complete names,
/// and show help. One interpreter is one session: definitions persist across
/// `run` calls.
public final class Interpreter {
  public let runtime: Runtime

  /// - Parameter output: receives everything the program prints (and, unless
  ///   `runtime.notices` is set, warnings and notes too).
  public init(output: @escaping (String) -> Void) {
    runtime = Runtime(output: output)
    Prelude.loadWhenUsed(into: self)
  }

  /// Compiled code holds its runtime strongly (a weaker reference would cost a
  /// retain at every use), and the runtime's globals hold the compiled code: the
  /// cycle is broken here, so a dropped interpreter frees everything.
  deinit { runtime.tearDown() }

  /// Parses, compiles and runs a program. Errors are thrown as `OptError`,
  /// with the place, the message and the chain of calls.
  public func run(_ source: String, name: String, echo: EchoMode = .none) throws {
    try run(SourceFile(name: name, text: source), echo: echo)
  }

  public func run(_ file: SourceFile, echo: EchoMode = .none) throws {
    try run(file, echo: echo, lazyBodies: false)
  }

  /// `lazyBodies`: compile each function's body at its first call (the prelude's, see `Compiler.lazyBodies`).
  func run(_ file: SourceFile, echo: EchoMode = .none, lazyBodies: Bool) throws {
    let program = try Parser.parseProgram(file)
    let unit = try Compiler.compile(program, runtime: runtime, echo: echo, lazyBodies: lazyBodies)
    try execute(unit)
  }

  /// Parses and compiles a program without running it: the errors found
  /// before anything runs (syntax, names used before assignment).
  public func compile(_ source: String, name: String) throws {
    _ = try Compiler.compile(Parser.parseProgram(SourceFile(name: name, text: source)), runtime: runtime, echo: .none)
  }

  func execute(_ unit: CompiledUnit) throws {
    let rt = runtime
    let base = try rt.pushFrame(unit.frameSize)
    let savedDepth = rt.depth
    defer {
      rt.popFrame(base, unit.frameSize)
      rt.depth = savedDepth
      rt.returnValue = .none
    }
    for slot in unit.cellSlots { base[slot] = .object(Cell(.unbound)) }
    do {
      _ = try unit.body(base)
    } catch let error as OptError {
      if error.function == nil { error.function = "<module>" }
      throw error
    }
  }

  /// Runs `body` with everything the program prints sent to `sink` instead
  /// (`{ _ in }` discards it), then restores where output went.
  public func withOutput<T>(_ sink: @escaping (String) -> Void, _ body: () throws -> T) rethrows -> T {
    let saved = runtime.output
    runtime.output = sink
    defer { runtime.output = saved }
    return try body()
  }

  /// Forgets every definition: a fresh session with the same output.
  public func reset() {
    runtime.forgetCallees()
    runtime.globals.reset()
    runtime.random.seed(0)
  }

  /// Whether a REPL entry needs more lines before it can run.
  public enum InputStatus: Equatable, Sendable {
    case complete
    /// An open bracket, an unfinished string, a trailing `\`, or a block not yet ended by a blank line.
    case incomplete
  }

  /// Decides whether `text` (the lines typed so far) is a whole entry. A block
  /// (a line ending in `:`) goes on until a blank line, as in Python's REPL.
  public static func inputStatus(_ text: String) -> InputStatus {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let meaningful = lines.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    guard let last = meaningful.last else { return .complete }
    let trimmedLast = last.trimmingCharacters(in: .whitespaces)
    if trimmedLast.hasSuffix("\\") { return .incomplete }
    do {
      _ = try Lexer.tokenize(SourceFile(name: "<input>", text: text))
    } catch {
      if let error = error as? OptError, error.message.contains("never closed") { return .incomplete }
      return .complete
    }
    let opensBlock = lines.contains { line in
      let code = line.split(separator: "#", maxSplits: 1).first.map(String.init) ?? ""
      return code.trimmingCharacters(in: .whitespaces).hasSuffix(":")
    }
    let endsWithBlank = lines.last.map { $0.trimmingCharacters(in: .whitespaces).isEmpty } ?? false
    if opensBlock && !endsWithBlank { return .incomplete }
    return .complete
  }

  /// Completions for the word ending `prefix` (the text before the cursor):
  /// names in scope, built-ins and keywords, or attributes after a dot
  /// (`np.ra` → `np.random`). Each candidate is the whole word to insert.
  public func completions(for prefix: String) -> [String] {
    let wordChars = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "_."))
    var start = prefix.endIndex
    while start > prefix.startIndex {
      let before = prefix.index(before: start)
      guard prefix[before].unicodeScalars.allSatisfy({ wordChars.contains($0) }) else { break }
      start = before
    }
    let word = String(prefix[start...])
    if let dot = word.lastIndex(of: ".") {
      let basePath = word[..<dot].split(separator: ".").map(String.init)
      let partial = String(word[word.index(after: dot)...])
      guard let first = basePath.first, var value = runtime.globals[first] else { return [] }
      for name in basePath.dropFirst() {
        guard let next = try? Members.attribute(value, name) else { return [] }
        value = next
      }
      let base = String(word[..<dot])
      return Members.names(of: value).filter { $0.hasPrefix(partial) && !$0.hasPrefix("_") }.sorted()
        .map { base + "." + $0 }
    }
    let keywords = [
      "and", "or", "not", "if", "elif", "else", "for", "while", "in", "is", "def", "return", "break", "continue",
      "pass", "assert", "global", "import", "from", "as", "lambda", "True", "False", "None",
    ]
    let names = Set(runtime.globals.boundNames + keywords + Array(runtime.modules.keys))
    return names.filter { $0.hasPrefix(word) && !$0.hasPrefix("_") }.sorted()
  }

  /// The help text for a name or dotted name (`adam`, `np.sqrt`), or nil if it is not defined.
  public func help(for name: String) -> String? {
    let path = name.split(separator: ".").map(String.init)
    guard let first = path.first, var value = runtime.globals[first] ?? runtime.modules[first].map({ .object($0) })
    else { return nil }
    for part in path.dropFirst() {
      guard let next = try? Members.attribute(value, part) else { return nil }
      value = next
    }
    return Help.describe(value, runtime: runtime)
  }

  /// The source text of a function or rule, built-in ones included, for `:source NAME`.
  public func sourceText(of name: String) -> String? {
    let r: SourceRange
    switch runtime.globals[name] {
    case .function(let f as UserFunction)?: r = f.code.range
    case .function(let rule as Rule)?: r = rule.function.code.range
    default: return nil
    }
    let (line, _) = r.file.lineAndColumn(of: r.start)
    let (endLine, _) = r.file.lineAndColumn(of: r.end)
    var lines = (line...endLine).map { r.file.lineText($0) }
    while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
    return lines.joined(separator: "\n")
  }

  /// Whether `name` is bound: a variable, a function, a built-in.
  public func isDefined(_ name: String) -> Bool { runtime.globals[name] != nil }

  /// The names a program has defined, with their values as the prompt shows them.
  public var userVariables: [(name: String, value: String)] {
    runtime.globals.userNames.compactMap { name in
      runtime.globals[name].map { (name, Format.repr($0)) }
    }
  }

  /// A name that is close to `name`, for a "did you mean" on commands.
  public func closestName(to name: String) -> String? {
    Suggest.closest(to: name, among: runtime.globals.boundNames)
  }

  /// Runs `body` on a thread with a large stack, so that the recursion limit,
  /// not the native stack, is what stops runaway recursion.
  public static func onLargeStack<T>(_ body: @escaping () throws -> T) throws -> T {
    let box = LargeStackJob(body)
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
      box.result = Result { try box.body() }
      done.signal()
    }
    thread.stackSize = 1 << 29
    thread.start()
    done.wait()
    return try box.result!.get()
  }
}

/// A job handed to the large-stack thread, and its result.
private final class LargeStackJob<T>: @unchecked Sendable {
  var result: Result<T, Error>?
  let body: () throws -> T
  init(_ body: @escaping () throws -> T) { self.body = body }
}
