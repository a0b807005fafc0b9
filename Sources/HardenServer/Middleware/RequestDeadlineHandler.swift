import NIOCore
import NIOHTTPTypes

/// Closes a connection whose request does not arrive in time: the first within `first` of connecting, each next
/// within `next` of the previous one's end. The idle timeout cannot do this: a client that trickles a byte every
/// few seconds is never idle, and thousands of them would hold every file descriptor (slowloris).
///
/// A request's end only moves the deadline; the one timer is moved when it fires early, or when the new deadline
/// comes before it. Scheduling a timer for every request was a twentieth of the service's time under load.
final class RequestDeadlineHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    private let first: TimeAmount
    private let next: TimeAmount
    /// When the connection is closed unless a request ends before.
    private var deadline = NIODeadline.distantFuture
    /// The timer, and when it fires (never after `deadline`).
    private var timer: (task: Scheduled<Void>, firesAt: NIODeadline)?

    init(first: TimeAmount, next: TimeAmount) {
        self.first = first
        self.next = next
    }

    func handlerAdded(context: ChannelHandlerContext) {
        deadline = context.eventLoop.now + first
        arm(context)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.task.cancel()
        timer = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            // The whole request, body included, must still arrive within the same deadline.
            break
        case .body:
            break
        case .end:
            deadline = context.eventLoop.now + next
            if let timer, timer.firesAt > deadline { arm(context) }
        }
        context.fireChannelRead(data)
    }

    private func arm(_ context: ChannelHandlerContext) {
        timer?.task.cancel()
        let bound = NIOLoopBound((handler: self, context: context), eventLoop: context.eventLoop)
        let firesAt = deadline
        timer = (
            context.eventLoop.scheduleTask(deadline: firesAt) { bound.value.handler.fired(bound.value.context) },
            firesAt
        )
    }

    private func fired(_ context: ChannelHandlerContext) {
        timer = nil
        if context.eventLoop.now >= deadline {
            context.close(promise: nil)
        } else {
            arm(context)
        }
    }
}
