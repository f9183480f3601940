import CZeroMQ
import Foundation

/// One ZeroMQ socket, bound to an endpoint, sending and receiving multipart
/// messages (a Jupyter message is a list of frames).
///
/// ZeroMQ sockets are not thread-safe: each socket is used by one thread, except
/// the iopub socket, which `Kernel` guards with a lock. Calls interrupted by a
/// signal (`EINTR`, the kernel's SIGINT handler) are retried.
final class ZMQSocket: @unchecked Sendable {
  /// The socket types the kernel uses (zmq.h's `ZMQ_ROUTER`, ...).
  enum Kind {
    case router, publisher, reply

    var rawValue: Int32 {
      switch self {
      case .router: ZMQ_ROUTER
      case .publisher: ZMQ_PUB
      case .reply: ZMQ_REP
      }
    }
  }

  /// What went wrong in a ZeroMQ call: the call and `zmq_strerror`'s words.
  struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ call: String) { description = "\(call): \(String(cString: zmq_strerror(zmq_errno())))" }
  }

  let handle: UnsafeMutableRawPointer

  init(context: UnsafeMutableRawPointer, kind: Kind, endpoint: String) throws {
    guard let handle = zmq_socket(context, kind.rawValue) else { throw Failure("zmq_socket") }
    self.handle = handle
    // Queued replies get a second to leave when the kernel shuts down.
    var linger: Int32 = 1000
    zmq_setsockopt(handle, ZMQ_LINGER, &linger, MemoryLayout<Int32>.size)
    guard zmq_bind(handle, endpoint) == 0 else { throw Failure("zmq_bind \(endpoint)") }
  }

  /// Receives one multipart message; nil if the context was shut down.
  func receive() -> [Data]? {
    var frames: [Data] = []
    while true {
      var message = zmq_msg_t()
      zmq_msg_init(&message)
      defer { zmq_msg_close(&message) }
      if zmq_msg_recv(&message, handle, 0) < 0 {
        if zmq_errno() == EINTR { continue }
        return nil
      }
      frames.append(Data(bytes: zmq_msg_data(&message), count: zmq_msg_size(&message)))
      if zmq_msg_more(&message) == 0 { return frames }
    }
  }

  /// Whether a message is waiting, after at most `timeoutMilliseconds` (0: do not wait).
  func hasMessage(timeoutMilliseconds: Int = 0) -> Bool {
    var item = zmq_pollitem_t(socket: handle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0)
    let count = zmq_poll(&item, 1, timeoutMilliseconds)
    return count > 0 && item.revents & Int16(ZMQ_POLLIN) != 0
  }

  /// Sends `frames` as one multipart message.
  func send(_ frames: [Data]) {
    for (index, frame) in frames.enumerated() {
      let flags = index < frames.count - 1 ? ZMQ_SNDMORE : 0
      frame.withUnsafeBytes { bytes in
        while zmq_send(handle, bytes.baseAddress, bytes.count, flags) < 0 && zmq_errno() == EINTR {}
      }
    }
  }

  deinit { zmq_close(handle) }
}
