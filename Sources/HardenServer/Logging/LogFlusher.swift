import ServiceLifecycle

/// Writes out a `BufferedOutput` every `interval`, and once more when the service group shuts down.
///
/// It runs in the application's service group, which starts it before the HTTP server and stops it after: its last
/// flush at graceful shutdown (SIGTERM) comes after the last request in flight was answered and logged.
struct LogFlusher: Service {
    let output: BufferedOutput
    let interval: Duration

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while true {
                    try await Task.sleep(for: interval)
                    output.flush()
                }
            }
        } catch is CancellationError {
            // Shutting down: the last flush follows.
        }
        output.flush()
    }
}
