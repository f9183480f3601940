import Foundation
import OptLang
import OptLessons
import Testing

/// The shipped data set: `load_digits()` gives the UCI digits' test set, and
/// `data_file` finds the file or says which files there are. The expected
/// class counts are the UCI description's (optdigits.names, "Class
/// Distribution", the test set); the pixel total and the last row come from
/// numpy reading lessons/data/digits.csv.
@Suite struct DataSetTests {
  static func output(_ program: String) throws -> String {
    let (interpreter, output) = LessonSupport.interpreter()
    try Interpreter.onLargeStack { try interpreter.run(program, name: "<test>") }
    return output.text
  }

  @Test func loadDigitsGivesTheImagesAndTheirLabels() throws {
    let text = try Self.output(
      """
      import numpy as np
      X, y = load_digits()
      print(X.shape, y.shape)
      print([int(np.sum(y == d)) for d in range(10)])
      print(np.sum(X), np.min(y), np.max(y))
      print(X[-1, :8], y[-1])
      data = np.loadtxt(data_file("digits.csv"), delimiter=",")
      print(data.shape, np.all(data[:, :64] == X), np.all(data[:, 64] == y))
      """)
    #expect(
      text == """
        (1797, 64) (1797,)
        [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]
        561718 0 9
        array([0, 0, 10, 14, 8, 1, 0, 0]) 8
        (1797, 65) True True

        """)
  }

  @Test func dataFileNamesTheShippedFileAndListsThemWhenOneIsMissing() throws {
    let path = try Self.output("print(data_file('digits.csv'))").trimmingCharacters(in: .newlines)
    #expect(path.hasSuffix("lessons/data/digits.csv"))
    #expect(FileManager.default.fileExists(atPath: path))
    let (interpreter, _) = LessonSupport.interpreter()
    #expect {
      try interpreter.run("data_file('mnist.csv')", name: "<test>")
    } throws: { error in
      let message = (error as? OptError)?.message ?? ""
      return message.contains("'mnist.csv'") && message.contains("there are: digits.csv")
    }
  }

  @Test func aMissingDataFolderIsAnErrorNotACrash() throws {
    let interpreter = Interpreter(output: { _ in })
    DataSets.install(into: interpreter, directory: "/nonexistent/optrepl-data")
    #expect {
      try interpreter.run("load_digits()", name: "<test>")
    } throws: { error in
      ((error as? OptError)?.message ?? "").contains("no data folder at /nonexistent/optrepl-data")
    }
  }
}
