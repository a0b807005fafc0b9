import Yams

/// Reads a layer's `mirrors.yaml`: the registries that serve another registry's content under a prefix.
enum MirrorsParser {
    static func parse(_ file: SeedLayer.File, layer: String) -> (mirrors: [RegistryMirror], issues: [SeedIssue]) {
        let documents: [Yams.Node]
        do {
            documents = try SafeYAML.documents(file.contents, limits: .seedFile)
        } catch {
            return ([], [SeedIssue(.error, file: file.path, line: nil, field: "", message: "invalid YAML: \(error)")])
        }
        guard let root = documents.first else { return ([], []) }
        let reader = SeedFieldReader(file: file.path)
        guard let top = reader.fields(root, at: "", allowed: ["mirrors"]) else { return ([], reader.issues) }
        var mirrors: [RegistryMirror] = []
        for item in top.list("mirrors") {
            guard
                let fields = reader.fields(item.node, at: item.field, allowed: ["prefix", "target", "why", "source"]),
                let prefix = fields.string("prefix", required: true),
                let target = fields.string("target", required: true),
                let why = fields.string("why", required: true), let source = fields.string("source", required: true)
            else { continue }
            if let problem = problem(withRegistryPrefix: prefix) { reader.error(fields.path("prefix"), problem) }
            if let problem = problem(withRegistryPrefix: target) { reader.error(fields.path("target"), problem) }
            if !(source.hasPrefix("https://") || source.hasPrefix("http://")) {
                reader.error(fields.path("source"), "\"\(source)\" must be an http(s) URL")
            }
            if mirrors.contains(where: { $0.prefix == prefix }) {
                reader.error(fields.path("prefix"), "\"\(prefix)\" is listed twice")
            }
            mirrors.append(RegistryMirror(prefix: prefix, target: target, why: why, source: source, layer: layer))
        }
        return (mirrors, reader.issues)
    }

    /// A prefix is a registry host, optionally with path components, lower-case and ending in `/`.
    static func problem(withRegistryPrefix prefix: String) -> String? {
        guard prefix.hasSuffix("/"), prefix.lowercased() == prefix else {
            return "\"\(prefix)\" must be lower-case and end with \"/\" (like harbor.example.com/dockerhub/)"
        }
        do {
            let reference = try ImageReference.parseRepository(prefix + "x/y")
            guard reference.repository == prefix + "x/y" else {
                return "\"\(prefix)\" must start with a registry host (like docker.io/ or harbor.example.com/)"
            }
        } catch {
            return "\"\(prefix)\" is not a registry path: \(error.reason)"
        }
        return nil
    }
}
