import Testing

@testable import OptLessons

/// Lesson prose in the terminal: blocks, inline markup, wrapping, colour.
@Suite struct ProseRendererTests {
  let plain = ProseRenderer(width: 40, color: false)

  @Test func headingsAreUnderlinedAndParagraphsWrapped() {
    let text = plain.render(
      "# Title\n\nA paragraph that is long enough to need more than one line at forty columns.")
    #expect(
      text == """
        Title
        ═════

        A paragraph that is long enough to need
        more than one line at forty columns.

        """)
  }

  @Test func noLineIsWiderThanTheWidth() {
    let long = String(repeating: "word ", count: 100)
    for line in plain.render(long + "\n\n- " + long).split(separator: "\n") {
      #expect(line.count <= 40)
    }
  }

  @Test func listItemsStayTogetherWithHangingIndent() {
    let text = plain.render("Intro:\n- first item that wraps onto a second line here\n- second\n1. one\n2. two")
    #expect(
      text == """
        Intro:

          • first item that wraps onto a second
            line here
          • second
          1. one
          2. two

        """)
  }

  @Test func inlineMarkupWithoutColourKeepsCodeBackticks() {
    #expect(plain.render("**Bold** and *em* and `code` and $\\eta_t$.") == "Bold and em and `code` and ηₜ.\n")
  }

  @Test func inlineMarkupWithColourUsesANSI() {
    let colored = ProseRenderer(width: 40, color: true)
    let text = colored.render("**b** `c`")
    #expect(text.contains("\u{1B}[1mb\u{1B}[0m"))
    #expect(text.contains("\u{1B}[36mc\u{1B}[0m"))
    #expect(!text.contains("`"))
  }

  @Test func displayMathAndCodeBlocksAreIndented() {
    let text = plain.render("$$\n\\hat{m}_t = \\frac{m_t}{1-\\beta_1^t}\n$$\n\n```\nw = w - eta * g\n```")
    #expect(text == "    m̂ₜ = mₜ/(1-β₁ᵗ)\n\n    w = w - eta * g\n")
  }

  @Test func linksShowTheirAddress() {
    #expect(plain.render("[Adam](https://arxiv.org/abs/1412.6980)") == "Adam (https://arxiv.org/abs/1412.6980)\n")
  }

  @Test func aShortFormulaIsNotBrokenAcrossLines() {
    let text = ProseRenderer(width: 30, color: false).render(
      "Some words here and then $w_{t+1} = w_t - \\eta g_t$ ends.")
    #expect(text.contains("wₜ₊₁ = wₜ - ηgₜ"), "\(text)")
  }

  @Test func emptyProseRendersAsNothing() {
    #expect(plain.render("") == "")
    #expect(plain.render("\n\n") == "")
  }
}
