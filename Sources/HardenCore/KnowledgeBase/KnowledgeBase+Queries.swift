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
                        (SELECT min(\(Confidence.sqlRank(of: "confidence"))) FROM source WHERE imageId = image.id) AS confidence
                    FROM image ORDER BY repository
                    """)
            return try rows.map { row in
                let split = { (text: String?) in text.map { $0.split(separator: "\u{1F}").map(String.init) } ?? [] }
                let rank = try row.decode(Int?.self, forColumn: "confidence") ?? 0
                return ImageSummary(
                    repository: try row.decode(forColumn: "repository"),
                    description: try row.decode(forColumn: "description"),
                    variants: split(try row.decode(forColumn: "variants")),
                    aliases: split(try row.decode(forColumn: "aliases")),
                    confidence: Confidence.ranked(rank),
                    layer: try row.decode(forColumn: "layer"))
            }
        }
    }

    /// The entry whose canonical repository or alias is `name` (a lookup key: domain lower-cased).
    public func entry(named name: String) throws(KnowledgeBaseError) -> (entry: ImageEntry, matched: MatchedName)? {
        // Most names an audit meets are no entry's: once one name has turned out to be no entry's, the set of all
        // names is read and answers the others without a query. A lookup of a known name never reads it.
        if let known = knownNames.computed, !known.contains(name) { return nil }
        let found = try entries.value(for: name) { () throws(KnowledgeBaseError) in try loadEntry(named: name) }
        if found == nil { _ = try nameSet() }
        return found.map { ($0.entry, $0.matched) }
    }

    /// Every canonical repository and alias, as a set.
    private func nameSet() throws(KnowledgeBaseError) -> Set<String> {
        try knownNames.get { () throws(KnowledgeBaseError) in Set(try allNames().map(\.name)) }
    }

    private func loadEntry(named name: String) throws(KnowledgeBaseError) -> NamedEntry? {
        try read { db in
            if let id = try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT id FROM image WHERE repository = ?"), arguments: [name])
            {
                let loaded = try Self.loadEntry(id: id, db: db)
                return NamedEntry(entry: loaded.entry, matched: .canonical, bytesRead: loaded.bytesRead)
            }
            if let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT imageId, repository, kind FROM alias WHERE repository = ?"),
                arguments: [name])
            {
                let alias = Alias(
                    repository: try row.decode(forColumn: "repository"),
                    kind: try row.enumValue(Alias.Kind.self, forColumn: "kind"))
                let loaded = try Self.loadEntry(id: try row.decode(forColumn: "imageId"), db: db)
                return NamedEntry(entry: loaded.entry, matched: .alias(alias), bytesRead: loaded.bytesRead)
            }
            return nil
        }
    }

    /// The mirror with the longest prefix of `lookupKey`, if any.
    public func mirror(for lookupKey: String) throws(KnowledgeBaseError) -> RegistryMirror? {
        try allMirrors().first { lookupKey.hasPrefix($0.prefix) }
    }

    /// Every registry mirror, longest prefix first (the most specific wins), read once: there are a few dozen.
    private func allMirrors() throws(KnowledgeBaseError) -> [RegistryMirror] {
        try mirrors.get { () throws(KnowledgeBaseError) in
            try read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM registryMirror ORDER BY length(prefix) DESC, prefix")
                    .map { try Self.mirror($0) }
            }
        }
    }

    private static func mirror(_ row: Row) throws -> RegistryMirror {
        RegistryMirror(
            prefix: try row.decode(forColumn: "prefix"), target: try row.decode(forColumn: "target"),
            why: try row.decode(forColumn: "why"), source: try row.decode(forColumn: "source"),
            layer: try row.decode(forColumn: "layer"))
    }

    /// Every canonical repository and alias, for "did you mean" suggestions.
    public func allNames() throws(KnowledgeBaseError) -> [(name: String, repository: String)] {
        try names.get { () throws(KnowledgeBaseError) in try loadNames() }
    }

    /// A name's last path component (`nginx` of `docker.io/library/nginx`) as Unicode scalars, with the
    /// repository it leads to: what "did you mean" compares a reference with.
    public struct SuggestionName: Sendable {
        public var lastComponent: [Unicode.Scalar]
        public var repository: String
        /// `Spelling.letterSet` of the last component.
        public var letters: UInt64
    }

    /// `allNames()` split for suggestions, computed once while the knowledge base is open.
    public func allSuggestionNames() throws(KnowledgeBaseError) -> [SuggestionName] {
        try suggestionNames.get { () throws(KnowledgeBaseError) in
            try allNames().map { known in
                let lastComponent = Array((known.name.split(separator: "/").last ?? "").unicodeScalars)
                return SuggestionName(
                    lastComponent: lastComponent, repository: known.repository,
                    letters: Spelling.letterSet(lastComponent))
            }
        }
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
            ).map { (name: try $0.decode(forColumn: "name"), repository: try $0.decode(forColumn: "repository")) }
        }
    }

    /// Every full entry, in repository order.
    public func allEntries() throws(KnowledgeBaseError) -> [ImageEntry] {
        try read { db in
            try Int64.fetchAll(db.cachedStatement(sql: "SELECT id FROM image ORDER BY repository")).map {
                try Self.loadEntry(id: $0, db: db).entry
            }
        }
    }

    /// The entry with its `ApproximateSize` charge: what the rows it was built from hold.
    ///
    /// Its queries go through the connection's statement cache: preparing the same dozen statements for every entry
    /// cost more than running them. Rows are read through cursors, each turned into a value as it is stepped to. A
    /// copied row lower-cases every column name at each lookup by name, which was 11% of the instructions of auditing
    /// 432 specs of known images.
    private static func loadEntry(id: Int64, db: Database) throws -> (entry: ImageEntry, bytesRead: Int) {
        var bytesRead = 0
        /// Visits the rows of one query about this image, charging each as it is read.
        func each(_ sql: String, _ visit: (Row) throws -> Void) throws {
            let statement = try db.cachedStatement(sql: sql)
            let cursor = try Row.fetchCursor(statement, arguments: [id])
            while let row = try cursor.next() {
                bytesRead += try StoredRow.checkedCharge(of: statement)
                try visit(row)
            }
        }
        /// The values built from the rows of one query about this image.
        func rows<Value>(_ sql: String, _ build: (Row) throws -> Value) throws -> [Value] {
            var values: [Value] = []
            try each(sql) { values.append(try build($0)) }
            return values
        }
        let imageQuery = "SELECT repository, description, homepage, seedFile, layer FROM image WHERE id = ?"
        let images = try rows(imageQuery) { row in
            (
                repository: try row.decode(String.self, forColumn: "repository"),
                description: try row.decode(String.self, forColumn: "description"),
                homepage: try row.decode(String?.self, forColumn: "homepage"),
                seedFile: try row.decode(String.self, forColumn: "seedFile"),
                layer: try row.decode(String.self, forColumn: "layer")
            )
        }
        guard let image = images.first else {
            throw KnowledgeBaseError.corrupt(path: db.description, detail: "image \(id) vanished")
        }
        let aliases = try rows("SELECT repository, kind FROM alias WHERE imageId = ? ORDER BY id") {
            Alias(
                repository: try $0.decode(forColumn: "repository"),
                kind: try $0.enumValue(Alias.Kind.self, forColumn: "kind"))
        }
        let sources = try rows("SELECT * FROM source WHERE imageId = ? ORDER BY id") {
            Source(
                id: try $0.decode(forColumn: "key"), url: try $0.decode(forColumn: "url"),
                revision: try $0.decode(forColumn: "revision"),
                confidence: try $0.enumValue(Confidence.self, forColumn: "confidence"),
                note: try $0.decode(forColumn: "note"))
        }
        var citations: [String: [String]] = [:]
        try each(
            "SELECT citation.fact, citation.factId, source.key FROM citation JOIN source ON source.id = citation.sourceId WHERE source.imageId = ? ORDER BY citation.fact, citation.factId, citation.position"
        ) { row in
            let fact: String = try row.decode(forColumn: "fact")
            let factID: Int64 = try row.decode(forColumn: "factId")
            citations["\(fact)#\(factID)", default: []].append(try row.decode(forColumn: "key"))
        }
        func cited(_ fact: String, _ factID: Int64) -> [String] { citations["\(fact)#\(factID)"] ?? [] }

        // Each fact table is read once for all of the image's variants (not once per variant): an entry has up to
        // a dozen variants, and the queries were most of loading one.
        func perVariant<Value>(_ table: String, _ build: (Row) throws -> Value) throws -> [Int64: [Value]] {
            var grouped: [Int64: [Value]] = [:]
            try each(
                "SELECT \(table).* FROM \(table) JOIN variant ON variant.id = \(table).variantId WHERE variant.imageId = ? ORDER BY \(table).variantId, \(table).position"
            ) { row in
                grouped[try row.decode(forColumn: "variantId"), default: []].append(try build(row))
            }
            return grouped
        }
        let tagPatterns = try perVariant("tagPattern") { row -> String in try row.decode(forColumn: "pattern") }
        var users: [Int64: NonRootUser] = [:]
        try each(
            "SELECT variantUser.* FROM variantUser JOIN variant ON variant.id = variantUser.variantId WHERE variant.imageId = ?"
        ) { row in
            let variantID: Int64 = try row.decode(forColumn: "variantId")
            users[variantID] = NonRootUser(
                shipped: try row.decode(forColumn: "shippedUser"), uid: try row.decode(forColumn: "uid"),
                gid: try row.decode(forColumn: "gid"), fsGroup: try row.decode(forColumn: "fsGroup"),
                arbitraryUid: try row.decode(forColumn: "arbitraryUid"), sources: cited("variantUser", variantID))
        }
        let writablePaths = try perVariant("writablePath") {
            WritablePath(
                path: try $0.decode(forColumn: "path"), why: try $0.decode(forColumn: "why"),
                type: try $0.enumValue(WritablePath.Kind.self, forColumn: "type"),
                data: try $0.enumValue(WritablePath.Data.self, forColumn: "data"),
                seedFromImage: try $0.decode(forColumn: "seedFromImage"),
                sizeLimit: try $0.decode(forColumn: "sizeLimit"),
                medium: try $0.enumValue(WritablePath.Medium.self, forColumn: "medium"),
                sources: cited("writablePath", try $0.decode(forColumn: "id")))
        }
        let protectedPaths = try perVariant("protectedPath") {
            ProtectedPath(
                path: try $0.decode(forColumn: "path"), why: try $0.decode(forColumn: "why"),
                sources: cited("protectedPath", try $0.decode(forColumn: "id")))
        }
        let ports = try perVariant("port") {
            Port(
                port: try $0.decode(forColumn: "port"),
                protocol: try $0.enumValue(Port.TransportProtocol.self, forColumn: "protocol"),
                name: try $0.decode(forColumn: "name"),
                why: try $0.decode(forColumn: "why"), howToChange: try $0.decode(forColumn: "howToChange"),
                sources: cited("port", try $0.decode(forColumn: "id")))
        }
        let capabilities = try perVariant("capability") {
            Capability(
                name: try $0.decode(forColumn: "name"), why: try $0.decode(forColumn: "why"),
                sources: cited("capability", try $0.decode(forColumn: "id")))
        }
        let environment = try perVariant("environmentVariable") {
            EnvironmentVariable(
                name: try $0.decode(forColumn: "name"), value: try $0.decode(forColumn: "value"),
                required: try $0.decode(forColumn: "required"),
                relocatesData: try $0.decode(forColumn: "relocatesData"), why: try $0.decode(forColumn: "why"),
                sources: cited("environmentVariable", try $0.decode(forColumn: "id")))
        }
        let requiredEnvironment = try perVariant("requiredEnvironmentVariable") {
            RequiredVariable(
                name: try $0.decode(forColumn: "name"), secret: try $0.decode(forColumn: "secret"),
                why: try $0.decode(forColumn: "why"),
                sources: cited("requiredEnvironmentVariable", try $0.decode(forColumn: "id")))
        }
        let pitfalls = try perVariant("pitfall") {
            Pitfall(
                summary: try $0.decode(forColumn: "summary"), detail: try $0.decode(forColumn: "detail"),
                sources: cited("pitfall", try $0.decode(forColumn: "id")))
        }

        let variants = try rows("SELECT * FROM variant WHERE imageId = ? ORDER BY position") { row in
            let variantID: Int64 = try row.decode(forColumn: "id")
            guard let user = users[variantID] else {
                throw KnowledgeBaseError.corrupt(path: db.description, detail: "variant \(variantID) has no user")
            }
            let rangeText: String? = try row.decode(forColumn: "versionRange")
            let range = try rangeText.map { text in
                guard let range = VersionRange(text) else { throw DamagedValue(column: "versionRange", value: text) }
                return range
            }
            return Variant(
                name: try row.decode(forColumn: "name"), description: try row.decode(forColumn: "description"),
                isDefault: try row.decode(forColumn: "isDefault"), tagPatterns: tagPatterns[variantID] ?? [],
                versionRange: range, priority: try row.decode(forColumn: "priority"), user: user,
                writablePaths: writablePaths[variantID] ?? [], protectedPaths: protectedPaths[variantID] ?? [],
                ports: ports[variantID] ?? [], capabilities: capabilities[variantID] ?? [],
                environment: environment[variantID] ?? [], requiredEnvironment: requiredEnvironment[variantID] ?? [],
                pitfalls: pitfalls[variantID] ?? [])
        }
        let entry = ImageEntry(
            repository: image.repository, description: image.description, homepage: image.homepage,
            aliases: aliases, sources: sources, variants: variants, seedFile: image.seedFile, layer: image.layer)
        return (entry, bytesRead)
    }
}

extension Row {
    /// A text column holding one of an enumeration's raw values; anything else is damage, reported as such.
    func enumValue<Value: RawRepresentable>(_ type: Value.Type, forColumn column: String) throws -> Value
    where Value.RawValue == String {
        let text: String = try decode(forColumn: column)
        guard let value = Value(rawValue: text) else {
            throw DamagedValue(column: column, value: text)
        }
        return value
    }
}

/// A value a valid knowledge base never holds: the database was damaged or written by something else.
struct DamagedValue: Error {
    var column: String
    var value: String

    var detail: String { "column \(column) holds \"\(Quoted.brief(value, limit: 40))\", not a known value" }
}
