import Testing

@testable import OptLessons

/// The LaTeX subset of lesson prose, rendered as Unicode.
@Suite struct MathTextTests {
  @Test(arguments: [
    (#"\eta_t"#, "ηₜ"),
    (#"\beta_1^t"#, "β₁ᵗ"),
    (#"v_{t-1}"#, "vₜ₋₁"),
    (#"\sqrt{v_t + \epsilon}"#, "√(vₜ + ε)"),
    (#"\sqrt{v}"#, "√v"),
    (#"\hat{v}_t"#, "v̂ₜ"),
    (#"\frac{\eta}{\sqrt{v}}"#, "η/√v"),
    (#"\frac{1}{1-\beta^t}"#, "1/(1-βᵗ)"),
    (#"\nabla w"#, "∇w"),
    (#"1 + \beta + \cdots"#, "1 + β + ⋯"),
    (#"\eta = 1"#, "η = 1"),
    (#"\eta \hat{m}_t"#, "ηm̂ₜ"),
    (#"\beta v"#, "βv"),
    (#"L^*"#, "L*"),
    (#"r \, v_t"#, "r vₜ"),
    (#"r\,v"#, "r v"),
    (#"\frac{\eta}{\sqrt{v_t + \epsilon}}"#, "η/√(vₜ + ε)"),
    (#"\eta\frac{\sqrt{1-\beta_2^t}}{1-\beta_1^t}"#, "η√(1-β₂ᵗ)/(1-β₁ᵗ)"),
    (#"\eta \cdot \gamma^n"#, "η · γⁿ"),
    (#"\rho_\infty"#, "ρ_∞"),
    (#"L^p"#, "Lᵖ"),
    (#"x^{(k)}"#, "x⁽ᵏ⁾"),
    (#"\mathbb{E}[g]"#, "𝔼[g]"),
    (#"a \le b \cdot c"#, "a ≤ b · c"),
    (#"\max(a, b)"#, "max(a, b)"),
    (#"\unknown{x}"#, #"\unknownx"#),
    (#"T_{cur}"#, "T_(cur)"),
  ])
  func rendersAsUnicode(latex: String, expected: String) {
    #expect(MathText.render(latex) == expected)
  }

  @Test func unbalancedInputDoesNotTrap() {
    for text in ["\\", "{", "}", "_", "^", "\\frac{a}", "\\sqrt", "x_{", "$$", "\\hat"] {
      _ = MathText.render(text)
    }
  }
}
