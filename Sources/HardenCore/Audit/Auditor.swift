import Foundation
import Yams

/// Audits manifests against every rule, resolving each image through the knowledge base once.
///
/// ```swift
/// let report = Auditor(resolver: resolver).audit([ManifestInput(file: "app.yaml", text: yaml)])
/// report.findings.filter { $0.severity == .error }
/// ```
public final class Auditor: Sendable {
    public let resolver: Resolver
    public let rules: [any AuditRule]
    /// Profiles inferred from images the user named (`--infer-image REF=SOURCE`), used where the knowledge base
    /// has no entry; never consulted for an image it knows (the curated entry wins).
    public let inferred: InferredImages
    private let resolutions = MemoCache<Resolution?>(byteBudget: 8 << 20) { ApproximateSize.of($0) }

    public init(resolver: Resolver, rules: [any AuditRule] = AuditRules.all, inferred: InferredImages = .none) {
        self.resolver = resolver
        self.rules = rules
        self.inferred = inferred
    }

    /// Audits every input, spreading the files over the machine's cores; the report keeps the inputs' order.
    /// A knowledge base that cannot be read is an error, never an audit without its image-aware rules.
    /// Past `findingLimit` findings are counted (`omittedFindings`) instead of listed, which bounds the memory
    /// of an answer to hostile input.
    public func audit(
        _ inputs: [ManifestInput], problems: [InputProblem] = [], findingLimit: Int = .max
    ) throws(KnowledgeBaseError) -> AuditReport {
        let chunks = WorkChunks.split(inputs, minimumPerCore: 16)
        let parts = ConcurrentResults<Result<AuditReport, KnowledgeBaseError>>(count: chunks.count)
        DispatchQueue.concurrentPerform(iterations: chunks.count) { index in
            parts.set(
                index,
                Result { () throws(KnowledgeBaseError) in try auditInOrder(chunks[index], findingLimit: findingLimit) })
        }
        var report = AuditReport(
            findings: [], files: inputs.count, objectsAudited: 0, skippedByKind: [:], problems: problems)
        let reports = try parts.values.map { result throws(KnowledgeBaseError) in try result.get() }
        report.findings.reserveCapacity(reports.reduce(0) { $0 + $1.findings.count })
        for part in reports { report.add(part) }
        return report.capped(at: findingLimit)
    }

    /// Files read and audited together when a listing is audited. Measured on a 27 MB tree of 10,950 files: 512
    /// held 49 MB at the peak against 59 MB for 2,048, in the same time.
    public static let batchSize = 512

    /// Audits listed manifests `batchSize` files at a time, each batch read and audited on every core, and hands
    /// each batch's report to `each`, in the listing's order, as soon as it is made. `each` may change the report
    /// (filter it); its findings are then let go. What is returned is the rest of the whole audit, with no
    /// findings: the files and objects counted, problems (reading files first), skipped inputs and suppressed
    /// findings. A caller that writes each batch's findings holds one batch's text and findings, not the tree's.
    public func audit(
        _ listing: ManifestInput.Listing, batchSize: Int = Auditor.batchSize, each: (inout AuditReport) -> Void
    ) throws(KnowledgeBaseError) -> AuditReport {
        var rest = AuditReport(findings: [], files: 0, objectsAudited: 0, skippedByKind: [:], problems: [])
        var readingProblems: [InputProblem] = []
        let batchSize = max(1, batchSize)
        for start in stride(from: 0, to: listing.count, by: batchSize) {
            let batch = listing.read(start..<min(listing.count, start + batchSize))
            readingProblems += batch.problems
            var part = try audit(batch.inputs)
            each(&part)
            part.findings = []
            rest.files += part.files
            rest.add(part)
        }
        rest.problems = readingProblems + rest.problems
        rest.skippedInputs = listing.skipped + rest.skippedInputs
        return rest
    }

    /// The whole report of a listing audited batch by batch (see `audit(_:batchSize:each:)`), every finding held.
    public func audit(_ listing: ManifestInput.Listing, batchSize: Int = Auditor.batchSize) throws(KnowledgeBaseError)
        -> AuditReport
    {
        var findings: [Finding] = []
        var report = try audit(listing, batchSize: batchSize) { part in findings += part.findings }
        report.findings = findings
        return report
    }

    private func auditInOrder(_ inputs: ArraySlice<ManifestInput>, findingLimit: Int) throws(KnowledgeBaseError)
        -> AuditReport
    {
        var report = AuditReport(findings: [], files: inputs.count, objectsAudited: 0, skippedByKind: [:], problems: [])
        for input in inputs {
            // Each document is audited before the next is read, so one document's nodes are held at a time. The
            // file's results join the report only once the whole file has been read.
            var fileReport = AuditReport(findings: [], files: 0, objectsAudited: 0, skippedByKind: [:], problems: [])
            do {
                // Values are only read here, never re-emitted, so the fast resolver is safe (see SafeYAML).
                var documents = try SafeYAML.DocumentStream(
                    input.text, limits: .manifest, resolver: .basic, skims: WorkloadLocator.holdsNoPodSpec)
                var index = 0
                while let document = try documents.next() {
                    try audit(
                        document, index: index, file: input.file, into: &fileReport,
                        findingLimit: findingLimit - report.findings.count)
                    index += 1
                }
            } catch let error as KnowledgeBaseError {
                throw error
            } catch {
                let problem = error as? YAMLProblem ?? .syntax(line: nil, message: "\(error)")
                if NotKubernetes.isTemplate(input.text, parses: false) {
                    report.skippedInputs.append(
                        SkippedInput(file: input.file, line: nil, reason: NotKubernetes.templateReason))
                    continue
                }
                let line: Int? = if case .syntax(let line, _) = problem { line } else { nil }
                report.problems.append(
                    InputProblem(file: input.file, line: line, message: "cannot be read as YAML: \(problem)"))
                continue
            }
            if NotKubernetes.isTemplate(input.text, parses: true) {
                report.skippedInputs.append(
                    SkippedInput(file: input.file, line: nil, reason: NotKubernetes.templateReason))
                continue
            }
            report.add(fileReport)
        }
        return report
    }

    /// Audits the objects of one document into `report`, listing at most `findingLimit` more findings and
    /// counting the rest.
    private func audit(
        _ document: Node, index: Int, file: String, into report: inout AuditReport, findingLimit: Int
    ) throws(KnowledgeBaseError) {
        let located = WorkloadLocator.objects(in: document, file: file, documentIndex: index)
        report.skippedInputs += located.skipped
        for object in located.objects {
            guard let path = WorkloadLocator.podSpecPath(for: object) else {
                report.skippedByKind[object.kind, default: 0] += 1
                continue
            }
            do {
                guard let subject = try subject(for: object, podPath: path) else {
                    let podPath = path.joined(separator: ".")
                    report.problems.append(
                        InputProblem(
                            file: file, line: object.line,
                            message: "\(object.kind) \(object.name) has no pod spec at \(podPath)"))
                    continue
                }
                report.objectsAudited += 1
                let findings = rules.flatMap { $0.check(subject) }
                let ignore = IgnoreAnnotation.reasons(in: object.node, podPath: path)
                for finding in findings {
                    if let reason = ignore.reasons[finding.ruleID] {
                        report.suppressed.append(
                            SuppressedFinding(finding: finding, kind: .annotation, justification: reason))
                    } else if report.findings.count < findingLimit {
                        report.findings.append(finding)
                    } else {
                        report.omittedFindings += 1
                    }
                }
                for rule in ignore.unexplained {
                    report.problems.append(
                        InputProblem(
                            file: file, line: object.line,
                            message:
                                "\(object.kind) \(object.name): \(IgnoreAnnotation.key) names \(Quoted.brief(rule, limit: 20)) without a reason (\"\(Quoted.brief(rule, limit: 20)): why it is accepted\"); not suppressed"
                        ))
                }
            } catch let error as KnowledgeBaseError {
                throw error
            } catch {
                report.problems.append(
                    InputProblem(
                        file: file, line: object.line,
                        message: "\(object.kind) \(object.name) is not a valid pod spec: \(error)"))
            }
        }
    }

    /// The pod spec of an object, decoded, with each container's effective security and knowledge.
    /// Throws `AuditPodSpec.FieldError` for a pod spec of the wrong shape, `KnowledgeBaseError` when the knowledge
    /// base cannot answer.
    func subject(for object: WorkloadLocator.Located, podPath path: [String]) throws -> AuditSubject? {
        guard let podNode = object.node.value(at: path) else { return nil }
        let pod = try AuditPodSpec(node: podNode)
        let podPath = path.joined(separator: ".")
        var containers: [AuditSubject.ContainerUnderAudit] = []
        let groups: [(AuditSubject.Role, [AuditPodSpec.Container]?)] = [
            (.initContainers, pod.initContainers), (.containers, pod.containers),
            (.ephemeralContainers, pod.ephemeralContainers),
        ]
        for (role, list) in groups {
            for (index, container) in (list ?? []).enumerated() {
                let line = podNode.value(role.rawValue)?.sequence.flatMap {
                    index < $0.count ? $0[index].mark?.line : nil
                }
                containers.append(
                    AuditSubject.ContainerUnderAudit(
                        role: role, index: index, container: container,
                        effective: EffectiveSecurity(pod: pod.securityContext, container: container.securityContext),
                        resolution: try container.image.flatMap(resolution), line: line,
                        fieldPath: "\(podPath).\(role.rawValue)[\(index)]"))
            }
        }
        let findingObject = Finding.Object(
            kind: object.kind, namespace: object.namespace, name: object.name, file: object.file, line: object.line)
        return AuditSubject(object: findingObject, podPath: podPath, pod: pod, containers: containers)
    }

    /// The knowledge base's answer for an image, cached; nil for an invalid reference (a rule reports those).
    func resolution(for image: String) throws(KnowledgeBaseError) -> Resolution? {
        try resolutions.value(for: image) { () throws(KnowledgeBaseError) -> Resolution? in
            do {
                var resolution = try resolver.resolve(image)
                if resolution.match == nil, let entry = inferred.entry(for: resolution.reference) {
                    resolution.facts = entry.facts
                    resolution.match = .init(
                        image: resolution.reference.repository, variant: "inferred", via: .inferred,
                        reason: "not in the knowledge base: the profile is inferred from \(entry.source)",
                        assumptions: ["every fact is inferred from \(entry.source), not curated"])
                }
                return resolution
            } catch let error as KnowledgeBaseError {
                throw error
            } catch {
                return nil
            }
        }
    }

}
