import Foundation
import HardenCommands
import HardenTestSupport

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

    func run(
        _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:], terminal: Bool = false,
        keptUntilExit: KeptUntilExit? = nil
    ) -> Result {
        let out = BufferedOutput()
        let err = BufferedOutput()
        var env = ["HARDEN_CACHE_DIR": cache.path]
        env.merge(environment) { $1 }
        let context = CommandContext(
            standardOutput: out, standardError: err, environment: env, readStandardInput: { stdin },
            outputIsTerminal: terminal, keptUntilExit: keptUntilExit)
        let status = HardenCLI.run(arguments, context: context)
        return Result(status: status, stdout: out.text, stderr: err.text)
    }
}
