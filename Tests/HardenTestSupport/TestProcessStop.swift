import Foundation

extension Process {
    /// Stops a test service for good: SIGKILL, then the wait.
    ///
    /// Not SIGTERM: a child inherits ignored signals, and while a live server test runs, its service group ignores
    /// SIGTERM in this process (it watches for it with a dispatch source), so a service started meanwhile ignored
    /// `terminate()` and the wait for it never ended.
    public func stopForGood() {
        if isRunning { kill(processIdentifier, SIGKILL) }
        waitUntilExit()
    }
}
