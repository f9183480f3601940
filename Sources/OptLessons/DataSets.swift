import Foundation
import OptLang

/// The data sets optrepl ships in `lessons/data/` (see the README there), as
/// built-ins the tool adds to its interpreters: `load_digits()` and
/// `data_file(name)`. They live here, not in the language, because only the
/// tool knows where its files are (the lessons' folder, found as
/// `LessonLibrary.locate()` finds it).
public enum DataSets {
  /// Adds `load_digits` and `data_file` to `interpreter`. `directory` is the
  /// data folder; by default `data/` in the lessons' folder.
  public static func install(into interpreter: Interpreter, directory: String? = nil) {
    let directory = directory ?? LessonLibrary.locate().map { $0 + "/data" } ?? "lessons/data"
    interpreter.runtime.define(
      "data_file",
      .function(
        Builtin(
          "data_file", "data_file(name)",
          "The full path of a data file optrepl ships, e.g. data_file(\"digits.csv\"), for np.loadtxt.",
          parameters: ["name"],
          .unary { name in
            guard case .string(let text) = name else {
              throw OptError(.typeError, "data_file() needs a file name, not \(name.typeNameWithArticle)")
            }
            return .str(try path(of: text.value, in: directory))
          })))
    interpreter.runtime.define(
      "load_digits",
      .function(
        Builtin(
          "load_digits", "load_digits()",
          """
          The 8x8 handwritten digits (UCI "Optical Recognition of Handwritten Digits",
          Alpaydin & Kaynak 1998, CC BY 4.0): returns (X, y), X a 1797x64 array of
          pixel values 0-16 (each row an image, row by row), y the 1797 digits 0-9.
          The same numbers as scikit-learn's load_digits(return_X_y=True).
          """,
          .general { args in
            try args.check(min: 0, max: 0)
            return try digits(path(of: "digits.csv", in: directory))
          })))
  }

  /// The path of a shipped data file; an error lists the files there are.
  static func path(of name: String, in directory: String) throws -> String {
    let path = directory + "/" + name
    if FileManager.default.fileExists(atPath: path) { return path }
    let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
      .filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted()
    let known = files.isEmpty ? "no data folder at \(directory)" : "there are: " + files.joined(separator: ", ")
    throw OptError(.osError, "optrepl ships no data file named '\(name)' (\(known))")
  }

  /// Reads digits.csv: 65 whole numbers a line, the last one the label.
  static func digits(_ path: String) throws -> Value {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      throw OptError(.osError, "could not read \(path)")
    }
    var pixels: [Double] = []
    var labels: [Double] = []
    for (number, line) in text.split(whereSeparator: \.isNewline).enumerated() {
      let fields = line.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
      guard fields.count == 65 else {
        throw OptError(.valueError, "\(path), line \(number + 1): expected 65 numbers, found \(fields.count)")
      }
      pixels += fields[..<64]
      labels.append(fields[64])
    }
    return .tuple([
      .array(NumArray(pixels, shape: [labels.count, 64])), .array(NumArray(labels)),
    ])
  }
}
