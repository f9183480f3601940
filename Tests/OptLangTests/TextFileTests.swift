import Foundation
import Testing

@testable import OptLang

/// `np.savetxt` writes the same text as numpy. Each expected text was printed
/// by numpy 2.1.3 (CPython 3.11):
///   X = np.array([[1.0, -2.5, 1e-10], [3.0, 0.1, 12345.678]])
///   buf = io.StringIO(); np.savetxt(buf, X, **kw); repr(buf.getvalue())
/// with the keyword arguments (and array) given beside it.
@Suite struct TextFileTests {
  static let x = "np.array([[1.0, -2.5, 1e-10], [3.0, 0.1, 12345.678]])"

  static let cases: [(array: String, arguments: String, text: String)] = [
    (
      x, "",
      "1.000000000000000000e+00 -2.500000000000000000e+00 1.000000000000000036e-10\n"
        + "3.000000000000000000e+00 1.000000000000000056e-01 1.234567799999999988e+04\n"
    ),
    (x, ", delimiter=\",\", fmt=\"%.3f\", header=\"a,b,c\"", "# a,b,c\n1.000,-2.500,0.000\n3.000,0.100,12345.678\n"),
    (
      x, ", fmt=\"%g\", delimiter=\";\", comments=\"// \", header=\"one\\ntwo\", footer=\"end\"",
      "// one\n// two\n1;-2.5;1e-10\n3;0.1;12345.7\n// end\n"
    ),
    (x, ", fmt=[\"%d\", \"%8.2f\", \"%.2e\"], delimiter=\",\"", "1,   -2.50,1.00e-10\n3,    0.10,1.23e+04\n"),
    (x, ", fmt=\"%+.1f|%-6.1e|%G\"", "+1.0|-2.5e+00|1E-10\n+3.0|1.0e-01|12345.7\n"),
    ("np.array([1.5, -2, 3.9, np.inf, -np.inf, np.nan])", ", fmt=\"%.2f\"", "1.50\n-2.00\n3.90\ninf\n-inf\nnan\n"),
    (
      "np.array([0.1, 1e300, -0.0])", "",
      "1.000000000000000056e-01\n1.000000000000000053e+300\n-0.000000000000000000e+00\n"
    ),
  ]

  @Test(arguments: cases.indices)
  func savetxtWritesNumpysText(_ k: Int) throws {
    let (array, arguments, expected) = Self.cases[k]
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("optrepl-savetxt-\(k)-\(getpid()).txt")
      .path
    defer { try? FileManager.default.removeItem(atPath: path) }
    _ = try Opt.output("import numpy as np\nnp.savetxt(\(Format.repr(.str(path))), \(array)\(arguments))\n")
    #expect(try String(contentsOfFile: path, encoding: .utf8) == expected)
  }

  @Test func loadtxtNamesTheFileLineAndColumnOfABadField() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("optrepl-loadtxt-\(getpid()).csv").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try "1,2,3\n4,five,6\n".write(toFile: path, atomically: true, encoding: .utf8)
    do {
      _ = try Opt.output("import numpy as np\nX = np.loadtxt(\(Format.repr(.str(path))), delimiter=',')\n")
      Issue.record("expected an error")
    } catch let error as OptError {
      #expect(error.kind == .valueError)
      #expect(error.message.contains("'\(path)' line 2, column 2: 'five' is not a number"), "\(error.message)")
    }
  }
}
