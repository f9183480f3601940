// The libFuzzer entry point for OptLang (issue 7, item 1).
//
// Each input is decoded as UTF-8 (lossily: invalid bytes become U+FFFD) and
// handed to the language. Any `OptError` (or other thrown Swift error) is a
// normal outcome; a crash, a sanitizer report or a hang past libFuzzer's
// `-timeout` is a finding.
//
// Environment (read once at start-up):
//
//   OPTFUZZ_MODE=run    (default) tokenize, parse, compile and run the input,
//                       under a time budget: a watchdog thread sets
//                       `Interrupt.requested` when the budget is spent, so
//                       `while True: pass` ends with a KeyboardInterrupt.
//   OPTFUZZ_MODE=parse  tokenize and parse only (and `Interpreter.inputStatus`);
//                       no interpreter, many times faster: explores the front end.
//   OPTFUZZ_MODE=lesson read the input as a lesson (percent-format cells,
//                       exercises) and render all its prose, maths included,
//                       with and without colour, wide and narrow; no code runs.
//   OPTFUZZ_THREAD=per-input  run each input via `Interpreter.onLargeStack`
//                       (a new 512 MB-stack thread per input, as the REPL does).
//                       Default: one persistent worker thread with the same
//                       512 MB stack, which saves a thread start per input.
//   OPTFUZZ_BUDGET_MS=N the run budget in milliseconds (default 50).
//   OPTFUZZ_STACK_AFTER_MS=N  print the stack of an input still running after
//                       N ms (default 4000, under fuzz/run's -timeout=5), since
//                       libFuzzer's timeout report shows only the main thread.
//   OPTFUZZ_FRESH=1     a fresh `Interpreter` for every input instead of one
//                       interpreter that is `reset()` after every input. Fresh
//                       is what a crash file reproduces best with, but creating
//                       an interpreter compiles the prelude (~40 ms under ASan),
//                       so it is ~20 inputs/s. With OPTFUZZ_FRESH=1,
//   OPTFUZZ_CHECK_FREED=1 aborts if the interpreter or its Runtime is still alive once the
//                       harness has dropped it: a leak check that does not
//                       depend on LeakSanitizer (which misreports Swift
//                       indirect enums; see README).

import CFuzzMain
import Foundation
import OptLang
import OptLessons

// MARK: - Configuration

private enum Mode { case run, parse, lesson }

private let env = ProcessInfo.processInfo.environment
private let mode: Mode =
  switch env["OPTFUZZ_MODE"] {
  case "parse": .parse
  case "lesson": .lesson
  default: .run
  }
private let freshInterpreter = env["OPTFUZZ_FRESH"] == "1"
private let checkFreed = env["OPTFUZZ_CHECK_FREED"] == "1"
private let threadPerInput = env["OPTFUZZ_THREAD"] == "per-input"
private let budgetMilliseconds = Int(env["OPTFUZZ_BUDGET_MS"] ?? "") ?? 50
/// When to print the stack of an input that is still running (before
/// libFuzzer's -timeout, whose own report shows only the waiting main thread).
private let stackAfterMilliseconds = Int(env["OPTFUZZ_STACK_AFTER_MS"] ?? "") ?? 4_000

// MARK: - Watchdog

/// One background thread that interrupts the running program once its
/// deadline passes. `generation` ties a deadline to one input, so that a late
/// tick can never interrupt the next input: arming and disarming bump the
/// generation and clear the flag under the same lock the watchdog fires under.
private final class Watchdog: @unchecked Sendable {
  private let lock = NSLock()
  private var deadline: UInt64 = .max  // in DispatchTime.now().uptimeNanoseconds
  private var generation = 0
  private var firedGeneration = -1
  private var started: UInt64 = .max
  private var dumpedGeneration = -1

  init() {
    let thread = Thread { [self] in self.loop() }
    thread.name = "optfuzz-watchdog"
    thread.stackSize = 1 << 20
    thread.start()
  }

  private func loop() {
    while true {
      usleep(2_000)
      let now = DispatchTime.now().uptimeNanoseconds
      lock.lock()
      if now >= deadline && firedGeneration != generation {
        firedGeneration = generation
        Interrupt.requested = true
      }
      if started != .max && now >= started + UInt64(stackAfterMilliseconds) * 1_000_000
        && dumpedGeneration != generation
      {
        dumpedGeneration = generation
        optfuzz_dump_worker_stack()
      }
      lock.unlock()
    }
  }

  func arm(milliseconds: Int) {
    lock.lock()
    generation += 1
    Interrupt.requested = false
    started = DispatchTime.now().uptimeNanoseconds
    deadline = started + UInt64(milliseconds) * 1_000_000
    lock.unlock()
  }

  func disarm() {
    lock.lock()
    generation += 1
    deadline = .max
    started = .max
    Interrupt.requested = false
    lock.unlock()
  }
}

// MARK: - The large stack

/// A persistent thread with the same 512 MB stack `Interpreter.onLargeStack`
/// gives, so that recursion limits, not the native stack, stop deep programs.
private final class LargeStackWorker: @unchecked Sendable {
  private let ready = DispatchSemaphore(value: 0)
  private let done = DispatchSemaphore(value: 0)
  private var job: (() -> Void)?

  init() {
    let thread = Thread { [self] in
      optfuzz_register_worker()
      while true {
        self.ready.wait()
        self.job?()
        self.job = nil
        self.done.signal()
      }
    }
    thread.name = "optfuzz-large-stack"
    thread.stackSize = 1 << 29
    thread.start()
  }

  func run<T>(_ body: @escaping () throws -> T) throws -> T {
    var result: Result<T, Error>?
    job = { result = Result { try body() } }
    ready.signal()
    done.wait()
    return try result!.get()
  }
}

private let worker = threadPerInput ? nil : LargeStackWorker()

private func onLargeStack<T>(_ body: @escaping () throws -> T) throws -> T {
  if let worker { return try worker.run(body) }
  return try Interpreter.onLargeStack(body)
}

// MARK: - Running

private final class Harness: @unchecked Sendable {
  let watchdog = Watchdog()
  /// The interpreter shared by all inputs (unless OPTFUZZ_FRESH=1).
  var shared: Interpreter?

  static func makeInterpreter() -> Interpreter {
    // The prelude is compiled on the large stack, like everything else.
    // (`try!`: creating an interpreter cannot throw; the closure just has to.)
    try! onLargeStack { Interpreter(output: { _ in }) }
  }

  func run(_ source: String) {
    if freshInterpreter {
      weak var weakInterpreter: Interpreter?
      weak var weakRuntime: Runtime?
      do {
        let interpreter = Harness.makeInterpreter()
        weakInterpreter = interpreter
        weakRuntime = interpreter.runtime
        execute(source, in: interpreter)
      }
      // The large-stack thread may still hold the job for a moment after it signals.
      var waited = 0
      while checkFreed, weakInterpreter != nil || weakRuntime != nil, waited < 200 {
        usleep(1_000)
        waited += 1
      }
      if checkFreed, weakInterpreter != nil {
        fatalError("OPTFUZZ_CHECK_FREED: the Interpreter was not freed after its last use (a reference cycle)")
      }
      if checkFreed, weakRuntime != nil {
        fatalError(
          "OPTFUZZ_CHECK_FREED: the Interpreter's Runtime was not freed after its last use (a reference cycle)")
      }
    } else {
      if shared == nil { shared = Harness.makeInterpreter() }
      let interpreter = shared!
      execute(source, in: interpreter)
      // Reset afterwards, so that what this input defined is released now and
      // the next input starts from the same state a fresh interpreter has.
      interpreter.reset()
    }
  }

  private func execute(_ source: String, in interpreter: Interpreter) {
    watchdog.arm(milliseconds: budgetMilliseconds)
    defer { watchdog.disarm() }
    do {
      try onLargeStack {
        try interpreter.run(source, name: "<fuzz>")
      }
    } catch {
      // An OptError is the language doing its job.
    }
  }

  func parse(_ source: String) {
    // No program runs, but the watchdog still shows where a slow parse is.
    watchdog.arm(milliseconds: budgetMilliseconds)
    defer { watchdog.disarm() }
    _ = Interpreter.inputStatus(source)
    do {
      _ = try onLargeStack {
        try Parser.parseProgram(SourceFile(name: "<fuzz>", text: source)).count
      }
    } catch {}
  }
}

private let harness = Harness()

/// Lesson mode: the notebook reader and the prose renderer on arbitrary text.
private func readLesson(_ source: String) {
  guard let lesson = try? Lesson(name: "fuzz", path: "fuzz.opt", text: source) else { return }
  for renderer in [ProseRenderer(width: 30, color: false), ProseRenderer(width: 100, color: true)] {
    var texts = lesson.steps.flatMap(\.prose) + [lesson.summary]
    for exercise in lesson.exercises { texts += [exercise.task] + exercise.hints }
    for text in texts { _ = renderer.render(text) }
    _ = LessonListing.firstSentence(of: source, limit: renderer.width)
  }
  for exercise in lesson.exercises { _ = exercise.starterFile }
}

// MARK: - Entry point

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let source = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  switch mode {
  case .run: harness.run(source)
  case .parse: harness.parse(source)
  case .lesson: readLesson(source)
  }
  return 0
}
