import Foundation
import GRDB

/// Builds a knowledge-base file from validated entries, atomically: the database is written to a temporary file
/// beside the target and renamed over it only when complete, so an interrupted build leaves the old file intact.
public enum KnowledgeBaseBuilder {
    /// Writes a validated catalog to `path`, replacing any previous file only on success.
    public static func build(_ catalog: SeedCatalog, to path: String) throws(KnowledgeBaseError) {
        try build(catalog.entries, mirrors: catalog.mirrors, to: path)
    }

    /// Writes `entries` and `mirrors` to `path`, replacing any previous file only on success.
    public static func build(
        _ entries: [ImageEntry], mirrors: [RegistryMirror] = [], to path: String
    ) throws(KnowledgeBaseError) {
        let target = URL(fileURLWithPath: path)
        let directory = target.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            throw .writeFailed(path: path, reason: "directory \"\(directory.path)\" does not exist")
        }
        AtomicFile.removeStaleTemporaries(beside: path)
        let temporary = AtomicFile.temporaryPath(beside: path)
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        do {
            let queue = try DatabaseQueue(path: temporary)
            try KnowledgeBaseSchema.migrator.migrate(queue)
            try queue.write { db in try KnowledgeBaseWriter.write(entries, mirrors: mirrors, into: db) }
            try queue.close()
        } catch {
            throw .writeFailed(path: path, reason: "\(error)")
        }
        do {
            try AtomicFile.replace(path, with: temporary)
        } catch {
            throw .writeFailed(path: path, reason: error.reason)
        }
    }

    /// An in-memory knowledge base holding `entries` and `mirrors`, for tests and for read-only machines.
    public static func inMemory(_ entries: [ImageEntry], mirrors: [RegistryMirror] = []) throws -> KnowledgeBase {
        let queue = try DatabaseQueue()
        try KnowledgeBaseSchema.migrator.migrate(queue)
        try queue.write { db in try KnowledgeBaseWriter.write(entries, mirrors: mirrors, into: db) }
        return KnowledgeBase(reader: queue, location: ":memory:")
    }
}
