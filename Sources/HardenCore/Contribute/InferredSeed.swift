/// A complete draft seed file from an inferred profile: every fact as inferred, citing the Dockerfile (and the base
/// image's entry for what it inherits) with medium confidence, ready for `entries lint` and review. A user the
/// Dockerfile gives no id for stays a placeholder, which lint refuses until someone fills it in.
public enum InferredSeed {
    /// What the facts were inferred from.
    public enum Origin: Sendable {
        case dockerfile(String)
        /// An image source (`oci-archive:app.tar`).
        case image(String)
    }

    public static func render(repository: String, inferred: InferredProfile, from origin: Origin) -> String {
        let profile = inferred.profile
        let base = inferred.match.baseImage
        let (header, description, url, note, scope): (String, String, String, String, String) =
            switch origin {
            case .dockerfile(let dockerfile):
                (
                    "# Drafted by `harden entries new --from-file \(dockerfile)` from the Dockerfile alone: every fact is inferred.",
                    "inferred from \(dockerfile) (base \(inferred.match.base)); review before use",
                    "repo:\(dockerfile)",
                    "inferred by harden infer from the Dockerfile's instructions",
                    "every tag (inferred from one Dockerfile)"
                )
            case .image(let source):
                (
                    "# Drafted by `harden entries new --from-image \(source)` from the image alone: every fact is inferred.",
                    "inferred from the image \(source); review before use", "image:\(source)",
                    "inferred by harden infer from the image's config and layers", "every tag (inferred from one image)"
                )
            }
        let sourceID = if case .image = origin { "image" } else { "dockerfile" }
        var lines = [
            SeedSchema.header(repository: repository),
            header,
            "# Review each one against the image's entrypoint and configuration, raise the confidence of what you",
            "# verified, then `harden entries lint` it.",
            "repository: \(repository)",
            "description: \(YAMLScalar.render(description))",
            "",
            "sources:",
            "  - id: \(sourceID)",
            "    url: \(YAMLScalar.render(url))",
            "    confidence: medium",
            "    note: \(note)",
        ]
        let baseSource = base != nil ? profile.sources.first { $0.hasPrefix("http") } : nil
        if let base, let url = baseSource {
            lines += [
                "  - id: base",
                "    url: \(YAMLScalar.render(url))",
                "    confidence: medium",
                "    note: \(YAMLScalar.render("inherited from the knowledge-base entry \(base), variant \(inferred.match.baseVariant ?? "")"))",
            ]
        }
        let inheritedSources = baseSource == nil ? "[\(sourceID)]" : "[\(sourceID), base]"
        let uid = profile.runAsUser.map(String.init) ?? SeedScaffold.placeholder
        let gid = profile.runAsGroup.map(String.init) ?? profile.runAsUser.map(String.init) ?? SeedScaffold.placeholder
        lines += [
            "",
            "variants:",
            "  - name: default",
            "    description: \(scope)",
            "    default: true",
            "    tags: [\"*\"]",
            "    user:",
            "      shipped: \(YAMLScalar.render(profile.shippedUser))",
            "      uid: \(uid)",
            "      gid: \(gid)",
            "      sources: \(inheritedSources)",
        ]
        lines.append(profile.writablePaths.isEmpty ? "    writablePaths: []" : "    writablePaths:")
        for path in profile.writablePaths {
            lines += [
                "      - path: \(path.path)",
                "        why: \(YAMLScalar.render(path.why))",
                "        type: \(path.type.rawValue)",
                "        data: \(path.data.rawValue)",
            ]
            if path.seedFromImage { lines.append("        seedFromImage: true") }
            lines += [
                "        sources: \(inheritedSources)"
            ]
        }
        lines.append(profile.protectedPaths.isEmpty ? "    protectedPaths: []" : "    protectedPaths:")
        for path in profile.protectedPaths {
            lines += [
                "      - path: \(path)",
                "        why: \(YAMLScalar.render("image content, inferred: copied or installed by the build"))",
                "        sources: \(inheritedSources)",
            ]
        }
        lines.append(profile.ports.isEmpty ? "    ports: []" : "    ports:")
        for port in profile.ports {
            lines += [
                "      - port: \(port.port)", "        protocol: \(port.protocol.rawValue)",
                "        why: EXPOSEd (inferred)",
            ]
            if port.isPrivileged {
                lines.append(
                    "        howToChange: \(YAMLScalar.render("change the listen port in the application's configuration (inferred)"))"
                )
            }
            lines.append("        sources: \(inheritedSources)")
        }
        lines.append(profile.pitfalls.isEmpty ? "    pitfalls: []" : "    pitfalls:")
        for pitfall in profile.pitfalls {
            lines += ["      - summary: \(YAMLScalar.render(pitfall))", "        sources: \(inheritedSources)"]
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
