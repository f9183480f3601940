import OptLang

/// `color=` and `marker=`: one value for every series (or path), or a list
/// with one per series.
enum PlotStyle {
  static func colors(_ v: Value?, count: Int, _ name: String) throws -> [PlotColor]? {
    try each(v, count: count, key: "color", name) { text in
      guard let c = PlotColor.parse(text) else {
        throw OptError(
          .valueError,
          "\(name)(): color=\(Format.quoted(text)) is not a colour; use blue, orange, green, red, purple, cyan, pink, brown, black, gray or \"#rrggbb\""
        )
      }
      return c
    }
  }

  static func markers(_ v: Value?, count: Int, unicode: Bool, _ name: String) throws -> [Marker]? {
    try each(v, count: count, key: "marker", name) { text in
      guard let m = Marker.parse(text, unicode: unicode) else {
        throw OptError(
          .valueError,
          "\(name)(): marker=\(Format.quoted(text)) is not a marker; use \"o\", \"x\", \"s\", \"D\", \"^\", \"+\" or \"*\""
        )
      }
      return m
    }
  }

  /// A string for all, or a list of `count` strings, each made into a `T`.
  private static func each<T>(
    _ v: Value?, count: Int, key: String, _ name: String, _ make: (String) throws -> T
  ) throws -> [T]? {
    guard let v, !v.isNone else { return nil }
    if case .string(let s) = v { return Array(repeating: try make(s.value), count: count) }
    guard let items = PlotData.items(v) else {
      throw OptError(
        .typeError, "\(name)(): \(key)= must be a name in quotes or a list of them, not \(v.typeNameWithArticle)")
    }
    guard items.count == count else {
      throw OptError(
        .valueError, "\(name)(): \(key)= has \(items.count) value\(items.count == 1 ? "" : "s") for \(count) series",
        hint: "give one \(key) per series, or one for all")
    }
    return try items.map { item in
      guard case .string(let s) = item else {
        throw OptError(.typeError, "\(name)(): each \(key) must be a name in quotes, not \(item.typeNameWithArticle)")
      }
      return try make(s.value)
    }
  }
}
