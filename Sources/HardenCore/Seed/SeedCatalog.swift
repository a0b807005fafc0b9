import Foundation

/// Seed layers parsed and validated into entries and mirrors, with every problem found along the way.
///
/// Layers stack in order: the shipped entries first, then each team overlay. A later layer may replace an earlier
/// layer's entry only by saying `override: true` (reported as a warning); any other clash of names is an error.
public struct SeedCatalog: Sendable {
    /// Valid entries, sorted by repository.
    public var entries: [ImageEntry]
    public var mirrors: [RegistryMirror]
    /// Errors and warnings, in file order.
    public var issues: [SeedIssue]

    public var errors: [SeedIssue] { issues.filter { $0.severity == .error } }

    /// Parses and validates every file of every layer, then checks names across files and layers.
    public static func load(_ layers: [SeedLayer]) -> SeedCatalog {
        var entries: [String: ImageEntry] = [:]
        var mirrors: [RegistryMirror] = []
        var issues: [SeedIssue] = []
        var owners: [String: (file: String, layer: Int, repository: String)] = [:]  // name -> who claims it
        for (layerIndex, layer) in layers.enumerated() {
            issues += layer.readIssues
            if let file = layer.mirrors {
                let parsed = MirrorsParser.parse(file, layer: layer.name)
                issues += parsed.issues
                for mirror in parsed.mirrors {
                    if let clash = mirrors.first(where: { $0.prefix == mirror.prefix }) {
                        issues.append(
                            SeedIssue(
                                .error, file: file.path, line: nil, field: "mirrors",
                                message: "prefix \"\(mirror.prefix)\" is already a mirror in layer \(clash.layer)"))
                    } else {
                        mirrors.append(mirror)
                    }
                }
            }
            // Parsing and validating a file needs nothing from the others: spread it over the cores, then check
            // names across files in order.
            let checked = ConcurrentResults<(draft: SeedDraft?, issues: [SeedIssue], displayPath: String)>(
                count: layer.files.count)
            DispatchQueue.concurrentPerform(iterations: layer.files.count) { index in
                let file = layer.files[index]
                let displayPath = layer.root.isEmpty ? file.path : "\(layer.root)/\(file.path)"
                let parsed = SeedParser.parse(file.contents, file: displayPath, layer: layer.name)
                let expected = Self.placement(of: file.path, inLayerRoot: layer.root)
                let validation = parsed.draft.map { SeedValidator.validate($0, expectedRepository: expected) } ?? []
                checked.set(index, (parsed.draft, parsed.issues + validation, displayPath))
            }
            for result in checked.values {
                let displayPath = result.displayPath
                var fileIssues = result.issues
                guard let draft = result.draft else {
                    issues += fileIssues
                    continue
                }
                var replaced: String?
                if let owner = owners[draft.repository], owner.repository == draft.repository {
                    if owner.layer < layerIndex && draft.override {
                        replaced = owner.file
                    } else {
                        let remedy = owner.layer < layerIndex ? "; set `override: true` to replace it on purpose" : ""
                        fileIssues.append(
                            SeedIssue(
                                .error, file: displayPath, line: draft.lines["repository"], field: "repository",
                                message: "\"\(draft.repository)\" is already defined by \(owner.file)\(remedy)"))
                    }
                } else if draft.override {
                    fileIssues.append(
                        SeedIssue(
                            .warning, file: displayPath, line: draft.lines["override"], field: "override",
                            message: "`override: true`, but no earlier layer defines \(draft.repository)"))
                }
                for (index, alias) in draft.aliases.enumerated() {
                    if let owner = owners[alias.repository], owner.repository != draft.repository {
                        let field = "aliases[\(index)].repository"
                        fileIssues.append(
                            SeedIssue(
                                .error, file: displayPath, line: draft.lines[field], field: field,
                                message:
                                    "\"\(alias.repository)\" is already a name of \(owner.repository) (\(owner.file)); each name belongs to one entry"
                            ))
                    }
                }
                issues += fileIssues
                guard !fileIssues.contains(where: { $0.severity == .error }) else { continue }
                if let replaced, let old = entries[draft.repository] {
                    issues.append(
                        SeedIssue(
                            .warning, file: displayPath, line: draft.lines["override"], field: "override",
                            message: "replaces \(draft.repository) from \(replaced)"))
                    for alias in old.aliases { owners[alias.repository] = nil }
                }
                for name in [draft.repository] + draft.aliases.map(\.repository) {
                    owners[name] = (displayPath, layerIndex, draft.repository)
                }
                entries[draft.repository] = draft.entry()
            }
        }
        let sorted = entries.values.sorted { $0.repository < $1.repository }
        return SeedCatalog(entries: sorted, mirrors: mirrors.sorted { $0.prefix < $1.prefix }, issues: issues)
    }

    /// The repository a file's place says it holds: its path under `images/`, without `.yaml`; nil for a loose
    /// file outside an `images/` tree.
    static func placement(of path: String, inLayerRoot root: String) -> String? {
        let relative: Substring
        if !root.isEmpty {
            relative = Substring(path)
        } else {
            // The `images` directory is the last one followed by a registry host (it has a dot, a port or is
            // localhost): a repository may have "images" in its own path (docker.io/curlimages/curl, a/images/b).
            let components = path.split(separator: "/", omittingEmptySubsequences: false)
            guard
                let index = components.indices.dropLast(2).last(where: { index in
                    let next = components[index + 1]
                    return components[index] == "images"
                        && (next.contains(".") || next.contains(":") || next == "localhost")
                })
            else { return nil }
            relative = Substring(components[(index + 1)...].joined(separator: "/"))
        }
        return relative.hasSuffix(".yaml") ? String(relative.dropLast(".yaml".count)) : nil
    }
}
