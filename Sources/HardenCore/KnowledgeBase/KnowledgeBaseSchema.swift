import GRDB

/// The schema: the SQL files of migrations/, compiled into the binary and applied in file-name order.
public enum KnowledgeBaseSchema {
    /// Migration identifiers (file names without `.sql`), in apply order.
    public static var migrationNames: [String] {
        EmbeddedResources.migrations.map { String($0.fileName.dropLast(".sql".count)) }
    }

    /// A migrator with every embedded migration registered; GRDB runs each in its own transaction and records
    /// it in the `grdb_migrations` table.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in EmbeddedResources.migrations {
            let name = String(migration.fileName.dropLast(".sql".count))
            migrator.registerMigration(name) { db in
                try db.execute(sql: migration.sql)
            }
        }
        return migrator
    }

    /// Refuses a database whose recorded migrations differ from this binary's.
    static func verify(_ db: Database, path: String) throws {
        let applied = try migrator.appliedIdentifiers(db)
        let known = Set(migrationNames)
        let unknown = applied.subtracting(known).sorted()
        if !unknown.isEmpty { throw KnowledgeBaseError.newerSchema(path: path, unknownMigrations: unknown) }
        if applied.isEmpty {
            guard try db.tableExists("image") else { throw KnowledgeBaseError.notADatabase(path: path) }
        }
        let missing = migrationNames.filter { !applied.contains($0) }
        if !missing.isEmpty { throw KnowledgeBaseError.olderSchema(path: path, missingMigrations: missing) }
    }
}
