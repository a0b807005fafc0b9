import ArgumentParser
import Foundation
import HardenCore
import HardenServer
import Hummingbird

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

    @Option(help: "The port to listen on.")
    var port = 8080

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
            FileHandle.standardError.write(
                Data(
                    "harden-server: \(service.imageCount) images from \(knowledgeBase.location), listening on http://\(host):\(port)\n"
                        .utf8))
            let configuration = ServerConfiguration(host: host, port: port)
            try await buildApplication(service: service, configuration: configuration).runService()
            configuration.accessLog.flush()
        } catch let error as any HardenError {
            FileHandle.standardError.write(Data("harden-server: \(error)\n".utf8))
            throw ExitCode(error.category == .unavailableData ? 4 : 3)
        }
    }
}
