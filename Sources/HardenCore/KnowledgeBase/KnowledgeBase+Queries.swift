import GRDB

extension KnowledgeBase {
    /// How a repository name led to an entry.
    public enum MatchedName: Sendable, Equatable {
        case canonical
        case alias(Alias)
    }

    /// Every entry, without its facts, in repository order.
    public func summaries() throws(KnowledgeBaseError) -> [ImageSummary] {
        try read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT image.id, image.repository, image.description, image.layer,
                        (SELECT group_concat(name, char(31)) FROM (SELECT name FROM variant WHERE imageId = image.id ORDER BY position)) AS variants,
                        (SELECT group_concat(repository, char(31)) FROM (SELECT repository FROM alias WHERE imageId = image.id ORDER BY id)) AS aliases,
                        (SELECT min(CASE confidence WHEN 'low' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END) FROM source WHERE imageId = image.id) AS confidence
                    FROM image ORDER BY repository
                    """)
            return rows.map { row in
                let split = { (text: String?) in text.map { $0.split(separator: "\u{1F}").map(String.init) } ?? [] }
                let rank: Int = row["confidence"] ?? 0
                return ImageSummary(
                    repository: row["repository"], description: row["description"], variants: split(row["variants"]),
                    aliases: split(row["aliases"]), confidence: [Confidence.low, .medium, .high][min(max(rank, 0), 2)],
                    layer: row["layer"])
            }
        }
    }

    /// The entry whose canonical repository or alias is `name` (a lookup key: domain lower-cased).
    public func entry(named name: String) throws(KnowledgeBaseError) -> (entry: ImageEntry, matched: MatchedName)? {
        try entries.value(for: name) { () throws(KnowledgeBaseError) in try loadEntry(named: name) }.map {
            ($0.entry, $0.matched)
        }
    }

    private func loadEntry(named name: String) throws(KnowledgeBaseError) -> NamedEntry? {
        try read { db in
            if let id = try Int64.fetchOne(db, sql: "SELECT id FROM image WHERE repository = ?", arguments: [name]) {
                return NamedEntry(entry: try Self.loadEntry(id: id, db: db), matched: .canonical)
            }
            if let row = try Row.fetchOne(
                db, sql: "SELECT imageId, repository, kind FROM alias WHERE repository = ?", arguments: [name])
            {
                let alias = Alias(repository: row["repository"], kind: Alias.Kind(rawValue: row["kind"]) ?? .alias)
                return NamedEntry(entry: try Self.loadEntry(id: row["imageId"], db: db), matched: .alias(alias))
            }
            return nil
        }
    }

    /// The mirror with the longest prefix of `lookupKey`, if any.
    public func mirror(for lookupKey: String) throws(KnowledgeBaseError) -> RegistryMirror? {
        try mirrors.value(for: lookupKey) { () throws(KnowledgeBaseError) in try loadMirror(for: lookupKey) }
    }

    private func loadMirror(for lookupKey: String) throws(KnowledgeBaseError) -> RegistryMirror? {
        try read { db in
            try Row.fetchOne(
                db,
                sql:
                    "SELECT * FROM registryMirror WHERE substr(?, 1, length(prefix)) = prefix ORDER BY length(prefix) DESC LIMIT 1",
                arguments: [lookupKey]
            ).map(Self.mirror)
        }
    }

    private static func mirror(_ row: Row) -> RegistryMirror {
        RegistryMirror(
            prefix: row["prefix"], target: row["target"], why: row["why"], source: row["source"], layer: row["layer"])
    }

    /// Every canonical repository and alias, for "did you mean" suggestions.
    public func allNames() throws(KnowledgeBaseError) -> [(name: String, repository: String)] {
        try names.value(for: "") { () throws(KnowledgeBaseError) in try loadNames() }
    }

    private func loadNames() throws(KnowledgeBaseError) -> [(name: String, repository: String)] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT repository AS name, repository FROM image
                    UNION ALL SELECT alias.repository, image.repository FROM alias JOIN image ON image.id = alias.imageId
                    ORDER BY 1
                    """
            ).map { (name: $0["name"], repository: $0["repository"]) }
        }
    }

    /// Every full entry, in repository order.
    public func allEntries() throws(KnowledgeBaseError) -> [ImageEntry] {
        try read { db in
            try Int64.fetchAll(db, sql: "SELECT id FROM image ORDER BY repository").map {
                try Self.loadEntry(id: $0, db: db)
            }
        }
    }

    private static func loadEntry(id: Int64, db: Database) throws -> ImageEntry {
        guard let image = try Row.fetchOne(db, sql: "SELECT * FROM image WHERE id = ?", arguments: [id]) else {
            throw KnowledgeBaseError.corrupt(path: db.description, detail: "image \(id) vanished")
        }
        let aliases = try Row.fetchAll(
            db, sql: "SELECT repository, kind FROM alias WHERE imageId = ? ORDER BY id", arguments: [id]
        ).map {
            Alias(repository: $0["repository"], kind: Alias.Kind(rawValue: $0["kind"]) ?? .alias)
        }
        let sources = try Row.fetchAll(db, sql: "SELECT * FROM source WHERE imageId = ? ORDER BY id", arguments: [id])
            .map {
                Source(
                    id: $0["key"], url: $0["url"], revision: $0["revision"],
                    confidence: Confidence(rawValue: $0["confidence"]) ?? .low, note: $0["note"])
            }
        var citations: [String: [String]] = [:]
        for row in try Row.fetchAll(
            db,
            sql:
                "SELECT citation.fact, citation.factId, source.key FROM citation JOIN source ON source.id = citation.sourceId WHERE source.imageId = ? ORDER BY citation.fact, citation.factId, citation.position",
            arguments: [id])
        {
            let fact: String = row["fact"]
            let factID: Int64 = row["factId"]
            citations["\(fact)#\(factID)", default: []].append(row["key"])
        }
        func cited(_ fact: String, _ factID: Int64) -> [String] { citations["\(fact)#\(factID)"] ?? [] }

        let variants = try Row.fetchAll(
            db, sql: "SELECT * FROM variant WHERE imageId = ? ORDER BY position", arguments: [id]
        ).map { row in
            let variantID: Int64 = row["id"]
            let arguments: StatementArguments = [variantID]
            let tags = try String.fetchAll(
                db, sql: "SELECT pattern FROM tagPattern WHERE variantId = ? ORDER BY position", arguments: arguments)
            guard
                let userRow = try Row.fetchOne(
                    db, sql: "SELECT * FROM variantUser WHERE variantId = ?", arguments: arguments)
            else {
                throw KnowledgeBaseError.corrupt(path: db.description, detail: "variant \(variantID) has no user")
            }
            let user = NonRootUser(
                shipped: userRow["shippedUser"], uid: userRow["uid"], gid: userRow["gid"], fsGroup: userRow["fsGroup"],
                sources: cited("variantUser", variantID))
            let writable = try Row.fetchAll(
                db, sql: "SELECT * FROM writablePath WHERE variantId = ? ORDER BY position", arguments: arguments
            ).map {
                WritablePath(
                    path: $0["path"], why: $0["why"], type: WritablePath.Kind(rawValue: $0["type"]) ?? .directory,
                    data: WritablePath.Data(rawValue: $0["data"]) ?? .scratch, seedFromImage: $0["seedFromImage"],
                    sizeLimit: $0["sizeLimit"], medium: WritablePath.Medium(rawValue: $0["medium"]) ?? .disk,
                    sources: cited("writablePath", $0["id"]))
            }
            let protected = try Row.fetchAll(
                db, sql: "SELECT * FROM protectedPath WHERE variantId = ? ORDER BY position", arguments: arguments
            ).map {
                ProtectedPath(path: $0["path"], why: $0["why"], sources: cited("protectedPath", $0["id"]))
            }
            let ports = try Row.fetchAll(
                db, sql: "SELECT * FROM port WHERE variantId = ? ORDER BY position", arguments: arguments
            ).map {
                Port(
                    port: $0["port"], protocol: Port.TransportProtocol(rawValue: $0["protocol"]) ?? .tcp,
                    name: $0["name"],
                    why: $0["why"], howToChange: $0["howToChange"], sources: cited("port", $0["id"]))
            }
            let capabilities = try Row.fetchAll(
                db, sql: "SELECT * FROM capability WHERE variantId = ? ORDER BY position", arguments: arguments
            ).map {
                Capability(name: $0["name"], why: $0["why"], sources: cited("capability", $0["id"]))
            }
            let environment = try Row.fetchAll(
                db, sql: "SELECT * FROM environmentVariable WHERE variantId = ? ORDER BY position", arguments: arguments
            ).map {
                EnvironmentVariable(
                    name: $0["name"], value: $0["value"], required: $0["required"], why: $0["why"],
                    sources: cited("environmentVariable", $0["id"]))
            }
            let pitfalls = try Row.fetchAll(
                db, sql: "SELECT * FROM pitfall WHERE variantId = ? ORDER BY position", arguments: arguments
            ).map {
                Pitfall(summary: $0["summary"], detail: $0["detail"], sources: cited("pitfall", $0["id"]))
            }
            let range: String? = row["versionRange"]
            return Variant(
                name: row["name"], description: row["description"], isDefault: row["isDefault"], tagPatterns: tags,
                versionRange: range.flatMap(VersionRange.init), priority: row["priority"], user: user,
                writablePaths: writable, protectedPaths: protected, ports: ports, capabilities: capabilities,
                environment: environment, pitfalls: pitfalls)
        }
        return ImageEntry(
            repository: image["repository"], description: image["description"], homepage: image["homepage"],
            aliases: aliases, sources: sources, variants: variants, seedFile: image["seedFile"], layer: image["layer"])
    }
}
