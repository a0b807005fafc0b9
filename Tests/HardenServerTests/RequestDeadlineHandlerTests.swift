import HTTPTypes
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
import Testing

@testable import HardenServer

/// The request deadline on a real channel whose clock the test moves: `SlowClientTests` shows a live server cutting
/// a slow client; these pin when, for every way the deadline moves.
@Suite("Request deadline")
struct RequestDeadlineHandlerTests {
    /// A connected channel with the handler, and its event loop, whose clock starts at zero.
    private static func channel(first: Int64, next: Int64) throws -> (EmbeddedChannel, EmbeddedEventLoop) {
        let loop = EmbeddedEventLoop()
        let channel = EmbeddedChannel(
            handler: RequestDeadlineHandler(first: .seconds(first), next: .seconds(next)), loop: loop)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        return (channel, loop)
    }

    private static let head = HTTPRequestPart.head(
        HTTPRequest(method: .get, scheme: nil, authority: "x", path: "/healthz"))

    @Test func aConnectionThatSendsNothingIsClosedAtTheFirstDeadline() throws {
        let (channel, loop) = try Self.channel(first: 10, next: 30)
        loop.advanceTime(to: .uptimeNanoseconds(0) + .seconds(9))
        #expect(channel.isActive)
        loop.advanceTime(to: .uptimeNanoseconds(0) + .seconds(10))
        #expect(!channel.isActive)
    }

    @Test func aRequestBegunButNeverEndedIsClosedAtTheFirstDeadline() throws {
        let (channel, loop) = try Self.channel(first: 10, next: 30)
        loop.advanceTime(to: .uptimeNanoseconds(0) + .seconds(5))
        try channel.writeInbound(Self.head)
        loop.advanceTime(to: .uptimeNanoseconds(0) + .seconds(10))
        #expect(!channel.isActive)
    }

    /// The timer set for the first deadline fires, finds the deadline moved by the request's end, and waits on.
    @Test func aRequestThatEndsMovesTheDeadlineToTheNextWindow() throws {
        let (channel, loop) = try Self.channel(first: 10, next: 30)
        loop.advanceTime(to: .uptimeNanoseconds(0) + .seconds(4))
        try channel.writeInbound(Self.head)
        try channel.writeInbound(HTTPRequestPart.end(nil))
        loop.advanceTime(to: .uptimeNanoseconds(0) + .seconds(33))
        #expect(channel.isActive)
        loop.advanceTime(to: .uptimeNanoseconds(0) + .seconds(34))
        #expect(!channel.isActive)
    }

    /// A next window shorter than the first: the timer is moved earlier, not left at the first deadline.
    @Test func aShorterNextWindowClosesBeforeTheFirstDeadline() throws {
        let (channel, loop) = try Self.channel(first: 60, next: 5)
        loop.advanceTime(to: .uptimeNanoseconds(0) + .seconds(1))
        try channel.writeInbound(Self.head)
        try channel.writeInbound(HTTPRequestPart.end(nil))
        loop.advanceTime(to: .uptimeNanoseconds(0) + .seconds(5))
        #expect(channel.isActive)
        loop.advanceTime(to: .uptimeNanoseconds(0) + .seconds(6))
        #expect(!channel.isActive)
    }

    /// Requests passed on, in order, whatever the deadline does.
    @Test func requestPartsArePassedOn() throws {
        let (channel, _) = try Self.channel(first: 10, next: 30)
        try channel.writeInbound(Self.head)
        try channel.writeInbound(HTTPRequestPart.end(nil))
        #expect(try channel.readInbound(as: HTTPRequestPart.self) == Self.head)
        #expect(try channel.readInbound(as: HTTPRequestPart.self) == .end(nil))
        _ = try channel.finish()
    }
}
