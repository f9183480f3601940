// swift-tools-version:6.0
import PackageDescription

/// optrepl: a teaching REPL for gradient-descent optimizers and learning-rate schedules.
///
/// Layers, lowest first (a lower layer never imports a higher one):
/// - `OptLang`: the language — lexer, parser, resolver, compiler, runtime, built-ins.
///   It knows nothing of terminals, and reads and writes files only in numpy's
///   `loadtxt` and `savetxt`.
/// - `CMatrix`: the matrix product's kernel in C, with AVX2 where the processor has it.
/// - `OptSystem`: what the tool's layers need from the system — files written
///   atomically and locked, the home folder, the standard streams, the terminal
///   and its colours.
/// - `OptPlot`: plots in the terminal (braille or ASCII) and as SVG, and the
///   `plot` and `contour` built-ins.
/// - `CEditLine`: the system libedit, seen from Swift.
/// - `CZeroMQ`: the system libzmq, seen from Swift (the Jupyter kernel's sockets).
/// - `OptKernel`: the Jupyter kernel, the kernelspec and lessons as notebooks.
/// - `OptREPL`: the tool — the interactive session, line editing, colon commands, output.
/// - `optrepl`: the executable; it only wires the command line to `OptREPL`.
let optimize: [SwiftSetting] = [
  // The interpreter's hot loop reads and writes class fields constantly; dynamic
  // exclusivity checks on each access cost more than the arithmetic they guard.
  .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))
]

/// The language, its kernels and the plots are optimised in debug builds too: `swift run optrepl` and the
/// tests run lessons (the real network's training loops) that take 50 s
/// unoptimised and a few seconds optimised.
let optimizeLanguage: [SwiftSetting] = optimize + [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
  name: "optrepl",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "optrepl", targets: ["optrepl"]),
    // The language alone, and the lessons, for tools built on them (the fuzzing package in fuzz/).
    .library(name: "OptLang", targets: ["OptLang"]),
    .library(name: "OptLessons", targets: ["OptLessons"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    // HMAC-SHA256 for the Jupyter kernel's message signatures.
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
  ],
  targets: [
    .target(name: "CMatrix", cSettings: [.unsafeFlags(["-ffp-contract=off", "-O2"])]),
    .target(
      name: "OptLang",
      dependencies: ["CMatrix"],
      resources: [
        .embedInCode("Prelude/optimizers.opt"), .embedInCode("Prelude/schedules.opt"),
        .embedInCode("Prelude/checks.opt"),
      ],
      swiftSettings: optimizeLanguage
    ),
    .systemLibrary(
      name: "CEditLine",
      pkgConfig: "libedit",
      providers: [.apt(["libedit-dev"])]
    ),
    .systemLibrary(
      name: "CZeroMQ",
      pkgConfig: "libzmq",
      providers: [.apt(["libzmq3-dev"])]
    ),
    .target(name: "OptSystem", dependencies: ["OptLang"], swiftSettings: optimize),
    .target(name: "OptPlot", dependencies: ["OptLang", "OptSystem"], swiftSettings: optimizeLanguage),
    .target(name: "OptLessons", dependencies: ["OptLang", "OptSystem"], swiftSettings: optimize),
    .target(
      name: "OptREPL", dependencies: ["OptLang", "OptSystem", "OptPlot", "OptLessons", "CEditLine"],
      swiftSettings: optimize),
    .target(
      name: "OptKernel",
      dependencies: [
        "OptLang", "OptSystem", "OptPlot", "OptLessons", "CZeroMQ",
        .product(name: "Crypto", package: "swift-crypto"),
      ]),
    .executableTarget(
      name: "optrepl",
      dependencies: [
        "OptREPL", "OptLang", "OptSystem", "OptPlot", "OptLessons", "OptKernel",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: optimize
    ),
    .testTarget(
      name: "OptLangTests",
      dependencies: ["OptLang"],
      resources: [.copy("Programs"), .copy("Errors"), .copy("Differential")]
    ),
    .testTarget(name: "OptRulesTests", dependencies: ["OptLang"], resources: [.copy("Fixtures")]),
    .testTarget(name: "OptSystemTests", dependencies: ["OptSystem", "OptLang"]),
    .testTarget(name: "OptPlotTests", dependencies: ["OptPlot", "OptLang"]),
    .testTarget(
      name: "OptLessonsTests", dependencies: ["OptLessons", "OptLang", "OptPlot"], resources: [.copy("KeyNumbers")]),
    .testTarget(name: "OptREPLTests", dependencies: ["OptREPL", "OptLang", "OptLessons"]),
    .testTarget(name: "OptKernelTests", dependencies: ["OptKernel", "OptLang", "OptLessons"]),
  ]
)
