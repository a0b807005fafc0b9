import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
import Testing

@testable import HardenServer

/// `GET /v1/resolve` answered from the memo below the router: the same bytes as the router's answer, in request
/// order, logged and counted; everything else passed on untouched.
@Suite("Memoised answers")
struct MemoisedAnswerTests {
    /// A channel with the handler alone, over the shared service, whose log lines are collected.
    private static func channel() throws -> (EmbeddedChannel, (output: BufferedOutput, written: Collected)) {
        let written = Collected()
        let output = BufferedOutput { written.append($0) }
        let answers = MemoisedAnswerHandler.Answers(
            service: try sharedService.get(), serverName: "harden/test",
            logger: Logger(label: "test") { _ in BufferedLogHandler(output: output, logLevel: .info) },
            instruments: RequestInstruments())
        return (EmbeddedChannel(handler: MemoisedAnswerHandler(answers)), (output, written))
    }

    private static func get(_ path: String, _ fields: HTTPFields = [:]) -> HTTPRequestPart {
        .head(HTTPRequest(method: .get, scheme: nil, authority: "x", path: path, headerFields: fields))
    }

    /// A reference the shared service has answered once, so its answer is memoised.
    private static func memoised(_ reference: String) throws -> ByteBuffer {
        try sharedService.get().resolve(reference, variant: nil)
    }

    @Test func aMemoisedAnswerIsWrittenHereAndLogged() throws {
        let answer = try Self.memoised("nginx:1.27")
        let (channel, log) = try Self.channel()
        try channel.writeInbound(Self.get("/v1/resolve?ref=nginx:1.27"))
        try channel.writeInbound(HTTPRequestPart.end(nil))
        #expect(try channel.readInbound(as: HTTPRequestPart.self) == nil, "nothing reaches the router")
        guard case .head(let head) = try channel.readOutbound(as: HTTPResponsePart.self) else {
            Issue.record("no response head")
            return
        }
        #expect(head.status == .ok)
        #expect(head.headerFields[.contentType] == "application/json")
        #expect(head.headerFields[.contentLength] == String(answer.readableBytes))
        #expect(head.headerFields[.server] == "harden/test")
        #expect(try channel.readOutbound(as: HTTPResponsePart.self) == .body(answer))
        #expect(try channel.readOutbound(as: HTTPResponsePart.self) == .end(nil))
        log.output.flush()
        #expect(log.written.text.contains(" info GET /v1/resolve?ref=nginx:1.27 200 "))
        _ = try channel.finish()
    }

    @Test(
        "what it cannot answer from the memo goes to the router",
        arguments: [
            "/v1/resolve?ref=docker.io/library/never-asked:1", "/v1/resolve", "/v1/resolve/?ref=nginx:1.27",
            "/v1/images", "/healthz", "/v1/resolve?ref=nginx:1.27&ref=redis:7",
            "/v1/resolve?ref=nginx:1.27&variant=alpine&variant=debian",
        ])
    func passedOn(path: String) throws {
        _ = try Self.memoised("nginx:1.27")
        let (channel, _) = try Self.channel()
        try channel.writeInbound(Self.get(path))
        #expect(try channel.readInbound(as: HTTPRequestPart.self) == Self.get(path))
        #expect(try channel.readOutbound(as: HTTPResponsePart.self) == nil)
        _ = try channel.finish()
    }

    @Test func aRequestToCloseTheConnectionGoesToTheRouter() throws {
        _ = try Self.memoised("nginx:1.27")
        let (channel, _) = try Self.channel()
        let request = Self.get("/v1/resolve?ref=nginx:1.27", [.connection: "close"])
        try channel.writeInbound(request)
        #expect(try channel.readInbound(as: HTTPRequestPart.self) == request)
        _ = try channel.finish()
    }

    /// While the router has a request to answer, a memoised one waits its turn behind it.
    @Test func answersLeaveInRequestOrder() throws {
        _ = try Self.memoised("nginx:1.27")
        let (channel, _) = try Self.channel()
        let routed = Self.get("/healthz")
        let memoised = Self.get("/v1/resolve?ref=nginx:1.27")
        try channel.writeInbound(routed)
        try channel.writeInbound(HTTPRequestPart.end(nil))
        try channel.writeInbound(memoised)
        #expect(try channel.readInbound(as: HTTPRequestPart.self) == routed)
        #expect(try channel.readInbound(as: HTTPRequestPart.self) == .end(nil))
        #expect(try channel.readInbound(as: HTTPRequestPart.self) == memoised, "the router answers both")
        try channel.writeInbound(HTTPRequestPart.end(nil))
        _ = try channel.readInbound(as: HTTPRequestPart.self)
        // The router answers both; after that the memo answers again.
        for _ in 0..<2 {
            try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .ok)))
            try channel.writeOutbound(HTTPResponsePart.end(nil))
        }
        while try channel.readOutbound(as: HTTPResponsePart.self) != nil {}
        try channel.writeInbound(memoised)
        #expect(try channel.readInbound(as: HTTPRequestPart.self) == nil)
        #expect(try channel.readOutbound(as: HTTPResponsePart.self) != nil)
        _ = try channel.finish()
    }

    /// On a live server: the answer from the memo is the router's, byte for byte but for the Date header's value.
    @Test func theSameBytesAsTheRouters() async throws {
        let app = buildApplication(service: try sharedService.get(), configuration: .forTests())
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let target = "/v1/resolve?ref=redis:7.2&variant=alpine"
            // `Connection: keep-alive` sends the first to the router, which memoises its answer.
            let routed = try await RawConnection.open(
                port: port, sending: "GET \(target) HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n")
            let first = try await routed.receive(until: holdsOneResponse)
            let memoised = try await RawConnection.open(
                port: port,
                sending:
                    "GET \(target) HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
            )
            let second = try await memoised.receive()
            #expect(first.text.hasPrefix("HTTP/1.1 200 OK\r\n"), "\(first.text.prefix(200))")
            let withoutDate = { (text: String) in
                text.replacing(#/\r\nDate: [^\r]*/#, with: "\r\nDate: -")
            }
            #expect(withoutDate(second.text).hasPrefix(withoutDate(first.text)))
        }
    }

    @Test(arguments: [0, 784_111_777, 951_868_799, 1_764_576_605, 4_102_444_800])
    func datesAreRFC9110(secondsSince1970: Int) {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        #expect(
            UTCTime.httpDate(secondsSince1970: secondsSince1970)
                == formatter.string(from: Date(timeIntervalSince1970: TimeInterval(secondsSince1970))))
    }
}
