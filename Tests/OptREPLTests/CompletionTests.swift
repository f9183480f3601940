import Foundation
import OptLang
import Testing

@testable import OptREPL

/// What Tab offers, and from where on the line.
struct CompletionTests {
  let interpreter = SharedSetUp.interpreter()

  func complete(_ line: String) -> Completion {
    Completion.complete(line, interpreter: interpreter, commands: .standard)
  }

  @Test func commandsAtTheStartOfTheLine() {
    #expect(complete(":lo") == Completion(start: 0, candidates: [":load "]))
    #expect(complete(":l") == Completion(start: 0, candidates: [":load", ":lessons", ":lesson"]))
    #expect(complete(":re") == Completion(start: 0, candidates: [":reload", ":reset"]))
    #expect(complete(":q") == Completion(start: 0, candidates: [":quit"]))
    #expect(complete(":").candidates.count == CommandTable.standard.commands.count)
    #expect(complete(":zz").candidates.isEmpty)
  }

  @Test func moduleMembersAfterADot() throws {
    try interpreter.run("import numpy as np", name: "<test>")
    #expect(complete("np.sqr") == Completion(start: 0, candidates: ["np.sqrt"]))
    #expect(complete("np.sq").candidates == ["np.sqrt", "np.square", "np.squeeze"])
    #expect(complete("np.ra").candidates.contains("np.random"))
    #expect(complete("y = 2 * np.sqr") == Completion(start: 8, candidates: ["np.sqrt"]))
    #expect(complete("print(np.sqr") == Completion(start: 6, candidates: ["np.sqrt"]))
  }

  @Test func namesInScope() throws {
    try interpreter.run("learning_rate = 0.1\ndef loss(w):\n    return w*w\n", name: "<test>")
    #expect(complete("learn").candidates == ["learning_rate"])
    #expect(complete("x = lo").candidates.contains("loss"))
    #expect(complete("x = lo").start == 4)
    #expect(complete("β = 1; sqr") == Completion(start: 7, candidates: ["sqrt"]))
  }

  @Test func blankLinesIndent() {
    #expect(complete("") == Completion(start: 0, candidates: ["    "]))
    #expect(complete("    ") == Completion(start: 4, candidates: ["    "]))
  }

  @Test func helpAndCommandArguments() throws {
    try interpreter.run("import numpy as np", name: "<test>")
    #expect(complete("?sqr") == Completion(start: 1, candidates: ["sqrt"]))
    #expect(complete(":time np.sqr") == Completion(start: 6, candidates: ["np.sqrt"]))
    #expect(complete(":t np.sqr") == Completion(start: 3, candidates: ["np.sqrt"]))
    #expect(complete(":help lo").candidates.contains("load"))
    #expect(complete(":help lo").candidates.contains("log"))
    #expect(complete(":quit now").candidates.isEmpty)
  }

  @Test func filePathsAfterLoad() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("optrepl-complete-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory + "/alps", withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    for name in ["alpha.opt", "beta.opt", ".hidden.opt"] {
      _ = FileManager.default.createFile(atPath: directory + "/" + name, contents: Data())
    }
    let line = ":load " + directory + "/al"
    let found = complete(line)
    #expect(found.start == 6)
    #expect(found.candidates == [directory + "/alpha.opt", directory + "/alps/"])
    #expect(complete(":l " + directory + "/b").candidates == [directory + "/beta.opt"])
    #expect(complete(":load " + directory + "/").candidates.count == 3)
    #expect(complete(":load " + directory + "/.h").candidates == [directory + "/.hidden.opt"])
    #expect(Completion.completePath(directory + "/zz").isEmpty)
  }

  @Test func commonPrefix() {
    #expect(Completion.commonPrefix(["np.sqrt", "np.square"]) == "np.sq")
    #expect(Completion.commonPrefix(["β1", "β2"]) == "β")
    #expect(Completion.commonPrefix(["a"]) == "a")
    #expect(Completion.commonPrefix([]) == "")
  }

  @Test func choicesAreLaidOutInColumns() {
    let text = LineEditor.columns(["aa", "bb", "cc", "dd", "ee"], width: 12)
    #expect(text == "aa  cc  ee\nbb  dd\n")
  }
}
