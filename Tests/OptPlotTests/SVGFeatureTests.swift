import Foundation
import OptLang
import OptSystem
import Testing

@testable import OptPlot

/// The SVG's newer parts, checked by parsing the file.
@Suite struct SVGFeatureTests {
  /// Runs `code` with `FILE` replaced by a fresh file name; the parsed SVG and what was printed.
  func svg(_ code: String, settings: PlotSettings = .plain) throws -> (SVGDocument, String) {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let file = folder + "/p.svg"
    let out = try run(code.replacingOccurrences(of: "FILE", with: "'\(file)'"), settings: settings)
    let doc = try SVGDocument(path: file)
    #expect(doc.parseError == nil)
    return (doc, out)
  }

  /// The WCAG relative luminance of an sRGB colour, and the contrast of two.
  static func luminance(_ c: (Double, Double, Double)) -> Double {
    func linear(_ v: Double) -> Double { v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4) }
    return 0.2126 * linear(c.0) + 0.7152 * linear(c.1) + 0.0722 * linear(c.2)
  }
  static func contrast(_ a: Double, _ b: Double) -> Double { (max(a, b) + 0.05) / (min(a, b) + 0.05) }

  /// The colour of an xterm 256-colour cube index (16 + 36r + 6g + b, levels 0, 95, 135, 175, 215, 255).
  static func cube(_ index: UInt8) -> (Double, Double, Double) {
    let levels: [Double] = [0, 95, 135, 175, 215, 255]
    let k = Int(index) - 16
    return (levels[k / 36] / 255, levels[k / 6 % 6] / 255, levels[k % 6] / 255)
  }

  /// Every series, path and level colour reads on a white page and a dark
  /// terminal: contrast at least 2:1 with white and with black, in the SVG
  /// and as the terminal shows it.
  @Test func thePaletteReadsOnLightAndDark() throws {
    let colors = PlotColor.palette + (0...10).map { PlotColor.level(Double($0) / 10) }
    for c in colors {
      var shades = [try #require(PlotColor.components(c.svg))]
      if let t = c.terminal { shades.append(Self.cube(t)) }
      for shade in shades {
        let l = Self.luminance(shade)
        #expect(Self.contrast(l, 1) >= 2 && Self.contrast(l, 0) >= 2, "\(c.svg) \(shade)")
      }
    }
  }

  /// plot's series k and contour's path k have the same colour.
  @Test func plotAndContourShareThePalette() throws {
    let (plot, _) = try svg("plot([1, 2], [2, 1], [3, 1], file=FILE)")
    let (contour, _) = try svg(
      "contour(lambda w, b: w*w + b*b, (-1, 1), (-1, 1), paths=[[(0.5, 0.5)], [(-0.5, 0.5)], [(0, -0.5)]], file=FILE)")
    let lines = plot.all("path", in: "series").compactMap { $0.attributes["stroke"] }
    let paths = contour.all("path", in: "paths").compactMap { $0.attributes["stroke"] }
    #expect(lines.count == 3 && lines == paths, "\(lines) \(paths)")
  }

  /// The legend has the room its measured text needs, and a long title is
  /// not cut: DejaVu Sans widths (the font's hmtx table, in ems) times the size.
  @Test func textIsMeasured() throws {
    // m o m e n t u m: 0.9741 + 0.6118 + 0.9741 + 0.6152 + 0.6338 + 0.3921 + 0.6338 + 0.9741 = 5.809 em.
    #expect(abs(TextWidth.measure("momentum", size: 13) - 5.809 * 13) < 1e-9)
    let title = "A rather long title for a small plot, which must not be cut at either end"
    let (doc, _) = try svg("plot([[1, 2], [2, 1]], labels=['momentum', 'sgd'], title='\(title)', width=20, file=FILE)")
    let width = try #require(Double(doc.root?.attributes["width"] ?? ""))
    let t = try #require(doc.all("text", in: "title").first)
    let x = try #require(Double(t.attributes["x"] ?? ""))
    let half = TextWidth.measure(title, size: 16, bold: true) / 2
    #expect(x - half >= 0 && x + half <= width, "\(x) ± \(half) in \(width)")
    let entry = try #require(doc.all("text", in: "legend").first { $0.text == "momentum" })
    let lx = try #require(Double(entry.attributes["x"] ?? ""))
    #expect(lx + TextWidth.measure("momentum", size: 13) <= width)
  }

  /// Rosenbrock's minimum is (1, 1), which no grid point of the window hits
  /// (x = -1.5 + 3.5 i / 60); the star is there, at every terminal size.
  @Test func theStarIsTheTrueMinimumAtAnySize() throws {
    let code = "contour(lambda w, b: (1 - w)**2 + 100*(b - w*w)**2, (-1.5, 2), (-0.5, 3), file=FILE)"
    var legends: [[String]] = []
    for size in [(40, 12), (120, 40)] {
      let (doc, out) = try svg(code, settings: PlotSettings(terminalSize: { size }))
      #expect(out.contains("at (1, 1)"), "\(out)")
      legends.append(doc.texts(in: "legend"))
    }
    #expect(legends[0].last == legends[1].last)
    #expect(legends[0].last?.hasSuffix("at w=1, b=1") == true, "\(legends[0])")
  }

  /// x ticks 1, 10, 100, 1000 on a log axis are evenly spaced.
  @Test func logXInTheSVG() throws {
    let (doc, _) = try svg("plot(lambda t: 1 / t, 1, 1000, logx=True, logy=True, width=60, file=FILE)")
    let ticks = doc.all("text", in: "x")
    #expect(ticks.map(\.text) == ["1", "10", "100", "1000"])
    let xs = ticks.compactMap { Double($0.attributes["x"] ?? "") }
    #expect(abs((xs[1] - xs[0]) - (xs[3] - xs[2])) < 0.02)
  }

  @Test func referenceLinesNotesColoursAndMarkers() throws {
    let (doc, _) = try svg(
      "plot([1, 2, 3], color='red', marker='^', hline=[1.5, 2.5], vline=1, annotate=(2, 2, 'here'), file=FILE)")
    #expect(doc.all("line", in: "reference").map { $0.attributes["class"] ?? "" } == ["hline", "hline", "vline"])
    #expect(doc.texts(in: "notes") == ["here"])
    #expect(doc.all("path", in: "series").first?.attributes["stroke"] == PlotColor.named["red"]!.svg)
    #expect(doc.all("polygon", in: "marks").count == 3)
  }

  @Test func panelsShareOneDocument() throws {
    let (doc, _) = try svg(
      "plots([lambda: plot([1, 2], title='a'), lambda: plot([2, 1], title='b'), lambda: plot([1, 1])], cols=2, title='all', file=FILE)"
    )
    let panels = doc.all("g").filter { $0.attributes["class"] == "panel" }
    #expect(panels.count == 3)
    #expect(panels.map { $0.attributes["transform"] ?? "" }.filter { $0.hasPrefix("translate(0 ") }.count == 2)
    let ids = doc.all("clipPath").compactMap { $0.attributes["id"] }
    #expect(Set(ids).count == 3)
    #expect(doc.texts(in: "suptitle") == ["all"])
    #expect(doc.texts(in: "title") == ["a", "b"])
  }

  /// Level lines at the SVG's resolution, labelled, and a colour bar with a
  /// block per level, labelled with the levels' values.
  @Test func levelLabelsAndColourBar() throws {
    let (doc, _) = try svg("contour(lambda w, b: w*w + b*b, (-2, 2), (-2, 2), levels=[0.5, 1, 2], file=FILE)")
    #expect(Set(doc.texts(in: "level-labels")).isSubset(of: ["0.5", "1", "2"]))
    #expect(doc.texts(in: "level-labels").count >= 2)
    #expect(doc.texts(in: "colorbar") == ["0.5", "1", "2"])
    #expect(doc.all("rect", in: "colorbar").count == 4)
    // 240 cells across: the circle w² + b² = 1 crosses far more cells than on the terminal.
    let d = try #require(doc.all("path", in: "levels").first { $0.attributes["data-level"] == "1" }?.attributes["d"])
    #expect(d.components(separatedBy: "M").count > 200)
  }

  /// Two paths of 11 and 6 points: step k of each is reached at k/10 of the
  /// drawing, so the shorter one arrives halfway and waits; frames= has a row per step.
  @Test func animatedPathsAndFrames() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let frames = folder + "/frames.csv"
    let (doc, _) = try svg(
      """
      long = [(1 - k / 10, 1 - k / 10) for k in range(11)]
      short = [(-1 + k / 5, 1) for k in range(6)]
      contour(lambda w, b: w*w + b*b, (-2, 2), (-2, 2), paths=[long, short], labels=["a", "b,c"], \
      animate=True, frames='\(frames)', file=FILE)
      """)
    let animations = doc.all("animate", in: "paths").filter { $0.attributes["attributeName"] == "stroke-dashoffset" }
    #expect(animations.count == 2)
    #expect(Set(animations.compactMap { $0.attributes["dur"] }).count == 1)
    // 10 steps draw in 3 s (40 ms a step, at least 3 s), then 2 s hold: the
    // drawing is 3/5 of each round, step k at 0.6·k/10, then 1 (the hold's end).
    #expect(animations.allSatisfy { $0.attributes["dur"] == "5s" && $0.attributes["repeatCount"] == "indefinite" })
    let times = animations.map { ($0.attributes["keyTimes"] ?? "").split(separator: ";").map { Double($0)! } }
    let drawing: [Double] = (0...10).map { k in (Double(k) * 600).rounded() / 1e4 }
    #expect(times[0] == drawing + [1])
    #expect(times[1] == [0, 0.06, 0.12, 0.18, 0.24, 0.3, 0.6, 1])
    let offsets = (animations[1].attributes["values"] ?? "").split(separator: ";").map { Double($0)! }
    #expect(offsets.first! > 0 && offsets.last == 0 && zip(offsets, offsets.dropFirst()).allSatisfy { $0 >= $1 })
    let csv = try String(contentsOfFile: frames, encoding: .utf8).split(separator: "\n")
    #expect(csv.count == 12)
    #expect(csv[0] == "step,a x,a y,\"b,c x\",\"b,c y\"")
    #expect(csv[1] == "0,1.0,1.0,-1.0,1.0")
    #expect(csv[11] == "10,0.0,0.0,0.0,1.0")
  }

  /// show=False: nothing on the output, "saved" on standard error (the runtime's warn).
  @Test func showFalseWritesOnlyTheFile() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let file = folder + "/quiet.svg"
    let box = OutputBox()
    var warned = ""
    let interpreter = Interpreter(output: { box.text += $0 })
    interpreter.runtime.notices = { warned += $0 }
    PlotLibrary.install(into: interpreter)
    try interpreter.run("plot([1, 2], show=False, file='\(file)')", name: "<test>")
    #expect(box.text == "")
    #expect(warned == "saved \(file)\n")
    #expect(FileManager.default.fileExists(atPath: file))
    #expect(error(of: "plot([1, 2], show=False)")?.message.contains("file") == true)
  }

  /// A PNG where rsvg-convert is installed; where it is not, an error that says so.
  @Test func pngThroughRsvgConvert() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let file = folder + "/p.png"
    if FigureOutput.executable("rsvg-convert") != nil {
      _ = try run("plot([1, 2], file='\(file)')")
      let bytes = try Data(contentsOf: URL(fileURLWithPath: file)).prefix(8)
      #expect(Array(bytes) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
      #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["p.png"])
    } else {
      let e = error(of: "plot([1, 2], file='\(file)')")
      #expect(e?.kind == .osError && e?.message.contains("rsvg-convert") == true)
      #expect(e?.hint?.contains("librsvg2-bin") == true)
    }
  }
}
