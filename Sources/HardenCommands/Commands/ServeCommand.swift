import ArgumentParser
import Foundation
import HardenCore

/// `harden serve`: hands over to `harden-server`, so that the CLI itself never links the HTTP stack (which would
/// roughly double its start-up time: docs/stack.md).
struct ServeCommand: HardenCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the knowledge base over HTTP (runs harden-server from the same directory or PATH).",
        discussion:
            "Routes: /v1/resolve, /v1/images, /v1/generate, /v1/audit, /healthz, /readyz, /metrics, /openapi.yaml."
    )

    @OptionGroup var knowledgeBase: KnowledgeBaseOptions

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 8080

    @Option(
        name: .customLong("log-level"),
        help: ArgumentHelp(
            "harden-server's log level (trace, debug, info, notice, warning, error, critical).", valueName: "level"))
    var logLevel: String?

    func run(in context: CommandContext) throws -> Int32 {
        guard let server = Self.serverExecutable(environment: context.environment) else {
            throw ServerNotFound()
        }
        var arguments = [server, "--host", host, "--port", String(port)]
        if let db = knowledgeBase.db { arguments += ["--db", db] }
        // harden-server validates the level and says so in one line.
        if let logLevel { arguments += ["--log-level", logLevel] }
        let cArguments = arguments.map { strdup($0) } + [nil]
        execv(server, cArguments)
        throw ServerNotFound(reason: String(cString: strerror(errno)))
    }

    /// `harden-server` beside this executable, else on PATH.
    static func serverExecutable(environment: [String: String]) -> String? {
        let own = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        let candidates = [own.path] + (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        return candidates.map { ($0 as NSString).appendingPathComponent("harden-server") }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

/// `harden serve` without a `harden-server` to run.
struct ServerNotFound: HardenError {
    var reason: String?
    var category: ErrorCategory { .internal }
    var description: String {
        let why = reason.map { " (\($0))" } ?? ""
        return
            "cannot start harden-server\(why); build it with `swift build --product harden-server` or install it next to harden"
    }
}
