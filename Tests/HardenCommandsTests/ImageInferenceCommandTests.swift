import Foundation
import HardenTestSupport
import Testing

/// `harden infer`, `generate --from-image` and `entries new --from-image` on real image files.
@Suite("Image inference from the command line")
struct ImageInferenceCommandTests {
    /// An app image: user `app` (10001) in its /etc/passwd, a cache directory it owns, port 8080.
    static func appImage() throws -> TestImage {
        let image = try TestImage(config: [
            "config": [
                "User": "app", "ExposedPorts": ["8080/tcp": [:] as [String: Any]], "WorkingDir": "/srv/app",
                "Entrypoint": ["/srv/app/server"],
            ]
        ])
        try image.addLayer([
            ("etc", nil, 0, 0, "755"),
            ("etc/passwd", "root:x:0:0:root:/root:/bin/sh\napp:x:10001:10001::/home/app:/sbin/nologin\n", 0, 0, "644"),
            ("etc/group", "root:x:0:\napp:x:10001:\n", 0, 0, "644"),
            ("srv/app", nil, 0, 0, "755"),
            ("srv/app/server", "binary\n", 0, 0, "755"),
            ("var/cache/app", nil, 10001, 10001, "755"),
        ])
        return image
    }

    @Test("infer prints the profile of a docker-archive as JSON, every fact with its evidence")
    func inferJSON() throws {
        let image = try Self.appImage()
        let archive = try image.dockerArchive(repoTag: "registry.example.com/team/app:1.0")
        let result = try CommandHarness().run(["infer", "docker-archive:\(archive)", "--output", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let profile = try #require(json["profile"] as? [String: Any])
        #expect(profile["runAsUser"] as? Int == 10001)
        #expect((json["match"] as? [String: Any])?["via"] as? String == "inferred")
        let paths = (profile["writablePaths"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
        #expect(paths == ["/var/cache/app"])
        #expect(profile["protectedPaths"] as? [String] == ["/srv/app"])
        let evidence = (json["evidence"] as? [[String: Any]] ?? []).compactMap { $0["evidence"] as? String }
        #expect(evidence.contains { $0.contains("/etc/passwd: app is uid 10001") })
    }

    @Test("generate --from-image writes the spec from the image's own facts")
    func generateFromImage() throws {
        let image = try Self.appImage()
        let archive = try image.ociArchive()
        let result = try CommandHarness().run([
            "generate", "--from-image", "oci-archive:\(archive)", "--image", "registry.example.com/team/app:1.0",
            "--kind", "deployment",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("runAsUser: 10001"))
        #expect(result.stdout.contains("mountPath: /var/cache/app"))
        #expect(result.stdout.contains("containerPort: 8080"))
        #expect(result.stderr.contains("# inferred runAsUser 10001"))
    }

    @Test("entries new --from-image drafts a seed that lints")
    func entriesNewFromImage() throws {
        let image = try Self.appImage()
        let layout = try image.ociLayout(tag: "1.0")
        let harness = try CommandHarness()
        let seeds = harness.cache.file("seeds")
        let draft = harness.run([
            "entries", "new", "registry.example.com/team/app", "--from-image", "oci:\(layout):1.0", "--write",
            "--seed-data", seeds,
        ])
        #expect(draft.status == 0, "\(draft.stderr)")
        let file = seeds + "/images/registry.example.com/team/app.yaml"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("uid: 10001"))
        #expect(text.contains("image:oci:"))
        let lint = harness.run(["entries", "lint", file])
        #expect(lint.status == 0, "\(lint.stdout)\(lint.stderr)")
    }

    @Test("an image named as a knowledge-base entry: the curated entry wins and disagreements are said")
    func curatedEntryWins() throws {
        let image = try Self.appImage()
        let archive = try image.dockerArchive(repoTag: "docker.io/library/nginx:1.27")
        let result = try CommandHarness().run(["infer", "docker-archive:\(archive)"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("docker.io/library/nginx (knowledge base) disagrees with the image"))
    }

    static let deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: app}
        spec:
          selector: {matchLabels: {app: app}}
          template:
            metadata: {labels: {app: app}}
            spec:
              securityContext: {runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, seccompProfile: {type: RuntimeDefault}}
              containers:
              - name: app
                image: registry.example.com/team/app:1.0
                securityContext:
                  readOnlyRootFilesystem: true
                  allowPrivilegeEscalation: false
                  capabilities: {drop: [ALL]}

        """

    @Test("audit and fix --infer-image check an image the knowledge base does not know against its inferred profile")
    func auditAndFixWithInferredImage() throws {
        let image = try Self.appImage()
        let archive = try image.ociArchive()
        let harness = try CommandHarness()
        let manifest = harness.cache.file("app.yaml")
        try Self.deployment.write(toFile: manifest, atomically: true, encoding: .utf8)
        let infer = "registry.example.com/team/app:1.0=oci-archive:\(archive)"

        let blind = harness.run(["audit", manifest, "--output", "json"])
        #expect(!blind.stdout.contains("/var/cache/app"), "without evidence, nothing is known of the image")
        let audit = harness.run(["audit", manifest, "--output", "json", "--infer-image", infer])
        #expect(audit.stdout.contains("/var/cache/app"), "\(audit.stdout)")
        #expect(audit.stderr.contains("inferred from oci-archive:"))
        #expect(audit.status == 2)

        let fix = harness.run(["fix", manifest, "--infer-image", infer])
        #expect(fix.status == 0, "\(fix.stderr)")
        #expect(fix.stdout.contains("mountPath: /var/cache/app"))
        #expect(harness.run(["audit", manifest, "--infer-image", "not-a-pair"]).status == 64)
    }

    @Test("a source that is not an image, or a missing file, is one line and a usage or not-found exit")
    func badSources() throws {
        let harness = try CommandHarness()
        let missing = harness.run(["infer", "oci-archive:/nonexistent/image.tar"])
        #expect(missing.status != 0)
        #expect(missing.stderr.split(separator: "\n").count == 1, "\(missing.stderr)")
        let both = harness.run(["generate", "--from-image", "oci:/x", "--dockerfile", "Dockerfile"])
        #expect(both.status == 64)
    }
}

@Suite("Shell completion")
struct CompletionCommandTests {
    @Test("bash, zsh and fish scripts name the subcommands", arguments: ["bash", "zsh", "fish"])
    func scripts(shell: String) throws {
        let result = try CommandHarness().run(["completion", shell])
        #expect(result.status == 0)
        for command in ["generate", "audit", "fix", "infer", "entries"] {
            #expect(result.stdout.contains(command), "\(shell): \(command)")
        }
    }

    @Test func unknownShellIsAUsageError() throws {
        #expect(try CommandHarness().run(["completion", "tcsh"]).status == 64)
    }
}
