/// Everything one audit found: findings, what was read, what was skipped and what could not be read.
public struct AuditReport: Codable, Sendable, Equatable {
    public var findings: [Finding]
    public var files: Int
    public var objectsAudited: Int
    /// Objects of other kinds (Service, ConfigMap, ...), counted by kind.
    public var skippedByKind: [String: Int]
    public var problems: [InputProblem]
    /// Findings accepted by an annotation or a baseline: reported, never failing the audit.
    public var suppressed: [SuppressedFinding] = []
    /// Files and documents that are not Kubernetes objects (kustomization.yaml, Helm values, compose files, Helm
    /// templates before rendering), with why each was skipped.
    public var skippedInputs: [SkippedInput] = []
    /// Findings left out of this report to bound its size (the service caps them); 0 when all are listed.
    public var omittedFindings = 0

    /// The report with at most `limit` findings, the rest counted in `omittedFindings`.
    public func capped(at limit: Int) -> AuditReport {
        guard findings.count > limit else { return self }
        var report = self
        report.omittedFindings += findings.count - limit
        report.findings = Array(findings.prefix(limit))
        return report
    }

    /// Adds another part of the same audit (a file, or a chunk of files audited on another core).
    mutating func add(_ part: AuditReport) {
        findings += part.findings
        objectsAudited += part.objectsAudited
        skippedByKind.merge(part.skippedByKind, uniquingKeysWith: +)
        problems += part.problems
        suppressed += part.suppressed
        skippedInputs += part.skippedInputs
        omittedFindings += part.omittedFindings
    }

    /// By index: a finding is read in place, not copied with its strings.
    public func count(_ severity: Finding.Severity) -> Int {
        var count = 0
        for index in findings.indices where findings[index].severity == severity { count += 1 }
        return count
    }

    /// One line for the end of the output.
    public var summary: String {
        let skipped = skippedByKind.values.reduce(0, +)
        var text = "\(objectsAudited) objects in \(files) files"
        if skipped > 0 { text += " (\(skipped) of other kinds skipped)" }
        text += ": \(count(.error)) errors, \(count(.warning)) warnings, \(count(.info)) info"
        if omittedFindings > 0 { text += " (\(omittedFindings) more findings not listed)" }
        if !suppressed.isEmpty { text += "; \(suppressed.count) suppressed" }
        if !skippedInputs.isEmpty { text += "; \(skippedInputs.count) inputs skipped (not Kubernetes objects)" }
        if !problems.isEmpty { text += "; \(problems.count) inputs could not be read" }
        return text
    }
}
