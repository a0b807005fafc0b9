import Foundation

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

    /// One line for the end of the output.
    public var summary: String { summary(counts: SeverityCounts(findings)) }

    /// The summary line with the findings counted in `counts`: a streamed audit writes each batch's findings and
    /// lets them go, so its report holds none and it counts them as they pass.
    public func summary(counts: SeverityCounts) -> String {
        let skipped = skippedByKind.values.reduce(0, +)
        var text = "\(objectsAudited) objects in \(files) files"
        if skipped > 0 { text += " (\(skipped) of other kinds skipped)" }
        text += ": \(counts.errors) errors, \(counts.warnings) warnings, \(counts.info) info"
        if omittedFindings > 0 { text += " (\(omittedFindings) more findings not listed)" }
        if !suppressed.isEmpty { text += "; \(suppressed.count) suppressed" }
        if !skippedInputs.isEmpty { text += "; \(skippedInputs.count) inputs skipped (not Kubernetes objects)" }
        if !problems.isEmpty { text += "; \(problems.count) inputs could not be read" }
        return text
    }
}

/// How many findings of each severity an audit found.
public struct SeverityCounts: Sendable, Equatable {
    public private(set) var errors = 0
    public private(set) var warnings = 0
    public private(set) var info = 0

    public init(_ findings: [Finding] = []) {
        add(findings)
    }

    /// By index: a finding is read in place, not copied with its strings.
    public mutating func add(_ findings: [Finding]) {
        for index in findings.indices {
            switch findings[index].severity {
            case .error: errors += 1
            case .warning: warnings += 1
            case .info: info += 1
            }
        }
    }

    public func count(_ severity: Finding.Severity) -> Int {
        switch severity {
        case .error: errors
        case .warning: warnings
        case .info: info
        }
    }
}

extension AuditReport {
    /// The report as JSON, written as a streamed audit makes it (`Auditor.audit(_:batchSize:each:)`): the findings
    /// first, a batch at a time, then the rest. The keys and values are those of `JSONOutput.encode(report)`;
    /// only the findings come first.
    public struct JSONStream {
        private var findings = JSONArrayStream(depth: 2)

        public init() {}

        public let opening = "{\n  \"findings\" : ["

        /// Hands `write` the text of the findings of `part`, a few hundred at a time.
        public mutating func findings(of part: AuditReport, to write: (String) -> Void) throws {
            try findings.write(part.findings, to: write)
        }

        /// The end of the document, from the report of everything else (`rest`, whose findings are not read).
        public func closing(_ rest: AuditReport) throws -> String {
            try findings.close(continuingWith: Others(rest))
        }

        /// Every key of the report but `findings`.
        private struct Others: Encodable {
            let files: Int
            let objectsAudited: Int
            let omittedFindings: Int
            let problems: [InputProblem]
            let skippedByKind: [String: Int]
            let skippedInputs: [SkippedInput]
            let suppressed: [SuppressedFinding]

            init(_ report: AuditReport) {
                files = report.files
                objectsAudited = report.objectsAudited
                omittedFindings = report.omittedFindings
                problems = report.problems
                skippedByKind = report.skippedByKind
                skippedInputs = report.skippedInputs
                suppressed = report.suppressed
            }
        }
    }
}
