import Foundation
import HardenTestSupport
import Testing

@testable import HardenCore

/// What the engine's client inherits from harden: its three standard streams and nothing else, and default signal
/// handling (verify ignores SIGINT and SIGTERM while it cleans up; an engine that inherited that could not be stopped).
@Suite("Container engine processes")
struct ContainerEngineSpawnTests {
    @Test func theEngineInheritsNoDescriptorAndNoIgnoredSignal() throws {
        let directory = try TemporaryDirectory()
        // A stand-in client that reports what it was given; the engine runs it as it would run podman.
        let client = directory.file("podman")
        try """
        #!/bin/sh
        grep SigIgn /proc/$$/status
        exec ls /proc/self/fd
        """.write(toFile: client, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: client)
        let engine = try ContainerEngine(kind: .podman, searchPath: directory.path, runArguments: [])

        let held = try #require(FileHandle(forReadingAtPath: client))
        defer { try? held.close() }
        // SIGPIPE is ignored in this process already (SwiftNIO ignores it); said here so the test never depends on it.
        signal(SIGPIPE, SIG_IGN)

        let output = try engine.run([])
        #expect(output.succeeded, "\(output.standardError)")
        let lines = output.standardOutput.split(separator: "\n")
        let ignored = lines.first.flatMap { UInt64($0.split(separator: "\t").last ?? "", radix: 16) }
        for signal in [SIGINT, SIGPIPE, SIGTERM] {
            #expect(ignored.map { $0 & (1 << (signal - 1)) == 0 } == true, "\(signal): \(output.standardOutput)")
        }
        let descriptors = lines.dropFirst().compactMap { Int($0) }
        #expect(!descriptors.contains(Int(held.fileDescriptor)), "\(output.standardOutput)")
        // ls holds one more, for the directory it lists; nothing of ours beyond the standard streams.
        #expect(descriptors.filter { $0 > 3 }.isEmpty, "\(output.standardOutput)")
    }
}
