/// Bounds the time a request's work may take: past the limit the client gets a 503 JSON error at once. The work
/// itself is bounded too (body size, batch size, YAML budgets), so an abandoned computation still ends soon.
enum Deadline {
    /// How long one request's work may take.
    static let limit: Duration = .seconds(10)

    static func run<T: Sendable>(limit: Duration = limit, _ work: @escaping @Sendable () throws -> T) async throws -> T
    {
        try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try work() }
            group.addTask {
                try await Task.sleep(for: limit)
                throw APIError(
                    status: .serviceUnavailable, code: "timeout",
                    message: "the request took longer than \(limit); send less at once")
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else {
                throw APIError(status: .internalServerError, code: "internal", message: "internal error")
            }
            return first
        }
    }
}
