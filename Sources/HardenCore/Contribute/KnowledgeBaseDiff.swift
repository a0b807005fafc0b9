/// What changed between two knowledge-base versions, entry by entry, for reviewing a contribution.
public struct KnowledgeBaseDiff: Codable, Sendable, Equatable {
    public struct EntryChange: Codable, Sendable, Equatable {
        public enum Kind: String, Codable, Sendable {
            case added
            case removed
            case changed
        }

        public var repository: String
        public var kind: Kind
        /// One line per changed fact: `variant alpine: uid 101 -> 102`, `+ writable /tmp`.
        public var details: [String]
    }

    public var changes: [EntryChange]

    /// Compares the facts of two entry lists; where an entry was built from (layer, file) is not a change.
    public init(old: [ImageEntry], new: [ImageEntry]) {
        func facts(_ entry: ImageEntry) -> (String, ImageEntry) {
            var normalised = entry
            normalised.layer = ""
            normalised.seedFile = ""
            return (entry.repository, normalised)
        }
        let before = Dictionary(old.map(facts), uniquingKeysWith: { first, _ in first })
        let after = Dictionary(new.map(facts), uniquingKeysWith: { first, _ in first })
        var changes: [EntryChange] = []
        for repository in Set(before.keys).union(after.keys).sorted() {
            switch (before[repository], after[repository]) {
            case (nil, let added?):
                changes.append(
                    EntryChange(
                        repository: repository, kind: .added,
                        details: ["variants: \(added.variants.map(\.name).joined(separator: ", "))"]))
            case (let removed?, nil):
                changes.append(
                    EntryChange(
                        repository: repository, kind: .removed,
                        details: ["variants: \(removed.variants.map(\.name).joined(separator: ", "))"]))
            case (let a?, let b?) where a != b:
                changes.append(EntryChange(repository: repository, kind: .changed, details: Self.details(a, b)))
            default:
                break
            }
        }
        self.changes = changes
    }

    static func details(_ a: ImageEntry, _ b: ImageEntry) -> [String] {
        var lines: [String] = []
        if a.description != b.description { lines.append("description changed") }
        lines += listDiff(
            "alias", a.aliases.map { "\($0.repository) (\($0.kind.rawValue))" },
            b.aliases.map { "\($0.repository) (\($0.kind.rawValue))" })
        let sourcesA = Dictionary(a.sources.map { ($0.id, $0) }, uniquingKeysWith: { x, _ in x })
        let sourcesB = Dictionary(b.sources.map { ($0.id, $0) }, uniquingKeysWith: { x, _ in x })
        for id in Set(sourcesA.keys).union(sourcesB.keys).sorted() {
            switch (sourcesA[id], sourcesB[id]) {
            case (nil, let s?): lines.append("+ source \(id): \(s.url) (\(s.confidence.rawValue))")
            case (_?, nil): lines.append("- source \(id)")
            case (let x?, let y?) where x != y:
                var what: [String] = []
                if x.url != y.url { what.append("url \(y.url)") }
                if x.revision != y.revision {
                    what.append("revision \(x.revision ?? "none") -> \(y.revision ?? "none")")
                }
                if x.confidence != y.confidence {
                    what.append("confidence \(x.confidence.rawValue) -> \(y.confidence.rawValue)")
                }
                if x.note != y.note { what.append("note") }
                lines.append("~ source \(id): \(what.joined(separator: ", "))")
            default: break
            }
        }
        let variantsA = Dictionary(a.variants.map { ($0.name, $0) }, uniquingKeysWith: { x, _ in x })
        let variantsB = Dictionary(b.variants.map { ($0.name, $0) }, uniquingKeysWith: { x, _ in x })
        for name in Set(variantsA.keys).union(variantsB.keys).sorted() {
            switch (variantsA[name], variantsB[name]) {
            case (nil, _?): lines.append("+ variant \(name)")
            case (_?, nil): lines.append("- variant \(name)")
            case (let x?, let y?) where x != y: lines += variantDetails(x, y).map { "variant \(name): \($0)" }
            default: break
            }
        }
        return lines
    }

    static func variantDetails(_ a: Variant, _ b: Variant) -> [String] {
        var lines: [String] = []
        if a.tagPatterns != b.tagPatterns { lines.append("tags \(a.tagPatterns) -> \(b.tagPatterns)") }
        if a.versionRange != b.versionRange {
            lines.append("versions \(a.versionRange?.description ?? "any") -> \(b.versionRange?.description ?? "any")")
        }
        if a.isDefault != b.isDefault { lines.append(b.isDefault ? "now the default" : "no longer the default") }
        if a.priority != b.priority { lines.append("priority \(a.priority) -> \(b.priority)") }
        let userA = a.user
        let userB = b.user
        if userA.shipped != userB.shipped { lines.append("shipped user \(userA.shipped) -> \(userB.shipped)") }
        if userA.uid != userB.uid || userA.gid != userB.gid {
            lines.append("run as \(userA.uid):\(userA.gid) -> \(userB.uid):\(userB.gid)")
        }
        if userA.fsGroup != userB.fsGroup {
            lines.append(
                "fsGroup \(userA.fsGroup.map(String.init) ?? "none") -> \(userB.fsGroup.map(String.init) ?? "none")")
        }
        if userA.arbitraryUid != userB.arbitraryUid {
            lines.append("any non-root uid works: \(userA.arbitraryUid) -> \(userB.arbitraryUid)")
        }
        func describe(_ path: WritablePath) -> String {
            "\(path.path) (\(path.type.rawValue), \(path.data.rawValue)\(path.seedFromImage ? ", seeded" : "")\(path.sizeLimit.map { ", \($0)" } ?? ""))"
        }
        lines += listDiff("writable", a.writablePaths.map(describe), b.writablePaths.map(describe))
        lines += listDiff("protected", a.protectedPaths.map(\.path), b.protectedPaths.map(\.path))
        lines += listDiff(
            "port", a.ports.map { "\($0.port)/\($0.protocol.rawValue)" },
            b.ports.map { "\($0.port)/\($0.protocol.rawValue)" })
        lines += listDiff("capability", a.capabilities.map(\.name), b.capabilities.map(\.name))
        lines += listDiff(
            "env", a.environment.map { "\($0.name)=\($0.value ?? "")\($0.required ? " (required)" : "")" },
            b.environment.map { "\($0.name)=\($0.value ?? "")\($0.required ? " (required)" : "")" })
        lines += listDiff(
            "required env", a.requiredEnvironment.map { "\($0.name)\($0.secret ? " (secret)" : "")" },
            b.requiredEnvironment.map { "\($0.name)\($0.secret ? " (secret)" : "")" })
        lines += listDiff("pitfall", a.pitfalls.map(\.summary), b.pitfalls.map(\.summary))
        if lines.isEmpty { lines.append("explanations or citations changed") }
        return lines
    }

    static func listDiff(_ label: String, _ a: [String], _ b: [String]) -> [String] {
        a.filter { !b.contains($0) }.map { "- \(label) \($0)" }
            + b.filter { !a.contains($0) }.map { "+ \(label) \($0)" }
    }
}
