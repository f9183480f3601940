import CZeroMQ
import Foundation
import OptLang

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A Jupyter kernel for optrepl's language (messaging protocol 5.3 over ZeroMQ).
///
/// Five sockets, from the connection file: heartbeat (echoes, on its own
/// thread), control (kernel_info, interrupt, shutdown; on the main thread, so
/// that it answers while a cell runs), shell (every other request, on a thread
/// with a large stack, where the interpreter runs), iopub (status, outputs;
/// shared under a lock) and stdin (bound; the language reads no input).
///
/// A cell is interrupted by `interrupt_request` on control or by SIGINT (the
/// kernelspec's default interrupt mode): both set `Interrupt.requested`, which
/// every loop of the interpreter checks, so the cell ends with a
/// KeyboardInterrupt error and the kernel goes on.
public final class Kernel: @unchecked Sendable {
  let connection: ConnectionFile
  /// optrepl's version, for `kernel_info`.
  let version: String
  let signer: Signer
  /// This kernel's session id, in every header it writes.
  let session = UUID().uuidString.lowercased()
  let context: UnsafeMutableRawPointer
  let shell: ZMQSocket
  let control: ZMQSocket
  let stdin: ZMQSocket
  let iopub: ZMQSocket
  let heartbeat: ZMQSocket
  private let iopubLock = NSLock()

  init(connection: ConnectionFile, version: String) throws {
    self.connection = connection
    self.version = version
    signer = Signer(key: connection.key)
    guard let context = zmq_ctx_new() else { throw KernelError("cannot start ZeroMQ") }
    self.context = context
    do {
      shell = try ZMQSocket(context: context, kind: .router, endpoint: connection.endpoint(connection.shellPort))
      control = try ZMQSocket(context: context, kind: .router, endpoint: connection.endpoint(connection.controlPort))
      stdin = try ZMQSocket(context: context, kind: .router, endpoint: connection.endpoint(connection.stdinPort))
      iopub = try ZMQSocket(context: context, kind: .publisher, endpoint: connection.endpoint(connection.iopubPort))
      heartbeat = try ZMQSocket(context: context, kind: .reply, endpoint: connection.endpoint(connection.hbPort))
    } catch {
      throw KernelError("cannot open the kernel's sockets: \(error)")
    }
  }

  /// Runs the kernel described by the connection file at `path` until a
  /// client shuts it down; then exits the process.
  public static func run(connectionFile path: String, version: String) throws -> Never {
    let kernel = try Kernel(connection: try ConnectionFile.read(path), version: version)
    kernel.start()
  }

  private func start() -> Never {
    Kernel.installInterruptHandler()
    let beat = Thread { [self] in
      while let frames = heartbeat.receive() { heartbeat.send(frames) }
    }
    beat.start()
    // A kernel whose Jupyter process died without shutting it down ends too, as
    // ipykernel's parent poller does when jupyter_client set JPY_PARENT_PID.
    if ProcessInfo.processInfo.environment["JPY_PARENT_PID"] != nil {
      let parent = getppid()
      Thread {
        while getppid() == parent { sleep(1) }
        exit(0)
      }.start()
    }
    let shellThread = Thread { [self] in
      // Made here: the interpreter lives on this thread alone.
      let handlers = MessageHandlers(kernel: self)
      publish("status", ["execution_state": "starting"], parent: nil)
      while let frames = shell.receive() {
        guard let request = WireMessage.decode(frames, signer: signer) else { continue }
        abort(serve(request, on: shell, with: handlers), handlers)
      }
    }
    // The interpreter runs here: the recursion limit, not the native stack, stops runaway recursion.
    shellThread.stackSize = 1 << 29
    shellThread.start()
    while let frames = control.receive() {
      guard let request = WireMessage.decode(frames, signer: signer) else { continue }
      serveControl(request)
    }
    exit(0)
  }

  /// A shell request: busy, the handler's reply, idle. Returns the requests
  /// that were waiting when a cell failed with `stop_on_error` (the default),
  /// to be aborted, as when "Run All" meets an error; taken before the error
  /// is answered, so that no cell sent after the client saw it is among them.
  private func serve(_ request: WireMessage, on socket: ZMQSocket, with handlers: MessageHandlers) -> [WireMessage] {
    publish("status", ["execution_state": "busy"], parent: request)
    defer { publish("status", ["execution_state": "idle"], parent: request) }
    var waiting: [WireMessage] = []
    switch request.type {
    case "kernel_info_request":
      reply(request, on: socket, "kernel_info_reply", MessageHandlers.kernelInfo(version: version))
    case "shutdown_request": shutDown(request, on: socket)
    case "interrupt_request":
      Interrupt.requested = true
      reply(request, on: socket, "interrupt_reply", ["status": "ok"])
    default:
      guard let (type, content) = handlers.handle(request) else { break }
      if type == "execute_reply" && content["status"] as? String == "error"
        && request.content["stop_on_error"] as? Bool ?? true
      {
        while socket.hasMessage(), let frames = socket.receive() {
          if let next = WireMessage.decode(frames, signer: signer) { waiting.append(next) }
        }
      }
      reply(request, on: socket, type, content)
    }
    return waiting
  }

  /// Answers waiting cells with "aborted" (as ipykernel does); other requests are served.
  private func abort(_ waiting: [WireMessage], _ handlers: MessageHandlers) {
    for request in waiting {
      guard request.type == "execute_request" else {
        abort(serve(request, on: shell, with: handlers), handlers)
        continue
      }
      publish("status", ["execution_state": "busy"], parent: request)
      reply(request, on: shell, "execute_reply", ["status": "aborted"])
      publish("status", ["execution_state": "idle"], parent: request)
    }
  }

  /// A control request, answered while a cell may be running on the shell thread.
  private func serveControl(_ request: WireMessage) {
    switch request.type {
    case "kernel_info_request", "shutdown_request", "interrupt_request":
      publish("status", ["execution_state": "busy"], parent: request)
      defer { publish("status", ["execution_state": "idle"], parent: request) }
      switch request.type {
      case "kernel_info_request":
        reply(request, on: control, "kernel_info_reply", MessageHandlers.kernelInfo(version: version))
      case "shutdown_request": shutDown(request, on: control)
      default:
        Interrupt.requested = true
        reply(request, on: control, "interrupt_reply", ["status": "ok"])
      }
    default:
      // debug_request and others this kernel does not know: an empty error reply, as the protocol asks.
      let type = request.type.replacingOccurrences(of: "_request", with: "_reply")
      reply(
        request, on: control, type,
        ["status": "error", "ename": "NotImplemented", "evalue": request.type, "traceback": []])
    }
  }

  /// Replies, then ends the process: a restart is the client's (it starts a new kernel).
  private func shutDown(_ request: WireMessage, on socket: ZMQSocket) -> Never {
    let restart = request.content["restart"] as? Bool ?? false
    reply(request, on: socket, "shutdown_reply", ["status": "ok", "restart": restart])
    publish("status", ["execution_state": "idle"], parent: request)
    // Give ZeroMQ's I/O thread a moment to send the reply (the sockets linger).
    usleep(200_000)
    exit(0)
  }

  func reply(_ request: WireMessage, on socket: ZMQSocket, _ type: String, _ content: JSONObject) {
    socket.send(WireMessage(type: type, content: content, parent: request, session: session).encode(signer: signer))
  }

  /// Broadcasts a message on iopub; `parent` is the request it belongs to.
  func publish(_ type: String, _ content: JSONObject, parent: WireMessage?) {
    var message = WireMessage(type: type, content: content, parent: parent, session: session)
    message.identities = [Data(("kernel." + session + "." + type).utf8)]
    let frames = message.encode(signer: signer)
    iopubLock.lock()
    defer { iopubLock.unlock() }
    iopub.send(frames)
  }

  /// SIGINT (a client's interrupt in "signal" mode, or Ctrl-C in the terminal
  /// that started the kernel) interrupts the running cell instead of ending the process.
  private static func installInterruptHandler() {
    signal(SIGINT) { _ in Interrupt.requested = true }
  }
}
