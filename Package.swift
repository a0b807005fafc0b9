// swift-tools-version:6.2
import Foundation
import PackageDescription

let package = Package(
    name: "harden",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "harden", targets: ["harden"]),
        .executable(name: "harden-server", targets: ["harden-server"]),
        .library(name: "HardenCore", targets: ["HardenCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // The registry client (harden infer on an image): over SwiftNIO, with TLS from BoringSSL linked in, so the
        // CLI does not load libcurl and the 30 libraries behind it at every start, as Foundation's URLSession does.
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // The query service only: kept out of the CLI, which starts faster without the HTTP stack.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Already in the graph through Hummingbird: the service's connection deadline handler, and the registry
        // client's byte buffers and errors.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        // The service's metrics (Hummingbird's MetricsMiddleware records through swift-metrics; Prometheus serves
        // them) and its log (the buffered access log is a swift-log handler whose flusher is a lifecycle service).
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // Turns migrations/*.sql and seed-data/**/*.yaml into Swift literals, so an installed binary needs no
        // source tree and no resource bundle (see docs/stack.md on Bundle.module).
        .executableTarget(name: "embed-resources", path: "Sources/embed-resources"),
        .plugin(
            name: "EmbedResources",
            capability: .buildTool(),
            dependencies: ["embed-resources"]
        ),
        // The system's zlib, for gzip-compressed image layers (harden infer on an image).
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // The system's libzstd, for zstd-compressed image layers.
        .systemLibrary(
            name: "CZstd", path: "Sources/CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        // glibc's closefrom for posix_spawn, declared only under _GNU_SOURCE (harden verify's engine runs).
        .target(name: "CSpawn"),
        .target(
            name: "HardenCore",
            dependencies: [
                "CSpawn",
                "CZlib",
                "CZstd",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
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
        .executableTarget(
            name: "harden", dependencies: ["HardenCommands"],
            // With the Swift runtime linked statically (the install, the Dockerfile), the toolchain exports every
            // symbol of the executable, and at every start the runtime's backtrace set-up looks its own address up
            // with dladdr, a scan of those 36,936 symbols. Nothing looks a symbol of harden up by name. Measured with
            // bench/resolve-vs-sqlite.sh: a resolve's user time from 5.1 ms to 4.3 ms.
            linkerSettings: [.unsafeFlags(["-Xlinker", "--no-export-dynamic"], .when(configuration: .release))]),
        .target(
            name: "HardenServer",
            dependencies: [
                "HardenCore", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "harden-server",
            dependencies: [
                "HardenServer", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The performance targets of the design, measured: `swift run -c release harden-bench`.
        .executableTarget(name: "harden-bench", dependencies: ["HardenCore"]),
        // Helpers shared by the test targets.
        .target(name: "HardenTestSupport", path: "Tests/HardenTestSupport"),
        .testTarget(
            name: "HardenCoreTests",
            dependencies: [
                "HardenCore", "HardenTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            exclude: ["Golden", "Fixtures"]
        ),
        .testTarget(
            name: "HardenCommandsTests", dependencies: ["HardenCommands", "HardenCore", "HardenTestSupport"],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "HardenServerTests",
            dependencies: [
                "HardenServer", "HardenCore", "HardenTestSupport", "harden-server",
                .product(name: "HummingbirdTesting", package: "hummingbird"), .product(name: "Yams", package: "Yams"),
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// The libFuzzer harness (`Fuzz/run`): declared only with HARDEN_FUZZ=1. HardenCore is instrumented for coverage and
// the harness links libFuzzer, whose main replaces the module's own (`-parse-as-library`); the other tools (the
// resource embedder the plugin runs) stay ordinary executables, which `swift build --sanitize=fuzzer` would break.
if ProcessInfo.processInfo.environment["HARDEN_FUZZ"] == "1" {
    for target in package.targets where target.name == "HardenCore" {
        target.swiftSettings = (target.swiftSettings ?? []) + [.unsafeFlags(["-sanitize=fuzzer"])]
    }
    package.targets.append(
        .executableTarget(
            name: "FuzzHarden", dependencies: ["HardenCore"], path: "Fuzz/Sources/FuzzHarden",
            swiftSettings: [.unsafeFlags(["-sanitize=fuzzer", "-parse-as-library"])],
            linkerSettings: [.unsafeFlags(["-sanitize=fuzzer"])]))
}
