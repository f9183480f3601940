import Foundation
import OptLang
import Testing

@testable import OptPlot

/// What `plot` and `contour` accept, how they size themselves, and their errors.
@Suite struct PlotTests {
  // MARK: Forms

  /// 600 evenly spaced samples (about one per SVG pixel), ends included; a
  /// straight line has no extremum or jump between them, so nothing is added.
  @Test func aFunctionIsSampledFinelyFromEndToEnd() throws {
    let out = try run(
      """
      seen = []
      def f(x):
          seen.append(x)
          return x
      plot(f, 0, 10, width=30, height=5)
      print(len(seen), seen[0], seen[-1])
      """)
    #expect(out.hasSuffix("600 0 10\n"))
  }

  @Test func aScheduleDrawsAsAFunctionOfK() throws {
    let out = try run("plot(cosine(1, 0.1, 50), 0, 200, width=40, height=8)")
    // Named after the schedule, ticks from 0 to 200, peaks at the top row.
    #expect(out.contains("─── cosine"))
    #expect(out.contains("200"))
    let rows = out.split(separator: "\n").map(String.init)
    #expect(rows[1].hasPrefix("  1 ┤"))
  }

  @Test func severalSeriesInOneCall() throws {
    let forms = [
      "plot([[3, 2, 1], [1, 2, 3]], labels=['adam', 'sgd'], width=20, height=5)",
      "plot([3, 2, 1], [1, 2, 3], labels=['adam', 'sgd'], width=20, height=5)",
      "plot([0, 1, 2], [[3, 2, 1], [1, 2, 3]], labels=['adam', 'sgd'], width=20, height=5)",
    ]
    let outputs = try forms.map { try run($0) }
    #expect(outputs[0] == outputs[1])
    #expect(outputs[0] == outputs[2])
    #expect(outputs[0].contains("adam") && outputs[0].contains("sgd"))
    // Three plain series: three series with y1, y2, y3.
    let three = try run("plot([1, 2], [2, 1], [1, 1], width=20, height=5)")
    #expect(three.contains("y1") && three.contains("y2") && three.contains("y3"))
    // Several functions on one interval.
    let functions = try run("plot([cosine(1, 0.1, 50), exp_decay(1, 0.98)], 0, 100, width=30, height=6)")
    #expect(functions.contains("cosine") && functions.contains("exp_decay"))
  }

  @Test func aListOfTuplesIsOnePath() throws {
    let path = try run("plot([(0, 0), (1, 2), (2, 1)], width=20, height=5)")
    #expect(path == (try run("plot([0, 1, 2], [0, 2, 1], width=20, height=5)")))
    // A list of lists is several series.
    #expect(try run("plot([[0, 0], [1, 2]], width=20, height=5)").contains("y2"))
  }

  @Test func twoSequencesWithoutTwoLabelsAreXsAndYs() throws {
    let out = try run("plot([10, 20, 30], [1, 2, 3], width=20, height=5)")
    #expect(out.contains("30"))
    #expect(!out.contains("y1"))
  }

  @Test func arraysAndRangesAreData() throws {
    // An array or a range draws the same picture as the list of its numbers.
    #expect(
      try run("plot(linspace(0, 1, 50), width=20, height=5)")
        == run("plot(list(linspace(0, 1, 50)), width=20, height=5)"))
    #expect(
      try run("plot(range(10), array([1, 4, 9, 16, 25, 36, 49, 64, 81, 100]), width=20, height=5)")
        == run("plot(list(range(10)), [1, 4, 9, 16, 25, 36, 49, 64, 81, 100], width=20, height=5)"))
  }

  @Test func logScaleHasPowersOfTen() throws {
    // Seven decades on 12 rows: every other power of ten is labelled.
    let out = try run("plot([10**(-k/10) for k in range(61)], logy=True, width=30, height=12)")
    for label in ["1", "0.01", "1e-04", "1e-06"] {
      #expect(out.contains("\(label) ┤"), "missing \(label)")
    }
    let e = error(of: "plot([-1, 0], logy=True)")
    #expect(e?.kind == .valueError)
    #expect(e?.message.contains("log scale") == true)
  }

  @Test func aLabelStaysOnOneLine() throws {
    // A newline in a label would break the frame's right edge.
    let out = try run("plot([1, 2], label=\"a\\nb\", width=20, height=4)")
    #expect(out.contains("a b"), "\(out)")
  }

  @Test func nanAndInfBreakTheLine() throws {
    // The same picture with the gaps filled in has more dots: the line is
    // broken on both sides of nan and of inf, not drawn through them.
    func dots(_ text: String) -> Int {
      text.unicodeScalars.filter { (0x2801...0x28FF).contains($0.value) }.reduce(0) {
        $0 + ($1.value - 0x2800).nonzeroBitCount
      }
    }
    let broken = try run("plot([1, 2, nan, 4, inf, 6], width=12, height=4)")
    let whole = try run("plot([1, 2, 3, 4, 5, 6], width=12, height=4)")
    #expect(dots(broken) < dots(whole), "\(broken)\n\(whole)")
    let e = error(of: "plot([nan, inf])")
    #expect(e?.message.contains("nothing to draw") == true)
  }

  @Test func scatterStyleDrawsDots() throws {
    let out = try run("plot([0, 1, 2, 3], [0, 1, 0, 1], style='scatter', width=8, height=2)")
    let canvas = out.split(separator: "\n").dropFirst().prefix(2).joined()
    #expect(
      canvas.filter { $0.unicodeScalars.first!.value >= 0x2801 && $0.unicodeScalars.first!.value <= 0x28FF }.count == 4)
  }

  @Test func limitsFixTheAxes() throws {
    let out = try run("plot([1, 2, 3], xlim=(0, 10), ylim=(0, 100), width=30, height=6)")
    #expect(out.contains("100 ┤"))
    #expect(out.contains("10\n") || out.contains(" 10"))
  }

  @Test func returnsNoneSoThePromptPrintsNothingMore() throws {
    let box = OutputBox()
    let interpreter = Interpreter(output: { box.text += $0 })
    PlotLibrary.install(into: interpreter)
    try interpreter.run("plot([1, 2, 3], width=10, height=3)", name: "<stdin>", echo: .last)
    #expect(!box.text.contains("None"))
  }

  // MARK: Output settings

  @Test func colourOnlyWhenColourIsOn() throws {
    let code = "plot([[3, 2, 1], [1, 2, 3]], labels=['adam', 'sgd'], width=20, height=5)"
    let plain = try run(code)
    #expect(!plain.contains("\u{1B}["))
    let coloured = try run(code, settings: PlotSettings(color: true))
    // tab10 blue #1f77b4 and orange #ff7f0e at the nearest levels of the
    // xterm cube (0, 95, 135, 175, 215, 255): (0, 135, 175) = 16 + 36·0 + 6·2 + 3
    // = 31 and (255, 135, 0) = 16 + 36·5 + 6·2 + 0 = 208.
    #expect(coloured.contains("\u{1B}[38;5;31m"))
    #expect(coloured.contains("\u{1B}[38;5;208m"))
    // With colour the series need no marks; without, the marks tell them apart.
    #expect(stripEscapes(coloured).contains("─── adam"))
    #expect(plain.contains("─•─ adam") && plain.contains("─×─ sgd"))
  }

  @Test func asciiWhenTheLocaleIsNotUTF8() throws {
    let out = try run(
      "contour(lambda w, b: w*w + b*b, (-1, 1), (-1, 1), paths=[[(1, 1), (0.5, 0.2)]], width=30, height=10)",
      settings: PlotSettings(unicode: false))
    #expect(out.unicodeScalars.allSatisfy { $0.isASCII })
    // ascii=False asks for braille anyway.
    let braille = try run("plot([1, 2], ascii=False)", settings: PlotSettings(unicode: false))
    #expect(braille.contains("┌"))
  }

  @Test func localeDetection() {
    #expect(PlotSettings.localeIsUTF8(["LANG": "en_US.UTF-8"]))
    #expect(PlotSettings.localeIsUTF8(["LC_ALL": "C.utf8", "LANG": "C"]))
    #expect(!PlotSettings.localeIsUTF8(["LC_ALL": "C", "LANG": "en_US.UTF-8"]))
    #expect(!PlotSettings.localeIsUTF8(["LC_CTYPE": "POSIX"]))
    #expect(!PlotSettings.localeIsUTF8([:]))
    #expect(PlotSettings.localeIsUTF8(["LC_ALL": "", "LC_CTYPE": "de_DE.UTF-8"]))
  }

  @Test func sizedToTheTerminal() throws {
    let code = "plot([1, 3, 2], labels=['loss'], title='t')"
    for (columns, rows) in [(100, 30), (60, 15)] {
      let out = try run(code, settings: PlotSettings(terminalSize: { (columns, rows) }))
      let lines = out.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
      #expect(lines.count == rows - 1)
      #expect(lines.map(\.count).max() == columns - 1)
    }
    // Not a terminal: 80×24.
    let out = try run(code)
    let lines = out.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    #expect(lines.count == 23)
    #expect(lines.map(\.count).max() == 79)
    // width= and height= are the canvas in characters.
    let fixed = try run("plot([1, 2], width=33, height=7)", settings: PlotSettings(terminalSize: { (200, 60) }))
    let rows = fixed.split(separator: "\n").map(String.init)
    #expect(rows.count == 7 + 3)
    #expect(rows[0].hasSuffix("┌" + String(repeating: "─", count: 33) + "┐"))
  }

  /// A size asked for (a lesson's width=72 with a legend) is capped by the
  /// terminal, so nothing wraps; with no terminal it is kept.
  @Test func anAskedForSizeIsCappedByTheTerminal() throws {
    let code = "plot([1, 3, 2], [2, 1, 0], labels=['first', 'second'], width=72, height=40)"
    let out = try run(code, settings: PlotSettings(terminalSize: { (80, 24) }))
    let lines = out.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    #expect((lines.map(\.count).max() ?? 0) <= 79, "\(out)")
    #expect(lines.count <= 23)
    let contour = try run(
      "contour(lambda w, b: w*w + b*b, (-1, 1), (-1, 1), width=100, height=40)",
      settings: PlotSettings(terminalSize: { (80, 24) }))
    #expect((contour.split(separator: "\n").map(\.count).max() ?? 0) <= 79)
    let file = try run(code)
    #expect(file.split(separator: "\n").contains { $0.contains("┌" + String(repeating: "─", count: 72) + "┐") })
  }

  @Test func contourSizedToTheTerminal() throws {
    let out = try run(
      "contour(lambda w, b: w*w + b*b, (-1, 1), (-1, 1))", settings: PlotSettings(terminalSize: { (120, 40) }))
    let lines = out.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    #expect(lines.count <= 39)
    #expect((lines.map(\.count).max() ?? 0) <= 119)
  }

  @Test func helpDescribesBothBuiltins() throws {
    let interpreter = Interpreter(output: { _ in })
    PlotLibrary.install(into: interpreter)
    let plot = try #require(interpreter.help(for: "plot"))
    #expect(plot.contains("plot(f, a, b)"))
    #expect(plot.contains("labels="))
    #expect(plot.contains("logy=True"))
    #expect(plot.contains("style=\"stairs\""))
    #expect(plot.contains("file=\"name.svg\""))
    let contour = try #require(interpreter.help(for: "contour"))
    #expect(contour.contains("paths="))
    #expect(contour.contains("levels="))
    #expect(interpreter.completions(for: "cont").contains("contour"))
  }

  // MARK: Contour

  @Test func contourAcceptsWhatATrainingLoopCollects() throws {
    let base = "contour(lambda w, b: w*w + b*b, (-2, 2), (-2, 2), width=30, height=8, "
    let forms = [
      "paths=[(1, 1), (0.5, 0.5), (0, 0.1)])",
      "paths=[[1, 1], [0.5, 0.5], [0, 0.1]])",
      "paths=[array([1, 1]), array([0.5, 0.5]), array([0, 0.1])])",
      "paths=([1, 0.5, 0], [1, 0.5, 0.1]))",
      "paths=[[(1, 1), (0.5, 0.5), (0, 0.1)]])",
    ]
    let outputs = try forms.map { try run(base + $0) }
    for out in outputs { #expect(out == outputs[0]) }
    #expect(outputs[0].contains("• path"))
    // Positional paths, and the labels of several.
    let two = try run(
      "contour(lambda w, b: w*w + b*b, (-2, 2), (-2, 2), [[(1, 1), (0, 0)], [(-1, 1), (0, 0)]], labels=['adam', 'gd'], width=30, height=8)"
    )
    #expect(two.contains("• adam") && two.contains("× gd"))
    #expect(two.contains("S start") && two.contains("E end") && two.contains("★ min"))
  }

  @Test func contourWithAFunctionThatCannotTakeArrays() throws {
    let code = """
      calls = [0]
      def f(w, b):
          calls[0] += 1
          if w > 0:
              return w + b*b
          return -w + b*b
      contour(f, (-1, 1), (-1, 1), width=20, height=6)
      print(calls[0])
      """
    let out = try run(code)
    // For the picture: one failed call with arrays, one call per grid point
    // (21 × 7); for the star: the same on the fixed 61 × 61 grid, then the
    // simplex search (at most 2000 calls, and 3 more in its last step).
    let calls = Int(out.split(separator: "\n").last ?? "") ?? 0
    #expect(calls > 2 + 21 * 7 + 61 * 61 && calls <= 2 + 21 * 7 + 61 * 61 + 2003, "\(calls) calls")
    #expect(out.contains("★"))
  }

  @Test func theStarMarksTheMinimumOfANarrowValleyNotJustTheLowestGridPoint() throws {
    // The minimum (0.123, 0.456) lies between grid points, in a valley 100 times steeper across b.
    let out = try run("contour(lambda w, b: (w - 0.123)**2 + 100*(b - 0.456)**2, (-1, 1), (-1, 1), width=30, height=8)")
    #expect(out.contains("at (0.123, 0.456)"), "\(out)")
  }

  @Test func contourOfTheLecturesLossWithTwoOptimizers() throws {
    let out = try run(
      """
      def f(w, b, x):
          return 1.0/(1.0 + exp(-(w*x + b)))
      X = [0.5, 2.5]
      Y = [0.2, 0.9]
      def error(w, b):
          err = 0.0
          for x, y in zip(X, Y):
              fx = f(w, b, x)
              err += 0.5 * (fx - y) ** 2
          return err
      def grad(w, b):
          dw, db = 0.0, 0.0
          for x, y in zip(X, Y):
              fx = f(w, b, x)
              dw += (fx - y) * fx * (1 - fx) * x
              db += (fx - y) * fx * (1 - fx)
          return dw, db
      def train(opt, steps):
          w, b = -2.0, -2.0
          path = [(w, b)]
          for t in range(steps):
              w, b = opt.step((w, b), grad(w, b))
              path.append((w, b))
          return path
      contour(error, (-6, 6), (-6, 6), paths=[train(adam(eta=0.2), 200), train(gd(eta=1.0), 200)],
              labels=["adam", "gd"], width=60, height=20, ascii=True)
      """)
    #expect(out.contains("* adam") && out.contains("o gd"))
    #expect(out.contains("S") && out.contains("E") && out.contains("X min"))
    #expect(out.split(separator: "\n").count == 20 + 4)
  }

  @Test func contourLevelsCanBeGiven() throws {
    let out = try run(
      "contour(lambda w, b: w, (0, 4), (0, 2), levels=[2], width=20, height=4, ascii=True)")
    // One level line, w = 2: dot column 30 of 60, the left of cell 10, in every row.
    let canvas = out.split(separator: "\n").dropFirst().prefix(4).map { Array($0) }
    #expect(canvas.count == 4)
    #expect(canvas.allSatisfy { $0.count > 13 && $0[3 + 10] == "|" })
  }

  // MARK: Errors

  @Test func clearErrors() {
    let cases: [(String, ErrorKind, String)] = [
      ("plot()", .typeError, "needs something to draw"),
      ("plot('abc')", .typeError, "cannot draw a string"),
      ("plot(3)", .typeError, "cannot draw a number"),
      ("plot([])", .valueError, "ys is empty"),
      ("plot([[1, 2], []])", .valueError, "series 2 is empty"),
      ("plot([1, 'a'])", .typeError, "item 1 is a string"),
      ("plot([1, 2, 3], [1, 2])", .valueError, "xs has 3 numbers but ys has 2"),
      ("plot([1, 2], [[1, 2], [1, 2, 3]])", .valueError, "series 2 of ys has 3"),
      ("plot([1, 2], labels=['a', 'b'])", .valueError, "is 1 series but 2 labels"),
      ("plot([[1], [2]], labels='a')", .valueError, "labels= needs a list of 2 names"),
      ("plot(lambda x: [x], 0, 1)", .typeError, "returned a list at x=0, not a number"),
      ("plot(lambda x: x, 0)", .typeError, "give its ends"),
      ("plot(lambda x: x, 1, 0)", .valueError, "needs a < b"),
      ("plot(lambda x: x, 0, 'a')", .typeError, "must be numbers"),
      ("plot([1, 2], sin)", .typeError, "argument 2 is a function"),
      ("plot([1, 2], style='bars')", .valueError, "is not a style"),
      ("plot([1, 2], width=2)", .valueError, "width=2 is out of range"),
      ("plot([1, 2], height=1.5)", .valueError, "whole number"),
      ("plot([1, 2], colour=True)", .typeError, "unexpected keyword argument 'colour'"),
      ("plot([1, 2], ylim=(1, 0))", .valueError, "from low to high"),
      ("plot([1, 2], xlim=5)", .typeError, "pair of numbers"),
      ("contour([1, 2], (0, 1), (0, 1))", .typeError, "must be a function of two numbers"),
      ("contour(lambda w, b: w)", .typeError, "needs a function and two ranges"),
      ("contour(lambda w, b: w, (0, 1), (1, 1))", .valueError, "from low to high"),
      ("contour(lambda w, b: w, 1, (0, 1))", .typeError, "pair of numbers"),
      ("contour(lambda w, b: [w], (0, 1), (0, 1))", .typeError, "f returned a list at (0, 0), not a number"),
      ("contour(lambda w: w, (0, 1), (0, 1))", .typeError, "takes 1 argument"),
      ("contour(lambda w, b: nan, (0, 1), (0, 1))", .valueError, "no finite value"),
      ("contour(lambda w, b: w, (0, 1), (0, 1), paths=[[]])", .valueError, "path 1 is empty"),
      ("contour(lambda w, b: w, (0, 1), (0, 1), paths=[[(1, 2), 3]])", .typeError, "its item 1 is a number"),
      ("contour(lambda w, b: w, (0, 1), (0, 1), paths=5)", .typeError, "paths= must be a list"),
      (
        "contour(lambda w, b: w, (0, 1), (0, 1), paths=[(0, 0)], labels=['a', 'b'])", .valueError,
        "is 1 path but 2 labels"
      ),
      ("contour(lambda w, b: w, (0, 1), (0, 1), levels=0)", .valueError, "between 1 and 50"),
      ("contour(lambda w, b: w, (0, 1), (0, 1), levels='many')", .typeError, "levels= must be"),
      // The options for panels, log x, marks, colours, markers and frames.
      ("plots([1, 2])", .typeError, "list of functions"),
      ("plots([lambda: None])", .valueError, "drew 0 plots"),
      ("plots([lambda: plot([1]), lambda: plot([2])], cols=0)", .valueError, "cols=0"),
      ("plots([lambda: plots([lambda: plot([1])])])", .valueError, "cannot hold plots()"),
      ("plot(lambda x: x, 0, 10, logx=True)", .valueError, "a > 0"),
      ("plot([1, 2], xlim=(0, 1), logx=True)", .valueError, "xlim must be above 0"),
      ("plot([1, 2], color='chartreuse')", .valueError, "not a colour"),
      ("plot([[1, 2], [2, 1]], color=['red'])", .valueError, "1 value for 2 series"),
      ("plot([1, 2], marker='q')", .valueError, "not a marker"),
      ("plot([1, 2], annotate=(1, 2))", .typeError, "annotate= takes (x, y, \"text\")"),
      ("plot([1, 2], hline=float('nan'))", .valueError, "hline= must be finite"),
      ("plot([1, 2], file='a.svg', show=3 > 4, annotate=[(1, 1, 'a'), 5])", .typeError, "annotate="),
      ("contour(lambda w, b: w, (0, 1), (0, 1), frames='x.txt')", .valueError, "CSV"),
    ]
    // No paths at all is not an error: the surface alone.
    #expect(error(of: "contour(lambda w, b: w, (0, 1), (0, 1), paths=[])") == nil)
    for (code, kind, message) in cases {
      let e = error(of: code)
      #expect(e?.kind == kind, "\(code): \(e.map { "\($0.kind): \($0.message)" } ?? "no error")")
      #expect(e?.message.contains(message) == true, "\(code): \(e?.message ?? "no error")")
    }
  }

  @Test func errorsInsideTheFunctionKeepTheirPlace() {
    let e = error(of: "def f(x):\n    return undefined_name\nplot(f, 0, 1)")
    #expect(e?.kind == .nameError)
    let c = error(of: "def g(w, b):\n    return 1 / zzz\ncontour(g, (0, 1), (0, 1))")
    #expect(c?.kind == .nameError)
  }

}

/// Ticks and the canvas's pieces.
@Suite struct AxisAndCanvasTests {
  @Test func niceSteps() {
    #expect(Axis.niceStep(0.13) == 0.2)
    #expect(Axis.niceStep(2.2) == 2.5)
    #expect(Axis.niceStep(30) == 50)
    #expect(Axis.niceStep(100) == 100)
  }

  @Test func looseLimitsWhenTheyCostLittle() {
    let a = Axis.make(lo: 0.1, hi: 1, log: false, tight: false, maxTicks: 6)
    #expect(a.lo == 0 && a.hi == 1)
    #expect(a.labels == ["0", "0.2", "0.4", "0.6", "0.8", "1"])
    let t = Axis.make(lo: 0, hi: 199, log: false, tight: true, maxTicks: 5)
    #expect(t.lo == 0 && t.hi == 199)
    #expect(t.labels == ["0", "50", "100", "150"])
    let c = Axis.make(lo: 5, hi: 5, log: false, tight: false, maxTicks: 3)
    #expect(c.lo < 5 && c.hi > 5)
  }

  @Test func tickLabels() {
    #expect(Axis.label(0.30000000000000004, among: [0.1, 0.2]) == "0.3")
    #expect(Axis.label(-0.0, among: []) == "0")
    #expect(Axis.label(1e-5, among: []) == "1e-05")
    #expect(Axis.label(2_000_000, among: []) == "2e+06")
    #expect(Axis.label(12345, among: [12345]) == "12345")
  }

  @Test func asciiGlyphsForLines() {
    let t = AsciiGlyphs.table
    #expect(t[0b000_111_000] == "-")
    #expect(t[0b000_000_111] == "_")
    #expect(t[0b010_010_010] == "|")
    #expect(t[0b001_010_100] == "/")
    #expect(t[0b100_010_001] == "\\")
    // Characters that paths and markers use never come from lines.
    let reserved: Set<Character> = ["*", "o", "@", "%", "&", "$", "S", "E", "X"]
    #expect(t.allSatisfy { !reserved.contains($0) })
    #expect(t.dropFirst().allSatisfy { $0 != " " })
  }

  @Test func clippingKeepsOnlyTheVisiblePart() {
    let r = Canvas.clip(-10, 5, 10, 5, xmin: 0, ymin: 0, xmax: 4, ymax: 9)
    #expect(r?.0.0 == 0 && r?.1.0 == 4)
    #expect(Canvas.clip(-10, -10, -5, -5, xmin: 0, ymin: 0, xmax: 4, ymax: 4) == nil)
    #expect(Canvas.clip(0, 0, .infinity, 1, xmin: 0, ymin: 0, xmax: 4, ymax: 4) == nil)
    var canvas = Canvas(kind: .braille, columns: 2, rows: 1)
    canvas.line(-1e300, 1, 1e300, 1, nil)
    #expect(canvas.character(column: 0, row: 0).0 == "⠒")
  }

  @Test func marchingSquaresSaddle() {
    // 1 0 / 0 1 with the centre (0.5) above 0.4: the two high corners join.
    let g = Contours.Grid(nx: 2, ny: 2, values: [1, 0, 0, 1], x0: 0, x1: 1, y0: 0, y1: 1)
    let s = Contours.segments(g, level: 0.4)
    // By linear interpolation along the edges, each low corner is cut off on
    // its own: (0.6, 0)–(1, 0.4) around (1, 0) and (0, 0.6)–(0.4, 1) around
    // (0, 1). The other split would join (0.6, 0) to (0, 0.6) instead.
    func near(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 1e-12 }
    func joins(_ p: (Double, Double), _ q: (Double, Double)) -> Bool {
      s.contains { seg in
        (near(seg.x0, p.0) && near(seg.y0, p.1) && near(seg.x1, q.0) && near(seg.y1, q.1))
          || (near(seg.x0, q.0) && near(seg.y0, q.1) && near(seg.x1, p.0) && near(seg.y1, p.1))
      }
    }
    #expect(s.count == 2)
    #expect(joins((0.6, 0), (1, 0.4)), "\(s)")
    #expect(joins((0, 0.6), (0.4, 1)), "\(s)")
    let q = Contours.quantileLevels((0...100).map(Double.init), count: 3)
    #expect(q == [25, 50, 75])
  }
}
