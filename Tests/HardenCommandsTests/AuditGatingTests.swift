import Foundation
import HardenCore
import HardenTestSupport
import Testing

/// What a team needs to gate CI on audit and fix: repository layouts, suppressions, baselines, safe writes.
@Suite("Audit and fix in CI")
struct AuditGatingTests {
    static let pod = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
          annotations:
            harden.dev/ignore: "HRD215: the mesh sidecar needs the token"
        spec:
          containers:
          - name: web
            image: nginx:1.29
        """

    static func repository(_ harness: CommandHarness) throws -> String {
        let root = harness.cache.file("repo")
        let files: [String: String] = [
            "k8s/web.yaml": pod,
            "k8s/kustomization.yaml": "resources: [web.yaml]\n",
            "chart/Chart.yaml": "apiVersion: v2\nname: web\nversion: 1.0.0\n",
            "chart/values.yaml": "image: {repository: nginx}\n",
            "chart/templates/deploy.yaml":
                "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n{{- include \"x\" . }}\n",
            "compose.yaml": "services: {web: {image: nginx}}\n",
            "config/settings.yaml": "logLevel: debug\n",
            "vendor/third-party.yaml":
                "apiVersion: v1\nkind: Pod\nmetadata: {name: other}\nspec:\n  containers: [{name: x, image: redis:7, securityContext: {privileged: true}}]\n",
            ".hardenignore": "# not ours\nvendor/\n",
        ]
        for (path, text) in files {
            let file = root + "/" + path
            try FileManager.default.createDirectory(
                atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: file, atomically: true, encoding: .utf8)
        }
        return root
    }

    @Test func aRepositoryIsAuditedWithOtherToolsFilesSkipped() throws {
        let harness = try CommandHarness()
        let root = try Self.repository(harness)
        let result = harness.run(["audit", root, "--fail-on", "never"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("skipped \(root)/k8s/kustomization.yaml"))
        #expect(result.stdout.contains("helm template"))
        #expect(result.stdout.contains("Compose"))
        #expect(result.stdout.contains("settings.yaml:1: skipped: document 1 is not a Kubernetes object"))
        #expect(!result.stdout.contains("third-party"), ".hardenignore excludes vendor/")
        #expect(result.stdout.contains("1 objects in"))
    }

    @Test func excludeSkipsMatchingFiles() throws {
        let harness = try CommandHarness()
        let root = try Self.repository(harness)
        let result = harness.run(["audit", root, "--exclude", "k8s/*", "--fail-on", "never", "-o", "json"])
        let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(report?["objectsAudited"] as? Int == 0)
    }

    /// A file name or an object name carrying a terminal escape sequence is printed escaped, in full, by audit's
    /// text report and by fix's notes and diff headers: a hostile repository cannot repaint the terminal or hide a
    /// finding in a CI log.
    @Test func escapeSequencesInNamesArePrintedEscaped() throws {
        let harness = try CommandHarness()
        let directory = harness.cache.file("hostile")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let file = directory + "/web\u{1B}[2K.yaml"
        let pod = Self.pod.replacingOccurrences(
            of: "name: web\n  annotations", with: "name: \"w\\e[31mb\"\n  annotations")
        try pod.write(toFile: file, atomically: true, encoding: .utf8)
        let audit = harness.run(["audit", directory, "--fail-on", "never"])
        #expect(audit.status == 0, "\(audit.stderr)")
        #expect(!audit.stdout.contains("\u{1B}"), "\(audit.stdout)")
        #expect(audit.stdout.contains("web\\u{1b}[2K.yaml"), "\(audit.stdout)")
        #expect(audit.stdout.contains("Pod w\\u{1b}[31mb  ("), "\(audit.stdout)")
        let fix = harness.run(["fix", file, "--diff"])
        #expect(!fix.stdout.contains("\u{1B}") && !fix.stderr.contains("\u{1B}"), "\(fix.stdout)\(fix.stderr)")
        let name = String(file.drop(while: { $0 == "/" }))
        let quoted = name.replacingOccurrences(of: "\u{1B}", with: "\\033")
        #expect(fix.stdout.hasPrefix("--- \"a/\(quoted)\"\n+++ \"b/\(quoted)\"\n"), "\(fix.stdout)")
        #expect(fix.stderr.contains("web\\u{1b}[2K.yaml: Pod w\\u{1b}[31mb"), "\(fix.stderr)")
    }

    @Test func anAnnotationWithAReasonSuppressesItsRule() throws {
        let harness = try CommandHarness()
        let root = try Self.repository(harness)
        let result = harness.run(["audit", root + "/k8s/web.yaml", "--fail-on", "never", "-o", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let findings = (report["findings"] as? [[String: Any]] ?? []).compactMap { $0["ruleID"] as? String }
        let suppressed = (report["suppressed"] as? [[String: Any]] ?? [])
        #expect(!findings.contains("HRD215"))
        #expect(suppressed.contains { ($0["finding"] as? [String: Any])?["ruleID"] as? String == "HRD215" })
        #expect(suppressed.first?["justification"] as? String == "the mesh sidecar needs the token")
    }

    @Test func anAnnotationWithoutAReasonIsRefused() throws {
        let harness = try CommandHarness()
        let file = harness.cache.file("pod.yaml")
        try Self.pod.replacingOccurrences(of: "HRD215: the mesh sidecar needs the token", with: "HRD215")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let result = harness.run(["audit", file])
        #expect(result.status == 3)
        #expect(result.stdout.contains("without a reason"))
    }

    @Test func ignoreAndOnlySelectRules() throws {
        let harness = try CommandHarness()
        let root = try Self.repository(harness)
        let file = root + "/k8s/web.yaml"
        let only = harness.run(["audit", file, "--only", "hrd201", "-o", "json", "--fail-on", "never"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(only.stdout.utf8)) as? [String: Any])
        let rules = Set((report["findings"] as? [[String: Any]] ?? []).compactMap { $0["ruleID"] as? String })
        #expect(rules == ["HRD201"])
        let unknown = harness.run(["audit", file, "--ignore", "HRD999"])
        #expect(unknown.status == 3)
    }

    @Test func aBaselineFailsOnlyOnNewFindings() throws {
        let harness = try CommandHarness()
        let root = try Self.repository(harness)
        let file = root + "/k8s/web.yaml"
        let baseline = harness.cache.file("baseline.json")
        #expect(harness.run(["audit", file, "--write-baseline", baseline]).status == 0)
        #expect(harness.run(["audit", file, "--baseline", baseline]).status == 0)
        // `--baseline <(git show main:.harden-baseline.json)`: from a pipe too; a missing one says why.
        let pipe = try TestPipe(try String(contentsOfFile: baseline, encoding: .utf8))
        #expect(harness.run(["audit", file, "--baseline", pipe.path]).status == 0)
        let missing = harness.run(["audit", file, "--baseline", harness.cache.file("absent.json")])
        #expect(missing.status == 3)
        #expect(missing.stderr.contains("absent.json\": it does not exist; write one with"), "\(missing.stderr)")
        try (Self.pod + "\n  - name: cache\n    image: redis:7\n").write(
            toFile: file, atomically: true, encoding: .utf8)
        let worse = harness.run(["audit", file, "--baseline", baseline])
        #expect(worse.status == 2)
        let json = harness.run(["audit", file, "--baseline", baseline, "-o", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let containers = Set((report["findings"] as? [[String: Any]] ?? []).compactMap { $0["container"] as? String })
        #expect(containers == ["cache"], "the web container's findings are in the baseline")
    }

    @Test func sarifCarriesSuppressionsAndRuleRanking() throws {
        let harness = try CommandHarness()
        let root = try Self.repository(harness)
        let result = harness.run(["audit", root + "/k8s/web.yaml", "-o", "sarif", "--fail-on", "never"])
        let log = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let results = run["results"] as? [[String: Any]] ?? []
        let suppressed = results.filter { $0["suppressions"] != nil }
        #expect(suppressed.count == 1)
        let rules = ((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]] ?? []
        #expect(rules.allSatisfy { ($0["properties"] as? [String: Any])?["security-severity"] != nil })
        #expect(rules.allSatisfy { ($0["helpUri"] as? String)?.contains("docs/rules.md#hrd") == true })
    }

    @Test func fixWritesThroughASymlinkKeepingTheLinkAndMode() throws {
        let harness = try CommandHarness()
        let target = harness.cache.file("real.yaml")
        try Self.pod.write(toFile: target, atomically: true, encoding: .utf8)
        chmod(target, 0o640)
        let link = harness.cache.file("link.yaml")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let result = harness.run(["fix", "--write", link])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
        #expect(try String(contentsOfFile: target, encoding: .utf8).contains("readOnlyRootFilesystem: true"))
        let mode = try FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? Int
        #expect(mode == 0o640)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: harness.cache.path).filter {
            $0.hasSuffix(".tmp")
        }
        #expect(leftovers.isEmpty)
    }

    @Test func fixOnAHostNetworkPodSetsNoNetSysctl() throws {
        let harness = try CommandHarness()
        let file = harness.cache.file("host.yaml")
        try """
        apiVersion: v1
        kind: Pod
        metadata: {name: edge}
        spec:
          hostNetwork: true
          containers:
          - {name: web, image: "nginx:1.29"}
        """.write(toFile: file, atomically: true, encoding: .utf8)
        let result = harness.run(["fix", file])
        #expect(!result.stdout.contains("ip_unprivileged_port_start"))
        #expect(result.stderr.contains("refuses namespaced net.* sysctls on a hostNetwork pod"))
    }

    @Test func fixWithholdsADataMigrationAndSaysSo() throws {
        let harness = try CommandHarness()
        let file = harness.cache.file("db.yaml")
        try """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db}
        spec:
          serviceName: db
          selector: {matchLabels: {app: db}}
          template:
            metadata: {labels: {app: db}}
            spec:
              containers:
              - name: postgres
                image: postgres:16
                volumeMounts: [{name: data, mountPath: /var/lib/postgresql/data}]
          volumeClaimTemplates:
          - metadata: {name: data}
            spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
        """.write(toFile: file, atomically: true, encoding: .utf8)
        let withheld = harness.run(["fix", file])
        #expect(withheld.status == 2)
        #expect(withheld.stderr.contains("NOT APPLIED (moves data): set PGDATA"))
        #expect(!withheld.stdout.contains("PGDATA"))
        #expect(harness.run(["fix", file, "--allow-migrations"]).status == 0)
    }

    /// Custom resources with a pod template are audited like Deployments.
    @Test func customResourcesWithPodTemplatesAreAudited() throws {
        let harness = try CommandHarness()
        let file = harness.cache.file("rollout.yaml")
        try """
        apiVersion: argoproj.io/v1alpha1
        kind: Rollout
        metadata: {name: web}
        spec:
          template:
            spec:
              containers: [{name: web, image: "nginx:1.29", securityContext: {privileged: true}}]
        ---
        apiVersion: serving.knative.dev/v1
        kind: Service
        metadata: {name: hello}
        spec:
          template:
            spec:
              containers: [{name: hello, image: "nginx:1.29", securityContext: {privileged: true}}]
        """.write(toFile: file, atomically: true, encoding: .utf8)
        let result = harness.run(["audit", file, "-o", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(report["objectsAudited"] as? Int == 2)
    }
}

@Suite("fix --check and --diff")
struct FixCheckTests {
    @Test func checkAndDiffExitOneOnlyWhenSomethingWouldChange() throws {
        let harness = try CommandHarness()
        let file = harness.cache.file("pod.yaml")
        try
            "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers: [{name: web, image: \"nginx:1.29\"}]\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let check = harness.run(["fix", "--check", file])
        #expect(check.status == 1)
        #expect(check.stdout.isEmpty)
        let diff = harness.run(["fix", "--diff", file])
        #expect(diff.status == 1)
        let relative = file.drop(while: { $0 == "/" })
        #expect(diff.stdout.hasPrefix("--- a/\(relative)\n+++ b/\(relative)\n@@ "))
        #expect(
            diff.stdout.split(separator: "\n").contains {
                $0.hasPrefix("+") && $0.contains("readOnlyRootFilesystem: true")
            })
        #expect(harness.run(["fix", "--write", file]).status == 0)
        #expect(harness.run(["fix", "--check", file]).status == 0)
        #expect(harness.run(["fix", "--diff", file]).stdout.isEmpty)
        #expect(harness.run(["fix", "--check", "--diff", file]).status == 64)
    }
}

@Suite("Linters side by side")
struct LinterCompatibilityTests {
    @Test func explainAndCompatSayWhyToAcceptALintersFinding() throws {
        let harness = try CommandHarness()
        let explain = harness.run(["audit", "--explain", "ckv_k8s_40"])
        #expect(explain.status == 0)
        #expect(explain.stdout.contains("harden's view"))
        let generate = harness.run(["generate", "nginx:1.29", "--compat", "checkov"])
        #expect(generate.status == 0)
        #expect(generate.stderr.contains("# compat: checkov CKV_K8S_40 will flag container nginx for uid 101"))
        let high = harness.run(["generate", "nginx:1.29", "--run-as", "20000", "--compat", "kube-score"])
        #expect(!high.stderr.contains("# compat:"))
    }
}
