import Foundation
import Synchronization

/// Runs `body` on another thread and returns its result, or nil when it is still running after `seconds`: then the
/// writing end of each of `fifos` is opened, again and again until `body` returns, which releases a read blocked in
/// `open` on any of them. A test that FIFOs are never waited on thus fails instead of hanging the run (a time limit
/// cannot end a thread blocked in a system call).
public func runReleasingFIFOs<Value: Sendable>(
    _ fifos: [String], after seconds: Int = 20, _ body: @escaping @Sendable () -> Value
) -> Value? {
    let result = Mutex<Value?>(nil)
    let finished = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
        let value = body()
        result.withLock { $0 = value }
        finished.signal()
    }
    guard finished.wait(timeout: .now() + .seconds(seconds)) == .timedOut else { return result.withLock { $0 } }
    repeat {
        // Without a reader waiting, the open fails (ENXIO) and nothing happens.
        for fifo in fifos { close(open(fifo, O_WRONLY | O_NONBLOCK)) }
    } while finished.wait(timeout: .now() + .milliseconds(100)) == .timedOut
    return nil
}
