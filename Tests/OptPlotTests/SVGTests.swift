import Foundation
import OptLang
import Testing

@testable import OptPlot

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// An SVG file parsed as XML: every element with its attributes and text.
final class SVGDocument: NSObject, XMLParserDelegate {
  struct Element {
    var name: String
    var attributes: [String: String]
    var text = ""
    /// The classes of this element and of the groups around it.
    var classes: [String]
  }

  private(set) var elements: [Element] = []
  private var stack: [Int] = []
  private(set) var parseError: Error?

  init(path: String) throws {
    super.init()
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    let parser = XMLParser(data: data)
    parser.delegate = self
    if !parser.parse() { parseError = parser.parserError ?? CocoaError(.fileReadCorruptFile) }
  }

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    let inherited = stack.last.map { elements[$0].classes } ?? []
    let own = attributes["class"].map { $0.split(separator: " ").map(String.init) } ?? []
    elements.append(Element(name: name, attributes: attributes, classes: inherited + own))
    stack.append(elements.count - 1)
  }

  func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
    stack.removeLast()
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    if let i = stack.last { elements[i].text += string }
  }

  var root: Element? { elements.first }

  /// Elements named `name` inside (or being) something of class `cls`.
  func all(_ name: String, in cls: String? = nil) -> [Element] {
    elements.filter { $0.name == name && (cls == nil || $0.classes.contains(cls!)) }
  }

  func texts(in cls: String) -> [String] {
    all("text", in: cls).map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }
  }
}

@Suite struct SVGTests {
  @Test func linePlotWritesAStandaloneSVG() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let file = folder + "/loss.svg"
    let out = try run(
      """
      plot([[1, 0.5, 0.25, 0.125], [1, 0.8, 0.6, 0.4]], labels=["adam", "sgd <&>"], title="Loss", \
      xlabel="epoch", ylabel="loss", width=40, height=10, file="\(file)")
      """)
    #expect(out.hasSuffix("saved \(file)\n"))
    let svg = try SVGDocument(path: file)
    #expect(svg.parseError == nil)
    let root = try #require(svg.root)
    #expect(root.name == "svg")
    #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg")
    #expect(root.attributes["viewBox"]?.hasPrefix("0 0 ") == true)
    #expect(Double(root.attributes["width"] ?? "") ?? 0 > 600)
    // Frame, ticks with the same labels as the terminal, title, axis labels.
    #expect(svg.all("rect", in: "frame").count == 1)
    #expect(svg.texts(in: "x") == ["0", "1", "2", "3"])
    #expect(svg.texts(in: "y") == ["0.25", "0.5", "0.75", "1"])
    #expect(svg.texts(in: "title") == ["Loss"])
    #expect(svg.texts(in: "xlabel") == ["epoch"])
    #expect(svg.texts(in: "ylabel") == ["loss"])
    // One line per series, each in its own colour, and a legend naming them.
    let lines = svg.all("path", in: "series")
    #expect(lines.count == 2)
    #expect(lines.map { $0.attributes["data-label"] } == ["adam", "sgd <&>"])
    #expect(Set(lines.compactMap { $0.attributes["stroke"] }).count == 2)
    #expect(lines.allSatisfy { ($0.attributes["d"] ?? "").hasPrefix("M") })
    #expect(lines[0].attributes["d"]?.components(separatedBy: "L").count == 4)
    #expect(svg.texts(in: "legend") == ["adam", "sgd <&>"])
    // Written atomically: nothing else is left in the folder.
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["loss.svg"])
  }

  @Test func contourWritesLevelsPathsAndMarkers() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let file = folder + "/surface.svg"
    _ = try run(
      """
      def bowl(w, b):
          return w**2 + 4*b**2
      p1 = [(-2.5, 1.5), (-1, 0.5), (-0.2, 0.1)]
      p2 = ([2.5, 1.5, 0.5, 0.1], [-1.5, -0.5, -0.2, 0])
      contour(bowl, (-3, 3), (-2, 2), paths=[p1, p2], labels=["adam", "gd"], levels=6, \
      width=40, height=12, file="\(file)")
      """)
    let svg = try SVGDocument(path: file)
    #expect(svg.parseError == nil)
    let levels = svg.all("path", in: "levels")
    #expect(levels.count == 6)
    #expect(levels.allSatisfy { ($0.attributes["d"] ?? "").hasPrefix("M") })
    #expect(Set(levels.compactMap { $0.attributes["stroke"] }).count == 6)
    // Each path: a line and its points, in its own colour.
    let paths = svg.all("g", in: "paths").filter { $0.attributes["class"] == "path" }
    #expect(paths.map { $0.attributes["data-label"] } == ["adam", "gd"])
    #expect(svg.all("circle", in: "paths").count == 7)
    // Start, end and minimum markers.
    #expect(svg.all("circle", in: "markers").filter { $0.attributes["class"] == "start" }.count == 2)
    #expect(svg.all("circle", in: "markers").filter { $0.attributes["class"] == "end" }.count == 2)
    #expect(svg.all("polygon", in: "markers").filter { $0.attributes["class"] == "minimum" }.count == 1)
    let legend = svg.texts(in: "legend")
    #expect(legend.prefix(4) == ["adam", "gd", "start", "end"])
    #expect(legend.last == "min 0 at w=0, b=0")
    #expect(svg.texts(in: "xlabel") == ["w"])
    #expect(svg.texts(in: "ylabel") == ["b"])
  }

  @Test func filledContourHasBands() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let file = folder + "/bands.svg"
    let out = try run(
      "contour(lambda x, y: x*x + y*y, (-1, 1), (-1, 1), fill=True, width=20, height=8, file='\(file)')")
    #expect(out.contains("▒") || out.contains("░"))
    let svg = try SVGDocument(path: file)
    #expect(svg.parseError == nil)
    // At the SVG's own resolution (240 cells across), each row of cells as
    // runs of one band: every row of rectangles spans the plot's 640 pixels.
    let rects = svg.all("rect", in: "bands")
    let rows = Dictionary(grouping: rects, by: { $0.attributes["y"] ?? "" })
    #expect(rows.count > 100)
    for (_, row) in rows {
      let width = row.reduce(0.0) { $0 + (Double($1.attributes["width"] ?? "") ?? 0) - 0.3 }
      #expect(abs(width - 640) < 0.05 * Double(row.count) + 0.01, "\(width)")
    }
  }

  @Test func writingAgainReplacesTheFile() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let file = folder + "/a.svg"
    _ = try run("plot([1, 2, 3], title='first', file='\(file)')")
    _ = try run("plot([1, 2, 3], title='second', file='\(file)')")
    let svg = try SVGDocument(path: file)
    #expect(svg.texts(in: "title") == ["second"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["a.svg"])
  }

  @Test func manyPointsAreThinnedButKeepTheirExtremes() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let file = folder + "/many.svg"
    _ = try run("plot([(i % 100) / 100 for i in range(100000)], width=60, height=10, file='\(file)')")
    let svg = try SVGDocument(path: file)
    let d = try #require(svg.all("path", in: "series").first?.attributes["d"])
    let points = d.components(separatedBy: "L").count
    #expect(points < 4 * 640 + 10)
    let size = try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int ?? 0
    #expect(size < 200_000)
    // The extremes survive thinning: the path reaches as high and as low as
    // the two-point plot of the same range, [0, 0.99], on the same axes.
    let two = folder + "/two.svg"
    _ = try run("plot([0, 0.99], width=60, height=10, file='\(two)')")
    let dTwo = try #require(try SVGDocument(path: two).all("path", in: "series").first?.attributes["d"])
    func ys(_ path: String) -> [Double] {
      let numbers = path.split(whereSeparator: { "MLml ,".contains($0) }).compactMap { Double($0) }
      return stride(from: 1, to: numbers.count, by: 2).map { numbers[$0] }
    }
    #expect(ys(d).min() == ys(dTwo).min() && ys(d).max() == ys(dTwo).max(), "\(ys(dTwo))")
  }

  @Test func badFileNamesAreClearErrors() throws {
    let e = error(of: "plot([1, 2], file='plot.pdf')")
    #expect(e?.kind == .valueError)
    #expect(e?.message.contains(".svg") == true)
    let missing = error(of: "plot([1, 2], file='/no/such/folder/p.svg')")
    #expect(missing?.kind == .osError)
    #expect(missing?.message.contains("does not exist") == true)
    #expect(error(of: "plot([1, 2], file=3)")?.kind == .typeError)
  }

  @Test func decimationKeepsFirstLastLowestAndHighest() {
    let xs = (0..<1000).map(Double.init)
    let ys = xs.map { sin($0 / 7) }
    let kept = SVGRenderer.decimated(xs, ys, count: 1000, buckets: 10, stairs: false)
    #expect(kept.first == 0 && kept.last == 999)
    #expect(kept.count <= 40)
    #expect(kept.contains(ys.firstIndex(of: ys.max()!)!))
    #expect(kept.contains(ys.firstIndex(of: ys.min()!)!))
    #expect(SVGRenderer.decimated(xs, ys, count: 30, buckets: 10, stairs: false) == Array(0..<30))
  }
}
