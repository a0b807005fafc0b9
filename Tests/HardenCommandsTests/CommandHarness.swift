import Foundation
import HardenCommands

/// Runs harden in-process with captured streams and an isolated cache directory.
struct CommandHarness {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    let cache: TemporaryDirectory

    init() throws {
        cache = try TemporaryDirectory()
    }

    func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) -> Result {
        let out = BufferedOutput()
        let err = BufferedOutput()
        var env = ["HARDEN_CACHE_DIR": cache.path]
        env.merge(environment) { $1 }
        let context = CommandContext(
            standardOutput: out, standardError: err, environment: env, readStandardInput: { stdin },
            outputIsTerminal: false)
        let status = HardenCLI.run(arguments, context: context)
        return Result(status: status, stdout: out.text, stderr: err.text)
    }
}

/// A directory under the system temporary directory, removed when the value is released.
final class TemporaryDirectory: @unchecked Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appending(path: "harden-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    var path: String { url.path }

    func file(_ name: String) -> String { url.appending(path: name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}
