import Foundation
import HardenTestSupport
import Testing

@testable import HardenCore

/// The init container's copy script, run for real with /bin/sh against temporary directories.
@Suite("Seed script")
struct SeedScriptTests {
    static func volume(_ name: String, path: String, type: WritablePath.Kind, data: WritablePath.Data) -> PlannedVolume
    {
        PlannedVolume(
            name: name, path: path, why: "test", type: type, data: data, seedFromImage: true, medium: .disk,
            sizeLimit: nil, claim: false)
    }

    static func run(_ script: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// A path with a quote and a space is copied, not broken apart by the shell.
    @Test func quotesPathsItCopies() throws {
        let directory = try TemporaryDirectory()
        let source = directory.file("it's the image")
        try FileManager.default.createDirectory(atPath: source, withIntermediateDirectories: true)
        try "default".write(toFile: source + "/app.conf", atomically: true, encoding: .utf8)
        let root = directory.file("seed")
        try FileManager.default.createDirectory(atPath: root + "/conf", withIntermediateDirectories: true)
        let script = KubernetesEmitter.seedScript(
            [Self.volume("conf", path: source, type: .directory, data: .scratch)], root: root)
        #expect(try Self.run(script) == 0)
        #expect(try String(contentsOfFile: root + "/conf/app.conf", encoding: .utf8) == "default")
    }

    /// Persistent data is seeded into an empty volume only: at the next start what the process saved stays.
    @Test func neverOverwritesPersistentData() throws {
        let directory = try TemporaryDirectory()
        let source = directory.file("image-data")
        try FileManager.default.createDirectory(atPath: source, withIntermediateDirectories: true)
        try "default".write(toFile: source + "/state", atomically: true, encoding: .utf8)
        let root = directory.file("seed")
        try FileManager.default.createDirectory(atPath: root + "/data", withIntermediateDirectories: true)
        let script = KubernetesEmitter.seedScript(
            [Self.volume("data", path: source, type: .directory, data: .persistent)], root: root)
        #expect(try Self.run(script) == 0)
        #expect(try String(contentsOfFile: root + "/data/state", encoding: .utf8) == "default")
        try "saved by the process".write(toFile: root + "/data/state", atomically: true, encoding: .utf8)
        #expect(try Self.run(script) == 0)
        #expect(try String(contentsOfFile: root + "/data/state", encoding: .utf8) == "saved by the process")
    }

    @Test func persistentFileIsSeededOnce() throws {
        let directory = try TemporaryDirectory()
        let source = directory.file("image.conf")
        try "default".write(toFile: source, atomically: true, encoding: .utf8)
        let root = directory.file("seed")
        try FileManager.default.createDirectory(atPath: root + "/conf", withIntermediateDirectories: true)
        let script = KubernetesEmitter.seedScript(
            [Self.volume("conf", path: source, type: .file, data: .persistent)], root: root)
        #expect(try Self.run(script) == 0)
        try "edited".write(toFile: root + "/conf/image.conf", atomically: true, encoding: .utf8)
        #expect(try Self.run(script) == 0)
        #expect(try String(contentsOfFile: root + "/conf/image.conf", encoding: .utf8) == "edited")
    }
}
