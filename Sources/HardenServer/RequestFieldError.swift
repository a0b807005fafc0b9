import HardenCore

/// A core error raised on the value of one request field: a malformed reference read from `?ref=` is about `ref`,
/// the same error from a generate body is about `references`. The core does not know where its input came from,
/// so the route says it; `APIError` names the field unless the error carries a field of its own.
struct RequestFieldError: HardenError {
    var field: String
    var underlying: any HardenError

    var category: ErrorCategory { underlying.category }
    var description: String { underlying.description }

    /// Runs `work`, attributing the core errors it throws to `field`.
    static func attributing<T>(to field: String, _ work: () async throws -> T) async throws -> T {
        do {
            return try await work()
        } catch let error as any HardenError {
            throw RequestFieldError(field: field, underlying: error)
        }
    }
}
