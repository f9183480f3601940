import OptLang
import Testing

@testable import OptPlot

@Suite struct PlotLibraryTests {
  @Test func installingAddsNoUserVariables() {
    let interpreter = Interpreter(output: { _ in })
    PlotLibrary.install(into: interpreter)
    #expect(interpreter.userVariables.isEmpty)
  }
}
