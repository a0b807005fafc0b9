import Testing

@testable import HardenCore

@Suite("Audit answers bounded for hostile input")
struct AuditBoundsTests {
    func privilegedDeployments(_ count: Int) -> String {
        (0..<count).map { index in
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: app-\(index)}
            spec:
              template:
                spec:
                  containers:
                  - {name: web, image: nginx:1.27, securityContext: {privileged: true}}
            """
        }.joined(separator: "\n---\n")
    }

    @Test("past the limit findings are counted, not listed")
    func findingsPastTheLimitAreCounted() throws {
        let auditor = Auditor(resolver: Resolver(knowledgeBase: try shippedKnowledgeBase()))
        let input = [ManifestInput(file: "many.yaml", text: privilegedDeployments(200))]
        let full = try auditor.audit(input)
        let capped = try auditor.audit(input, findingLimit: 50)
        #expect(full.findings.count > 50)
        #expect(capped.findings.count == 50)
        #expect(capped.omittedFindings == full.findings.count - 50)
        #expect(capped.objectsAudited == 200)
        #expect(Array(full.findings.prefix(50)) == capped.findings)
    }

    /// Documents are audited as they are read; a syntax error further down still makes the whole file a problem,
    /// with no findings from the documents before it (kubectl would apply none of them).
    @Test("a file that breaks after its first documents gives a problem and no findings")
    func brokenFileGivesNoPartialFindings() throws {
        let auditor = Auditor(resolver: Resolver(knowledgeBase: try shippedKnowledgeBase()))
        let text = privilegedDeployments(3) + "\n---\nkind: [unclosed\n"
        let report = try auditor.audit([ManifestInput(file: "broken.yaml", text: text)])
        #expect(report.findings.isEmpty)
        #expect(report.objectsAudited == 0)
        #expect(report.problems.count == 1)
        #expect(report.problems.first?.message.hasPrefix("cannot be read as YAML") == true)
    }
}
