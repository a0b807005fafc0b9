import ArgumentParser
import Foundation
import HardenCore
import HardenServer
import Hummingbird
import Logging

/// The query service's executable; `harden serve` hands over to it so that the CLI never links the HTTP stack.
@main
struct HardenServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "harden-server",
        abstract: "Serve the harden knowledge base over HTTP (JSON; OpenAPI at /openapi.yaml).",
        discussion: "SIGTERM or SIGINT stops accepting connections, finishes the requests in flight and exits.")

    @Option(
        help: ArgumentHelp(
            "The knowledge base (default: $HARDEN_DB, else the one built into harden).", valueName: "file"))
    var db: String?

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (1 to 65535).")
    var port = 8080

    @Option(
        help: ArgumentHelp(
            "The least level logged on stdout (\(Self.levels)); each request's access line is info.",
            valueName: "level"),
        transform: Self.level)
    var logLevel = Logger.Level.info

    static let levels = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")

    /// A level by name; anything else is a one-line usage error (ArgumentParser lists an enum's values on lines).
    static func level(_ name: String) throws -> Logger.Level {
        guard let level = Logger.Level(rawValue: name) else { throw ValidationError("not one of \(levels)") }
        return level
    }

    func validate() throws {
        guard (1...65535).contains(port) else {
            throw ValidationError("--port \(port) is not a port number (1 to 65535)")
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        do {
            let knowledgeBase =
                if let path = db ?? environment["HARDEN_DB"].flatMap({ $0.isEmpty ? nil : $0 }) {
                    try KnowledgeBase(path: path)
                } else {
                    try DefaultKnowledgeBase.open(environment: environment)
                }
            let service = try QueryService(knowledgeBase: knowledgeBase)
            var configuration = ServerConfiguration(
                metrics: ServiceMetrics.bootstrap(), host: host, port: port,
                logLevel: logLevel)
            let images = service.imageCount
            let location = knowledgeBase.location
            configuration.onListening = { address in
                FileHandle.standardError.write(
                    Data("harden-server: \(images) images from \(location), listening on \(address)\n".utf8))
            }
            do {
                try await buildApplication(service: service, configuration: configuration).runService()
            } catch  where isAddressInUse(error) {
                FileHandle.standardError.write(
                    Data("harden-server: \(host):\(port) is in use by another process; choose another --port\n".utf8))
                throw ExitCode(3)
            }
        } catch let error as any HardenError {
            FileHandle.standardError.write(Data("harden-server: \(error)\n".utf8))
            throw ExitCode(error.category.exitCode)
        }
    }
}
