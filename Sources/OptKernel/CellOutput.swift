import Foundation

/// What the running cell shows, sent on iopub with the request as parent:
/// printed text as `stream` messages (buffered, so a loop that prints
/// thousands of lines sends a few messages, flushed before anything else is
/// shown and at least every 0.2 s of printing), and rich `display_data`.
final class CellOutput {
  private let kernel: Kernel
  /// The request being answered; nil between requests.
  var parent: WireMessage?
  /// A silent execute request shows nothing.
  var silent = false
  private var streamName = "stdout"
  private var pending = ""
  private var lastFlush = Date()

  init(kernel: Kernel) { self.kernel = kernel }

  /// Text printed to `stdout` or `stderr`.
  func write(_ text: String, to name: String) {
    if name != streamName { flush() }
    streamName = name
    pending += text
    if pending.utf8.count > 1 << 16 || Date().timeIntervalSince(lastFlush) > 0.2 { flush() }
  }

  /// Sends the text printed so far.
  func flush() {
    lastFlush = Date()
    guard !pending.isEmpty else { return }
    let text = pending
    pending = ""
    send("stream", ["name": streamName, "text": text])
  }

  /// Shows `data` (MIME type → content), after the text printed before it.
  func display(_ data: JSONObject) {
    flush()
    send("display_data", ["data": data, "metadata": [:] as JSONObject, "transient": [:] as JSONObject])
  }

  /// Sends any other iopub message of the cell (`clear_output`, `error`, `execute_result`).
  func send(_ type: String, _ content: JSONObject) {
    guard !silent, let parent else { return }
    kernel.publish(type, content, parent: parent)
  }
}
