import Foundation

/// The kernelspec: the folder `kernels/optrepl/` that tells Jupyter how to
/// start the kernel (`kernel.json`) and what to show for it (the logo).
/// See https://jupyter-client.readthedocs.io/en/stable/kernels.html#kernel-specs
public enum KernelSpec {
  public static let name = "optrepl"
  public static let displayName = "optrepl"

  /// Where a kernelspec goes, as `jupyter kernelspec install` puts it.
  public enum Location: Equatable, Sendable {
    /// The user's Jupyter data folder: `$JUPYTER_DATA_DIR`, else
    /// `$XDG_DATA_HOME/jupyter` (`~/.local/share/jupyter`), or `~/Library/Jupyter` on macOS.
    case user
    /// `PREFIX/share/jupyter`, e.g. a virtual environment's folder.
    case prefix(String)
    /// `/usr/local/share/jupyter`, for every user.
    case system
  }

  /// The folder the kernelspec is written to.
  public static func directory(
    _ location: Location, environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> String {
    let data: String
    switch location {
    case .prefix(let prefix): data = prefix + "/share/jupyter"
    case .system: data = "/usr/local/share/jupyter"
    case .user:
      let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
      if let dir = environment["JUPYTER_DATA_DIR"], !dir.isEmpty {
        data = dir
      } else {
        #if os(macOS)
          data = home + "/Library/Jupyter"
        #else
          let xdg = environment["XDG_DATA_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? home + "/.local/share"
          data = xdg + "/jupyter"
        #endif
      }
    }
    return data + "/kernels/" + name
  }

  /// `kernel.json`: start `executable kernel CONNECTION_FILE`; interrupt with SIGINT.
  static func kernelJSON(executable: String) -> Data {
    let spec: JSONObject = [
      "argv": [executable, "kernel", "{connection_file}"], "display_name": displayName, "language": "optrepl",
      "interrupt_mode": "signal", "metadata": [:] as JSONObject,
    ]
    let data = try? JSONSerialization.data(
      withJSONObject: spec, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    return (data ?? Data()) + Data("\n".utf8)
  }

  /// Writes the kernelspec for the optrepl at `executable`; returns its folder.
  @discardableResult
  public static func install(_ location: Location, executable: String) throws -> String {
    let folder = directory(location)
    let files = [
      ("kernel.json", kernelJSON(executable: executable)), ("logo-32x32.png", Logo.png(size: 32)),
      ("logo-64x64.png", Logo.png(size: 64)),
    ]
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      for (file, data) in files {
        try data.write(to: URL(fileURLWithPath: folder + "/" + file), options: .atomic)
      }
    } catch {
      throw KernelError("cannot write the kernelspec in \(folder): \(error.localizedDescription)")
    }
    return folder
  }

  /// This program's own path, to start it again as the kernel.
  public static func currentExecutable() -> String {
    if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
    let argument = CommandLine.arguments[0]
    if argument.hasPrefix("/") { return argument }
    if argument.contains("/") { return FileManager.default.currentDirectoryPath + "/" + argument }
    return Bundle.main.executablePath ?? argument
  }
}
