import Foundation

/// The connection file a Jupyter client writes before starting a kernel: where
/// the five sockets listen and the key that signs every message.
/// See https://jupyter-client.readthedocs.io/en/stable/kernels.html#connection-files
public struct ConnectionFile: Decodable, Equatable, Sendable {
  public var transport: String
  public var ip: String
  public var shellPort: Int
  public var iopubPort: Int
  public var stdinPort: Int
  public var controlPort: Int
  public var hbPort: Int
  public var key: String
  public var signatureScheme: String

  enum CodingKeys: String, CodingKey {
    case transport, ip, key
    case shellPort = "shell_port"
    case iopubPort = "iopub_port"
    case stdinPort = "stdin_port"
    case controlPort = "control_port"
    case hbPort = "hb_port"
    case signatureScheme = "signature_scheme"
  }

  /// Reads and checks the file at `path`.
  public static func read(_ path: String) throws -> ConnectionFile {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw KernelError("cannot read the connection file \(path)")
    }
    return try parse(data)
  }

  static func parse(_ data: Data) throws -> ConnectionFile {
    let file: ConnectionFile
    do {
      file = try JSONDecoder().decode(ConnectionFile.self, from: data)
    } catch {
      throw KernelError("the connection file is not what Jupyter writes: \(error)")
    }
    guard file.signatureScheme == "hmac-sha256" || file.key.isEmpty else {
      throw KernelError("signature scheme \(file.signatureScheme) is not supported: only hmac-sha256")
    }
    return file
  }

  /// The ZeroMQ endpoint for a port: `tcp://127.0.0.1:5555`, or `ipc://ip-5555` for the ipc transport.
  func endpoint(_ port: Int) -> String {
    transport == "ipc" ? "ipc://\(ip)-\(port)" : "\(transport)://\(ip):\(port)"
  }
}

/// A problem that stops the kernel from starting (a bad connection file, a port in use).
public struct KernelError: Error, CustomStringConvertible {
  public let description: String
  init(_ description: String) { self.description = description }
}
