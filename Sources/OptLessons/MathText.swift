/// Turns the simple LaTeX of a lesson's `$...$` into readable Unicode for the
/// terminal: `\eta_t` → ηₜ, `\beta_2^t` → β₂ᵗ, `\sqrt{v_t}` → √vₜ, `\hat{v}` → v̂,
/// `\frac{a}{b}` → a/b. What it does not know it leaves as written.
public enum MathText {
  public static func render(_ latex: String) -> String {
    var parser = Parser(Array(latex))
    // A thin space (\, \; \:) beside a written space adds nothing; alone it is a space.
    var out = ""
    var afterThinSpace = false
    for c in parser.sequence(until: nil) {
      if c == "\u{2009}" {
        if out.last != " " { out.append(" ") }
        afterThinSpace = true
      } else if c == " " && afterThinSpace {
        continue
      } else {
        out.append(c)
        afterThinSpace = false
      }
    }
    return out
  }

  static let symbols: [String: String] = [
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε", "zeta": "ζ",
    "eta": "η", "theta": "θ", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ",
    "sigma": "σ", "tau": "τ", "phi": "φ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
    "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
    "nabla": "∇", "partial": "∂", "infty": "∞", "cdot": "·", "times": "×", "div": "÷", "pm": "±",
    "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "ne": "≠", "neq": "≠", "approx": "≈", "sim": "∼",
    "propto": "∝", "equiv": "≡", "to": "→", "rightarrow": "→", "leftarrow": "←", "Rightarrow": "⇒",
    "mapsto": "↦", "in": "∈", "sum": "Σ", "prod": "∏", "int": "∫", "ldots": "…", "dots": "…", "cdots": "⋯",
    "|": "‖", "{": "{", "}": "}", "%": "%", "_": "_", "&": "&", "#": "#", "lfloor": "⌊", "rfloor": "⌋",
    "lceil": "⌈", "rceil": "⌉", "langle": "⟨", "rangle": "⟩", ",": "\u{2009}", ";": "\u{2009}", ":": "\u{2009}",
    "quad": "  ",
    "qquad": "    ", "!": "", " ": " ", "max": "max", "min": "min", "log": "log", "ln": "ln", "exp": "exp",
    "sin": "sin", "cos": "cos", "tanh": "tanh", "arg": "arg", "argmin": "argmin", "argmax": "argmax",
    "lim": "lim", "left": "", "right": "", "big": "", "Big": "", "prime": "′", "circ": "∘", "odot": "⊙",
    "mid": "|", "forall": "∀", "exists": "∃", "lVert": "‖", "rVert": "‖", "Vert": "‖",
  ]

  static let subscripts: [Character: Character] = Dictionary(
    uniqueKeysWithValues: zip("0123456789+-=()aehijklmnoprstuvxβγρφχ", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ"))
  static let superscripts: [Character: Character] = Dictionary(
    uniqueKeysWithValues: zip(
      "0123456789+-=()abcdefghijklmnoprstuvwxyzβγδθφχABDEGHIJKLMNOPRTUVW",
      "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᵝᵞᵟᶿᵠᵡᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂ"))

  /// A recursive-descent reader of the LaTeX subset.
  struct Parser {
    let chars: [Character]
    var index = 0
    init(_ chars: [Character]) { self.chars = chars }

    /// Reads until `closer` (or the end), rendering as it goes.
    mutating func sequence(until closer: Character?) -> String {
      var out = ""
      while index < chars.count {
        let c = chars[index]
        if c == closer {
          index += 1
          return out
        }
        index += 1
        switch c {
        case "\\": out += command()
        case "{": out += sequence(until: "}")
        case "_": out += script(using: MathText.subscripts, marker: "_")
        case "^": out += script(using: MathText.superscripts, marker: "^")
        case "~": out += " "
        default: out.append(c)
        }
      }
      return out
    }

    /// The next argument: a `{group}`, a command, or one character.
    mutating func argument() -> String {
      while index < chars.count, chars[index] == " " { index += 1 }
      guard index < chars.count else { return "" }
      let c = chars[index]
      index += 1
      if c == "{" { return sequence(until: "}") }
      if c == "\\" { return command() }
      return String(c)
    }

    /// A sub- or superscript: in small Unicode characters when every character
    /// has one, else `_x` / `^(xy)` as text.
    mutating func script(using table: [Character: Character], marker: Character) -> String {
      let text = argument()
      if !text.isEmpty, text.allSatisfy({ table[$0] != nil }) { return String(text.map { table[$0]! }) }
      // L^* is L*, f^\prime is f′: a lone mark is written as it is.
      if marker == "^" && (text == "′" || text == "*") { return text }
      return String(marker) + (text.count > 1 ? "(" + text + ")" : text)
    }

    /// Whether what follows the spaces at `index` is multiplied onto a
    /// symbol before it (a name, a number, a letter-like command), so that the
    /// spaces go: `\nabla w` is ∇w, but `\beta + x` keeps its spaces.
    func nextIsFactor() -> Bool {
      var k = index
      while k < chars.count, chars[k] == " " { k += 1 }
      guard k < chars.count else { return false }
      if chars[k].isLetter || chars[k].isNumber { return true }
      guard chars[k] == "\\" else { return false }
      let name = String(chars[(k + 1)...].prefix { $0.isLetter })
      if ["hat", "bar", "tilde", "sqrt", "frac", "mathbf", "mathrm", "boldsymbol", "vec"].contains(name) {
        return true
      }
      guard let symbol = MathText.symbols[name], symbol.count == 1, let c = symbol.first else { return false }
      return c.isLetter || symbol == "∇" || symbol == "∂"
    }

    mutating func command() -> String {
      guard index < chars.count else { return "\\" }
      var name = ""
      if chars[index].isLetter {
        while index < chars.count, chars[index].isLetter {
          name.append(chars[index])
          index += 1
        }
      } else {
        name = String(chars[index])
        index += 1
      }
      switch name {
      case "sqrt":
        let inside = argument()
        return "√" + (inside.count > 1 && !MathText.isAtom(inside) ? "(" + inside + ")" : inside)
      case "frac", "dfrac", "tfrac":
        let top = argument()
        let bottom = argument()
        return MathText.grouped(top) + "/" + MathText.grouped(bottom)
      case "hat", "widehat": return MathText.combining(argument(), "\u{0302}")
      case "bar", "overline": return MathText.combining(argument(), "\u{0304}")
      case "tilde", "widetilde": return MathText.combining(argument(), "\u{0303}")
      case "dot": return MathText.combining(argument(), "\u{0307}")
      case "vec": return MathText.combining(argument(), "\u{20D7}")
      case "mathbf", "mathrm", "text", "mathit", "textrm", "operatorname", "boldsymbol", "textbf", "emph":
        return argument()
      case "mathbb":
        let letter = argument()
        return ["E": "𝔼", "R": "ℝ", "N": "ℕ", "Z": "ℤ"][letter] ?? letter
      default:
        if let symbol = MathText.symbols[name] {
          // A letter-like symbol is written against what follows, as TeX
          // sets it: \nabla w is ∇w, \beta v is βv.
          if symbol.count == 1, symbol.first!.isLetter || symbol == "∇" || symbol == "∂" {
            if nextIsFactor() {
              while index < chars.count, chars[index] == " " { index += 1 }
            }
            return symbol
          }
          // A word-like operator followed by a name keeps a space: \max x, \log v.
          if symbol.first?.isLetter == true, index < chars.count, chars[index] == " " {
            while index < chars.count, chars[index] == " " { index += 1 }
            return symbol + " "
          }
          return symbol
        }
        return "\\" + name
      }
    }
  }

  /// A base with a combining accent on its first character: v̂, x̄.
  static func combining(_ base: String, _ mark: String) -> String {
    guard let first = base.first else { return mark }
    return String(first) + mark + base.dropFirst()
  }

  /// Whether a text reads as one unit without brackets: a name, a number, a scripted name.
  static func isAtom(_ text: String) -> Bool {
    var rest = Substring(text)
    if rest.first == "√" { rest = rest.dropFirst() }
    if rest.first == "(", closingParenthesis(of: rest) == rest.index(before: rest.endIndex) { return true }
    return !rest.contains { " +-−·×/=<>≤≥,".contains($0) }
  }

  /// The index of the parenthesis that closes the one `text` starts with.
  static func closingParenthesis(of text: Substring) -> Substring.Index? {
    var depth = 0
    for i in text.indices {
      if text[i] == "(" { depth += 1 }
      if text[i] == ")" {
        depth -= 1
        if depth == 0 { return i }
      }
    }
    return nil
  }

  static func grouped(_ text: String) -> String { isAtom(text) ? text : "(" + text + ")" }
}
