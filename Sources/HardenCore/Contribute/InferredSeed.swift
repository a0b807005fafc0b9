/// A complete draft seed file from an inferred profile: every fact as inferred, citing the Dockerfile (and the base
/// image's entry for what it inherits) with medium confidence, ready for `entries lint` and review. A user the
/// Dockerfile gives no id for stays a placeholder, which lint refuses until someone fills it in.
public enum InferredSeed {
    public static func render(repository: String, inferred: InferredProfile, dockerfile: String) -> String {
        let profile = inferred.profile
        let base = inferred.match.baseImage
        var lines = [
            "# Drafted by `harden entries new --from-file \(dockerfile)` from the Dockerfile alone: every fact is inferred.",
            "# Review each one against the image's entrypoint and configuration, raise the confidence of what you",
            "# verified, then `harden entries lint` it.",
            "repository: \(repository)",
            "description: \(YAMLScalar.render("inferred from \(dockerfile) (base \(inferred.match.base)); review before use"))",
            "",
            "sources:",
            "  - id: dockerfile",
            "    url: \(YAMLScalar.render("repo:\(dockerfile)"))",
            "    confidence: medium",
            "    note: inferred by harden infer from the Dockerfile's instructions",
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
        let inheritedSources = baseSource == nil ? "[dockerfile]" : "[dockerfile, base]"
        let uid = profile.runAsUser.map(String.init) ?? SeedScaffold.placeholder
        let gid = profile.runAsGroup.map(String.init) ?? profile.runAsUser.map(String.init) ?? SeedScaffold.placeholder
        lines += [
            "",
            "variants:",
            "  - name: default",
            "    description: every tag (inferred from one Dockerfile)",
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
                "        sources: \(inheritedSources)",
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
                "      - port: \(port.port)", "        protocol: \(port.protocol)", "        why: EXPOSEd (inferred)",
            ]
            if port.privileged {
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
