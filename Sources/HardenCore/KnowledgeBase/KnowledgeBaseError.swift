/// Why a knowledge-base database could not be opened, read or written.
public enum KnowledgeBaseError: HardenError, Equatable {
    case missing(path: String)
    case notADatabase(path: String)
    case corrupt(path: String, detail: String)
    case newerSchema(path: String, unknownMigrations: [String])
    case olderSchema(path: String, missingMigrations: [String])
    case unreadable(path: String, reason: String)
    case writeFailed(path: String, reason: String)

    public var category: ErrorCategory {
        switch self {
        case .writeFailed: .internal
        default: .unavailableData
        }
    }

    /// What is wrong, without the file's path or the CLI's remedy: the words a service can answer a client with.
    public var problem: String {
        switch self {
        case .missing: "it does not exist"
        case .notADatabase: "it is not a harden knowledge base"
        case .corrupt(_, let detail): "it is corrupt (\(detail))"
        case .newerSchema: "it was written by a newer harden"
        case .olderSchema: "it was written by an older harden"
        case .unreadable(_, let reason): reason
        case .writeFailed(_, let reason): "it cannot be written: \(reason)"
        }
    }

    public var description: String {
        switch self {
        case .missing(let path):
            "knowledge base \"\(path)\" does not exist; build it with `harden db build --output \(path)` or name no file (neither --db nor HARDEN_DB) to use the built-in one"
        case .notADatabase(let path):
            "\"\(path)\" is not a harden knowledge base (not an SQLite database, or empty); rebuild it with `harden db build --output \(path)`"
        case .corrupt(let path, let detail):
            "knowledge base \"\(path)\" is corrupt (\(detail)); rebuild it with `harden db build --output \(path)`"
        case .newerSchema(let path, let unknown):
            "knowledge base \"\(path)\" was written by a newer harden (unknown migrations: \(unknown.joined(separator: ", "))); upgrade harden or rebuild it with this version's `harden db build`"
        case .olderSchema(let path, let missing):
            "knowledge base \"\(path)\" was written by an older harden (missing migrations: \(missing.joined(separator: ", "))); rebuild it with `harden db build --output \(path)`"
        case .unreadable(let path, let reason):
            "cannot open knowledge base \"\(path)\": \(reason)"
        case .writeFailed(let path, let reason):
            "cannot write knowledge base \"\(path)\": \(reason); the previous file, if any, is unchanged"
        }
    }
}
