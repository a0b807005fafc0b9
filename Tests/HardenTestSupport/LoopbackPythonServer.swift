import Foundation

/// A few lines of Python serving on a loopback port for the tests: the script binds port 0, prints the port on
/// its first line and serves until it is killed, when the value is released.
final class LoopbackPythonServer: @unchecked Sendable {
    /// `127.0.0.1:PORT`.
    let host: String
    private let process: Process

    init(script: String, environment: [String: String], name: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        process.environment = environment.merging(
            ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]) { own, _ in own }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw TestServiceError("the \(name) did not start") }
            line += chunk
        }
        host = "127.0.0.1:" + String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    deinit {
        process.stopForGood()
    }
}
