import Foundation

/// Reads what users paste (container logs, `kubectl describe pod`, events, compose or journald output) and finds
/// the failures hardening causes, one finding per root cause, each mapped onto the knowledge base when the image is
/// known: "the knowledge base lists /var/cache/nginx: your manifest lacks its volume" versus a new fact to add.
///
/// ```swift
/// let diagnosis = try Diagnoser(resolver: resolver).diagnose(log, image: "nginx:1.29")
/// diagnosis.findings.first?.path  // "/var/cache/nginx"
/// ```
public struct Diagnoser: Sendable {
    public let resolver: Resolver

    /// How many lines of a stack trace are searched for the path a failure names (the header and its causes).
    static let traceLinesRead = 200

    /// Logs larger than this are refused: a paste is small, and the scan must stay bounded.
    public static let maxBytes = 16 << 20

    public init(resolver: Resolver) {
        self.resolver = resolver
    }

    public func diagnose(_ text: String, image: String? = nil) throws -> Diagnosis {
        guard text.utf8.count <= Self.maxBytes else { throw DiagnoseError.tooLarge(bytes: text.utf8.count) }
        let log = LogLines(text)
        let context = PastedContext(log)
        let reference = image ?? context.image
        let resolution = try reference.map { try resolver.resolve($0) }
        let facts = resolution?.facts
        let blocks = TraceBlocks(log)
        var findings: [DiagnosisFinding] = []
        var seen: Set<String> = []
        var handledBlocks: Set<Int> = []
        var unplaced: [LogLines.Line] = []
        for (index, line) in log.lines.enumerated() {
            let block = blocks.block(containing: index)
            // A trace is reported once: its other lines are not read again (a huge trace would make this
            // quadratic), and only its first lines are searched for the path it names.
            if block.lines.count > 1 && handledBlocks.contains(block.start) { continue }
            guard
                let recognition = FailureRecognizer.recognise(
                    line.text, block: block.lines.prefix(Self.traceLinesRead).map { log.lines[$0].text },
                    profileCapabilities: facts?.capabilities.map(\.name) ?? [],
                    isWritable: { path in
                        context.mounts.contains { !$0.readOnly && ContainerPath.covers(mountPath: $0.path, path) }
                            || (facts?.writablePaths.contains { ContainerPath.covers(mountPath: $0.path, path) }
                                ?? false)
                    })
            else {
                if Self.looksLikeAFailure(line.text) { unplaced.append(line) }
                continue
            }
            let placed = place(recognition, context: context)
            let key = "\(placed.kind.rawValue)|\(placed.path ?? "")|\(placed.port ?? 0)|\(placed.capability ?? "")"
            guard seen.insert(key).inserted else { continue }
            handledBlocks.insert(block.start)
            let evidence = log.lines[block.start]
            findings.append(
                Advice.finding(placed, line: evidence.number, evidence: evidence.original, facts: facts))
        }
        return Diagnosis(
            findings: findings, image: resolution?.match?.image ?? reference,
            patch: Advice.patch(findings, facts: facts, container: Self.containerName(resolution)),
            overlay: Advice.overlay(findings, resolution: resolution), unplaced: unplaced.map(\.original))
    }

    /// The directory the finding is about, and what the pasted mounts say about it: a path inside a read-only
    /// mount (a ConfigMap, a Secret) or Kubernetes' atomic-writer directories (`..data`) is read-only by design.
    private func place(_ recognition: FailureRecognizer.Recognition, context: PastedContext)
        -> FailureRecognizer.Recognition
    {
        var placed = recognition
        guard let path = recognition.path else { return placed }
        if recognition.kind == .capability {
            placed.path = nil
            return placed
        }
        if let range = path.range(of: "/..") {
            placed.kind = .other
            placed.path = String(path[..<range.lowerBound])
            return placed
        }
        let directory: String =
            switch recognition.role {
            case .directory: path
            case .file, .created: ContainerPath.ancestors(of: path).first ?? path
            }
        placed.path = directory
        let readOnlyMounts = context.mounts.filter(\.readOnly).map(\.path) + context.atomicWriterMounts.sorted()
        if let mount = readOnlyMounts.first(where: { ContainerPath.covers(mountPath: $0, directory) }) {
            placed.kind = .other
            placed.path = mount
        }
        return placed
    }

    /// The container the patch names: the image's last path component, as `generate` names it.
    static func containerName(_ resolution: Resolution?) -> String {
        KubernetesName.label(
            from: String(resolution?.reference.path.split(separator: "/").last ?? ""), fallback: "app")
    }

    /// Lines worth showing with --verbose: they mention a failure harden could not place.
    static func looksLikeAFailure(_ text: String) -> Bool {
        let lower = text.lowercased()
        return ["error", "fail", "denied", "not permitted", "read-only", "fatal", "panic"].contains {
            lower.contains($0)
        }
    }
}

/// What `harden diagnose` found.
public struct Diagnosis: Encodable, Sendable {
    public var findings: [DiagnosisFinding]
    /// The image the findings were mapped onto (named with --image, or found in the pasted describe output).
    public var image: String?
    /// A strategic-merge patch (pod template) that fixes what the findings show, or nil.
    public var patch: DiagnosisPatch?
    /// Seed YAML with the facts the knowledge base lacks, to review and add as an overlay, or nil.
    public var overlay: String?
    /// Lines that mention a failure harden could not place (shown with --verbose).
    public var unplaced: [String]

    enum CodingKeys: String, CodingKey {
        case findings, patch, overlay
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(findings, forKey: .findings)
        if let patch { try container.encode(patch, forKey: .patch) } else { try container.encodeNil(forKey: .patch) }
        try container.encode(overlay, forKey: .overlay)
    }
}

/// A log harden refuses to read.
public enum DiagnoseError: HardenError, Equatable {
    case tooLarge(bytes: Int)

    public var category: ErrorCategory { .invalidInput }
    public var description: String {
        switch self {
        case .tooLarge(let bytes):
            "the log is \(bytes) bytes, over the \(Diagnoser.maxBytes)-byte limit; paste the lines around the failure"
        }
    }
}
