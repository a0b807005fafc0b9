import Foundation

/// An audit report as SARIF 2.1.0, for code-scanning tools (GitHub code scanning, GitLab, Azure DevOps).
public struct SARIFReport: Encodable, Sendable {
    struct Log: Encodable {
        let schema = "https://json.schemastore.org/sarif-2.1.0.json"
        let version = "2.1.0"
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
        let rules = AuditRules.all.map { rule in
            let type = type(of: rule)
            return Rule(
                id: type.id, name: Self.pascalCase(type.title), shortDescription: Text(text: type.title),
                fullDescription: Text(text: type.rationale), help: Text(text: type.remediation),
                helpUri: "\(Self.rulesDocumentation)#\(type.id.lowercased())",
                defaultConfiguration: Configuration(level: Self.level(type.severity)),
                properties: RuleProperties(
                    securitySeverity: Self.securitySeverity(type.severity), tags: ["security", "kubernetes"]))
        }
        let index = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        let accepted = report.suppressed.map { ($0.finding, Optional($0)) }
        let results = (report.findings.map { ($0, SuppressedFinding?.none) } + accepted).map { finding, suppressed in
            let name = [finding.object.kind, finding.object.namespace, finding.object.name, finding.container]
                .compactMap { $0 }.joined(separator: "/")
            return Result(
                ruleId: finding.ruleID, ruleIndex: index[finding.ruleID] ?? 0, level: Self.level(finding.severity),
                message: Text(text: "\(finding.message) (\(finding.fieldPath)). Fix: \(finding.fix)"),
                locations: [
                    Location(
                        physicalLocation: PhysicalLocation(
                            artifactLocation: ArtifactLocation(uri: Self.uri(finding.object.file)),
                            region: (finding.line ?? finding.object.line).map { Region(startLine: max(1, $0)) }),
                        logicalLocations: [LogicalLocation(fullyQualifiedName: name)])
                ],
                suppressions: suppressed.map {
                    [
                        Suppression(
                            kind: $0.kind == .annotation ? "inSource" : "external", justification: $0.justification)
                    ]
                })
        }
        let notifications = report.problems.map { problem in
            Notification(
                message: Text(text: problem.message),
                locations: [
                    NotificationLocation(
                        physicalLocation: PhysicalLocation(
                            artifactLocation: ArtifactLocation(uri: Self.uri(problem.file)),
                            region: problem.line.map { Region(startLine: max(1, $0)) }))
                ])
        }
        log = Log(runs: [
            Run(
                tool: Tool(driver: Driver(version: version, rules: rules)), results: results,
                invocations: [
                    Invocation(executionSuccessful: report.problems.isEmpty, toolExecutionNotifications: notifications)
                ])
        ])
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
