import Foundation

/// What `help(x)` and `?name` show: a signature, then the documentation.
public enum Help {
  public static let overview = """
    help(x) shows what a function, rule, optimizer or module does, e.g. help(sqrt) or help(np).
    At the prompt, ?name does the same, and :help lists the REPL's commands.
    """

  /// The help text for a value.
  public static func describe(_ v: Value, runtime: Runtime) -> String {
    switch v {
    case .function(let f):
      var text = f.signature
      if let doc = f.doc, !doc.isEmpty {
        text += "\n\n" + dedent(doc)
      } else if f.kind == .user {
        text += "\n\n(no docstring: put a string on the first line of the body to document it)"
      }
      return text
    case .object(let m as Module):
      let members = m.attributeNames
      return "module \(m.name): \(m.doc)\n\nmembers: " + members.joined(separator: ", ")
    case .object(let o):
      return "\(o.typeName): \(o.repr)"
        + (o.attributeNames.isEmpty ? "" : "\nattributes: " + o.attributeNames.joined(separator: ", "))
    default:
      let methods = Members.names(of: v)
      return "\(v.typeNameWithArticle): \(Format.repr(v))"
        + (methods.isEmpty ? "" : "\nmethods: " + methods.joined(separator: ", "))
    }
  }

  /// A docstring without the indentation its source lines share.
  static func dedent(_ doc: String) -> String {
    var lines = doc.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let indents = lines.dropFirst().filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
      .map { $0.prefix { $0 == " " }.count }
    let common = indents.min() ?? 0
    for i in lines.indices.dropFirst() { lines[i] = String(lines[i].dropFirst(min(common, lines[i].count))) }
    lines[0] = lines[0].trimmingCharacters(in: .whitespaces)
    while lines.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeLast() }
    while lines.first?.isEmpty == true { lines.removeFirst() }
    return lines.joined(separator: "\n")
  }
}
