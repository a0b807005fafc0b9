import Foundation
import HardenCore
import Testing

/// Realistic manifests with their expected findings and fixes pinned as golden files
/// (re-record with `HARDEN_RECORD_GOLDEN=1 swift test` and review the diff).
@Suite("Audit and fix fixtures")
struct AuditFixtureTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(path: "Fixtures")
    static let auditDirectory = fixtures.appending(path: "audit")
    static let expectedDirectory = fixtures.appending(path: "expected")
    static let recording = ProcessInfo.processInfo.environment["HARDEN_RECORD_GOLDEN"] == "1"

    static let files: [String] =
        ((try? FileManager.default.contentsOfDirectory(atPath: auditDirectory.path)) ?? []).sorted()

    static func input(_ name: String) throws -> ManifestInput {
        ManifestInput(file: name, text: try String(contentsOf: auditDirectory.appending(path: name), encoding: .utf8))
    }

    func auditor() throws -> Auditor { Auditor(resolver: Resolver(knowledgeBase: try shippedKnowledgeBase())) }

    static func lines(_ report: AuditReport) -> String {
        let findings = report.findings.map { finding in
            "\(finding.severity.rawValue) \(finding.ruleID) \(finding.object.label) \(finding.container ?? "-") \(finding.fieldPath): \(finding.message)"
        }
        return (findings + report.problems.map { "problem \($0)" } + [report.summary]).joined(separator: "\n") + "\n"
    }

    func compare(_ actual: String, golden name: String) throws {
        let url = Self.expectedDirectory.appending(path: name)
        if Self.recording {
            let previous = try? String(contentsOf: url, encoding: .utf8)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            // Recording is not a pass: the run fails so that a recorded change is always reviewed.
            if previous != actual { Issue.record("recorded \(name): review the diff, then run the tests again") }
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "\(name) differs; re-record with HARDEN_RECORD_GOLDEN=1 and review")
    }

    @Test func thereAreAtLeast25Fixtures() {
        #expect(Self.files.count >= 25)
    }

    @Test(arguments: files)
    func findingsMatchTheGoldenFile(_ name: String) throws {
        let report = try auditor().audit([try Self.input(name)])
        try compare(Self.lines(report), golden: "\(name).findings")
    }

    @Test(arguments: files)
    func fixMatchesTheGoldenFile(_ name: String) throws {
        let fixed = try ManifestFixer(auditor: auditor()).fix(try Self.input(name), patches: true)
        #expect(fixed.problems == [])
        try compare(fixed.fixed ?? fixed.original, golden: "\(name).fixed")
        try compare(fixed.patches.joined(separator: "---\n"), golden: "\(name).patch")
    }

    @Test(arguments: files)
    func fixingAFixedFileChangesNothing(_ name: String) throws {
        let fixer = ManifestFixer(auditor: try auditor())
        let once = try fixer.fix(try Self.input(name))
        let twice = try fixer.fix(ManifestInput(file: name, text: once.fixed ?? once.original))
        #expect(twice.changes == [], "\(twice.changes)")
        #expect(twice.fixed == nil)
    }

    @Test(arguments: files)
    func aFixedManifestHasNoFixableErrors(_ name: String) throws {
        let fixed = try ManifestFixer(auditor: auditor()).fix(try Self.input(name))
        let report = try auditor().audit([ManifestInput(file: name, text: fixed.fixed ?? fixed.original)])
        let fixableErrors = report.findings.filter { finding in
            finding.severity == .error && AuditRules.rule(withID: finding.ruleID).map { type(of: $0).fixable } == true
        }
        #expect(fixableErrors.isEmpty, "\(fixableErrors.map { "\($0.ruleID) \($0.message)" })")
    }

    @Test func everyRuleIsExercisedBySomeFixture() throws {
        let auditor = try auditor()
        let inputs = try Self.files.map(Self.input)
        let seen = Set(try auditor.audit(inputs).findings.map(\.ruleID))
        let all = Set(AuditRules.all.map { type(of: $0).id })
        #expect(all.subtracting(seen) == [])
    }

    @Test func unreadableInputIsReportedPerFileAndTheRestIsAudited() throws {
        let unreadable = Self.fixtures.appending(path: "unreadable").path
        let read = ManifestInput.read([
            unreadable, Self.auditDirectory.appending(path: "01-nginx-bare-deployment.yaml").path,
        ]) { nil }
        let report = try auditor().audit(read.inputs, problems: read.problems)
        #expect(report.objectsAudited == 1)
        #expect(report.problems.count == 3)
        #expect(report.problems.contains { $0.message.contains("alias bomb") })
        #expect(report.problems.contains { $0.message.contains("cannot be read as YAML") })
        // YAML that is not a Kubernetes object is another tool's file: skipped with a note, not an error.
        #expect(report.skippedInputs.contains { $0.reason.contains("not a Kubernetes object") })
        #expect(report.problems.contains { $0.message.contains("runAsUser") })
    }

    @Test func everyRuleExplainsItself() {
        for rule in AuditRules.all {
            let text = AuditRules.explanation(of: rule)
            #expect(text.contains("Why: ") && text.contains("Fix: "))
        }
        #expect(Set(AuditRules.all.map { type(of: $0).id }).count == AuditRules.all.count)
    }
}
