/// Attribute lookup, `value.name`: module members, record fields, array
/// properties, and methods (as bound methods when not called at once).
public enum Attributes {
  public static func get(_ v: Value, _ name: String, runtime: Runtime) throws -> Value {
    switch v {
    case .object(let o):
      if let value = o.attribute(name) { return value }
      throw missing(v, name, o.attributeNames)
    case .array(let a):
      switch name {
      case "shape": return .tuple(a.shape.map { .number(Double($0)) })
      case "size": return .number(Double(a.count))
      case "ndim": return .number(Double(a.ndim))
      case "T": return .array(ArrayShapes.transpose(a, Array((0..<a.ndim).reversed())))
      default: break
      }
    case .function(let f):
      if name == "__name__" { return .str(f.name) }
      if name == "__doc__" { return f.doc.map { .str($0) } ?? .none }
    default: break
    }
    let methods = Methods.names(of: v)
    if methods.contains(name) {
      return .function(
        BoundMethod(receiver: v, name: name, signature: "\(v.typeName).\(name)(...)") { receiver, args in
          guard let result = try Methods.call(receiver, name, args) else { return .none }
          return result
        })
    }
    var names = methods
    if case .array = v { names += ["shape", "size", "ndim", "T"] }
    throw missing(v, name, names)
  }

  static func missing(_ v: Value, _ name: String, _ names: [String]) -> OptError {
    let owner: String
    if case .object(let m as Module) = v {
      owner = "the module '\(m.name)'"
    } else {
      owner = "\(v.typeNameWithArticle)"
    }
    var hint = Suggest.closest(to: name, among: names).map { "did you mean '\($0)'?" }
    if hint == nil && !names.isEmpty && names.count <= 20 { hint = "it has: " + names.sorted().joined(separator: ", ") }
    return OptError(.attributeError, "\(owner) has no attribute '\(name)'", hint: hint)
  }

  /// The attribute names of a value, for completion.
  public static func names(of v: Value) -> [String] {
    switch v {
    case .object(let o): return o.attributeNames
    case .array: return Methods.arrayMethods + ["shape", "size", "ndim", "T"]
    default: return Methods.names(of: v)
    }
  }
}
