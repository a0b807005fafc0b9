// swift-tools-version:6.2
import PackageDescription

let package = Package(
    name: "harden",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "harden", targets: ["harden"]),
        .library(name: "HardenCore", targets: ["HardenCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // Turns migrations/*.sql and seed-data/**/*.yaml into Swift literals, so an installed binary needs no
        // source tree and no resource bundle (see ../shared/stack-notes.md on Bundle.module).
        .executableTarget(name: "embed-resources", path: "Sources/embed-resources"),
        .plugin(
            name: "EmbedResources",
            capability: .buildTool(),
            dependencies: ["embed-resources"]
        ),
        .target(
            name: "HardenCore",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
            ],
            plugins: ["EmbedResources"]
        ),
        .target(
            name: "HardenCommands",
            dependencies: [
                "HardenCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "harden", dependencies: ["HardenCommands"]),
        // The performance targets of the design, measured: `swift run -c release harden-bench`.
        .executableTarget(name: "harden-bench", dependencies: ["HardenCore"]),
        .testTarget(
            name: "HardenCoreTests",
            dependencies: ["HardenCore", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["Golden", "Fixtures"]
        ),
        .testTarget(name: "HardenCommandsTests", dependencies: ["HardenCommands", "HardenCore"]),
    ],
    swiftLanguageModes: [.v6]
)
