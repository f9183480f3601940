import Foundation
import OptLang
import OptLessons
import Testing

@testable import OptKernel

@Suite struct SigningTests {
  /// RFC 4231, test case 2 (key "Jefe"), fed in two parts as a message's frames are.
  @Test func hmacSHA256MatchesRFC4231() {
    let signer = Signer(key: "Jefe")
    let parts = [Data("what do ya want ".utf8), Data("for nothing?".utf8)]
    let expected = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    #expect(signer.signature(parts) == expected)
    #expect(signer.verify(expected, parts))
    #expect(!signer.verify(String(expected.dropLast()) + "0", parts))
    #expect(!signer.verify("", parts))
  }

  @Test func anEmptyKeySignsNothing() {
    let signer = Signer(key: "")
    #expect(signer.signature([Data("x".utf8)]) == "")
    #expect(signer.verify("anything", [Data("x".utf8)]))
  }
}

@Suite struct WireMessageTests {
  let signer = Signer(key: "secret")

  func request() -> [Data] {
    var message = WireMessage(
      type: "execute_request", content: ["code": "1 + 2", "silent": false], parent: nil, session: "s1")
    message.identities = [Data("client-a".utf8)]
    return message.encode(signer: signer)
  }

  @Test func framesRoundTrip() throws {
    let frames = request()
    #expect(frames[0] == Data("client-a".utf8))
    #expect(frames[1] == Data("<IDS|MSG>".utf8))
    let message = try #require(WireMessage.decode(frames, signer: signer))
    #expect(message.type == "execute_request")
    #expect(message.identities == [Data("client-a".utf8)])
    #expect(message.content["code"] as? String == "1 + 2")
    #expect(message.header["version"] as? String == "5.3")
    #expect(message.header["session"] as? String == "s1")
  }

  @Test func aReplyGoesBackToTheSenderWithItsParent() throws {
    let request = try #require(WireMessage.decode(request(), signer: signer))
    let reply = WireMessage(type: "execute_reply", content: ["status": "ok"], parent: request, session: "k")
    #expect(reply.identities == request.identities)
    #expect(reply.parentHeader["msg_id"] as? String == request.header["msg_id"] as? String)
  }

  @Test func tamperedOrMalformedMessagesAreDropped() {
    var frames = request()
    frames[5] = Data(#"{"code":"rm -rf"}"#.utf8)  // the content, changed after signing
    #expect(WireMessage.decode(frames, signer: signer) == nil)
    #expect(WireMessage.decode(request(), signer: Signer(key: "other")) == nil)
    #expect(WireMessage.decode(Array(request().prefix(4)), signer: signer) == nil)
    #expect(WireMessage.decode([Data("no delimiter".utf8)], signer: signer) == nil)
  }

  @Test func datesAreISO8601InUTC() {
    #expect(WireMessage.timestamp(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
  }
}

@Suite struct ConnectionFileTests {
  /// As jupyter_client writes it.
  let text = """
    {"shell_port": 50001, "iopub_port": 50002, "stdin_port": 50003, "control_port": 50004,
     "hb_port": 50005, "ip": "127.0.0.1", "key": "a0436f6c-1916-498b-8eb9-e81ab9368e84",
     "transport": "tcp", "signature_scheme": "hmac-sha256", "kernel_name": "optrepl"}
    """

  @Test func readsWhatJupyterWrites() throws {
    let file = try ConnectionFile.parse(Data(text.utf8))
    #expect(file.endpoint(file.shellPort) == "tcp://127.0.0.1:50001")
    #expect(file.hbPort == 50005)
    #expect(file.key == "a0436f6c-1916-498b-8eb9-e81ab9368e84")
  }

  @Test func refusesAnotherSignatureSchemeAndBrokenFiles() {
    let md5 = text.replacingOccurrences(of: "hmac-sha256", with: "hmac-md5")
    #expect(throws: KernelError.self) { try ConnectionFile.parse(Data(md5.utf8)) }
    #expect(throws: KernelError.self) { try ConnectionFile.parse(Data("{".utf8)) }
    #expect(throws: KernelError.self) { try ConnectionFile.read("/nonexistent/kernel.json") }
  }
}

@Suite struct CellSyntaxTests {
  @Test func helpRequests() {
    #expect(MessageHandlers.helpRequest("?adam") == "adam")
    #expect(MessageHandlers.helpRequest("np.sqrt?") == "np.sqrt")
    #expect(MessageHandlers.helpRequest("? adam") == "adam")
    #expect(MessageHandlers.helpRequest("?") == nil)
    #expect(MessageHandlers.helpRequest("x = 1?") == nil)
    #expect(MessageHandlers.helpRequest("adam") == nil)
  }

  @Test func wordsBeforeAndAfterTheCursor() {
    #expect(MessageHandlers.wordScalars("x = np.lins", fromEnd: true) == 7)
    #expect(MessageHandlers.wordScalars("grad(eta)", fromEnd: false) == 4)
    #expect(MessageHandlers.wordScalars("f(", fromEnd: true) == 0)
  }
}

@Suite struct EchoTests {
  /// A cell's result: the value of a final expression goes to `Runtime.echo`, not the output.
  @Test func theFinalExpressionGoesToTheEcho() throws {
    var printed = ""
    var echoed: [String] = []
    let interpreter = Interpreter(output: { printed += $0 })
    interpreter.runtime.echo = { echoed.append($0) }
    try interpreter.run("print('a')\n[1, 2.5]\n1 + 2", name: "<cell>", echo: .last)
    #expect(printed == "a\n")
    #expect(echoed == ["3"])
    interpreter.runtime.echo = nil
    try interpreter.run("0.1 + 0.2", name: "<cell>", echo: .last)
    #expect(printed == "a\n0.30000000000000004\n")
  }
}

@Suite struct LogoTests {
  /// Known values: CRC-32 of "IEND" is PNG's well-known AE426082; Adler-32 of "Wikipedia" is 0x11E60398.
  @Test func checksums() {
    #expect(PNG.crc32(Array("IEND".utf8)) == 0xAE42_6082)
    #expect(PNG.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
  }

  @Test func theLogoIsAPNGOfTheAskedSize() {
    let png = [UInt8](Logo.png(size: 32))
    #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    #expect(Array(png[12..<16]) == Array("IHDR".utf8))
    #expect(Array(png[16..<24]) == [0, 0, 0, 32, 0, 0, 0, 32])
    #expect(Array(png.suffix(8)) == Array("IEND".utf8) + [0xAE, 0x42, 0x60, 0x82])
  }

  @Test func cornersAreTransparentAndTheMiddleIsDrawn() {
    let pixels = Logo.pixels(size: 16)
    #expect(pixels[3] == 0)  // the top-left corner's alpha
    #expect(pixels[(8 * 16 + 8) * 4 + 3] == 255)
  }
}

@Suite struct KernelSpecTests {
  @Test func whereItGoes() {
    let env = ["HOME": "/home/ada"]
    #expect(KernelSpec.directory(.prefix("/opt/venv"), environment: env) == "/opt/venv/share/jupyter/kernels/optrepl")
    #expect(KernelSpec.directory(.system, environment: env) == "/usr/local/share/jupyter/kernels/optrepl")
    #expect(
      KernelSpec.directory(.user, environment: env + ["JUPYTER_DATA_DIR": "/data/j"]) == "/data/j/kernels/optrepl")
    #if os(Linux)
      #expect(KernelSpec.directory(.user, environment: env) == "/home/ada/.local/share/jupyter/kernels/optrepl")
    #endif
  }

  @Test func kernelJSONStartsThisProgramWithTheConnectionFile() throws {
    let json =
      try JSONSerialization.jsonObject(with: KernelSpec.kernelJSON(executable: "/bin/optrepl")) as? [String: Any]
    #expect(json?["argv"] as? [String] == ["/bin/optrepl", "kernel", "{connection_file}"])
    #expect(json?["language"] as? String == "optrepl")
    #expect(json?["interrupt_mode"] as? String == "signal")
  }

  @Test func installWritesTheSpecAndTheLogos() throws {
    let prefix = NSTemporaryDirectory() + "optrepl-spec-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: prefix) }
    let folder = try KernelSpec.install(.prefix(prefix), executable: "/bin/optrepl")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    #expect(files == ["kernel.json", "logo-32x32.png", "logo-64x64.png"])
  }
}

@Suite struct NotebookWriterTests {
  let lessonText = """
    # %% [markdown]
    # # A lesson
    #
    # What it teaches.

    # %%
    x = 2

    # %% [markdown]
    # Twice x is {{2 * x}}.

    # %% [exercise double-1]
    # Write `double(v)`.
    def double(v):
        return 0

    # %% [check]
    def check():
        check_close(double(3), 6)

    # %% [hint]
    # Multiply.

    # %% [solution]
    def double(v):
        return 2 * v
    """

  func cells(solutions: Bool = true) throws -> [[String: Any]] {
    let lesson = try Lesson(name: "tiny", path: "tiny.opt", text: lessonText)
    let data = NotebookWriter.notebook(lesson, solutions: solutions, version: "9.9")
    let notebook = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(notebook["nbformat"] as? Int == 4)
    #expect(notebook["nbformat_minor"] as? Int == 5)
    let metadata = notebook["metadata"] as? [String: Any]
    #expect((metadata?["kernelspec"] as? [String: Any])?["name"] as? String == "optrepl")
    return try #require(notebook["cells"] as? [[String: Any]])
  }

  func source(_ cell: [String: Any]) -> String { (cell["source"] as? [String] ?? []).joined() }
  func tags(_ cell: [String: Any]) -> [String] { (cell["metadata"] as? [String: Any])?["tags"] as? [String] ?? [] }

  @Test func cellsInOrderWithTheirKindsAndTags() throws {
    let cells = try cells()
    #expect(
      cells.map { $0["cell_type"] as? String ?? "" } == [
        "markdown", "code", "code", "markdown", "code", "code", "markdown", "markdown",
      ])
    #expect(source(cells[0]) == "# A lesson\n\nWhat it teaches.")
    #expect(source(cells[1]) == "x = 2")
    // Prose with a computed value: a %%markdown cell, its source hidden.
    #expect(source(cells[2]) == "%%markdown\nTwice x is {{2 * x}}.")
    #expect(tags(cells[2]) == ["prose"])
    #expect(source(cells[3]) == "### ✎ Exercise double-1\n\nWrite `double(v)`.")
    #expect(source(cells[4]) == "def double(v):\n    return 0")
    #expect(tags(cells[4]) == ["exercise"])
    #expect(source(cells[5]).hasPrefix("check(\"double-1\")"))
    #expect(tags(cells[5]) == ["check"])
    #expect(source(cells[6]).contains("<summary>Hint 1</summary>"))
    #expect(source(cells[7]).contains("```python\ndef double(v):\n    return 2 * v\n```"))
    let ids = cells.compactMap { $0["id"] as? String }
    #expect(Set(ids).count == cells.count)
    for cell in cells where cell["cell_type"] as? String == "code" {
      #expect(cell["execution_count"] is NSNull)
      #expect((cell["outputs"] as? [Any])?.isEmpty == true)
    }
  }

  @Test func solutionsCanBeLeftOut() throws {
    let cells = try cells(solutions: false)
    #expect(cells.count == 7)
    #expect(!cells.contains { tags($0) == ["solution"] })
  }
}

extension Dictionary {
  fileprivate static func + (a: Self, b: Self) -> Self { a.merging(b) { $1 } }
}
