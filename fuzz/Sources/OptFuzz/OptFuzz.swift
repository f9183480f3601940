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
//   OPTFUZZ_MODE=grow   build deep nesting and large repetition counts (see
//                       `Growth`): the input's first line is an expression T in
//                       `x`; the program applies `x = T` a large number of
//                       times, nests T inside itself up to 255 deep, then
//                       prints, compares and sorts what it built. Runs on a
//                       64 MB stack (OPTFUZZ_STACK_MB), so that a recursion
//                       that grows with the data (freeing, printing, comparing
//                       a list nested 300,000 deep) overflows it.
//   OPTFUZZ_MODE=nest   the same nested expression, in a function and at
//                       module level, parsed and compiled but not run; a
//                       compile that takes over a second of CPU is a finding (a node
//                       compiled more than once makes the time grow with 2^depth).
//   OPTFUZZ_MEMORY_MB=N the memory budget (`MemoryBudget.limit`, resident
//                       memory of the whole process) in grow mode, default 512:
//                       a program that fills it ends in a MemoryError at once
//                       instead of spending the time limit writing gigabytes.
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

private enum Mode { case run, parse, lesson, grow, nest }

private let env = ProcessInfo.processInfo.environment
private let mode: Mode =
  switch env["OPTFUZZ_MODE"] {
  case "parse": .parse
  case "lesson": .lesson
  case "grow": .grow
  case "nest": .nest
  default: .run
  }
/// The worker thread's stack: 512 MB as `Interpreter.onLargeStack` gives,
/// 64 MB in grow mode so that a recursion over the data shows up sooner.
private let stackMegabytes = Int(env["OPTFUZZ_STACK_MB"] ?? "") ?? (mode == .grow ? 64 : 512)
private let memoryMegabytes = Int(env["OPTFUZZ_MEMORY_MB"] ?? "") ?? (mode == .grow ? 512 : 0)
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
/// gives (unless OPTFUZZ_STACK_MB says otherwise), so that recursion limits,
/// not the native stack, stop deep programs.
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
    thread.stackSize = stackMegabytes << 20
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

private let worker = threadPerInput && stackMegabytes == 512 ? nil : LargeStackWorker()

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
    if memoryMegabytes > 0 { MemoryBudget.limit = memoryMegabytes << 20 }
    // The prelude is compiled on the large stack, like everything else.
    // (`try!`: creating an interpreter cannot throw; the closure just has to.)
    return try! onLargeStack { Interpreter(output: { _ in }) }
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

  /// The processor time the calling thread has used, in seconds.
  static func threadSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
  }

  /// Nest mode: parse and compile, without running; a slow compile (in CPU time) is a finding.
  func compile(_ source: String) {
    if shared == nil { shared = Harness.makeInterpreter() }
    let interpreter = shared!
    // The compiling thread's own processor time, not the wall clock: on a busy
    // machine (fuzz/run at low priority beside a build) a 40 ms compile can
    // take seconds of wall time, and that is no finding.
    var seconds = 0.0
    do {
      try onLargeStack {
        let start = Harness.threadSeconds()
        defer { seconds = Harness.threadSeconds() - start }
        try interpreter.compile(source, name: "<fuzz>")
      }
    } catch {}
    if seconds > 1 { fatalError("nest mode: compiling took \(seconds) s of CPU (is a node compiled more than once?)") }
    interpreter.reset()
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

// MARK: - Growth

/// Grow and nest modes: programs that build deep nesting and large
/// repetition counts from a small input, which byte-level mutation of
/// ordinary programs rarely reaches (a list nested a million deep, a string
/// repeated 9·10^15 times, `1 < (1 < (…))` 200 deep).
///
/// Input: byte 0 chooses the seed value of `x` (low 3 bits) and the number
/// of times `x = T` runs (next 3 bits); byte 1 how deeply T is nested in
/// itself; the rest, up to its first newline, is the expression T.
private struct Growth {
  static let seeds = ["[]", "()", "\"ab\"", "0", "[1, 2]", "(1,)", "zeros(3)", "\"{}\""]
  static let counts = ["1", "10", "1000", "100000", "1000000", "10000000", "10**9", "8999999999999999"]
  /// The longest nested expression made (T with two `x` doubles at each level).
  static let maxLength = 1 << 16

  let seed: String
  let count: String
  let nested: String
  let template: String

  init(_ bytes: UnsafeBufferPointer<UInt8>) {
    let b0 = Int(bytes.first ?? 0)
    let b1 = bytes.count > 1 ? Int(bytes[1]) : 0
    seed = Growth.seeds[b0 & 7]
    count = Growth.counts[(b0 >> 3) & 7]
    let rest = bytes.count > 2 ? UnsafeBufferPointer(rebasing: bytes[2...]) : UnsafeBufferPointer(start: nil, count: 0)
    let text = String(decoding: rest, as: UTF8.self)
    template = String(text.prefix { $0 != "\n" && $0 != "\r" }.prefix(256))
    // T^0 = x, T^(k+1) = T with each name `x` replaced by (T^k).
    var nested = "x"
    for _ in 0..<b1 {
      let next = Growth.substitute(template, nested)
      if next.utf8.count > Growth.maxLength { break }
      nested = next
    }
    self.nested = nested
  }

  /// `template` with every name `x` (not part of a longer name) replaced by `(inner)`.
  static func substitute(_ template: String, _ inner: String) -> String {
    var out = ""
    let chars = Array(template)
    for (i, c) in chars.enumerated() {
      let partOfName = { (k: Int) in
        k >= 0 && k < chars.count && (chars[k].isLetter || chars[k].isNumber || chars[k] == "_")
      }
      if c == "x" && !partOfName(i - 1) && !partOfName(i + 1) {
        out += "(" + inner + ")"
      } else {
        out.append(c)
      }
    }
    return out
  }

  /// Grow mode's program: grow `x` in a loop, nest T, then use the result.
  var program: String {
    """
    x = \(seed)
    for i in range(\(count)):
        x = \(template)
    y = \(nested)
    s = str(x) + repr(y)
    same = x == y
    z = sorted([x, y, x])
    x = None
    y = None
    z = None
    """
  }

  /// Nest mode's program: the nested expression in a function and at module level.
  var compiledOnly: String {
    """
    def f(x):
        return \(nested)
    y = \(nested)
    """
  }
}

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
  let bytes = UnsafeBufferPointer(start: data, count: size)
  let source = String(decoding: bytes, as: UTF8.self)
  switch mode {
  case .run: harness.run(source)
  case .parse: harness.parse(source)
  case .lesson: readLesson(source)
  case .grow: harness.run(Growth(bytes).program)
  case .nest: harness.compile(Growth(bytes).compiledOnly)
  }
  return 0
}
