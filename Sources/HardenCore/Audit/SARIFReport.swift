import Foundation

/// An audit report as SARIF 2.1.0, for code-scanning tools (GitHub code scanning, GitLab, Azure DevOps).
public struct SARIFReport: Encodable, Sendable {
    struct Log: Encodable {
        static let schema = "https://json.schemastore.org/sarif-2.1.0.json"
        static let version = "2.1.0"
        let schema = Log.schema
        let version = Log.version
        let runs: [Run]

        enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case version, runs
        }
    }

    struct Run: Encodable {
        let tool: Tool
        let results: [Result]
        let invocations: [Invocation]
    }

    struct Tool: Encodable {
        let driver: Driver
    }

    struct Driver: Encodable {
        let name = "harden"
        let version: String
        let informationUri = "https://github.com/harden/harden"
        let rules: [Rule]
    }

    struct Text: Encodable {
        let text: String
    }

    struct Rule: Encodable {
        let id: String
        let name: String
        let shortDescription: Text
        let fullDescription: Text
        let help: Text
        let helpUri: String
        let defaultConfiguration: Configuration
        let properties: RuleProperties
    }

    /// `security-severity` (0 to 10) is how code-scanning UIs rank security rules.
    struct RuleProperties: Encodable {
        let securitySeverity: String
        let tags: [String]

        enum CodingKeys: String, CodingKey {
            case securitySeverity = "security-severity"
            case tags
        }
    }

    struct Suppression: Encodable {
        let kind: String
        let justification: String
    }

    struct Configuration: Encodable {
        let level: String
    }

    struct Result: Encodable {
        let ruleId: String
        let ruleIndex: Int
        let level: String
        let message: Text
        let locations: [Location]
        let suppressions: [Suppression]?
    }

    struct Location: Encodable {
        let physicalLocation: PhysicalLocation
        let logicalLocations: [LogicalLocation]
    }

    struct PhysicalLocation: Encodable {
        let artifactLocation: ArtifactLocation
        let region: Region?
    }

    struct ArtifactLocation: Encodable {
        let uri: String
    }

    struct Region: Encodable {
        let startLine: Int
    }

    struct LogicalLocation: Encodable {
        let fullyQualifiedName: String
        let kind = "object"
    }

    struct Invocation: Encodable {
        let executionSuccessful: Bool
        let toolExecutionNotifications: [Notification]
    }

    struct Notification: Encodable {
        let level = "error"
        let message: Text
        let locations: [NotificationLocation]
    }

    struct NotificationLocation: Encodable {
        let physicalLocation: PhysicalLocation
    }

    private let log: Log

    public init(_ report: AuditReport, version: String) {
        log = Log(runs: [
            Run(
                tool: Self.tool(version: version), results: Self.results(of: report),
                invocations: Self.invocations(report.problems))
        ])
    }

    /// The log as a streamed audit makes it (`Auditor.audit(_:batchSize:each:)`): each batch's results (its findings,
    /// then its suppressed findings) as they come, then the invocation and the tool. The same log as
    /// `SARIFReport(report)` encoded, with the results first in their run and suppressed results next to their
    /// batch's findings.
    public struct Stream {
        private let version: String
        private var results = JSONArrayStream(depth: 4)

        public init(version: String) {
            self.version = version
        }

        public var opening: String {
            "{\n  \"$schema\" : \"\(Log.schema)\",\n  \"runs\" : [\n    {\n      \"results\" : ["
        }

        /// Hands `write` the text of the results of `part`, a few hundred at a time.
        public mutating func results(of part: AuditReport, to write: (String) -> Void) throws {
            try results.write(part.findings, as: { SARIFReport.result($0, suppressed: nil) }, to: write)
            try results.write(part.suppressed, as: { SARIFReport.result($0.finding, suppressed: $0) }, to: write)
        }

        /// The end of the log, from the report of everything else (`rest`: its problems are read).
        public func closing(_ rest: AuditReport) throws -> String {
            let others = RunWithoutResults(
                tool: SARIFReport.tool(version: version), invocations: SARIFReport.invocations(rest.problems))
            return try results.close(continuingWith: others) + "\n  ],\n  \"version\" : \"\(Log.version)\"\n}"
        }

        private struct RunWithoutResults: Encodable {
            let tool: Tool
            let invocations: [Invocation]
        }
    }

    /// Every rule, in the order `ruleIndex` counts.
    private static let rules = AuditRules.all.map { rule in
        let type = type(of: rule)
        return Rule(
            id: type.id, name: pascalCase(type.title), shortDescription: Text(text: type.title),
            fullDescription: Text(text: type.rationale), help: Text(text: type.remediation),
            helpUri: "\(rulesDocumentation)#\(type.id.lowercased())",
            defaultConfiguration: Configuration(level: level(type.severity)),
            properties: RuleProperties(
                securitySeverity: securitySeverity(type.severity), tags: ["security", "kubernetes"]))
    }

    private static let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })

    private static func tool(version: String) -> Tool {
        Tool(driver: Driver(version: version, rules: rules))
    }

    /// The report's findings, then its suppressed findings.
    private static func results(of report: AuditReport) -> [Result] {
        report.findings.map { result($0, suppressed: nil) }
            + report.suppressed.map { result($0.finding, suppressed: $0) }
    }

    private static func result(_ finding: Finding, suppressed: SuppressedFinding?) -> Result {
        let name = [finding.object.kind, finding.object.namespace, finding.object.name, finding.container]
            .compactMap { $0 }.joined(separator: "/")
        return Result(
            ruleId: finding.ruleID, ruleIndex: ruleIndex[finding.ruleID] ?? 0, level: level(finding.severity),
            message: Text(text: "\(finding.message) (\(finding.fieldPath)). Fix: \(finding.fix)"),
            locations: [
                Location(
                    physicalLocation: PhysicalLocation(
                        artifactLocation: ArtifactLocation(uri: uri(finding.object.file)),
                        region: (finding.line ?? finding.object.line).map { Region(startLine: max(1, $0)) }),
                    logicalLocations: [LogicalLocation(fullyQualifiedName: name)])
            ],
            suppressions: suppressed.map {
                [Suppression(kind: $0.kind == .annotation ? "inSource" : "external", justification: $0.justification)]
            })
    }

    private static func invocations(_ problems: [InputProblem]) -> [Invocation] {
        let notifications = problems.map { problem in
            Notification(
                message: Text(text: problem.message),
                locations: [
                    NotificationLocation(
                        physicalLocation: PhysicalLocation(
                            artifactLocation: ArtifactLocation(uri: uri(problem.file)),
                            region: problem.line.map { Region(startLine: max(1, $0)) }))
                ])
        }
        return [Invocation(executionSuccessful: problems.isEmpty, toolExecutionNotifications: notifications)]
    }

    /// Where the rules are documented (the README's rule table; `harden audit --explain RULE` prints the same).
    static let rulesDocumentation = "https://github.com/harden/harden/blob/main/docs/rules.md"

    /// Errors break or endanger the workload; warnings weaken it.
    static func securitySeverity(_ severity: Finding.Severity) -> String {
        switch severity {
        case .error: "8.0"
        case .warning: "5.0"
        case .info: "2.0"
        }
    }

    public func encode(to encoder: any Encoder) throws {
        try log.encode(to: encoder)
    }

    static func level(_ severity: Finding.Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    /// A relative URI as code-scanning tools expect (percent-encoding spaces and the like).
    static func uri(_ file: String) -> String {
        let trimmed = file.hasPrefix("./") ? String(file.dropFirst(2)) : file
        return trimmed.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? trimmed
    }

    static func pascalCase(_ text: String) -> String {
        text.split { !$0.isLetter && !$0.isNumber }.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
