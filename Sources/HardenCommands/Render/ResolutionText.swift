import HardenCore

/// The human-readable form of a resolution: the match explained, then what matters to run it.
enum ResolutionText {
    static func render(_ resolution: Resolution) -> String {
        guard let match = resolution.match, let facts = resolution.facts else {
            var lines = ["\(resolution.input): \(resolution.reference.repository) is not in the knowledge base."]
            if !resolution.suggestions.isEmpty {
                lines.append("  did you mean: \(resolution.suggestions.joined(separator: ", "))")
            }
            lines.append("  \(GenericProfile.advice).")
            return lines.joined(separator: "\n")
        }
        var lines = ["\(resolution.input) -> \(match.image), variant \(match.variant)"]
        lines.append("  \(match.reason)")
        for assumption in match.assumptions { lines.append("  assumed: \(assumption)") }
        let user = facts.user
        let fsGroup = user.fsGroup.map { ", fsGroup \($0)" } ?? ""
        let choice = user.arbitraryUid ? "; any non-root uid works" : ""
        lines.append("  user: run as \(user.uid):\(user.gid)\(fsGroup) (the image ships as \(user.shipped)\(choice))")
        if !facts.writablePaths.isEmpty {
            lines.append("  writable paths (one volume each):")
            for path in facts.writablePaths {
                let seeded = path.seedFromImage ? ", seeded from the image" : ""
                lines.append("    \(path.path) (\(path.data.rawValue)\(seeded)): \(path.why)")
            }
        }
        if !facts.protectedPaths.isEmpty {
            lines.append("  never mount on, above or inside: \(facts.protectedPaths.joined(separator: ", "))")
        }
        for port in facts.ports {
            var line = "  port \(port.port)/\(port.protocol.rawValue)"
            if port.isPrivileged { line += ": below 1024, a non-root process needs help to bind it" }
            if let change = port.howToChange { line += ". \(change)" }
            lines.append(line)
        }
        if !facts.capabilities.isEmpty {
            lines.append("  capabilities: \(facts.capabilities.map(\.name).joined(separator: ", "))")
        }
        for variable in facts.environment where variable.required {
            lines.append("  set \(variable.name)=\(variable.value ?? ""): \(variable.why)")
        }
        for variable in facts.requiredEnvironment {
            lines.append("  supply \(variable.name)\(variable.secret ? " (secret)" : ""): \(variable.why)")
        }
        if !facts.pitfalls.isEmpty {
            lines.append("  pitfalls:")
            lines += facts.pitfalls.map { "    - \($0)" }
        }
        lines.append("  sources (confidence \(facts.confidence.rawValue)):")
        lines += facts.sources.map { "    - \($0)" }
        return lines.joined(separator: "\n")
    }
}
