import Yams

/// Turns the text of one seed file into a draft, collecting every structural problem with its line.
enum SeedParser {
    static let topLevelKeys = [
        "repository", "description", "homepage", "override", "aliases", "sources", "common", "variants",
    ]
    static let factKeys = [
        "user", "writablePaths", "protectedPaths", "ports", "capabilities", "environment", "requiredEnvironment",
        "pitfalls",
    ]
    static let variantKeys = ["name", "description", "default", "tags", "versions", "priority", "sources"] + factKeys

    /// Parses `text`; the draft is nil when the file is not even a mapping.
    static func parse(_ text: String, file: String, layer: String) -> (draft: SeedDraft?, issues: [SeedIssue]) {
        let documents: [Node]
        do {
            documents = try SafeYAML.documents(text, limits: .seedFile, resolver: .basic)
        } catch {
            let line: Int? = if case .syntax(let line, _) = error { line } else { nil }
            let message: String =
                if case .syntax(_, let message) = error { "invalid YAML: \(message)" } else { "\(error)" }
            return (nil, [SeedIssue(.error, file: file, line: line, field: "", message: message)])
        }
        guard documents.count == 1, let root = documents.first else {
            let message =
                documents.isEmpty ? "the file is empty" : "expected one YAML document, found \(documents.count)"
            return (nil, [SeedIssue(.error, file: file, line: nil, field: "", message: message)])
        }
        let reader = SeedFieldReader(file: file)
        guard let top = reader.fields(root, at: "", allowed: topLevelKeys) else { return (nil, reader.issues) }

        let aliases = top.list("aliases").compactMap { item -> Alias? in
            guard let fields = reader.fields(item.node, at: item.field, allowed: ["repository", "kind"]),
                let repository = fields.string("repository", required: true)
            else { return nil }
            return Alias(repository: repository, kind: fields.choice("kind", as: Alias.Kind.self) ?? .alias)
        }
        let sources = top.list("sources", required: true).compactMap { item -> Source? in
            guard
                let fields = reader.fields(
                    item.node, at: item.field, allowed: ["id", "url", "revision", "confidence", "note"]),
                let id = fields.string("id", required: true), let url = fields.string("url", required: true)
            else { return nil }
            guard let confidence = fields.choice("confidence", as: Confidence.self) else {
                if fields.string("confidence") == nil {
                    reader.error(fields.path("confidence"), "required", at: item.node)
                }
                return nil
            }
            return Source(
                id: id, url: url, revision: fields.string("revision"), confidence: confidence,
                note: fields.string("note"))
        }
        let common = top.mapping("common", allowed: factKeys).map { facts(in: $0, reader: reader) } ?? SeedDraft.Facts()
        let variants = top.list("variants", required: true).compactMap { item -> SeedDraft.VariantDraft? in
            guard let fields = reader.fields(item.node, at: item.field, allowed: variantKeys),
                let name = fields.string("name", required: true)
            else { return nil }
            return SeedDraft.VariantDraft(
                name: name, description: fields.string("description"), isDefault: fields.bool("default") ?? false,
                tags: fields.strings("tags"), versions: fields.string("versions"),
                priority: fields.int("priority") ?? 0,
                sources: fields.strings("sources"), facts: facts(in: fields, reader: reader))
        }
        let draft = SeedDraft(
            file: file, layer: layer, repository: top.string("repository", required: true) ?? "",
            override: top.bool("override") ?? false,
            description: top.string("description", required: true) ?? "", homepage: top.string("homepage"),
            aliases: aliases, sources: sources, common: common, variants: variants, lines: reader.lines)
        return (draft, reader.issues)
    }

    private static func facts(in fields: SeedFieldReader.Fields, reader: SeedFieldReader) -> SeedDraft.Facts {
        var facts = SeedDraft.Facts()
        if let user = fields.mapping("user", allowed: ["shipped", "uid", "gid", "fsGroup", "arbitraryUid", "sources"]) {
            let shipped = user.string("shipped", required: true)
            let uid = user.int("uid", required: true)
            let gid = user.int("gid", required: true)
            if let shipped, let uid, let gid {
                facts.user = NonRootUser(
                    shipped: shipped, uid: uid, gid: gid, fsGroup: user.int("fsGroup"),
                    arbitraryUid: user.bool("arbitraryUid") ?? false, sources: user.strings("sources"))
            }
        }
        facts.writablePaths = fields.list("writablePaths").compactMap { item in
            let keys = ["path", "why", "type", "data", "seedFromImage", "sizeLimit", "medium", "sources"]
            guard let entry = reader.fields(item.node, at: item.field, allowed: keys),
                let path = entry.string("path", required: true), let why = entry.string("why", required: true)
            else { return nil }
            return WritablePath(
                path: path, why: why, type: entry.choice("type", as: WritablePath.Kind.self) ?? .directory,
                data: entry.choice("data", as: WritablePath.Data.self) ?? .scratch,
                seedFromImage: entry.bool("seedFromImage") ?? false, sizeLimit: entry.string("sizeLimit"),
                medium: entry.choice("medium", as: WritablePath.Medium.self) ?? .disk, sources: entry.strings("sources")
            )
        }
        facts.protectedPaths = fields.list("protectedPaths").compactMap { item in
            guard let entry = reader.fields(item.node, at: item.field, allowed: ["path", "why", "sources"]),
                let path = entry.string("path", required: true), let why = entry.string("why", required: true)
            else { return nil }
            return ProtectedPath(path: path, why: why, sources: entry.strings("sources"))
        }
        facts.ports = fields.list("ports").compactMap { item in
            let keys = ["port", "protocol", "name", "why", "howToChange", "sources"]
            guard let entry = reader.fields(item.node, at: item.field, allowed: keys),
                let port = entry.int("port", required: true), let why = entry.string("why", required: true)
            else { return nil }
            return Port(
                port: port, protocol: entry.choice("protocol", as: Port.TransportProtocol.self) ?? .tcp,
                name: entry.string("name"), why: why, howToChange: entry.string("howToChange"),
                sources: entry.strings("sources"))
        }
        facts.capabilities = fields.list("capabilities").compactMap { item in
            guard let entry = reader.fields(item.node, at: item.field, allowed: ["name", "why", "sources"]),
                let name = entry.string("name", required: true), let why = entry.string("why", required: true)
            else { return nil }
            return Capability(name: name, why: why, sources: entry.strings("sources"))
        }
        facts.environment = fields.list("environment").compactMap { item in
            let keys = ["name", "value", "required", "relocatesData", "why", "sources"]
            guard let entry = reader.fields(item.node, at: item.field, allowed: keys),
                let name = entry.string("name", required: true), let why = entry.string("why", required: true)
            else { return nil }
            return EnvironmentVariable(
                name: name, value: entry.string("value"), required: entry.bool("required") ?? false,
                relocatesData: entry.bool("relocatesData") ?? false, why: why, sources: entry.strings("sources"))
        }
        facts.requiredEnvironment = fields.list("requiredEnvironment").compactMap { item in
            guard let entry = reader.fields(item.node, at: item.field, allowed: ["name", "secret", "why", "sources"]),
                let name = entry.string("name", required: true), let why = entry.string("why", required: true)
            else { return nil }
            guard let secret = entry.bool("secret") else {
                if entry.values["secret"].map(\.isNull) ?? true {
                    reader.error(entry.path("secret"), "required", at: item.node)
                }
                return nil
            }
            return RequiredVariable(name: name, secret: secret, why: why, sources: entry.strings("sources"))
        }
        facts.pitfalls = fields.list("pitfalls").compactMap { item in
            guard let entry = reader.fields(item.node, at: item.field, allowed: ["summary", "detail", "sources"]),
                let summary = entry.string("summary", required: true)
            else { return nil }
            return Pitfall(summary: summary, detail: entry.string("detail"), sources: entry.strings("sources"))
        }
        return facts
    }
}
