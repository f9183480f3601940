/// A module such as `np` or `math`: named members, some of them modules.
public final class Module: RuntimeObject {
  public let name: String
  public let doc: String
  public private(set) var members: [String: Value] = [:]

  public init(name: String, doc: String) {
    self.name = name
    self.doc = doc
  }

  public func add(_ name: String, _ value: Value) { members[name] = value }
  public override var typeName: String { "module" }
  public override func attribute(_ name: String) -> Value? { members[name] }
  public override var attributeNames: [String] { members.keys.sorted() }
  public override var repr: String { "<module '\(name)'>" }
}
