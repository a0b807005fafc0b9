import Foundation
import GRDB
import HardenCore
import HardenTestSupport
import Testing

/// A database whose values are damaged (by hand, a bad tool, a flipped bit) is an error that names the file: never a
/// trap in row decoding, never a value silently replaced by a default.
@Suite("Damaged knowledge-base values")
struct DamagedDatabaseTests {
    struct Damage: CustomTestStringConvertible, Sendable {
        let name: String
        let statements: [String]
        var testDescription: String { name }
    }

    static let damages: [Damage] = [
        Damage(name: "text in an integer column", statements: ["UPDATE variantUser SET uid = 'abc'"]),
        // Entries are decoded straight from SQLite's statement, which would read 'yes' as false and a blob as a number.
        Damage(
            name: "text in a boolean column",
            statements: ["PRAGMA ignore_check_constraints = ON", "UPDATE variant SET isDefault = 'yes'"]),
        Damage(
            name: "a blob in an integer column",
            statements: ["PRAGMA ignore_check_constraints = ON", "UPDATE port SET port = randomblob(8)"]),
        Damage(
            name: "an unknown enumeration value",
            statements: ["PRAGMA ignore_check_constraints = ON", "UPDATE writablePath SET data = 'forever'"]),
        Damage(
            name: "a version range that does not parse",
            statements: [
                "PRAGMA ignore_check_constraints = ON",
                "UPDATE variant SET versionRange = '>>>1' WHERE versionRange IS NOT NULL",
            ]),
        Damage(name: "NULL in a NOT NULL column", statements: nullDamage(table: "variantUser", column: "shippedUser")),
    ]

    /// Drops a column's NOT NULL from the stored schema, then writes a NULL into it.
    static func nullDamage(table: String, column: String) -> [String] {
        [
            "PRAGMA writable_schema = ON",
            "UPDATE sqlite_master SET sql = replace(sql, '\(column) TEXT NOT NULL', '\(column) TEXT') WHERE name = '\(table)'",
            "PRAGMA writable_schema = RESET",
            "UPDATE \(table) SET \(column) = NULL",
        ]
    }

    static func damagedDatabase(_ damage: Damage, in directory: TemporaryDirectory) throws -> String {
        let path = directory.file("damaged.sqlite")
        try KnowledgeBaseBuilder.build(shippedEntries, mirrors: shippedCatalog?.mirrors ?? [], to: path)
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            for statement in damage.statements { try db.execute(sql: statement) }
        }
        try queue.close()
        return path
    }

    @Test(arguments: damages)
    func readingEveryEntryIsACorruptionError(_ damage: Damage) throws {
        let directory = try TemporaryDirectory()
        let path = try Self.damagedDatabase(damage, in: directory)
        #expect {
            _ = try KnowledgeBase(path: path).allEntries()
        } throws: { error in
            guard case .corrupt(let reported, _) = error as? KnowledgeBaseError else { return false }
            let description = (error as? KnowledgeBaseError)?.description ?? ""
            return reported == path && !description.contains("\n") && description.count < 400
        }
    }

    @Test func auditWithADamagedDatabaseIsAnErrorNotASilentlySmallerAudit() throws {
        let directory = try TemporaryDirectory()
        let path = try Self.damagedDatabase(Self.damages[0], in: directory)
        let auditor = Auditor(resolver: Resolver(knowledgeBase: try KnowledgeBase(path: path)))
        let manifest = """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers: [{name: web, image: "nginx:1.29"}]
            """
        #expect(throws: KnowledgeBaseError.self) {
            try auditor.audit([ManifestInput(file: "pod.yaml", text: manifest)])
        }
    }
}
