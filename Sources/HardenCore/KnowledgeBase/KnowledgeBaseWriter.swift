import GRDB

/// Writes entries into a migrated database. Rows go in repository order with sequential ids, so the same
/// entries always produce the same database.
enum KnowledgeBaseWriter {
    static func write(_ entries: [ImageEntry], mirrors: [RegistryMirror], into db: Database) throws {
        for mirror in mirrors.sorted(by: { $0.prefix < $1.prefix }) {
            try db.cachedExecute(
                sql: "INSERT INTO registryMirror (prefix, target, why, source, layer) VALUES (?, ?, ?, ?, ?)",
                arguments: [mirror.prefix, mirror.target, mirror.why, mirror.source, mirror.layer])
        }
        for entry in entries.sorted(by: { $0.repository < $1.repository }) {
            try db.cachedExecute(
                sql: "INSERT INTO image (repository, description, homepage, seedFile, layer) VALUES (?, ?, ?, ?, ?)",
                arguments: [entry.repository, entry.description, entry.homepage, entry.seedFile, entry.layer])
            let imageID = db.lastInsertedRowID
            for alias in entry.aliases {
                try db.cachedExecute(
                    sql: "INSERT INTO alias (imageId, repository, kind) VALUES (?, ?, ?)",
                    arguments: [imageID, alias.repository, alias.kind.rawValue])
            }
            var sourceIDs: [String: Int64] = [:]
            for source in entry.sources {
                try db.cachedExecute(
                    sql: "INSERT INTO source (imageId, key, url, revision, confidence, note) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [
                        imageID, source.id, source.url, source.revision, source.confidence.rawValue, source.note,
                    ])
                sourceIDs[source.id] = db.lastInsertedRowID
            }
            for (position, variant) in entry.variants.enumerated() {
                try write(variant, position: position, imageID: imageID, sourceIDs: sourceIDs, into: db)
            }
        }
    }

    private static func write(
        _ variant: Variant, position: Int, imageID: Int64, sourceIDs: [String: Int64], into db: Database
    ) throws {
        try db.cachedExecute(
            sql: """
                INSERT INTO variant (imageId, name, description, isDefault, versionRange, priority, position)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                imageID, variant.name, variant.description, variant.isDefault, variant.versionRange?.description,
                variant.priority, position,
            ])
        let variantID = db.lastInsertedRowID
        func cite(_ fact: String, _ factID: Int64, _ keys: [String]) throws {
            for (position, key) in keys.enumerated() {
                guard let sourceID = sourceIDs[key] else { continue }
                try db.cachedExecute(
                    sql: "INSERT OR IGNORE INTO citation (sourceId, fact, factId, position) VALUES (?, ?, ?, ?)",
                    arguments: [sourceID, fact, factID, position])
            }
        }
        for (index, pattern) in variant.tagPatterns.enumerated() {
            try db.cachedExecute(
                sql: "INSERT INTO tagPattern (variantId, pattern, position) VALUES (?, ?, ?)",
                arguments: [variantID, pattern, index])
        }
        let user = variant.user
        try db.cachedExecute(
            sql:
                "INSERT INTO variantUser (variantId, shippedUser, uid, gid, fsGroup, arbitraryUid) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [variantID, user.shipped, user.uid, user.gid, user.fsGroup, user.arbitraryUid])
        try cite("variantUser", variantID, user.sources)
        for (index, path) in variant.writablePaths.enumerated() {
            try db.cachedExecute(
                sql: """
                    INSERT INTO writablePath (variantId, path, why, type, data, seedFromImage, sizeLimit, medium, position)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    variantID, path.path, path.why, path.type.rawValue, path.data.rawValue, path.seedFromImage,
                    path.sizeLimit, path.medium.rawValue, index,
                ])
            try cite("writablePath", db.lastInsertedRowID, path.sources)
        }
        for (index, path) in variant.protectedPaths.enumerated() {
            try db.cachedExecute(
                sql: "INSERT INTO protectedPath (variantId, path, why, position) VALUES (?, ?, ?, ?)",
                arguments: [variantID, path.path, path.why, index])
            try cite("protectedPath", db.lastInsertedRowID, path.sources)
        }
        for (index, port) in variant.ports.enumerated() {
            try db.cachedExecute(
                sql:
                    "INSERT INTO port (variantId, port, protocol, name, why, howToChange, position) VALUES (?, ?, ?, ?, ?, ?, ?)",
                arguments: [variantID, port.port, port.protocol.rawValue, port.name, port.why, port.howToChange, index])
            try cite("port", db.lastInsertedRowID, port.sources)
        }
        for (index, capability) in variant.capabilities.enumerated() {
            try db.cachedExecute(
                sql: "INSERT INTO capability (variantId, name, why, position) VALUES (?, ?, ?, ?)",
                arguments: [variantID, capability.name, capability.why, index])
            try cite("capability", db.lastInsertedRowID, capability.sources)
        }
        for (index, variable) in variant.environment.enumerated() {
            try db.cachedExecute(
                sql:
                    "INSERT INTO environmentVariable (variantId, name, value, required, relocatesData, why, position) VALUES (?, ?, ?, ?, ?, ?, ?)",
                arguments: [
                    variantID, variable.name, variable.value, variable.required, variable.relocatesData, variable.why,
                    index,
                ])
            try cite("environmentVariable", db.lastInsertedRowID, variable.sources)
        }
        for (index, variable) in variant.requiredEnvironment.enumerated() {
            try db.cachedExecute(
                sql:
                    "INSERT INTO requiredEnvironmentVariable (variantId, name, secret, why, position) VALUES (?, ?, ?, ?, ?)",
                arguments: [variantID, variable.name, variable.secret, variable.why, index])
            try cite("requiredEnvironmentVariable", db.lastInsertedRowID, variable.sources)
        }
        for (index, pitfall) in variant.pitfalls.enumerated() {
            try db.cachedExecute(
                sql: "INSERT INTO pitfall (variantId, summary, detail, position) VALUES (?, ?, ?, ?)",
                arguments: [variantID, pitfall.summary, pitfall.detail, index])
            try cite("pitfall", db.lastInsertedRowID, pitfall.sources)
        }
    }
}

extension Database {
    /// Executes a statement compiled once per connection: the build runs the same few inserts many times.
    fileprivate func cachedExecute(sql: String, arguments: StatementArguments) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }
}
