import Testing

@testable import HardenCore

/// A spec harden writes passes harden's own audit: the generator and the audit rules read the same knowledge base,
/// so any finding is a disagreement between the two, a bug in one of them.
@Suite("Generated specs audit clean")
struct GeneratedSpecAuditTests {
    @Test(arguments: shippedEntries.map(\.repository))
    func aGeneratedSpecHasNoFindings(_ repository: String) throws {
        let resolver = Resolver(knowledgeBase: try shippedKnowledgeBase())
        for kind in [GenerateOptions.Kind.deployment, .statefulset, .cronjob] {
            var options = GenerateOptions()
            options.kind = kind
            let spec = try SpecGenerator(resolver: resolver).generate([repository], options: options, encoding: .yaml)
            let report = try Auditor(resolver: resolver).audit(
                [ManifestInput(file: "\(repository) \(kind)", text: spec.text)], findingLimit: 100)
            // HRD216, the :latest tag, is the one harden made explicit for an untagged image, with its own warning.
            let findings = report.findings.filter { $0.ruleID != "HRD216" }
            #expect(findings.isEmpty, "\(repository) \(kind): \(findings.map { "\($0.ruleID) \($0.message)" })")
        }
    }

    @Test func anUntaggedImageWhoseLatestIsAnotherVariantIsRefused() throws {
        var options = GenerateOptions()
        options.variant = "alpine"
        let generator = SpecGenerator(resolver: Resolver(knowledgeBase: try shippedKnowledgeBase()))
        #expect {
            try generator.generate(["postgres"], options: options, encoding: .yaml)
        } throws: { error in
            guard case .invalidOption(.variant, let message) = error as? GenerateError else { return false }
            return message.contains("its :latest is the debian variant, not alpine")
        }
        // The same variant by a tag of the user's own is theirs to vouch for; a tag of the variant needs no --variant.
        #expect(
            try generator.generate(["postgres:team-build"], options: options, encoding: .yaml).text.contains(
                "image: postgres:team-build"))
        options.variant = nil
        #expect(
            try generator.generate(["postgres:17-alpine"], options: options, encoding: .yaml).plans[0].containers[0]
                .match?.variant == "alpine-pre18")
    }
}
