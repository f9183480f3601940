import Foundation

/// The random generator: MT19937 (Matsumoto & Nishimura, 1998) seeded and
/// sampled exactly as numpy's legacy `RandomState` does, so that
/// `np.random.seed(0); np.random.rand()` gives the same 0.5488135039273248 here
/// as in numpy, on every machine.
public struct MersenneTwister {
  private var state = [UInt32](repeating: 0, count: 624)
  private var position = 624
  private var cachedGaussian: Double?

  public init(seed: UInt32) { self.seed(seed) }

  /// numpy's `mt19937_seed`: Knuth's multiplier 1812433253 fills the state.
  public mutating func seed(_ seed: UInt32) {
    var s = seed
    for i in 0..<624 {
      state[i] = s
      s = 1_812_433_253 &* (s ^ (s >> 30)) &+ UInt32(i + 1)
    }
    position = 624
    cachedGaussian = nil
  }

  private mutating func twist() {
    for i in 0..<624 {
      let y = (state[i] & 0x8000_0000) | (state[(i + 1) % 624] & 0x7FFF_FFFF)
      var next = state[(i + 397) % 624] ^ (y >> 1)
      if y & 1 != 0 { next ^= 0x9908_B0DF }
      state[i] = next
    }
    position = 0
  }

  /// The next 32 random bits (with MT19937's tempering).
  public mutating func next32() -> UInt32 {
    if position >= 624 { twist() }
    var y = state[position]
    position += 1
    y ^= y >> 11
    y ^= (y << 7) & 0x9D2C_5680
    y ^= (y << 15) & 0xEFC6_0000
    y ^= y >> 18
    return y
  }

  /// 64 random bits: numpy's `mt19937_next64`, the first 32-bit draw high.
  public mutating func next64() -> UInt64 {
    let high = UInt64(next32())
    return high << 32 | UInt64(next32())
  }

  /// A uniform whole number in 0...max by masked rejection: numpy's
  /// `random_interval` (numpy/random/src/distributions/distributions.c), which
  /// the legacy `shuffle` and `permutation` use. 32-bit draws when max fits in 32 bits.
  public mutating func interval(_ max: UInt64) -> UInt64 {
    if max == 0 { return 0 }
    let mask = Self.mask(max)
    var value: UInt64
    if max <= 0xFFFF_FFFF {
      repeat { value = UInt64(next32()) & mask } while value > max
    } else {
      repeat { value = next64() & mask } while value > max
    }
    return value
  }

  /// A uniform whole number in off...off+range: the legacy `randint` path,
  /// numpy's `random_bounded_uint64_fill` with `use_masked` true.
  public mutating func bounded(_ off: Int64, range: UInt64) -> Int64 {
    let value: UInt64
    if range == 0 {
      value = 0
    } else if range == 0xFFFF_FFFF {
      value = UInt64(next32())
    } else if range < 0xFFFF_FFFF {
      let mask = Self.mask(range)
      var v: UInt64
      repeat { v = UInt64(next32()) & mask } while v > range
      value = v
    } else if range == UInt64.max {
      value = next64()
    } else {
      let mask = Self.mask(range)
      var v: UInt64
      repeat { v = next64() & mask } while v > range
      value = v
    }
    return off &+ Int64(bitPattern: value)
  }

  /// The smallest mask of low bits that covers `max` (numpy's `gen_mask`).
  private static func mask(_ max: UInt64) -> UInt64 {
    var mask = max
    mask |= mask >> 1
    mask |= mask >> 2
    mask |= mask >> 4
    mask |= mask >> 8
    mask |= mask >> 16
    mask |= mask >> 32
    return mask
  }

  /// A uniform double in [0, 1) with 53 random bits: numpy's `random_sample`.
  public mutating func nextDouble() -> Double {
    let a = Double(next32() >> 5)
    let b = Double(next32() >> 6)
    return (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
  }

  /// A standard normal: numpy's legacy polar Box–Muller, which makes two
  /// values at a time and keeps the second for the next call.
  public mutating func nextGaussian() -> Double {
    if let cached = cachedGaussian {
      cachedGaussian = nil
      return cached
    }
    var x1 = 0.0
    var x2 = 0.0
    var r2 = 0.0
    repeat {
      x1 = 2.0 * nextDouble() - 1.0
      x2 = 2.0 * nextDouble() - 1.0
      r2 = x1 * x1 + x2 * x2
    } while r2 >= 1.0 || r2 == 0.0
    let f = (-2.0 * Foundation.log(r2) / r2).squareRoot()
    cachedGaussian = f * x1
    return f * x2
  }
}
