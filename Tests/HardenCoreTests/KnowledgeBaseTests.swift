import Foundation
import GRDB
import HardenCore
import HardenTestSupport
import Testing

@Suite("Knowledge base database")
struct KnowledgeBaseTests {
    func buildShipped(in directory: TemporaryDirectory, name: String = "kb.sqlite") throws -> String {
        let path = directory.file(name)
        try KnowledgeBaseBuilder.build(shippedEntries, mirrors: shippedCatalog?.mirrors ?? [], to: path)
        return path
    }

    @Test func appliesEveryMigrationFileInOrder() throws {
        let directory = try TemporaryDirectory()
        let path = try buildShipped(in: directory)
        let files = try FileManager.default.contentsOfDirectory(atPath: packageRoot.appending(path: "migrations").path)
            .filter { $0.hasSuffix(".sql") }.sorted().map { String($0.dropLast(4)) }
        #expect(!files.isEmpty)
        #expect(KnowledgeBaseSchema.migrationNames == files)
        let applied = try DatabaseQueue(path: path).read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
        }
        #expect(applied == files)
    }

    /// 0004 rebuilds the citation table to admit the new fact: a database at 0003 keeps its citations, and the
    /// rebuilt CHECK still refuses a fact that does not exist.
    @Test func requiredEnvironmentMigrationKeepsCitations() throws {
        let migrations = packageRoot.appending(path: "migrations")
        func sql(_ name: String) throws -> String {
            try String(contentsOf: migrations.appending(path: "\(name).sql"), encoding: .utf8)
        }
        let queue = try DatabaseQueue()
        try queue.write { db in
            for name in [
                "0001_create_knowledge_base", "0002_create_registry_mirror", "0003_environment_relocates_data",
            ] {
                try db.execute(sql: try sql(name))
            }
            try db.execute(
                sql: """
                    INSERT INTO image (id, repository, description, seedFile, layer) VALUES (1, 'a/b', 'd', 'f', 'l');
                    INSERT INTO source (id, imageId, key, url, confidence) VALUES (1, 1, 'src', 'https://x', 'high');
                    INSERT INTO citation (id, sourceId, fact, factId, position) VALUES (7, 1, 'pitfall', 3, 0);
                    """)
            try db.execute(sql: try sql("0004_required_environment"))
        }
        try queue.write { db in
            let kept = try Row.fetchAll(db, sql: "SELECT id, sourceId, fact, factId, position FROM citation")
            #expect(kept == [["id": 7, "sourceId": 1, "fact": "pitfall", "factId": 3, "position": 0]])
            try db.execute(
                sql:
                    "INSERT INTO citation (sourceId, fact, factId, position) VALUES (1, 'requiredEnvironmentVariable', 1, 0)"
            )
            #expect(throws: DatabaseError.self) {
                try db.execute(
                    sql: "INSERT INTO citation (sourceId, fact, factId, position) VALUES (1, 'somethingElse', 1, 0)")
            }
            #expect(try db.indexes(on: "citation").contains { $0.name == "citation_sourceId" })
        }
    }

    @Test func shippedDatabaseCitesRequiredEnvironment() throws {
        let directory = try TemporaryDirectory()
        let path = try buildShipped(in: directory)
        let cited = try DatabaseQueue(path: path).read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT requiredEnvironmentVariable.name FROM requiredEnvironmentVariable
                    JOIN citation ON citation.fact = 'requiredEnvironmentVariable'
                        AND citation.factId = requiredEnvironmentVariable.id
                    WHERE requiredEnvironmentVariable.secret = 1 ORDER BY 1
                    """)
        }
        #expect(cited == ["MARIADB_ROOT_PASSWORD", "MYSQL_ROOT_PASSWORD", "POSTGRES_PASSWORD"])
    }

    @Test func readsBackEveryShippedEntryUnchanged() throws {
        let directory = try TemporaryDirectory()
        let knowledgeBase = try KnowledgeBase(path: try buildShipped(in: directory))
        #expect(try knowledgeBase.allEntries() == shippedEntries)
    }

    @Test func sameSeedDataGivesTheSameBytes() throws {
        let directory = try TemporaryDirectory()
        let first = try Data(contentsOf: URL(fileURLWithPath: try buildShipped(in: directory, name: "a.sqlite")))
        let second = try Data(contentsOf: URL(fileURLWithPath: try buildShipped(in: directory, name: "b.sqlite")))
        #expect(first == second)
    }

    @Test func aFailedBuildLeavesThePreviousDatabaseIntact() throws {
        let directory = try TemporaryDirectory()
        let path = try buildShipped(in: directory)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        var broken = shippedEntries
        broken[0].variants[0].user.uid = 0  // bypasses the validator; SQLite's CHECK refuses it mid-build
        #expect(throws: KnowledgeBaseError.self) { try KnowledgeBaseBuilder.build(broken, to: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["kb.sqlite"])
    }

    @Test func refusesADatabaseFromANewerSchema() throws {
        let directory = try TemporaryDirectory()
        let path = try buildShipped(in: directory)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('9999_from_the_future')")
        }
        #expect(throws: KnowledgeBaseError.newerSchema(path: path, unknownMigrations: ["9999_from_the_future"])) {
            try KnowledgeBase(path: path)
        }
    }

    @Test func refusesADatabaseFromAnOlderSchema() throws {
        let directory = try TemporaryDirectory()
        let path = try buildShipped(in: directory)
        let last = try #require(KnowledgeBaseSchema.migrationNames.last)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = ?", arguments: [last])
        }
        #expect(throws: KnowledgeBaseError.olderSchema(path: path, missingMigrations: [last])) {
            try KnowledgeBase(path: path)
        }
    }

    struct BadFile: CustomTestStringConvertible, Sendable {
        let name: String
        let contents: @Sendable (Data) -> Data
        var testDescription: String { name }
    }

    static let badFiles: [BadFile] = [
        BadFile(name: "empty file") { _ in Data() },
        BadFile(name: "text file") { _ in Data("this is not a database\n".utf8) },
        BadFile(name: "truncated") { $0.prefix($0.count / 3) },
        BadFile(name: "header only") { $0.prefix(100) },
        BadFile(name: "zeroed pages") { data in data.prefix(4096) + Data(count: data.count - 4096) },
    ]

    @Test(arguments: badFiles)
    func refusesACorruptFileWithAClearError(_ bad: BadFile) throws {
        let directory = try TemporaryDirectory()
        let path = try buildShipped(in: directory)
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        try bad.contents(original).write(to: URL(fileURLWithPath: path))
        #expect {
            let knowledgeBase = try KnowledgeBase(path: path)
            _ = try knowledgeBase.allEntries()
        } throws: { error in
            guard let error = error as? KnowledgeBaseError else { return false }
            return error.description.contains(path) && error.description.contains("rebuild")
        }
    }

    @Test func refusesAMissingFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("absent.sqlite")
        #expect(throws: KnowledgeBaseError.missing(path: path)) { try KnowledgeBase(path: path) }
    }

    @Test func neverWritesThroughAReadOnlyHandle() throws {
        let directory = try TemporaryDirectory()
        let path = try buildShipped(in: directory)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let knowledgeBase = try KnowledgeBase(path: path)
        _ = try knowledgeBase.summaries()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func listsSummariesWithVariantsAndConfidence() throws {
        let summaries = try shippedKnowledgeBase().summaries()
        let nginx = try #require(summaries.first { $0.repository == "docker.io/library/nginx" })
        #expect(nginx.variants.contains("alpine"))
        #expect(summaries.map(\.repository) == summaries.map(\.repository).sorted())
    }

    @Test func defaultKnowledgeBaseIsBuiltOnceIntoTheCache() throws {
        let directory = try TemporaryDirectory()
        let environment = ["HARDEN_CACHE_DIR": directory.path]
        let path = try #require(DefaultKnowledgeBase.cachePath(environment: environment))
        #expect(try DefaultKnowledgeBase.open(environment: environment).summaries().count == shippedEntries.count)
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(try DefaultKnowledgeBase.open(environment: environment).location == path)
    }

    @Test func defaultKnowledgeBaseFallsBackToMemoryWhenNoCacheIsWritable() throws {
        let environment = ["HARDEN_CACHE_DIR": "/proc/harden-cannot-write-here"]
        let knowledgeBase = try DefaultKnowledgeBase.open(environment: environment)
        #expect(knowledgeBase.location == ":memory:")
        #expect(try knowledgeBase.summaries().count == shippedEntries.count)
    }
}

@Suite("Interrupted writes")
struct InterruptedWriteTests {
    /// A build killed mid-write leaves its temporary file; the next build removes it, and never a live process's.
    @Test func theNextBuildRemovesTemporariesOfDeadProcesses() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("kb.sqlite")
        let dead = directory.file(".kb.sqlite.999999999.0B0E.tmp")
        let live = directory.file(".kb.sqlite.\(ProcessInfo.processInfo.processIdentifier).1A2B.tmp")
        try Data("half".utf8).write(to: URL(fileURLWithPath: dead))
        try Data("busy".utf8).write(to: URL(fileURLWithPath: live))
        try KnowledgeBaseBuilder.build(shippedEntries, mirrors: shippedCatalog?.mirrors ?? [], to: path)
        #expect(!FileManager.default.fileExists(atPath: dead))
        #expect(FileManager.default.fileExists(atPath: live))
    }
}
