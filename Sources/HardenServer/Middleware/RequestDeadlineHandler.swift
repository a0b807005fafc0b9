import NIOCore
import NIOHTTPTypes

/// Closes a connection whose request does not arrive in time: the first within `first` of connecting, each next
/// within `next` of the previous one's end. The idle timeout cannot do this: a client that trickles a byte every
/// few seconds is never idle, and thousands of them would hold every file descriptor (slowloris).
final class RequestDeadlineHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    private let first: TimeAmount
    private let next: TimeAmount
    private var deadline: Scheduled<Void>?

    init(first: TimeAmount, next: TimeAmount) {
        self.first = first
        self.next = next
    }

    func handlerAdded(context: ChannelHandlerContext) {
        schedule(context, after: first)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            // The whole request, body included, must still arrive within the same deadline.
            break
        case .body:
            break
        case .end:
            schedule(context, after: next)
        }
        context.fireChannelRead(data)
    }

    private func schedule(_ context: ChannelHandlerContext, after delay: TimeAmount) {
        deadline?.cancel()
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        deadline = context.eventLoop.scheduleTask(in: delay) { bound.value.close(promise: nil) }
    }
}
