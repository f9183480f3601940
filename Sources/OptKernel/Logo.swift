import Foundation

/// The kernel's logo, drawn here and written as PNG, so no picture is kept in
/// the repository: a descent path (orange) crossing the level lines of a loss
/// surface (light blue) to its minimum, on a dark rounded square — the
/// lecture's main picture in miniature. Jupyter shows it in the launcher and
/// the notebook's kernel indicator (`logo-32x32.png`, `logo-64x64.png`).
enum Logo {
  /// The logo as a `size`×`size` RGBA PNG.
  static func png(size: Int) -> Data {
    PNG.encode(width: size, height: size, rgba: pixels(size: size))
  }

  /// RGBA bytes, row by row, each pixel the average of 4×4 samples.
  static func pixels(size: Int) -> [UInt8] {
    var out = [UInt8](repeating: 0, count: size * size * 4)
    let samples = 4
    for py in 0..<size {
      for px in 0..<size {
        var sum = (r: 0.0, g: 0.0, b: 0.0, a: 0.0)
        for sy in 0..<samples {
          for sx in 0..<samples {
            let x = (Double(px) + (Double(sx) + 0.5) / Double(samples)) / Double(size)
            let y = (Double(py) + (Double(sy) + 0.5) / Double(samples)) / Double(size)
            guard let c = color(x, y) else { continue }
            sum.r += c.0 * c.3
            sum.g += c.1 * c.3
            sum.b += c.2 * c.3
            sum.a += c.3
          }
        }
        let n = Double(samples * samples)
        let i = (py * size + px) * 4
        if sum.a > 0 {
          out[i] = UInt8((sum.r / sum.a * 255).rounded())
          out[i + 1] = UInt8((sum.g / sum.a * 255).rounded())
          out[i + 2] = UInt8((sum.b / sum.a * 255).rounded())
        }
        out[i + 3] = UInt8((sum.a / n * 255).rounded())
      }
    }
    return out
  }

  /// The path an optimizer took, in the unit square (y down), ending at the minimum.
  static let path: [(Double, Double)] = [
    (0.16, 0.84), (0.30, 0.52), (0.42, 0.66), (0.50, 0.45), (0.57, 0.53), (0.62, 0.42),
  ]

  /// The colour (r, g, b in 0...1, opacity) at a point of the unit square; nil outside the rounded square.
  static func color(_ x: Double, _ y: Double) -> (Double, Double, Double, Double)? {
    // The rounded square: corners of radius 0.2.
    let r = 0.2
    let cx = min(max(x, r), 1 - r)
    let cy = min(max(y, r), 1 - r)
    if (x - cx) * (x - cx) + (y - cy) * (y - cy) > r * r { return nil }
    // The path, 0.045 wide, and a dot at the minimum.
    let (mx, my) = path[path.count - 1]
    if (x - mx) * (x - mx) + (y - my) * (y - my) < 0.05 * 0.05 { return (1, 1, 1, 1) }
    for k in 1..<path.count where distance(x, y, path[k - 1], path[k]) < 0.0225 {
      return (0.96, 0.62, 0.04, 1)
    }
    // Level lines of an elongated bowl, tilted by 30°, centred on the minimum.
    let (u, v) = (x - mx, y - my)
    let (c, s) = (cos(Double.pi / 6), sin(Double.pi / 6))
    let (a, b) = (c * u + s * v, -s * u + c * v)
    let level = sqrt(a * a + (b / 0.5) * (b / 0.5))
    let step = 0.14
    if level > step * 0.5, abs(level - (level / step).rounded() * step) < 0.012 { return (0.49, 0.83, 0.99, 1) }
    return (0.12, 0.23, 0.37, 1)
  }

  /// The distance from (x, y) to the segment p–q.
  static func distance(_ x: Double, _ y: Double, _ p: (Double, Double), _ q: (Double, Double)) -> Double {
    let (dx, dy) = (q.0 - p.0, q.1 - p.1)
    let t = max(0, min(1, ((x - p.0) * dx + (y - p.1) * dy) / (dx * dx + dy * dy)))
    let (ex, ey) = (p.0 + t * dx - x, p.1 + t * dy - y)
    return (ex * ex + ey * ey).squareRoot()
  }
}

/// A minimal PNG writer (RFC 2083; the PNG specification, 2nd edition):
/// 8-bit RGBA, no filtering, the image data in zlib "stored" blocks (RFC 1950
/// and 1951), which every decoder reads. Small logos need no compression.
enum PNG {
  static func encode(width: Int, height: Int, rgba: [UInt8]) -> Data {
    var raw: [UInt8] = []
    raw.reserveCapacity((width * 4 + 1) * height)
    for row in 0..<height {
      raw.append(0)  // filter type 0: none
      raw += rgba[(row * width * 4)..<((row + 1) * width * 4)]
    }
    var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    // IHDR: width, height, bit depth 8, colour type 6 (RGBA), compression, filter, interlace 0.
    png += chunk("IHDR", bigEndian(UInt32(width)) + bigEndian(UInt32(height)) + [8, 6, 0, 0, 0])
    png += chunk("IDAT", zlibStored(raw))
    png += chunk("IEND", [])
    return Data(png)
  }

  static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
    let body = Array(type.utf8) + data
    return bigEndian(UInt32(data.count)) + body + bigEndian(crc32(body))
  }

  /// zlib framing (CMF 0x78, FLG 0x01: no dictionary, header check passes) around
  /// stored deflate blocks of at most 65,535 bytes, then the Adler-32 of the data.
  static func zlibStored(_ data: [UInt8]) -> [UInt8] {
    var out: [UInt8] = [0x78, 0x01]
    var offset = 0
    repeat {
      let length = min(65_535, data.count - offset)
      let final: UInt8 = offset + length == data.count ? 1 : 0
      out.append(final)  // BFINAL, BTYPE 00 (stored)
      out += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)]
      out += data[offset..<(offset + length)]
      offset += length
    } while offset < data.count
    return out + bigEndian(adler32(data))
  }

  /// CRC-32 as PNG and zlib define it (polynomial 0xEDB88320, reflected).
  static func crc32(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
      crc ^= UInt32(byte)
      for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return ~crc
  }

  /// Adler-32 (RFC 1950, section 8).
  static func adler32(_ bytes: [UInt8]) -> UInt32 {
    var (a, b): (UInt32, UInt32) = (1, 0)
    for byte in bytes {
      a = (a + UInt32(byte)) % 65_521
      b = (b + a) % 65_521
    }
    return b << 16 | a
  }

  static func bigEndian(_ value: UInt32) -> [UInt8] {
    [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
  }
}
