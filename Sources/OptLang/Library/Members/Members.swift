/// `value.name` and `value.name(...)`: looks the name up in the table of the
/// value's type (`ListMembers`, `StringMembers`, `ArrayMembers`,
/// `DictMembers`, `FunctionMembers`), or asks an object (a module, an
/// optimizer) for its own. A method that changes a list or a dict changes the
/// variable it was called on; they have value semantics, so no other variable
/// sees it.
public enum Members {
  static func table(of v: Value) -> MemberTable? {
    switch v {
    case .list: return ListMembers.list
    case .tuple: return ListMembers.tuple
    case .string: return StringMembers.table
    case .array: return ArrayMembers.table
    case .dict: return DictMembers.table
    case .function: return FunctionMembers.table
    default: return nil
    }
  }

  /// The names of the methods that change their receiver in place, of any type.
  public static let changing: Set<String> = Set(
    [ListMembers.list, DictMembers.table].flatMap { $0.methods.values.filter(\.changesReceiver).map(\.name) })

  /// Runs a method that changes a list or a dict, on the receiver itself;
  /// nil if the receiver has no such method.
  static func mutate(_ receiver: inout Value, _ name: String, _ args: Arguments) throws -> Value? {
    guard let method = table(of: receiver)?.methods[name], method.changesReceiver else { return nil }
    var args = args
    args.setMethod(name, of: receiver.typeName)
    return try method.run(on: &receiver, args)
  }

  /// Runs a method of a value (one that changes its receiver works on a
  /// copy); nil if the value has no method of that name.
  public static func call(_ receiver: Value, _ name: String, _ args: Arguments) throws -> Value? {
    if case .object(let o) = receiver { return try o.callMethod(name, args) }
    guard let method = table(of: receiver)?.methods[name] else {
      if case .tuple = receiver, ListMembers.list.methods[name]?.changesReceiver == true {
        throw OptError(.attributeError, "a tuple cannot be changed, so it has no '\(name)'; make a list: list(t)")
      }
      return nil
    }
    var args = args
    args.setMethod(name, of: receiver.typeName)
    return try method.run(reading: receiver, args)
  }

  /// `value.name`: a property's value, an object's attribute, or a method
  /// bound to the value (when it is not called at once).
  public static func attribute(_ v: Value, _ name: String) throws -> Value {
    if case .object(let o) = v {
      if let value = o.attribute(name) { return value }
      throw missing(v, name, o.attributeNames)
    }
    let table = table(of: v)
    if let property = table?.properties[name] { return property(v) }
    if table?.methods[name] != nil {
      return .function(
        BoundMethod(receiver: v, name: name, signature: "\(v.typeName).\(name)(...)") { receiver, args in
          try call(receiver, name, args) ?? .none
        })
    }
    throw missing(v, name, table?.names ?? [])
  }

  /// The member names of a value, for completion and `help`.
  public static func names(of v: Value) -> [String] {
    if case .object(let o) = v { return o.attributeNames }
    return table(of: v)?.names ?? []
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
}

/// A function's `__name__` and `__doc__`.
enum FunctionMembers {
  static let table = MemberTable(
    methods: [],
    properties: [
      "__name__": { v in
        guard case .function(let f) = v else { return .none }
        return .str(f.name)
      },
      "__doc__": { v in
        guard case .function(let f) = v else { return .none }
        return f.doc.map { .str($0) } ?? .none
      },
    ])
}
