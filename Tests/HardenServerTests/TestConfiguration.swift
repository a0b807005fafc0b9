import HardenServer

/// swift-metrics takes one bootstrap per process, and `RequestMetricsMiddleware` records through it: every
/// test application shares this registry. A global is initialised once, on first use, however many suites run in
/// parallel; counts therefore add up across tests, which assert on their own routes only.
let testMetrics = ServiceMetrics.bootstrap()

extension ServerConfiguration {
    /// The service as tests run it: the shared registry, any free port, and a log that is dropped. The request
    /// deadline is one no loaded machine reaches (the test client connects before a test's body runs, and the other
    /// suites can hold the cooperative pool for seconds); the tests about the deadline set their own.
    static func forTests(port: Int = 0, requestDeadline: Duration = .seconds(300)) -> ServerConfiguration {
        ServerConfiguration(
            metrics: testMetrics, host: "127.0.0.1", port: port, logOutput: BufferedOutput { _ in },
            requestDeadline: requestDeadline)
    }
}
