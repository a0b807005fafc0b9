import Foundation
import HardenTestSupport
import Testing

/// `harden verify` against a real podman and real Debian images (`.ci/test-images` builds them; `.ci/run` sets
/// HARDEN_REQUIRE_ENGINE=1 so that a machine without them fails instead of skipping).
@Suite("harden verify in a real engine", .enabled(if: VerifyEngine.ready))
struct VerifyTests {
    static let nginx = "localhost/harden-test/nginx:bookworm"
    static let redis = "localhost/harden-test/redis:bookworm"
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(path: "Fixtures")
    static let overlay = fixtures.appending(path: "verify-seeds")
    static let nginxSeed = overlay.appending(path: "localhost/harden-test/nginx.yaml")

    static func podman(_ arguments: [String]) -> Int32 { VerifyEngine.podman(arguments) }

    /// The engine arguments this machine needs (podman's default rlimits are refused here), as CI sets them.
    static var environment: [String: String] {
        let arguments =
            ProcessInfo.processInfo.environment["HARDEN_ENGINE_ARGS"]
            ?? "--ulimit nofile=1024:1024 --ulimit nproc=1024:1024"
        return ["HARDEN_ENGINE_ARGS": arguments]
    }

    func verify(_ arguments: [String], seeds: String = VerifyTests.overlay.path) throws -> (
        status: Int32, report: [String: Any], stderr: String
    ) {
        let result = try CommandHarness().run(
            ["verify", "--engine", "podman", "--output", "json", "--seconds", "3", "--seed-dir", seeds] + arguments,
            environment: Self.environment)
        let report =
            result.stdout.isEmpty
            ? [:] : try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
        return (result.status, report, result.stderr)
    }

    /// A copy of the nginx overlay with `edit` applied to its text.
    func overlay(_ edit: (String) -> String) throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        let folder = URL(fileURLWithPath: directory.path).appending(path: "localhost/harden-test")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let text = try String(contentsOf: Self.nginxSeed, encoding: .utf8)
        try edit(text).write(to: folder.appending(path: "nginx.yaml"), atomically: true, encoding: .utf8)
        return directory
    }

    static func writablePathsRemoved(_ text: String, keeping kept: [String] = []) -> String {
        let start = text.range(of: "    writablePaths:\n")!
        let end = text.range(of: "    ports:\n")!
        let items = text[start.upperBound..<end.lowerBound].components(separatedBy: "      - path: ").dropFirst()
        let keptItems = items.filter { item in kept.contains { item.hasPrefix($0 + "\n") } }
        let body =
            keptItems.isEmpty
            ? "    writablePaths: []\n" : "    writablePaths:\n" + keptItems.map { "      - path: " + $0 }.joined()
        return String(text[..<start.lowerBound]) + body + String(text[end.lowerBound...])
    }

    @Test func passesWithTheRightOverlayAndLeavesNothingBehind() throws {
        let (status, report, stderr) = try verify([Self.nginx, "--probe", "http:80/"])
        #expect(status == 0, "\(stderr) \(report)")
        #expect(report["verified"] as? Bool == true)
        #expect(report["runningAfterSeconds"] as? Int == 3)
        let command = report["command"] as? [String] ?? []
        for flag in ["--read-only", "--cap-drop", "no-new-privileges", "33:33", "--read-only-tmpfs=false"] {
            #expect(command.contains(flag), "\(command)")
        }
        let probes = report["probes"] as? [[String: Any]] ?? []
        #expect(probes.first?["passed"] as? Bool == true)
        let name = command[command.firstIndex(of: "--name")! + 1]
        #expect(Self.podman(["container", "exists", name]) == 1, "the container \(name) was left behind")
        #expect(!FileManager.default.fileExists(atPath: NSTemporaryDirectory() + name))
    }

    @Test func failsAndNamesTheMissingDirectory() throws {
        let seeds = try overlay { Self.writablePathsRemoved($0, keeping: ["/var/log/nginx", "/run"]) }
        let (status, report, stderr) = try verify([Self.nginx], seeds: seeds.path)
        #expect(status == 2, "\(stderr)")
        #expect(report["verified"] as? Bool == false)
        let findings = report["findings"] as? [[String: Any]] ?? []
        #expect(
            findings.contains { $0["kind"] as? String == "writable-path" && $0["path"] as? String == "/var/lib/nginx" })
    }

    @Test func learnConvergesFromAnEmptyOverlay() throws {
        let seeds = try overlay { Self.writablePathsRemoved($0) }
        let (status, report, stderr) = try verify([Self.nginx, "--learn", "--probe", "tcp:80"], seeds: seeds.path)
        #expect(status == 0, "\(stderr) \(report)")
        let learned = report["learned"] as? [String: Any] ?? [:]
        #expect(Set(learned["writablePaths"] as? [String] ?? []) == ["/var/lib/nginx", "/var/log/nginx", "/run"])
        // The learned overlay is a seed file that lints without errors (the test's stripped overlay leaves one
        // source uncited: a warning) and verifies on its own.
        let seed = try #require(learned["seed"] as? String)
        let relearned = try overlay { _ in seed }
        let lint = try CommandHarness().run(["entries", "lint", relearned.path])
        #expect(lint.status == 0, "\(lint.stdout)\(lint.stderr)")
        #expect((lint.stdout + lint.stderr).contains(": 0 errors"), "\(lint.stdout)\(lint.stderr)")
        let again = try verify([Self.nginx], seeds: relearned.path)
        #expect(again.status == 0, "\(again.stderr)")
    }

    @Test func aPrivilegedPortWithoutTheSysctlIsNamed() throws {
        let seeds = try overlay { text in
            String(text[..<text.range(of: "    ports:\n")!.lowerBound]) + "    ports: []\n"
        }
        let (status, report, _) = try verify([Self.nginx], seeds: seeds.path)
        #expect(status == 2)
        let findings = report["findings"] as? [[String: Any]] ?? []
        #expect(findings.contains { $0["kind"] as? String == "privileged-port" && $0["port"] as? Int == 80 })
    }

    @Test func aWrongUIDIsReported() throws {
        // Debian's redis.conf is readable by the redis user only; the overlay claims www-data.
        let seeds = try overlay { text in
            text.replacingOccurrences(
                of: "repository: localhost/harden-test/nginx", with: "repository: localhost/harden-test/redis")
        }
        let folder = URL(fileURLWithPath: seeds.path).appending(path: "localhost/harden-test")
        try FileManager.default.moveItem(
            at: folder.appending(path: "nginx.yaml"), to: folder.appending(path: "redis.yaml"))
        let (status, report, stderr) = try verify([Self.redis], seeds: seeds.path)
        #expect(status == 2, "\(stderr)")
        let kinds = (report["findings"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
        #expect(kinds.contains("uid") || kinds.contains("fsgroup-ownership"), "\(report)")
    }

    @Test func aMissingImageOrEngineIsItsOwnError() throws {
        let missing = try verify(["localhost/harden-test/nginx:no-such-tag"])
        #expect(missing.status == 5)
        #expect(missing.stderr.contains("not in podman's local store"))
        let result = try CommandHarness().run(
            ["verify", "--seed-dir", Self.overlay.path, Self.nginx], environment: ["PATH": "/nonexistent"])
        #expect(result.status == 5)
        #expect(result.stderr.contains("podman is not installed"))
    }
}

/// Whether podman and the test images are here.
enum VerifyEngine {
    static let ready: Bool = {
        let ready =
            FileManager.default.isExecutableFile(atPath: "/usr/bin/podman")
            && ["localhost/harden-test/nginx:bookworm", "localhost/harden-test/redis:bookworm"].allSatisfy {
                podman(["image", "exists", $0]) == 0
            }
        if !ready && ProcessInfo.processInfo.environment["HARDEN_REQUIRE_ENGINE"] == "1" {
            fatalError("HARDEN_REQUIRE_ENGINE=1 but podman or the test images are missing: run .ci/test-images")
        }
        return ready
    }()

    static func podman(_ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/podman")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

}
