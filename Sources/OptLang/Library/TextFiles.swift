import Foundation

/// `np.loadtxt` and `np.savetxt`: numbers from and to text files such as CSV,
/// so data comes in from a spreadsheet or pandas and results go back out.
/// Defaults, layout and output text follow numpy/lib/_npyio_impl.py: `savetxt`
/// writes each row as `fmt % tuple(row)` with C's printf rules (`%.18e` by
/// default), and `loadtxt` returns a 2-D array squeezed of dimensions of length 1.
/// A file that cannot be read or a field that is not a number is an error
/// naming the file, the line and the column.
enum TextFiles {
  static var builtins: [Builtin] {
    [
      Builtin(
        "loadtxt", "loadtxt(fname, delimiter=None, skiprows=0, usecols=None, comments='#', unpack=False, ndmin=0)",
        "The numbers in a text file as an array, one row per line; delimiter=None splits on whitespace, "
          + "delimiter=',' reads CSV. Text after comments is ignored; skiprows skips a header.",
        parameters: ["fname", "delimiter", "skiprows", "usecols", "comments", "unpack", "ndmin"],
        .general { args in
          try args.check(
            min: 1, max: 1, keywords: ["delimiter", "skiprows", "usecols", "comments", "unpack", "ndmin", "dtype"])
          return try load(args)
        }),
      Builtin(
        "savetxt", "savetxt(fname, X, fmt='%.18e', delimiter=' ', header='', footer='', comments='# ')",
        "Writes the 1-D or 2-D array X to a text file, one row per line, each number as fmt "
          + "(printf style: '%.6f', '%d', '%g'; or a list, one per column). delimiter=',' writes CSV.",
        parameters: ["fname", "X", "fmt", "delimiter", "header", "footer", "comments"],
        .general { args in
          try args.check(
            min: 2, max: 3, keywords: ["fmt", "delimiter", "newline", "header", "footer", "comments"])
          try save(args)
          return .none
        }),
    ]
  }

  // MARK: loadtxt

  private static func load(_ args: Arguments) throws -> Value {
    let path = try text(args.positional[0], "loadtxt", "fname")
    let delimiter = try optionalText(args.keyword("delimiter"), "loadtxt", "delimiter")
    let comments = try optionalText(args.keyword("comments") ?? .str("#"), "loadtxt", "comments")
    let skiprows = try args.keyword("skiprows").map { try count($0, "loadtxt", "skiprows") } ?? 0
    let ndmin = try args.keyword("ndmin").map { try count($0, "loadtxt", "ndmin") } ?? 0
    guard ndmin <= 2 else { throw OptError(.valueError, "loadtxt(): ndmin must be 0, 1 or 2, not \(ndmin)") }
    let unpack = try args.keyword("unpack").map { try Operators.truthy($0) } ?? false
    if let delimiter, delimiter.isEmpty { throw OptError(.valueError, "loadtxt(): the delimiter must not be empty") }
    var usecols: [Int]?
    if let v = args.keyword("usecols"), !v.isNone {
      let items: [Value]
      if case .list(let xs) = v { items = xs } else if case .tuple(let xs) = v { items = xs } else { items = [v] }
      usecols = try items.map { item in
        guard let x = item.asNumber else {
          throw OptError(.typeError, "loadtxt(): usecols must be column numbers, not \(item.typeNameWithArticle)")
        }
        return try Runtime.wholeNumber(x, what: "loadtxt(): a column in usecols")
      }
    }

    let contents = try read(path)
    var rows: [Double] = []
    var columns: Int?
    var firstLine = 0
    var lineCount = 0
    for (index, rawLine) in contents.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let lineNumber = index + 1
      if index < skiprows { continue }
      if index & 0xFFF == 0xFFF { try Interrupt.check() }
      var line = Substring(rawLine)
      if line.hasSuffix("\r") { line = line.dropLast() }
      if let comments, !comments.isEmpty, let r = line.range(of: comments) { line = line[..<r.lowerBound] }
      if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
      let fields: [Substring] =
        delimiter.map { line.components(separatedBy: $0).map { Substring($0) } }
        ?? line.split(whereSeparator: { $0 == " " || $0 == "\t" })
      let chosen =
        try usecols.map { cols in
          try cols.map { c -> Int in
            let k = c < 0 ? c + fields.count : c
            guard k >= 0 && k < fields.count else {
              throw OptError(
                .valueError,
                "loadtxt(): '\(path)' line \(lineNumber) has \(fields.count) column\(fields.count == 1 ? "" : "s"), "
                  + "so usecols cannot take column \(c)",
                hint: "columns are numbered from 0")
            }
            return k
          }
        } ?? Array(fields.indices)
      if let columns, chosen.count != columns {
        throw OptError(
          .valueError,
          "loadtxt(): '\(path)' line \(lineNumber) has \(chosen.count) columns, but line \(firstLine) has \(columns)",
          hint: "every row needs the same number of values; usecols= picks some columns")
      }
      if columns == nil {
        columns = chosen.count
        firstLine = lineNumber
      }
      for k in chosen {
        let field = fields[k].trimmingCharacters(in: .whitespaces)
        guard let x = number(field) else {
          throw OptError(
            .valueError,
            "loadtxt(): '\(path)' line \(lineNumber), column \(k + 1): '\(field)' is not a number",
            hint: lineCount == 0 && skiprows == 0
              ? "a header line can be skipped with skiprows=1"
              : delimiter == nil && field.contains(",") ? "for comma-separated values pass delimiter=','" : nil)
        }
        rows.append(x)
      }
      lineCount += 1
      try Runtime.checkLength(rows.count, what: "loadtxt()")
    }
    var array = NumArray(rows, shape: [lineCount, columns ?? 0])
    if columns == nil { array = NumArray([], shape: [0]) }
    // numpy's _ensure_ndmin_ndarray: squeeze, then give back the dimensions ndmin asks for.
    if array.ndim > ndmin { array = array.reshaped(array.shape.filter { $0 != 1 }) }
    if array.ndim < ndmin { array = array.reshaped(ndmin == 1 ? [array.count] : [array.count, 1]) }
    if unpack { return .array(ArrayShapes.transpose(array, Array((0..<array.ndim).reversed()))) }
    return ArrayMath.wrap(array)
  }

  /// A field as Python's float() reads it: decimal numbers, `inf`, `nan` (any case, with a sign).
  private static func number(_ field: String) -> Double? {
    guard !field.isEmpty, !field.hasPrefix("0x"), !field.hasPrefix("-0x"), !field.hasPrefix("+0x") else { return nil }
    if let x = Double(field) { return x }
    switch field.lowercased() {
    case "inf", "+inf", "infinity", "+infinity": return .infinity
    case "-inf", "-infinity": return -.infinity
    case "nan", "+nan", "-nan": return .nan
    default: return nil
    }
  }

  private static func read(_ path: String) throws -> String {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw OptError(
        .osError, "loadtxt(): there is no file '\(path)'",
        hint: "the path is relative to the folder optrepl was started in: \(FileManager.default.currentDirectoryPath)")
    }
    guard !isDirectory.boolValue else { throw OptError(.osError, "loadtxt(): '\(path)' is a folder, not a file") }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw OptError(.osError, "loadtxt(): cannot read '\(path)' (permission denied?)")
    }
    guard let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .isoLatin1) else {
      throw OptError(.valueError, "loadtxt(): '\(path)' is not a text file")
    }
    return text
  }

  // MARK: savetxt

  private static func save(_ args: Arguments) throws {
    let path = try text(args.positional[0], "savetxt", "fname")
    var x = try Convert.array(args.positional[1], what: "savetxt()")
    guard x.ndim == 1 || x.ndim == 2 else {
      throw OptError(
        .valueError, "savetxt() writes 1-D or 2-D arrays, not \(x.ndim)-D (shape \(NumArray.describe(x.shape)))")
    }
    if x.ndim == 1 { x = x.reshaped([x.count, 1]) }  // a 1-D array is written as a column, as numpy does
    let columns = x.shape[1]
    let delimiter = try text(args.keyword("delimiter") ?? .str(" "), "savetxt", "delimiter")
    let newline = try text(args.keyword("newline") ?? .str("\n"), "savetxt", "newline")
    let comments = try text(args.keyword("comments") ?? .str("# "), "savetxt", "comments")
    let header = try text(args.keyword("header") ?? .str(""), "savetxt", "header")
    let footer = try text(args.keyword("footer") ?? .str(""), "savetxt", "footer")
    let fmtValue = args.optional(2, "fmt") ?? args.keyword("fmt") ?? .str("%.18e")
    // numpy: a list gives one format per column; a string with one % is repeated; else it has one % per column.
    let format: String
    switch fmtValue {
    case .list(let items), .tuple(let items):
      guard items.count == columns else {
        throw OptError(.valueError, "savetxt(): fmt has \(items.count) formats but X has \(columns) columns")
      }
      format = try items.map { try text($0, "savetxt", "fmt") }.joined(separator: delimiter)
    default:
      let fmt = try text(fmtValue, "savetxt", "fmt")
      let percents = fmt.filter { $0 == "%" }.count
      if percents == 1 {
        format = Array(repeating: fmt, count: columns).joined(separator: delimiter)
      } else if percents == columns {
        format = fmt
      } else {
        throw OptError(
          .valueError, "savetxt(): fmt '\(fmt)' has \(percents) % formats but X has \(columns) columns",
          hint: "give one format, such as '%.6f', or one per column")
      }
    }
    let pieces = try Printf.parse(format)
    var out = ""
    if !header.isEmpty { out += comments + header.replacingOccurrences(of: "\n", with: "\n" + comments) + newline }
    let storage = x.storage
    for row in 0..<x.shape[0] {
      if row & 0xFFF == 0xFFF { try Interrupt.check() }
      out += try Printf.render(pieces, storage[(row * columns)..<((row + 1) * columns)]) + newline
    }
    if !footer.isEmpty { out += comments + footer.replacingOccurrences(of: "\n", with: "\n" + comments) + newline }
    do {
      try out.write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
      throw OptError(
        .osError, "savetxt(): cannot write '\(path)'",
        hint: "check that the folder exists and can be written: \(FileManager.default.currentDirectoryPath)")
    }
  }

  // MARK: arguments

  private static func text(_ v: Value, _ name: String, _ parameter: String) throws -> String {
    guard case .string(let s) = v else {
      throw OptError(.typeError, "\(name)(): \(parameter) must be a string, not \(v.typeNameWithArticle)")
    }
    return s.value
  }

  private static func optionalText(_ v: Value?, _ name: String, _ parameter: String) throws -> String? {
    guard let v, !v.isNone else { return nil }
    return try text(v, name, parameter)
  }

  private static func count(_ v: Value, _ name: String, _ parameter: String) throws -> Int {
    guard let x = v.asNumber else {
      throw OptError(.typeError, "\(name)(): \(parameter) must be a whole number, not \(v.typeNameWithArticle)")
    }
    let n = try Runtime.wholeNumber(x, what: "\(name)(): \(parameter)")
    guard n >= 0 else { throw OptError(.valueError, "\(name)(): \(parameter) must be >= 0, not \(n)") }
    return n
  }
}

/// Python's `%` formatting of numbers (printf-style: `%[flags][width][.precision]type`),
/// as `savetxt` applies it to each row: `f F e E g G` format the number as C's
/// printf does (as Python's `%` does), `d i` its whole part, `%%` is a percent sign.
enum Printf {
  enum Piece {
    case literal(String)
    /// A C format for one number, and whether it takes the whole part (`%d`).
    case number(String, whole: Bool)
  }

  static func parse(_ format: String) throws -> [Piece] {
    var pieces: [Piece] = []
    var literal = ""
    var chars = Substring(format)
    while let c = chars.first {
      chars = chars.dropFirst()
      guard c == "%" else {
        literal.append(c)
        continue
      }
      if chars.first == "%" {
        literal.append("%")
        chars = chars.dropFirst()
        continue
      }
      var spec = "%"
      while let f = chars.first, "-+ 0#".contains(f) {
        spec.append(f)
        chars = chars.dropFirst()
      }
      while let d = chars.first, d.isASCII, d.isNumber || d == "." {
        spec.append(d)
        chars = chars.dropFirst()
      }
      guard let type = chars.first, "fFeEgGdi".contains(type) else {
        throw OptError(
          .valueError, "savetxt(): '\(format)' is not a number format this understands",
          hint: "use %f, %e, %g or %d, with a width and precision: '%.6f', '%10.4e', '%d'")
      }
      chars = chars.dropFirst()
      if !literal.isEmpty {
        pieces.append(.literal(literal))
        literal = ""
      }
      let whole = type == "d" || type == "i"
      pieces.append(.number(whole ? spec + "ld" : spec + String(type), whole: whole))
    }
    if !literal.isEmpty { pieces.append(.literal(literal)) }
    return pieces
  }

  /// The pieces with the numbers filled in, in order.
  static func render(_ pieces: [Piece], _ values: ArraySlice<Double>) throws -> String {
    var out = ""
    var next = values.startIndex
    for piece in pieces {
      switch piece {
      case .literal(let s): out += s
      case .number(let spec, let whole):
        let x = values[next]
        next += 1
        if whole {
          guard x.isFinite else {
            throw OptError(.valueError, "savetxt(): %d cannot write \(Format.number(x)); use %g or %f")
          }
          out += String(format: spec, Int(x.rounded(.towardZero)))
        } else {
          // Python writes nan without a sign, where C may write '-nan'.
          out += String(format: spec, x.isNaN ? Double.nan : x)
        }
      }
    }
    return out
  }
}
