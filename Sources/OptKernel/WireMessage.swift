import Crypto
import Foundation

/// A JSON object as `JSONSerialization` reads and writes it.
typealias JSONObject = [String: Any]

/// One Jupyter message and its wire form, protocol 5.3:
///
///     [identities…, "<IDS|MSG>", signature, header, parent_header, metadata, content, buffers…]
///
/// The signature is the hex HMAC-SHA256, under the connection file's key, of
/// the four JSON frames in that order (empty when the key is empty).
/// See https://jupyter-client.readthedocs.io/en/stable/messaging.html#the-wire-protocol
struct WireMessage {
  static let delimiter = Data("<IDS|MSG>".utf8)
  static let protocolVersion = "5.3"

  /// The ROUTER socket's routing prefix: who to answer.
  var identities: [Data] = []
  var header: JSONObject
  var parentHeader: JSONObject = [:]
  var metadata: JSONObject = [:]
  var content: JSONObject = [:]
  var buffers: [Data] = []

  var type: String { header["msg_type"] as? String ?? "" }

  /// A new message of `type` answering or caused by `parent` (nil: none).
  init(type: String, content: JSONObject, parent: WireMessage?, session: String) {
    header = [
      "msg_id": UUID().uuidString.lowercased(), "session": session, "username": "optrepl",
      "date": WireMessage.timestamp(Date()), "msg_type": type, "version": WireMessage.protocolVersion,
    ]
    parentHeader = parent?.header ?? [:]
    self.content = content
    identities = parent?.identities ?? []
  }

  init(header: JSONObject) { self.header = header }

  /// ISO 8601 with microseconds, in UTC, as Jupyter writes dates.
  static func timestamp(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter.string(from: date)
  }

  /// Reads a message off the wire, checking its signature; nil for a malformed
  /// or wrongly signed message (which a kernel drops).
  static func decode(_ frames: [Data], signer: Signer) -> WireMessage? {
    guard let split = frames.firstIndex(of: delimiter), frames.count >= split + 6 else { return nil }
    let parts = Array(frames[(split + 2)...(split + 5)])
    guard signer.verify(String(decoding: frames[split + 1], as: UTF8.self), parts) else { return nil }
    let objects = parts.map { (try? JSONSerialization.jsonObject(with: $0)) as? JSONObject }
    guard let header = objects[0], let parent = objects[1], let metadata = objects[2], let content = objects[3]
    else { return nil }
    var message = WireMessage(header: header)
    message.identities = Array(frames[..<split])
    message.parentHeader = parent
    message.metadata = metadata
    message.content = content
    message.buffers = Array(frames[(split + 6)...])
    return message
  }

  /// The message's frames, signed.
  func encode(signer: Signer) -> [Data] {
    let parts = [header, parentHeader, metadata, content].map { WireMessage.json($0) }
    return identities + [WireMessage.delimiter, Data(signer.signature(parts).utf8)] + parts + buffers
  }

  /// Compact JSON; a value JSON cannot hold (never made here) becomes `{}`.
  static func json(_ object: JSONObject) -> Data {
    (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
  }
}

/// Signs and checks messages with HMAC-SHA256 (RFC 2104) under the connection
/// file's key. An empty key turns signing off, as the protocol allows.
struct Signer {
  let key: SymmetricKey?

  init(key: String) {
    self.key = key.isEmpty ? nil : SymmetricKey(data: Data(key.utf8))
  }

  /// The lowercase hex digest of the parts, fed in order.
  func signature(_ parts: [Data]) -> String {
    guard let key else { return "" }
    var hmac = HMAC<SHA256>(key: key)
    for part in parts { hmac.update(data: part) }
    return Data(hmac.finalize()).map { String(format: "%02x", $0) }.joined()
  }

  /// Whether `signature` is right for the parts (compared in constant time).
  func verify(_ signature: String, _ parts: [Data]) -> Bool {
    guard key != nil else { return true }
    let expected = Array(self.signature(parts).utf8)
    let given = Array(signature.utf8)
    guard expected.count == given.count else { return false }
    return zip(expected, given).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
  }
}
