import HardenCore
import Testing
import Yams

/// YAML merge keys are applied as Kubernetes' decoder (go-yaml v2 through sigs.k8s.io/yaml) applies them, in the
/// auditor, the fixer and the seed reader: a `<<: *anchor` can no longer carry a dangerous setting past audit.
@Suite("YAML merge keys")
struct MergeKeyTests {
    static func pod(securityContext: String, podFields: String = "") -> String {
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: merged
        x-defaults: &unsafe
          privileged: true
          runAsUser: 0
          allowPrivilegeEscalation: true
          capabilities:
            add: [SYS_ADMIN]
        x-host: &host
          hostPID: true
          hostNetwork: true
        spec:
        \(podFields)
          containers:
            - name: app
              image: registry.example.com/team/app:1.0
              securityContext:
        \(securityContext)
        """
    }

    /// Each dangerous setting arrives only through a merge key; each must be found.
    static let cases: [(name: String, yaml: String, rule: String)] = [
        ("privileged through an alias", pod(securityContext: "        <<: *unsafe"), "HRD208"),
        ("runAsUser 0 through an alias", pod(securityContext: "        <<: *unsafe"), "HRD204"),
        ("capabilities.add through an alias", pod(securityContext: "        <<: *unsafe"), "HRD207"),
        ("through a list of aliases", pod(securityContext: "        <<: [*unsafe]"), "HRD208"),
        (
            "host namespaces through a pod-level merge",
            pod(securityContext: "        readOnlyRootFilesystem: true", podFields: "  <<: *host"), "HRD209"
        ),
        (
            "an inline mapping", pod(securityContext: "        <<: {privileged: true}"), "HRD208"
        ),
    ]

    @Test(arguments: cases.indices)
    func auditFindsWhatAMergeKeyCarries(_ index: Int) throws {
        let (name, yaml, rule) = Self.cases[index]
        let report = try Auditor(resolver: Resolver(knowledgeBase: try shippedKnowledgeBase())).audit([
            ManifestInput(file: "merged.yaml", text: yaml)
        ])
        #expect(report.problems.isEmpty, "\(name): \(report.problems)")
        #expect(
            report.findings.contains { $0.ruleID == rule }, "\(name): no \(rule) in \(report.findings.map(\.ruleID))")
        let withoutMerge = yaml.replacingOccurrences(of: "<<: ", with: "unused: ")
        let before = try Auditor(resolver: Resolver(knowledgeBase: try shippedKnowledgeBase())).audit([
            ManifestInput(file: "plain.yaml", text: withoutMerge)
        ])
        #expect(!before.findings.contains { $0.ruleID == rule }, "\(name): the finding must come from the merge")
    }

    @Test func fixRemovesWhatAMergeKeyCarries() throws {
        let fixer = ManifestFixer(auditor: Auditor(resolver: Resolver(knowledgeBase: try shippedKnowledgeBase())))
        let fixed = try fixer.fix(
            ManifestInput(file: "merged.yaml", text: Self.pod(securityContext: "        <<: *unsafe")))
        let text = try #require(fixed.fixed)
        let documents = try SafeYAML.documents(text, limits: .manifest)
        let context = try #require(
            documents.first?.value(at: ["spec", "containers"])?.sequence?.first?.value("securityContext"))
        #expect(context.value("privileged")?.string != "true")
        #expect(context.value("runAsUser")?.string != "0")
    }

    /// go-yaml v2 sets keys in document order: explicit keys after `<<` win, a merge after a key replaces it, and
    /// in a list of mappings the earlier one wins.
    @Test func precedenceFollowsKubernetesDecoder() throws {
        let yaml = """
            a: &a {x: a, y: a}
            b: &b {x: b, z: b}
            explicitAfter: {<<: *a, x: mine}
            mergeAfter: {x: mine, <<: *a}
            list: {<<: [*a, *b]}
            quoted: {"<<": *a}
            """
        let node = try #require(try SafeYAML.documents(yaml, limits: .manifest).first)
        #expect(node.value(at: ["explicitAfter", "x"])?.string == "mine")
        #expect(node.value(at: ["explicitAfter", "y"])?.string == "a")
        #expect(node.value(at: ["mergeAfter", "x"])?.string == "a")
        #expect(node.value(at: ["list", "x"])?.string == "a")
        #expect(node.value(at: ["list", "z"])?.string == "b")
        #expect(node.value(at: ["quoted", "<<"])?.value("x")?.string == "a")
        #expect(node.value(at: ["quoted", "x"]) == nil)
    }

    @Test func aMergeOfAScalarIsAnError() {
        #expect(throws: YAMLProblem.self) { try SafeYAML.documents("a: {<<: 1}", limits: .manifest) }
        #expect(throws: YAMLProblem.self) { try SafeYAML.documents("a: {<<: [1]}", limits: .manifest) }
    }

    /// Merges inside merges cannot expand without bound: the node budget stops them.
    @Test func mergeBombsStayWithinTheBudget() {
        var yaml = "l0: &l0 {a: 1, b: 2, c: 3, d: 4}\n"
        for level in 1...30 {
            yaml +=
                "l\(level): &l\(level) {<<: [*l\(level - 1)], x\(level): [*l\(level - 1), *l\(level - 1), *l\(level - 1)]}\n"
        }
        #expect(throws: YAMLProblem.tooManyNodes(limit: YAMLLimits.manifest.maxNodes)) {
            try SafeYAML.documents(yaml, limits: .manifest)
        }
    }
}

@Suite("YAML errors quote input briefly")
struct YAMLErrorTests {
    /// A duplicate key in a 2 MB document holding a Secret: the error names the key, never the document.
    @Test func duplicateKeyErrorsDoNotDumpTheDocument() {
        let yaml =
            "kind: Secret\ndata:\n  password: c2VjcmV0\nx: \(String(repeating: "A", count: 2_000_000))\nkind: Pod\n"
        #expect {
            try SafeYAML.documents(yaml, limits: .manifest)
        } throws: { error in
            let text = "\(error)"
            return text.count < 300 && text.contains("duplicate keys: \"kind\"") && !text.contains("c2VjcmV0")
        }
    }

    @Test func quotedInputIsCutAndEscaped() {
        #expect(Quoted.brief(String(repeating: "x", count: 500)).count == Quoted.limit + 3)
        #expect(Quoted.brief("a\nb\u{1B}[31mc\u{200B}") == "a\\nb\\u{1b}[31mc\\u{200b}")
    }
}
