import Foundation
import Yams

/// Rewrites manifests so that they run hardened and still work. The file's text is edited in place: only lines that
/// carry a change differ, and comments, key order, quoting, flow style and document separators stay. Where that is
/// not possible (the change touches anchored or merged content) the documents are re-emitted and `formatting` says
/// why. Fixing a fixed file changes nothing.
public struct ManifestFixer: Sendable {
    public let auditor: Auditor

    public init(auditor: Auditor) {
        self.auditor = auditor
    }

    /// Fixes every input, spreading the files over the machine's cores as `Auditor.audit` does; the results keep
    /// the inputs' order. The first error (a knowledge base that cannot be read) is thrown.
    public func fix(_ inputs: [ManifestInput], patches: Bool = false) throws -> [FixedFile] {
        let chunks = WorkChunks.split(inputs, minimumPerCore: 16)
        let parts = ConcurrentResults<Result<[FixedFile], any Error>>(count: chunks.count)
        DispatchQueue.concurrentPerform(iterations: chunks.count) { index in
            parts.set(index, Result { try chunks[index].map { try fix($0, patches: patches) } })
        }
        return try parts.values.flatMap { try $0.get() }
    }

    /// `patches`: also write the strategic-merge patches (`--patch`); they cost a serialisation per object.
    public func fix(_ input: ManifestInput, patches: Bool = false) throws -> FixedFile {
        // Read with the fast resolver (see SafeYAML): the in-place edit reads values and styles only, and Yams
        // re-emits basic-tagged scalars in their own style, so a plain `8080` stays a number (tested).
        var (file, documents) = try fixDocuments(input, patches: patches)
        guard let (originals, fixed, sources) = documents else { return file }
        do {
            file.fixed = try SourceEditor.edit(input.text, original: originals, changed: fixed, sources: sources)
        } catch {
            file.fixed = try Yams.serialize(nodes: fixed, width: -1, explicitStart: fixed.count > 1)
            file.formatting = "re-emitted the whole file, comments and formatting not kept: \(error)"
        }
        return file
    }

    /// The file's changes, and its documents before and after them when there are changes to write, with where
    /// the original nodes sit in the text (read with them, for the in-place edit).
    private func fixDocuments(_ input: ManifestInput, patches: Bool) throws -> (
        file: FixedFile, documents: (original: [Node], fixed: [Node], sources: [SourceNode]?)?
    ) {
        var result = FixedFile(
            file: input.file, original: input.text, fixed: nil, changes: [], patches: [], problems: [])
        let originals: [Node]
        let sources: [SourceNode]?
        do {
            (originals, sources) = try SafeYAML.locatedDocuments(input.text, limits: .manifest, resolver: .basic)
        } catch {
            let line: Int? = if case .syntax(let line, _) = error { line } else { nil }
            result.problems.append(
                InputProblem(file: input.file, line: line, message: "cannot be read as YAML: \(error)"))
            return (result, nil)
        }
        var documents = originals
        for index in documents.indices {
            let found = WorkloadLocator.objects(in: documents[index], file: input.file, documentIndex: index)
            for object in found.objects {
                guard let path = WorkloadLocator.podSpecPath(for: object) else { continue }
                var objectNode = object.node
                do {
                    guard let fix = try fixObject(&objectNode, object, path: path) else { continue }
                    result.migrations += fix.migrations
                    guard !fix.changes.isEmpty else { continue }
                    result.changes += fix.changes
                    if patches {
                        result.patches.append(
                            try Yams.serialize(node: patch(for: object, path: path, fixed: objectNode, fixer: fix)))
                    }
                } catch let error as AuditPodSpec.FieldError {
                    result.problems.append(
                        InputProblem(
                            file: input.file, line: object.line,
                            message: "\(object.kind) \(object.name) is not a valid pod spec: \(error)"
                        ))
                    continue
                }
                if let item = object.itemIndex {
                    documents[index].editSequence("items") { items in if item < items.count { items[item] = objectNode }
                    }
                } else {
                    documents[index] = objectNode
                }
            }
        }
        return (result, result.changes.isEmpty ? nil : (originals, documents, sources))
    }

    private func fixObject(_ node: inout Node, _ object: WorkloadLocator.Located, path: [String]) throws
        -> PodSpecFixer?
    {
        guard let subject = try auditor.subject(for: object, podPath: path) else { return nil }
        var fixer = PodSpecFixer(subject: subject)
        try node.edit(path: path[...]) { pod in try fixer.fix(&pod) }
        return fixer.changes.isEmpty && fixer.migrations.isEmpty ? nil : fixer
    }

    /// A strategic-merge patch with the fixed security contexts and the added and removed mounts and volumes.
    private func patch(for object: WorkloadLocator.Located, path: [String], fixed: Node, fixer: PodSpecFixer) -> Node {
        var pod = fixed
        for key in path { pod = pod[key: key] ?? .mapping([]) }
        var podPatch = Node.mapping([])
        if let context = pod[key: "securityContext"] { podPatch[key: "securityContext"] = context }
        for role in ["initContainers", "containers", "ephemeralContainers"] {
            let containers = (pod[key: role]?.sequence ?? []).compactMap { container -> Node? in
                guard let name = container[key: "name"]?.string else { return nil }
                if role == "initContainers", fixer.addedInitContainers.contains(container) { return container }
                var item = Node.mapping([(.plain("name"), .plain(name))])
                if let context = container[key: "securityContext"] { item[key: "securityContext"] = context }
                let mounts =
                    (fixer.addedMounts[name] ?? [])
                    + (fixer.removedMounts[name] ?? []).map {
                        Node.mapping([(.plain("mountPath"), .plain($0)), (.plain("$patch"), .plain("delete"))])
                    }
                if !mounts.isEmpty { item[key: "volumeMounts"] = .sequence(mounts) }
                if let env = fixer.addedEnv[name], !env.isEmpty { item[key: "env"] = .sequence(env) }
                return item
            }
            if !containers.isEmpty { podPatch[key: role] = .sequence(containers) }
        }
        let volumes =
            fixer.addedVolumes
            + fixer.removedVolumes.map {
                Node.mapping([(.plain("name"), .plain($0)), (.plain("$patch"), .plain("delete"))])
            }
        if !volumes.isEmpty { podPatch[key: "volumes"] = .sequence(volumes) }
        var metadata = Node.mapping([(.plain("name"), .plain(object.name))])
        if let namespace = object.namespace { metadata[key: "namespace"] = .plain(namespace) }
        var document = Node.mapping([
            (.plain("apiVersion"), .plain(object.apiVersion)), (.plain("kind"), .plain(object.kind)),
            (.plain("metadata"), metadata),
        ])
        var nested = podPatch
        for key in path.reversed() { nested = Node.mapping([(.plain(key), nested)]) }
        for (key, value) in nested.mapping ?? [:] { document[key] = value }
        return document
    }
}

extension Node {
    /// Edits the node at a key path, which must exist.
    mutating func edit(path: ArraySlice<String>, _ body: (inout Node) throws -> Void) rethrows {
        guard let key = path.first else {
            try body(&self)
            return
        }
        guard var child = self[key] else { return }
        try child.edit(path: path.dropFirst(), body)
        self[key] = child
    }
}
