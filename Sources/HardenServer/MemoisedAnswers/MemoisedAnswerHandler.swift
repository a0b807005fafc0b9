import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTPTypes

/// Answers `GET /v1/resolve` on the event loop that read it, when the answer is memoised: the same bytes the router
/// would send, without the trip through Swift concurrency that each routed request takes (from the event loop to a
/// task and back), which was most of the service's time per request under load.
///
/// Everything else, and any request it cannot answer from the memo, goes on to the router unchanged. It sits after
/// Hummingbird's connection state handler, which therefore sees its requests and answers too (keep-alive, idle
/// time, graceful shutdown). While a request passed on to the router has not been answered whole, every request is
/// passed on, so that answers leave in the order their requests came. Its answers are logged and counted as the
/// router's are (`AccessLog`, `RequestInstruments`).
final class MemoisedAnswerHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// What the answers are made from, shared by every connection.
    struct Answers: Sendable {
        let service: QueryService
        let serverName: String
        let logger: Logger
        let instruments: RequestInstruments
    }

    private let answers: Answers
    /// Requests passed on to the router whose answer has not been written whole yet.
    private var routedInFlight = 0
    /// Whether the request being read was answered here (its remaining parts are dropped).
    private var answeredHere = false

    init(_ answers: Answers) {
        self.answers = answers
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let request):
            let start = ContinuousClock.now
            if routedInFlight == 0, let (uri, body) = memoisedAnswer(to: request) {
                answeredHere = true
                // The route's own response (`ResolveController`), with the headers Hummingbird adds to every answer.
                var head = Responses.json(body).head
                head.headerFields[.date] = UTCTime.httpDateNow()
                head.headerFields[.server] = answers.serverName
                context.write(wrapOutboundOut(.head(head)), promise: nil)
                context.write(wrapOutboundOut(.body(body)), promise: nil)
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
                AccessLog.record(.get, uri, .ok, since: start, in: answers.logger)
                answers.instruments.record(route: ResolveController.path, .get, status: .ok, since: start)
                return
            }
            answeredHere = false
            routedInFlight += 1
            context.fireChannelRead(data)
        case .body, .end:
            if !answeredHere { context.fireChannelRead(data) }
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { routedInFlight -= 1 }
        context.write(data, promise: promise)
    }

    /// The memoised answer to `GET /v1/resolve?ref=REF[&variant=NAME]`, read as `ResolveController` reads it; nil
    /// for any other request, for a request that asks to close the connection, and for an answer not memoised yet.
    private func memoisedAnswer(to request: HTTPRequest) -> (URI, ByteBuffer)? {
        guard request.method == .get, let path = request.path, path.hasPrefix(ResolveController.path + "?"),
            request.headerFields[.connection] == nil
        else { return nil }
        let uri = URI(path)
        guard uri.path == ResolveController.path, case .success(let query) = ResolveController.query(of: uri) else {
            return nil
        }
        return answers.service.memoisedResolve(query.reference, variant: query.variant).map { (uri, $0) }
    }
}
