import HardenCore

/// The human-readable form of one entry, as `harden show` prints it: every fact followed by the ids of the
/// sources it cites, and the sources listed at the end.
enum EntryText {
    static func render(_ entry: ImageEntry) -> String {
        var lines: [String] = []
        lines.append("\(entry.repository): \(entry.description)")
        if let homepage = entry.homepage { lines.append("homepage: \(homepage)") }
        for alias in entry.aliases { lines.append("\(alias.kind.rawValue): \(alias.repository)") }
        lines.append("seed file: \(entry.seedFile) (layer \(entry.layer)), confidence \(entry.confidence.rawValue)")
        for variant in entry.variants {
            lines.append("")
            lines += render(variant)
        }
        lines.append("")
        lines.append("sources:")
        for source in entry.sources {
            let revision = source.revision.map { " @ \($0)" } ?? ""
            lines.append("  [\(source.id)] \(source.confidence.rawValue): \(source.url)\(revision)")
            if let note = source.note { lines.append("      note: \(note)") }
        }
        return lines.joined(separator: "\n")
    }

    static func render(_ variant: Variant) -> [String] {
        var lines: [String] = []
        var selection =
            variant.tagPatterns.isEmpty
            ? "selected with --variant" : "tags \(variant.tagPatterns.joined(separator: " "))"
        if let range = variant.versionRange { selection += ", versions \(range)" }
        if variant.priority != 0 { selection += ", priority \(variant.priority)" }
        lines.append("variant \(variant.name)\(variant.isDefault ? " (default)" : ""): \(selection)")
        if let description = variant.description { lines.append("  \(description)") }
        let user = variant.user
        let fsGroup = user.fsGroup.map { ", fsGroup \($0)" } ?? ""
        let choice = user.arbitraryUid ? " (any non-root uid works)" : ""
        lines.append(
            "  user: ships as \(user.shipped); run as \(user.uid):\(user.gid)\(fsGroup)\(choice) \(cite(user.sources))")
        section("writable paths", variant.writablePaths, into: &lines) { path in
            var traits = [path.type.rawValue, path.data.rawValue]
            if path.seedFromImage { traits.append("seeded from the image") }
            if path.medium == .memory { traits.append("memory") }
            if let size = path.sizeLimit { traits.append("size \(size)") }
            return "\(path.path) (\(traits.joined(separator: ", "))): \(path.why) \(cite(path.sources))"
        }
        section("protected paths (never mount on, above or inside)", variant.protectedPaths, into: &lines) {
            "\($0.path): \($0.why) \(cite($0.sources))"
        }
        section("ports", variant.ports, into: &lines) { port in
            let privileged = port.isPrivileged ? ", privileged" : ""
            let change = port.howToChange.map { ". To change: \($0)" } ?? ""
            return "\(port.port)/\(port.protocol.rawValue)\(privileged): \(port.why)\(change) \(cite(port.sources))"
        }
        section("capabilities", variant.capabilities, into: &lines) { "\($0.name): \($0.why) \(cite($0.sources))" }
        section("environment", variant.environment, into: &lines) { variable in
            let value = variable.value.map { "=\($0)" } ?? ""
            return
                "\(variable.name)\(value)\(variable.required ? " (required)" : ""): \(variable.why) \(cite(variable.sources))"
        }
        section("required environment (supplied by you)", variant.requiredEnvironment, into: &lines) { variable in
            "\(variable.name)\(variable.secret ? " (secret)" : ""): \(variable.why) \(cite(variable.sources))"
        }
        section("pitfalls", variant.pitfalls, into: &lines) { pitfall in
            let detail = pitfall.detail.map { ". \($0)" } ?? ""
            return "\(pitfall.summary)\(detail) \(cite(pitfall.sources))"
        }
        return lines
    }

    private static func section<T>(_ title: String, _ items: [T], into lines: inout [String], _ line: (T) -> String) {
        guard !items.isEmpty else { return }
        lines.append("  \(title):")
        lines += items.map { "    - \(line($0))" }
    }

    private static func cite(_ ids: [String]) -> String {
        "[\(ids.joined(separator: ", "))]"
    }
}
