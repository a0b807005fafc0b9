import Foundation
import Testing

@testable import HardenCore

/// An image that runs as any non-root uid (caddy: `arbitraryUid: true` in its seed) has no files of harden's uid, so
/// another uid is no mismatch; an image whose files belong to its uid (redis: 999) still gets HRD103.
@Suite("Images that run as any uid")
struct ArbitraryUidTests {
    static func pod(image: String, uid: Int) -> String {
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          securityContext: {runAsNonRoot: true, runAsUser: \(uid), runAsGroup: \(uid)}
          containers:
          - name: web
            image: \(image)
        """
    }

    @Test(
        "another uid is a mismatch only for an image whose files belong to its uid",
        arguments: [("caddy:2.10", false), ("redis:7.4", true)])
    func mismatchOnlyWhereFilesBelongToTheUid(image: String, expectsMismatch: Bool) throws {
        let auditor = Auditor(resolver: Resolver(knowledgeBase: try shippedKnowledgeBase()))
        let report = try auditor.audit([ManifestInput(file: "pod.yaml", text: Self.pod(image: image, uid: 1000))])
        let mismatches = report.findings.filter { $0.ruleID == IdentityMismatchRule.id }
        #expect(mismatches.isEmpty != expectsMismatch, "\(image): \(mismatches.map(\.message))")
    }

    @Test("the fact travels from the seed through the knowledge base into resolve's JSON and back")
    func factIsKeptEndToEnd() throws {
        let resolver = Resolver(knowledgeBase: try shippedKnowledgeBase())
        let caddy = try resolver.resolve("caddy:2.10")
        #expect(caddy.facts?.user.arbitraryUid == true)
        #expect(try resolver.resolve("redis:7.4").facts?.user.arbitraryUid == false)
        let json = try JSONEncoder().encode(caddy)
        #expect(String(decoding: json, as: UTF8.self).contains("\"arbitraryUid\":true"))
        #expect(try JSONDecoder().decode(Resolution.self, from: json).facts?.user.arbitraryUid == true)
    }

    @Test("a profile written before the field existed reads as false")
    func olderProfileReadsAsFalse() throws {
        let resolver = Resolver(knowledgeBase: try shippedKnowledgeBase())
        var object = try #require(
            JSONSerialization.jsonObject(with: JSONEncoder().encode(try resolver.resolve("caddy:2.10")))
                as? [String: Any])
        var profile = try #require(object["profile"] as? [String: Any])
        profile.removeValue(forKey: "arbitraryUid")
        object["profile"] = profile
        let older = try JSONSerialization.data(withJSONObject: object)
        #expect(try JSONDecoder().decode(Resolution.self, from: older).facts?.user.arbitraryUid == false)
    }

    @Test("--run-as warns about the image's files only where they belong to its uid")
    func runAsNoteOnlyWhereFilesBelongToTheUid() throws {
        let generator = SpecGenerator(resolver: Resolver(knowledgeBase: try shippedKnowledgeBase()))
        var options = GenerateOptions()
        options.runAs = GenerateOptions.UserID(uid: 1000, gid: 1000)
        let replaced = { (image: String) in
            try generator.generate([image], options: options, encoding: .yaml).notes.contains {
                $0.description.contains("replaces the image's uid")
            }
        }
        #expect(try !replaced("caddy:2.10"))
        #expect(try replaced("redis:7.4"))
    }
}
