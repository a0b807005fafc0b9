/// What kind of failure an error is; the CLI maps it to an exit code and the service to an HTTP status,
/// each in exactly one place.
public enum ErrorCategory: String, Sendable, Codable {
    /// The user's input is wrong: a reference, a seed file, a manifest.
    case invalidInput
    /// The options asked for are wrong: a value out of range, or an option that does not apply.
    case invalidOption
    /// Valid input that names something the knowledge base does not have.
    case notFound
    /// Two inputs disagree: the same image defined twice.
    case conflict
    /// A database or file is missing, corrupt or from another schema.
    case unavailableData
    /// A container engine is missing or failed, or the image is not in its store (`harden verify`).
    case unavailableEngine
    /// A bug or an environment failure (disk full, permissions).
    case `internal`
}

extension ErrorCategory {
    /// The process exit code for this kind of failure, the same in `harden` and `harden-server`.
    public var exitCode: Int32 {
        switch self {
        case .invalidInput, .conflict: 3
        case .invalidOption: 64
        case .notFound: 2
        case .unavailableData: 4
        case .unavailableEngine: 5
        case .internal: 1
        }
    }
}

/// An error with a category and a one-line, lower-case message that names the input and the remedy.
public protocol HardenError: Error, CustomStringConvertible, Sendable {
    var category: ErrorCategory { get }
}

extension ReferenceError: HardenError {
    public var category: ErrorCategory { .invalidInput }
}
