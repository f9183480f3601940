import Foundation
import OptLang
import OptLessons
import Testing

/// The lessons share one toy data set, the lecture's (issue 14: "use the
/// lecture's unless a lesson needs another, and say why"): 500 points, about
/// 80% of the x set to 0, targets from the sigmoid neuron itself. Every lesson
/// on the lecture's neuron builds it with the same five lines; a lesson that
/// builds another data set is listed here with the reason its prose gives.
@Suite struct LectureDataTests {
  /// The lines every lesson on the lecture's neuron builds its data with
  /// (after defining `f`, the neuron).
  static let lines = """
    np.random.seed(0)
    X = 0.25 * np.random.rand(500)                  # 500 inputs in [0, 0.25)
    X = np.where(np.random.rand(500) < 0.8, 0, X)   # about 80% set to 0
    W_TRUE, B_TRUE = 3, -1.5                        # the true w and b
    Y = f(W_TRUE, B_TRUE, X)                        # its outputs: the targets

    """

  /// The lessons that build another data set, and a phrase of the prose that
  /// says why.
  static let otherData = [
    "warm-restarts": "This experiment needs its own data",
    "which-optimizer": "the race ends in a near tie",
    "real-network": "A toy neuron can illustrate the formulas, but not answer those",
  ]

  /// Whether a lesson builds a data set: a line that assigns X.
  static func buildsData(_ text: String) -> Bool {
    text.split(separator: "\n").contains { $0.hasPrefix("X = ") || $0.hasPrefix("X_all, y_all = ") }
  }

  @Test(arguments: LessonSupport.names)
  func everyLessonUsesTheLecturesDataOrSaysWhyNot(name: String) throws {
    guard let lesson = LessonSupport.library.lesson(named: name) else {
      Issue.record("there is no lesson \(name)")
      return
    }
    let text = try String(contentsOfFile: lesson.path, encoding: .utf8)
    guard Self.buildsData(text) else { return }
    if let reason = Self.otherData[name] {
      #expect(!text.contains(Self.lines), "\(name) is listed as building another data set")
      let prose = lesson.cells.filter { $0.kind == .markdown }.map(\.prose).joined(separator: "\n")
      #expect(
        prose.replacingOccurrences(of: "\n", with: " ").contains(reason), "\(name) says why it needs its own data")
    } else {
      #expect(text.contains(Self.lines), "\(name) builds the lecture's data with the shared lines")
    }
  }

  /// The lines give numpy's data: the expected values are numpy 2.4's, from
  /// the same lines run in Python (legacy `np.random.seed`), with
  /// `Y = 1/(1 + exp(-(3x - 1.5)))`.
  @Test func theLinesGiveNumpysData() throws {
    let text = try DataSetTests.output(
      """
      import numpy as np
      def f(w, b, x):
          return 1 / (1 + np.exp(-(w * x + b)))
      \(Self.lines)
      print(int(np.sum(X != 0)), repr(float(np.sum(X))), repr(float(np.sum(Y))), repr(float(np.max(X))))
      print([i for i in range(12) if X[i] != 0])
      """)
    #expect(
      text == """
        105 12.577783714880665 97.72843107355092 0.24800281085361853
        [5, 6]

        """)
  }
}
