/// Freeing values without recursion.
///
/// Swift frees an array by freeing its elements, so dropping a list nested ten
/// million deep (`x = [x]` in a loop) recurses ten million times and overflows
/// any stack. Every place that drops a program's values (a slot assigned or
/// popped, a global set, an expression statement's result, the runtime torn
/// down) drops a list or tuple through `Value.release`, which takes the nested
/// lists out of a list it holds the only reference to and frees them one at a
/// time from a worklist, as CPython's "trashcan" (Include/cpython/object.h)
/// bounds the depth of deallocation.
extension Value {
  /// Drops `value`; a list or tuple it alone owns is freed level by level.
  /// (`consuming`, and `consume` where it is passed on: an unoptimised build
  /// would otherwise keep a copy alive, and the array would look shared.)
  @inline(never) static func release(_ value: consuming Value) {
    // The arrays still to free, each as its storage reference moved out of the
    // value that held it: raw, so that no copy of one can make it look shared.
    var pending: [UnsafeMutableRawPointer] = []
    var value = consume value
    withUnsafeMutablePointer(to: &value) { take($0, into: &pending) }
    guard !pending.isEmpty else { return }
    let array = UnsafeMutablePointer<[Value]>.allocate(capacity: 1)
    defer { array.deallocate() }
    while let storage = pending.popLast() {
      UnsafeMutableRawPointer(array).storeBytes(of: storage, as: UnsafeMutableRawPointer.self)
      array.pointee.withUnsafeMutableBufferPointer { buffer in
        for i in buffer.indices { take(buffer.baseAddress! + i, into: &pending) }
      }
      // The array holds no list or tuple it owned any more: freeing it recurses no deeper.
      array.deinitialize(count: 1)
    }
  }

  /// Drops an expression statement's result: `release` for a list or tuple.
  @inline(__always) static func drop(_ value: consuming Value) {
    if value.isListOrTuple { release(consume value) }
  }

  var isListOrTuple: Bool {
    switch self {
    case .list, .tuple: return true
    default: return false
    }
  }

  /// Moves a list or tuple out of `slot` (leaving None) onto `pending` if
  /// nothing else refers to it; anything else is only let go of.
  private static func take(_ slot: UnsafeMutablePointer<Value>, into pending: inout [UnsafeMutableRawPointer]) {
    // (A property, not a `switch` here: an unoptimised build keeps the
    // switch's copy of the value alive, which would make the array look shared.)
    guard slot.pointee.isListOrTuple else { return }
    // A list's or tuple's payload is its array, one reference to the array's
    // storage object, in the first word of the value (see Value's layout).
    // Its count is checked as a native Swift object's (`AnyObject` here gives
    // a wrong answer in an unoptimised build).
    let raw = UnsafeMutableRawPointer(slot)
    let only = raw.withMemoryRebound(to: StorageHeader.self, capacity: 1) { isKnownUniquelyReferenced(&$0.pointee) }
    if only {
      // Moved, not copied: the reference now belongs to `pending`.
      pending.append(raw.load(as: UnsafeMutableRawPointer.self))
      slot.initialize(to: .none)
    } else {
      slot.pointee = .none
    }
  }
}

/// Any Swift object seen only for its reference count (an array's storage).
private final class StorageHeader {}
