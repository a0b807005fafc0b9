import Foundation
import GRDB

/// The knowledge base: read-only access to the entries of a built database.
///
/// ```swift
/// let knowledgeBase = try KnowledgeBase(path: "harden.sqlite")
/// let nginx = try knowledgeBase.entry(repository: "docker.io/library/nginx")
/// ```
public final class KnowledgeBase: Sendable {
    let reader: any DatabaseReader
    /// The file it was opened from, or a description of where it lives.
    public let location: String
    /// Lookups by name, memoised in a few megabytes: the database never changes while it is open.
    let entries = MemoCache<NamedEntry?>(byteBudget: 8 << 20) { named in
        // How the name matched adds an alias at most: one more repository name, next to the entry's many facts.
        (named?.bytesRead ?? 0) + ApproximateSize.slot * 4
    }
    /// Every registry mirror: read once and kept while the knowledge base is open.
    let mirrors = ReadOnce<[RegistryMirror]>()
    /// Every name, for suggestions: read once and kept while the knowledge base is open.
    let names = ReadOnce<[(name: String, repository: String)]>()
    /// The same names as a set, to answer "no such entry" without a query.
    let knownNames = ReadOnce<Set<String>>()
    /// The same names split for suggestions, once: splitting them on every unknown image was most of an audit.
    let suggestionNames = ReadOnce<[SuggestionName]>()
    /// "Did you mean" answers by the unknown name's last component: an audit asks again for every tag of the same
    /// unknown image, and comparing against every known name is a fifth of resolving.
    let suggestions = MemoCache<[String]>(byteBudget: 1 << 20) { $0.reduce(0) { $0 + $1.utf8.count } }

    /// An entry found by name, and how the name matched.
    struct NamedEntry: Sendable {
        var entry: ImageEntry
        var matched: MatchedName
        /// What its memo charges: `ApproximateSize` of the rows it was built from, which holds at least what the
        /// entry holds. Walking the entry through `Encodable` instead made the Swift runtime look up a conformance
        /// for every model type on first use: a tenth of a one-shot `harden resolve`.
        var bytesRead: Int
    }

    init(reader: any DatabaseReader, location: String) {
        self.reader = reader
        self.location = location
    }

    /// Opens a database file read-only and refuses one that is missing, corrupt or from another schema.
    public convenience init(path: String) throws(KnowledgeBaseError) {
        guard FileManager.default.fileExists(atPath: path) else { throw .missing(path: path) }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw .unreadable(path: path, reason: "permission denied")
        }
        var configuration = Configuration()
        configuration.readonly = true
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.read { db in
                try KnowledgeBaseSchema.verify(db, path: path)
            }
            self.init(reader: queue, location: path)
        } catch let error as KnowledgeBaseError {
            throw error
        } catch let error as DatabaseError {
            throw Self.classify(error, path: path)
        } catch {
            throw .unreadable(path: path, reason: "\(error)")
        }
    }

    /// SQLite's verdict in harden's words: only damage is "corrupt, rebuild it"; a lock, an I/O error or a full
    /// disk is said as such, since rebuilding would not help.
    static func classify(_ error: DatabaseError, path: String) -> KnowledgeBaseError {
        let message = Quoted.brief(error.message ?? "\(error.resultCode)", limit: 160)
        return switch error.resultCode.primaryResultCode {
        case .SQLITE_NOTADB: .notADatabase(path: path)
        case .SQLITE_CORRUPT, .SQLITE_FORMAT, .SQLITE_MISMATCH, .SQLITE_SCHEMA, .SQLITE_ERROR:
            .corrupt(path: path, detail: message)
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH: .unreadable(path: path, reason: message)
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            .unreadable(
                path: path, reason: "it is locked by another process (\(message)); retry when that process is done")
        case .SQLITE_IOERR:
            .unreadable(path: path, reason: "an I/O error while reading it (\(message)); check the disk")
        case .SQLITE_FULL: .unreadable(path: path, reason: "the disk is full (\(message))")
        case .SQLITE_NOMEM: .unreadable(path: path, reason: "out of memory (\(message))")
        default: .unreadable(path: path, reason: "SQLite error \(error.resultCode.rawValue) (\(message))")
        }
    }

    /// Runs a read, turning SQLite failures into knowledge-base errors that name the file.
    func read<T>(_ body: (Database) throws -> T) throws(KnowledgeBaseError) -> T {
        do {
            return try reader.read(body)
        } catch let error as KnowledgeBaseError {
            throw error
        } catch let error as DatabaseError {
            throw Self.classify(error, path: location)
        } catch let error as DamagedValue {
            throw .corrupt(path: location, detail: error.detail)
        } catch {
            // GRDB's row decoding errors: a NULL or a wrong-typed value where the schema allows neither.
            throw .corrupt(path: location, detail: Quoted.brief("\(error)", limit: 160))
        }
    }
}
