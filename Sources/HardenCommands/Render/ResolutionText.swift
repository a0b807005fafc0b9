import HardenCore

/// The human-readable form of a resolution: the match explained, then what matters to run it.
enum ResolutionText {
    static func render(_ resolution: Resolution) -> String {
        guard let match = resolution.match, let profile = resolution.profile else {
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
        let fsGroup = profile.fsGroup.map { ", fsGroup \($0)" } ?? ""
        lines.append(
            "  user: run as \(profile.runAsUser):\(profile.runAsGroup)\(fsGroup) (the image ships as \(profile.shippedUser))"
        )
        if !profile.writablePaths.isEmpty {
            lines.append("  writable paths (one volume each):")
            for path in profile.writablePaths {
                let seeded = path.seedFromImage ? ", seeded from the image" : ""
                lines.append("    \(path.path) (\(path.data.rawValue)\(seeded)): \(path.why)")
            }
        }
        if !profile.protectedPaths.isEmpty {
            lines.append("  never mount on, above or inside: \(profile.protectedPaths.joined(separator: ", "))")
        }
        for port in profile.ports {
            var line = "  port \(port.port)/\(port.protocol)"
            if port.privileged { line += ": below 1024, a non-root process needs help to bind it" }
            if let change = port.howToChange { line += ". \(change)" }
            lines.append(line)
        }
        if !profile.capabilities.isEmpty {
            lines.append("  capabilities: \(profile.capabilities.joined(separator: ", "))")
        }
        for variable in profile.environment where variable.required {
            lines.append("  set \(variable.name)=\(variable.value ?? ""): \(variable.why)")
        }
        for variable in profile.requiredEnvironment {
            lines.append("  supply \(variable.name)\(variable.secret ? " (secret)" : ""): \(variable.why)")
        }
        if !profile.pitfalls.isEmpty {
            lines.append("  pitfalls:")
            lines += profile.pitfalls.map { "    - \($0)" }
        }
        lines.append("  sources (confidence \(profile.confidence.rawValue)):")
        lines += profile.sources.map { "    - \($0)" }
        return lines.joined(separator: "\n")
    }
}
