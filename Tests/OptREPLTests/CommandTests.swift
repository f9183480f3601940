import Testing

@testable import OptREPL

/// How a typed `:name` finds its command.
struct CommandTests {
  let table = CommandTable.standard

  func resolved(_ typed: String) -> String? { table.resolve(typed).command?.name }

  @Test func exactNamesAndUniquePrefixes() {
    #expect(resolved("load") == "load")
    #expect(resolved("l") == "load")
    #expect(resolved("lo") == "load")
    #expect(resolved("q") == "quit")
    #expect(resolved("h") == "help")
    #expect(resolved("p") == "paste")
    #expect(resolved("v") == "vars")
    #expect(resolved("s") == "source")
    #expect(resolved("t") == "time")
    #expect(resolved("rel") == "reload")
    #expect(resolved("res") == "reset")
    #expect(resolved("hi") == "hint")
    #expect(resolved("so") == nil)  // :source or :solution
    #expect(resolved("lessons") == "lessons")
    #expect(resolved("lesson") == "lesson")
    #expect(resolved("exercise") == "exercise")
    #expect(resolved("c") == "check")
  }

  @Test func ambiguousPrefixesNameTheCandidates() {
    guard case .ambiguous(let candidates) = table.resolve("re") else {
      Issue.record(":re should be ambiguous")
      return
    }
    #expect(candidates.map(\.name) == ["reload", "reset"])
    if case .ambiguous = table.resolve("r") {} else { Issue.record(":r should be ambiguous") }
  }

  @Test func unknownCommandsSuggestTheClosest() {
    guard case .unknown(let suggestion) = table.resolve("lod") else {
      Issue.record(":lod should be unknown")
      return
    }
    #expect(suggestion == "load")
    #expect(self.suggestion(for: "xyzzy") == .some(nil))
    #expect(self.suggestion(for: "qiut") == "quit")
  }

  /// The suggestion for a name that resolves to no command; nil (the outer
  /// optional) if it did resolve to one or was ambiguous.
  func suggestion(for typed: String) -> String?? {
    guard case .unknown(let suggestion) = table.resolve(typed) else { return nil }
    return .some(suggestion)
  }

  @Test func anExactNameWinsOverALongerOne() {
    #expect(table.resolve("lesson").command?.name == "lesson")
    #expect(table.resolve("lessons").command?.name == "lessons")
    // A prefix of a singular and its plural: the plural alone, the singular with an argument.
    #expect(table.resolve("less").command?.name == "lessons")
    #expect(table.resolve("le", hasArgument: true).command?.name == "lesson")
    #expect(table.resolve("ex").command?.name == "exercises")
    #expect(table.resolve("ex", hasArgument: true).command?.name == "exercise")
    if case .ambiguous = table.resolve("re") {} else { Issue.record(":re should be ambiguous") }
    #expect(table.resolve("lo").command?.name == "load")
  }

  @Test func addingReplacesACommandOfTheSameName() {
    var table = CommandTable.standard
    let count = table.commands.count
    table.add(Command(name: "vars", usage: ":vars", summary: "new", argument: .none, action: { _, _ in .keepGoing }))
    #expect(table.commands.count == count)
    #expect(table.resolve("vars").command?.summary == "new")
  }

  @Test func splittingACommandLine() {
    let load = CommandTable.split(":load  foo.opt ")
    #expect(load?.name == "load")
    #expect(load?.argument == "foo.opt")
    let quit = CommandTable.split(":q")
    #expect(quit?.name == "q")
    #expect(quit?.argument == "")
    #expect(CommandTable.split(":time sum(range(10))")?.argument == "sum(range(10))")
    #expect(CommandTable.split("x = 1") == nil)
  }
}
