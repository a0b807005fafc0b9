import ArgumentParser
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import HardenServer
@testable import harden_server

@Suite("Logging")
struct LoggingTests {
    /// The flusher is a service of the application's group: at graceful shutdown (what SIGTERM starts) it writes
    /// out what is buffered, after the server has answered its last request.
    @Test func theAccessLogIsFlushedAtShutdown() async throws {
        let written = Collected()
        var configuration = ServerConfiguration.forTests()
        configuration.logOutput = BufferedOutput { written.append($0) }
        // Never on the timer within the test: only the shutdown flush can write the lines.
        configuration.logFlushInterval = .seconds(3_600)
        let app = buildApplication(service: try sharedService.get(), configuration: configuration)
        try await app.test(.live) { client in
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/v1/resolve?ref=Nginx", method: .get) { #expect($0.status == .badRequest) }
            #expect(written.text.isEmpty, "the lines are buffered until the flush")
        }
        let lines = written.text.split(separator: "\n")
        let access = try #require(lines.first { $0.contains("GET /healthz ") })
        #expect(access.wholeMatch(of: #/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ info GET /healthz 200 \d+\.\d\dms/#) != nil)
        #expect(lines.contains { $0.contains(" info GET /v1/resolve?ref=Nginx 400 ") })
    }

    @Test(arguments: [
        (Duration.milliseconds(12) + .microseconds(345), "12.34"), (.microseconds(50), "0.05"),
        (.microseconds(9), "0.00"), (.seconds(2) + .microseconds(100), "2000.10"),
    ])
    func durationsAreMillisecondsWithTwoDecimals(duration: Duration, written: String) {
        #expect(AccessLog.milliseconds(duration) == written)
    }

    /// The same text as Foundation's ISO 8601 style, which the log wrote before, at instants that carry digits
    /// into every field.
    @Test(arguments: [0, 951_868_799, 1_709_251_199, 1_764_576_605, 4_102_444_800])
    func timestampsAreWhatISO8601Writes(secondsSince1970: Int) {
        #expect(
            UTCTime.iso8601(secondsSince1970: secondsSince1970)
                == Date(timeIntervalSince1970: TimeInterval(secondsSince1970)).formatted(.iso8601))
    }

    @Test func linesBelowTheLevelAreDropped() {
        let written = Collected()
        let output = BufferedOutput { written.append($0) }
        let logger = Logger(label: "test") { _ in BufferedLogHandler(output: output, logLevel: .warning) }
        logger.info("an access line")
        logger.warning("the knowledge base is slow", metadata: ["b": "2", "a": "1"])
        output.flush()
        let lines = written.text.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasSuffix(" warning the knowledge base is slow a=1 b=2") == true)
    }

    @Test func logLevelOption() throws {
        #expect(try HardenServerCommand.parse([]).logLevel == .info)
        #expect(try HardenServerCommand.parse(["--log-level", "warning"]).logLevel == .warning)
        do {
            _ = try HardenServerCommand.parse(["--log-level", "loud"])
            Issue.record("--log-level loud was accepted")
        } catch {
            let message = HardenServerCommand.message(for: error)
            #expect(!message.contains("\n"))
            #expect(
                message
                    == "The value 'loud' is invalid for '--log-level <level>': not one of trace, debug, info, notice, warning, error, critical"
            )
        }
    }
}

/// What a `BufferedOutput` wrote, across threads.
final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
    func append(_ more: Data) { lock.withLock { data.append(more) } }
}
