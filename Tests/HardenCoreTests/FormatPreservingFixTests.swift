import Foundation
import HardenCore
import Testing
import Yams

/// `harden fix` edits the text in place: a pull request of its output shows only the lines that carry a change.
@Suite("Format-preserving fix")
struct FormatPreservingFixTests {
    func fix(_ text: String, file: String = "web.yaml") throws -> FixedFile {
        let fixer = ManifestFixer(auditor: Auditor(resolver: Resolver(knowledgeBase: try shippedKnowledgeBase())))
        return try fixer.fix(ManifestInput(file: file, text: text))
    }

    static let commented = """
        # The front end, reviewed by the web team.
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, labels: {app: web}}  # flow stays flow
        spec:
          replicas: 2
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
                # the server
                - name: web
                  image: 'nginx:1.27'   # pinned by the release process
                  args: ["-g", "daemon off;"]
                  ports:
                    - containerPort: 8080

        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: web   # untouched
        data:
          key: "value"

        """

    /// Whether `lines` holds every line of `original`, in order (so the change only inserted lines).
    static func keepsEveryLine(of original: [Substring], in lines: [Substring]) -> Bool {
        var remaining = original[...]
        for line in lines where line == remaining.first { remaining = remaining.dropFirst() }
        return remaining.isEmpty
    }

    @Test func commentsQuotingFlowStyleAndSeparatorsStay() throws {
        let fixed = try fix(Self.commented)
        let text = try #require(fixed.fixed)
        #expect(fixed.formatting == nil)
        #expect(!fixed.changes.isEmpty)
        let before = Self.commented.split(separator: "\n", omittingEmptySubsequences: false)
        let after = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(Self.keepsEveryLine(of: before, in: after), "\(text)")
        // The document nobody changed is the same bytes, to the final newline.
        #expect(
            text.hasSuffix(String(Self.commented[Self.commented.range(of: "\n---\napiVersion: v1")!.lowerBound...])))
        // Lists added under an indented list are indented as the file indents them.
        #expect(text.contains("\n          volumeMounts:\n            - name: "))
        #expect(try SafeYAML.documents(text, limits: .manifest).count == 2)
    }

    @Test func aChangedValueChangesOnlyItsLine() throws {
        let original = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: tool   # keep me
            spec:
              containers:
              - name: tool
                image: alpine:3.20
                securityContext:
                  privileged: true      # why was this on?
                  runAsUser: 0
              volumes: []

            """
        let text = try #require(try fix(original).fixed)
        let diff = UnifiedDiff.make(from: original, to: text, oldName: "a", newName: "b")
        let removed = diff.split(separator: "\n").filter { $0.hasPrefix("-") && !$0.hasPrefix("---") }
        #expect(
            removed == ["-      privileged: true      # why was this on?", "-      runAsUser: 0", "-  volumes: []"])
        #expect(text.contains("      privileged: false      # why was this on?\n"))
        #expect(text.contains("  name: tool   # keep me\n"))
    }

    @Test func aJSONManifestStaysJSON() throws {
        let url = AuditFixtureTests.auditDirectory.appending(path: "28-json-manifest.json")
        let fixed = try fix(try String(contentsOf: url, encoding: .utf8), file: "pod.json")
        let text = try #require(fixed.fixed)
        #expect(fixed.formatting == nil)
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        #expect(object?["kind"] as? String == "Pod")
        #expect(text.contains("\n    \"securityContext\": {\n      \"runAsNonRoot\": true,\n"))
    }

    @Test func windowsLineEndingsAndAMissingFinalNewlineAreKept() throws {
        let original = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
            spec:
              containers:
              - name: web
                image: nginx:1.27
            """.replacingOccurrences(of: "\n", with: "\r\n")
        let fixed = try fix(original)
        let text = try #require(fixed.fixed)
        #expect(fixed.formatting == nil)
        #expect(!text.hasSuffix("\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(text.hasPrefix(original.prefix(100)))
    }

    /// Anchors, aliases and merge keys the change does not touch stay as written: the edited text is read back in
    /// full (aliases expanded, merges applied) to prove it holds the fixed documents.
    @Test func untouchedAliasesAndMergeKeysAreEditedAround() throws {
        let original = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels: &labels
                app: web
            spec:
              selector:
                matchLabels: *labels
              template:
                metadata:
                  labels:
                    <<: *labels
                    tier: front
                spec:
                  containers:
                  - name: web
                    image: nginx:1.27

            """
        let fixed = try fix(original)
        let text = try #require(fixed.fixed)
        #expect(fixed.formatting == nil, "\(fixed.formatting ?? "")")
        #expect(text.contains("labels: &labels\n") && text.contains("<<: *labels\n") && text.contains("*labels"))
        #expect(text.contains("readOnlyRootFilesystem: true"), "\(text)")
        #expect(try fix(text).fixed == nil, "fixing the fixed file changes nothing")
    }

    /// A security context shared through an alias cannot be edited for one container without the other: the file
    /// is re-emitted (still correct) and the fix says why.
    @Test func sharedAnchoredContentIsReemittedAndSaysSo() throws {
        let original = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: pair
            spec:
              containers:
              - name: a
                image: nginx:1.27
                ports: [{containerPort: 8080}]
                securityContext: &shared
                  runAsUser: 0
              - name: b
                image: nginx:1.27
                stdin: yes
                securityContext: *shared

            """
        let fixed = try fix(original)
        let text = try #require(fixed.fixed)
        #expect(fixed.formatting?.contains("anchored") == true, "\(fixed.formatting ?? "nil")")
        // Re-emitting writes every scalar with its real kind: the port stays a number and `yes` a boolean.
        let reread = try #require(try Yams.compose(yaml: text))
        let containers = try #require(reread["spec"]?["containers"]?.sequence)
        #expect(containers[0]["ports"]?[0]?["containerPort"]?.int == 8080)
        #expect(!text.contains("'8080'") && !text.contains("\"8080\""), "\(text)")
        #expect(!text.contains("'yes'") && !text.contains("\"yes\""), "\(text)")
        let report = try Auditor(resolver: Resolver(knowledgeBase: try shippedKnowledgeBase()))
            .audit([ManifestInput(file: "pair.yaml", text: text)])
        #expect(!report.findings.contains { $0.ruleID == "HRD204" })
    }

    /// Every fixture is edited in place, and no comment line is lost.
    @Test(arguments: AuditFixtureTests.files)
    func fixturesKeepTheirComments(_ name: String) throws {
        let input = try AuditFixtureTests.input(name)
        let fixed = try fix(input.text, file: name)
        guard let text = fixed.fixed else { return }
        #expect(fixed.formatting == nil, "\(fixed.formatting ?? "")")
        let comments = input.text.split(separator: "\n").filter {
            $0.trimmingCharacters(in: .whitespaces).hasPrefix("#")
        }
        let after = Set(text.split(separator: "\n"))
        #expect(comments.allSatisfy(after.contains))
        #expect(input.text.hasSuffix("\n") == text.hasSuffix("\n"))
    }
}

/// What the workload brings itself is never taken out by `fix`, and one directory written two ways is one mount.
@Suite("Fix keeps the workload's own volumes")
struct FixKeepsOwnVolumesTests {
    static func deployment(mounts: String, volumes: String) -> String {
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
              - name: web
                image: nginx:1.29
                volumeMounts:
        \(mounts)
              volumes:
        \(volumes)

        """
    }

    func auditor() throws -> Auditor { Auditor(resolver: Resolver(knowledgeBase: try shippedKnowledgeBase())) }

    /// A ConfigMap over the config directory is how many teams ship their nginx.conf: fix must not delete it.
    @Test func aConfigMapOverImageContentIsKeptAndWarned() throws {
        let text = Self.deployment(
            mounts: "        - {name: config, mountPath: /etc/nginx}",
            volumes: "      - name: config\n        configMap: {name: web-config}")
        let fixed = try ManifestFixer(auditor: auditor()).fix(ManifestInput(file: "web.yaml", text: text))
        let output = try #require(fixed.fixed)
        #expect(output.contains("- {name: config, mountPath: /etc/nginx}"))
        #expect(output.contains("configMap: {name: web-config}"))
        #expect(!fixed.changes.contains { $0.change.contains("removed") })
        let finding = try #require(
            try auditor().audit([ManifestInput(file: "web.yaml", text: text)]).findings.first { $0.ruleID == "HRD102" })
        #expect(finding.severity == .warning)
    }

    /// An emptyDir over image content only hides it: fix takes it out (an error in audit).
    @Test func anEmptyDirOverImageContentIsRemoved() throws {
        let text = Self.deployment(
            mounts: "        - {name: scratch, mountPath: /etc/nginx}", volumes: "      - {name: scratch, emptyDir: {}}"
        )
        let finding = try #require(
            try auditor().audit([ManifestInput(file: "web.yaml", text: text)]).findings.first { $0.ruleID == "HRD102" })
        #expect(finding.severity == .error)
        let output = try #require(try ManifestFixer(auditor: auditor()).fix(ManifestInput(file: "w", text: text)).fixed)
        #expect(!output.contains("mountPath: /etc/nginx}"))
    }

    /// `/var/cache/nginx/` is the directory nginx writes: no second mount at `/var/cache/nginx`.
    @Test func aTrailingSlashMountCoversItsDirectory() throws {
        let text = Self.deployment(
            mounts: "        - {name: cache, mountPath: /var/cache/nginx/}",
            volumes: "      - {name: cache, emptyDir: {}}")
        let output = try #require(try ManifestFixer(auditor: auditor()).fix(ManifestInput(file: "w", text: text)).fixed)
        #expect(!output.contains("mountPath: /var/cache/nginx\n"))
        #expect(output.components(separatedBy: "/var/cache/nginx").count == 2)
    }

    /// A Windows file diffs line by line, not as one line.
    @Test func aWindowsFileDiffsLineByLine() {
        let diff = UnifiedDiff.make(from: "a: 1\r\nb: 2\r\n", to: "a: 1\r\nb: 3\r\n", oldName: "a", newName: "b")
        #expect(diff.contains("\n-b: 2\r\n+b: 3\r\n"))
        #expect(diff.contains("\n a: 1\r\n"))
    }
}
