/// Seed layers parsed and validated into entries, with every problem found along the way.
public struct SeedCatalog: Sendable {
    /// Valid entries, sorted by repository.
    public var entries: [ImageEntry]
    /// Errors and warnings, in file order.
    public var issues: [SeedIssue]

    public var errors: [SeedIssue] { issues.filter { $0.severity == .error } }

    /// Parses and validates every file of every layer, then checks names across files.
    public static func load(_ layers: [SeedLayer]) -> SeedCatalog {
        var entries: [ImageEntry] = []
        var issues: [SeedIssue] = []
        var owners: [String: String] = [:]  // repository or alias -> file that claims it
        for layer in layers {
            issues += layer.readIssues
            for file in layer.files {
                let displayPath = "\(layer.root)/\(file.path)"
                let parsed = SeedParser.parse(file.contents, file: displayPath, layer: layer.name)
                var fileIssues = parsed.issues
                guard let draft = parsed.draft else {
                    issues += fileIssues
                    continue
                }
                let expected = file.path.hasSuffix(".yaml") ? String(file.path.dropLast(".yaml".count)) : nil
                fileIssues += SeedValidator.validate(draft, expectedRepository: expected)
                let names = [draft.repository] + draft.aliases.map(\.repository)
                for (index, name) in names.enumerated() where !name.isEmpty {
                    if let owner = owners[name] {
                        let field = index == 0 ? "repository" : "aliases[\(index - 1)].repository"
                        fileIssues.append(
                            SeedIssue(
                                .error, file: displayPath, line: draft.lines[field], field: field,
                                message: "\"\(name)\" is already defined by \(owner); each name belongs to one entry"))
                    } else {
                        owners[name] = displayPath
                    }
                }
                issues += fileIssues
                if !fileIssues.contains(where: { $0.severity == .error }) {
                    entries.append(draft.entry())
                }
            }
        }
        entries.sort { $0.repository < $1.repository }
        return SeedCatalog(entries: entries, issues: issues)
    }
}
