// swift-tools-version:6.0
import Foundation
import PackageDescription

/// The main package's identity is the name of its folder ("main" in the main
/// checkout, the worktree's name elsewhere).
let main = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

/// The libFuzzer harness for OptLang and the lesson reader. A separate package so that the main
/// build never sees the sanitizer flags; build it with `fuzz/run`.
let package = Package(
  name: "optfuzz",
  dependencies: [
    .package(path: "..")
  ],
  targets: [
    // libFuzzer's driver, called as the executable's entry point (see entry.c).
    .target(name: "CFuzzMain"),
    .executableTarget(
      name: "OptFuzz",
      dependencies: [
        "CFuzzMain", .product(name: "OptLang", package: main), .product(name: "OptLessons", package: main),
      ],
      swiftSettings: [.unsafeFlags(["-parse-as-library"])]
    ),
  ]
)
