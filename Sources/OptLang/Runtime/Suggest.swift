/// "Did you mean ...?": the closest name by edit distance.
public enum Suggest {
  public static func closest(to name: String, among candidates: [String]) -> String? {
    // A name this long is no misspelling of a short one; comparing would cost its length squared.
    guard name.count <= 64 else { return nil }
    let limit = max(1, name.count / 3)
    var best: (String, Int)?
    for candidate in candidates
    where candidate != name && !candidate.hasPrefix("_") && abs(candidate.count - name.count) <= limit {
      let d = distance(name, candidate)
      if d <= limit && (best == nil || d < best!.1) { best = (candidate, d) }
    }
    if best == nil {
      // A different case, or a prefix of a longer name, still deserves a suggestion.
      best = candidates.first { $0.lowercased() == name.lowercased() && $0 != name }.map { ($0, 0) }
    }
    return best?.0
  }

  /// Levenshtein distance, counting a swap of two neighbours as one edit.
  static func distance(_ a: String, _ b: String) -> Int {
    let s = Array(a)
    let t = Array(b)
    if s.isEmpty { return t.count }
    if t.isEmpty { return s.count }
    var d = [[Int]](repeating: [Int](repeating: 0, count: t.count + 1), count: s.count + 1)
    for i in 0...s.count { d[i][0] = i }
    for j in 0...t.count { d[0][j] = j }
    for i in 1...s.count {
      for j in 1...t.count {
        let cost = s[i - 1] == t[j - 1] ? 0 : 1
        d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
        if i > 1 && j > 1 && s[i - 1] == t[j - 2] && s[i - 2] == t[j - 1] {
          d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
        }
      }
    }
    return d[s.count][t.count]
  }
}
