import Foundation
import HardenTestSupport
import Testing

/// `harden infer registry:REF` against a real distribution registry (Debian's docker-registry) on a loopback port,
/// the test image pushed to it over the distribution API; token auth against a token service made for the tests.
/// Skipped where docker-registry is missing, unless HARDEN_REQUIRE_ENGINE=1 (CI) makes that fatal.
@Suite("harden infer from a registry", .enabled(if: TestRegistry.available))
struct RegistryInferTests {
    static let repository = "test/app"

    func infer(_ arguments: [String], environment: [String: String] = [:]) throws -> (
        status: Int32, profile: [String: Any], stderr: String
    ) {
        let result = try CommandHarness().run(["infer", "--output", "json"] + arguments, environment: environment)
        let json =
            result.stdout.isEmpty
            ? [:] : try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
        return (result.status, json["profile"] as? [String: Any] ?? [:], result.stderr)
    }

    static func ports(_ profile: [String: Any]) -> [Int] {
        (profile["ports"] as? [[String: Any]] ?? []).compactMap { $0["port"] as? Int }
    }

    @Test func infersTheUserPortsAndPathsOfAPushedImage() throws {
        let registry = try TestRegistry()
        try RegistryTestImage().push(to: registry, repository: Self.repository, tag: "1")
        let (status, profile, stderr) = try infer([
            "registry:\(registry.host)/test/app:1", "--insecure-registry", registry.host,
        ])
        #expect(status == 0, "\(stderr)")
        #expect(profile["runAsUser"] as? Int == 10001)
        #expect(profile["runAsGroup"] as? Int == 10001)
        #expect(Self.ports(profile) == [8080])
        let writable = (profile["writablePaths"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
        #expect(writable.contains("/var/lib/app"), "\(writable)")

        // --pull reads a plain reference the same way.
        let pulled = try infer(["--pull", "\(registry.host)/test/app:1", "--insecure-registry", registry.host])
        #expect(pulled.status == 0, "\(pulled.stderr)")
        #expect(pulled.profile["runAsUser"] as? Int == 10001)
    }

    /// `harden generate REF --infer`: the spec from the pulled image's own facts; a known image pulls nothing.
    @Test func generateInferPullsAndWritesTheSpec() throws {
        let registry = try TestRegistry()
        try RegistryTestImage().push(to: registry, repository: Self.repository, tag: "1")
        let harness = try CommandHarness()
        let reference = "\(registry.host)/test/app:1"
        let result = harness.run(["generate", reference, "--infer", "--insecure-registry", registry.host])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("runAsUser: 10001"))
        #expect(result.stdout.contains("mountPath: /var/lib/app"))
        #expect(result.stdout.contains("image: \(reference)"))
        #expect(result.stderr.contains("# inferred runAsUser 10001"))
        let known = harness.run(["generate", "nginx:1.27", "--infer"])
        #expect(known.status == 0)
        #expect(known.stderr.contains("curated entry is used, nothing pulled"))
        #expect(harness.run(["generate", "a", "b", "--infer"]).status == 64)
    }

    @Test func picksThePlatformFromAnIndex() throws {
        let registry = try TestRegistry()
        var entries: [[String: Any]] = []
        for (architecture, port) in [("amd64", 8080), ("arm64", 9090)] {
            let (digest, size) = try RegistryTestImage(architecture: architecture, port: port).push(
                to: registry, repository: Self.repository, tag: architecture)
            entries.append([
                "mediaType": RegistryTestImage.manifestType, "digest": digest, "size": size,
                "platform": ["os": "linux", "architecture": architecture],
            ])
        }
        let index = try JSONSerialization.data(withJSONObject: [
            "schemaVersion": 2, "mediaType": RegistryTestImage.indexType, "manifests": entries,
        ])
        try registry.push(manifest: index, mediaType: RegistryTestImage.indexType, to: Self.repository, tag: "multi")
        let source = "registry:\(registry.host)/test/app:multi"
        let arm = try infer([source, "--insecure-registry", registry.host, "--platform", "linux/arm64"])
        #expect(arm.status == 0, "\(arm.stderr)")
        #expect(Self.ports(arm.profile) == [9090])
        let amd = try infer([source, "--insecure-registry", registry.host])
        #expect(Self.ports(amd.profile) == [8080])
        let missing = try infer([source, "--insecure-registry", registry.host, "--platform", "linux/s390x"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no linux/s390x variant"), "\(missing.stderr)")
    }

    @Test func refusesATamperedBlob() throws {
        let registry = try TestRegistry()
        let image = try RegistryTestImage()
        try image.push(to: registry, repository: Self.repository, tag: "1")
        // The registry checked the digest on upload; altering its storage afterwards is what a corrupt disk or a
        // compromised mirror does. Same length, one byte changed.
        let path = registry.blobFile("sha256:" + (try TestDigest.sha256(image.layers[1])))
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[bytes.count - 1] ^= 0xff
        try bytes.write(to: URL(fileURLWithPath: path))
        let (status, _, stderr) = try infer([
            "registry:\(registry.host)/test/app:1", "--insecure-registry", registry.host,
        ])
        #expect(status == 3, "\(stderr)")
        #expect(stderr.contains("the image is corrupt or was altered"), "\(stderr)")
    }

    @Test func saysWhatToDoWhenTheImageOrTransportIsWrong() throws {
        let registry = try TestRegistry()
        try RegistryTestImage().push(to: registry, repository: Self.repository, tag: "1")
        let missing = try infer(["registry:\(registry.host)/test/app:2", "--insecure-registry", registry.host])
        #expect(missing.status == 2, "\(missing.stderr)")
        #expect(missing.stderr.contains("has no image test/app:2"), "\(missing.stderr)")
        // Loopback is not exempt from HTTPS: plain HTTP only when asked for, and the error says how.
        let plain = try infer(["registry:\(registry.host)/test/app:1"])
        #expect(plain.status == 4, "\(plain.stderr)")
        #expect(plain.stderr.contains("--insecure-registry \(registry.host)"), "\(plain.stderr)")
    }

    @Test func authenticatesWithATokenFromTheAuthFile() throws {
        let tokens = try TestTokenService(repository: Self.repository)
        let registry = try TestRegistry(token: tokens)
        try RegistryTestImage().push(to: registry, repository: Self.repository, tag: "1")
        // The token service is plain HTTP too: credentials go over it only because it is named.
        let arguments = [
            "registry:\(registry.host)/test/app:1", "--insecure-registry", registry.host, "--insecure-registry",
            tokens.host,
        ]
        let anonymous = try infer(arguments)
        #expect(anonymous.status == 4, "\(anonymous.stderr)")
        #expect(anonymous.stderr.contains("refused access"), "\(anonymous.stderr)")
        #expect(anonymous.stderr.contains("no credentials for \(registry.host)"), "\(anonymous.stderr)")

        let authenticated = try infer(
            arguments, environment: ["REGISTRY_AUTH_FILE": try tokens.authFile(for: registry.host)])
        #expect(authenticated.status == 0, "\(authenticated.stderr)")
        #expect(authenticated.profile["runAsUser"] as? Int == 10001)

        let unnamed = try infer(
            Array(arguments.dropLast(2)), environment: ["REGISTRY_AUTH_FILE": try tokens.authFile(for: registry.host)])
        #expect(unnamed.status == 4)
        #expect(unnamed.stderr.contains("--insecure-registry \(tokens.host)"), "\(unnamed.stderr)")
    }

    @Test func pullsThroughTheProxyTheEnvironmentNames() throws {
        let registry = try TestRegistry()
        try RegistryTestImage().push(to: registry, repository: Self.repository, tag: "1")
        let proxy = try TestProxy(credentials: "proxy-user:pa@ss")
        let arguments = ["registry:\(registry.host)/test/app:1", "--insecure-registry", registry.host]

        let refused = try infer(arguments, environment: ["http_proxy": "http://\(proxy.host)"])
        #expect(refused.status == 4, "\(refused.stderr)")
        #expect(refused.stderr.contains("the proxy asks for credentials"), "\(refused.stderr)")

        let tunnelled = try infer(arguments, environment: ["http_proxy": "http://proxy-user:pa%40ss@\(proxy.host)"])
        #expect(tunnelled.status == 0, "\(tunnelled.stderr)")
        #expect(tunnelled.profile["runAsUser"] as? Int == 10001)
        let log = try proxy.log()
        #expect(log.first == "refused \(registry.host)", "\(log)")
        #expect(log.dropFirst().allSatisfy { $0 == "connect \(registry.host)" } && log.count > 1, "\(log)")

        // no_proxy reaches the registry directly: the proxy named here listens nowhere.
        let closed = ["all_proxy": "http://127.0.0.1:1"]
        let unreachable = try infer(arguments, environment: closed)
        #expect(unreachable.status == 4, "\(unreachable.stderr)")
        #expect(
            unreachable.stderr.contains("connection refused (through the proxy 127.0.0.1:1)"), "\(unreachable.stderr)")
        let direct = try infer(arguments, environment: closed.merging(["no_proxy": "localhost,127.0.0.1"]) { $1 })
        #expect(direct.status == 0, "\(direct.stderr)")

        let unusable = try infer(arguments, environment: ["http_proxy": "ftp://proxy-user:pa%40ss@\(proxy.host)"])
        #expect(unusable.status == 64, "\(unusable.stderr)")
        #expect(unusable.stderr.contains("http_proxy is"), "\(unusable.stderr)")
        #expect(!unusable.stderr.contains("pa%40ss"), "\(unusable.stderr)")
    }
}

/// `audit --infer` and `fix --infer`: every image the knowledge base does not know is pulled from its registry, once,
/// and checked against its inferred profile; one that cannot be pulled stays unknown, said on stderr.
@Suite("audit and fix --infer against a registry", .enabled(if: TestRegistry.available))
struct RegistryAuditInferTests {
    static func manifest(registry: String) -> String {
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: app}
        spec:
          securityContext: {runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, seccompProfile: {type: RuntimeDefault}}
          containers:
          - name: app
            image: \(registry)/test/app:1
            securityContext: {readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
          - name: again
            image: \(registry)/test/app:1
            securityContext: {readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
          - name: missing
            image: \(registry)/test/app:2
            securityContext: {readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}

        """
    }

    @Test func unknownImagesArePulledOnceAndChecked() throws {
        let registry = try TestRegistry()
        try RegistryTestImage().push(to: registry, repository: RegistryInferTests.repository, tag: "1")
        let harness = try CommandHarness()
        let manifest = harness.cache.file("pod.yaml")
        try Self.manifest(registry: registry.host).write(toFile: manifest, atomically: true, encoding: .utf8)

        let blind = harness.run(["audit", manifest, "--output", "json"])
        #expect(!blind.stdout.contains("/var/lib/app"), "without --infer nothing is known of the image")

        let audit = harness.run([
            "audit", manifest, "--output", "json", "--infer", "--insecure-registry", registry.host,
        ])
        #expect(audit.status == 2, "\(audit.stderr)")
        #expect(audit.stdout.contains("/var/lib/app"), "the inferred writable path is checked: \(audit.stdout)")
        let inferredLines = audit.stderr.split(separator: "\n").filter { $0.contains("inferred from registry:") }
        #expect(inferredLines.count == 1, "one pull for two containers: \(audit.stderr)")
        #expect(
            audit.stderr.contains("\(registry.host)/test/app:2 is not in the knowledge base and was not inferred"),
            "\(audit.stderr)")

        let fix = harness.run(["fix", manifest, "--infer", "--insecure-registry", registry.host])
        #expect(fix.status == 0, "\(fix.stderr)")
        #expect(fix.stdout.contains("mountPath: /var/lib/app"), "\(fix.stdout)")

        let misplaced = harness.run(["audit", manifest, "--insecure-registry", registry.host])
        #expect(misplaced.status == 64, "\(misplaced.stderr)")
    }
}
