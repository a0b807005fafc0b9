import Foundation
import Testing

/// `harden generate` with several images: one workload and Service each, Secrets for required settings, and
/// Compose services that keep their own sysctls and keep databases off the network.
@Suite("harden generate: one workload per image")
struct GenerateSplitTests {
    /// The documents of a YAML stream, each as its lines.
    static func documents(_ text: String) -> [[String]] {
        text.components(separatedBy: "---\n").map { $0.split(separator: "\n").map(String.init) }
    }

    /// The value of a top-level-ish `key:` line (the first one, at any indentation).
    static func value(_ key: String, in lines: [String]) -> String? {
        lines.lazy.map { $0.trimmingCharacters(in: .whitespaces) }.first { $0.hasPrefix("\(key): ") }
            .map { String($0.dropFirst(key.count + 2)) }
    }

    @Test func severalImagesAsADeploymentAreOneWorkloadAndServiceEach() throws {
        let result = try CommandHarness().run(["generate", "nginx:1.29", "redis:7", "nginx:1.29-alpine"])
        #expect(result.status == 0, "\(result.stderr)")
        let kinds = Self.documents(result.stdout).map { Self.value("kind", in: $0) }
        #expect(kinds == ["Service", "Deployment", "Service", "Deployment", "Service", "Deployment"])
        let names = Self.documents(result.stdout).map { Self.value("name", in: $0) }
        #expect(names == ["nginx", "nginx", "redis", "redis", "nginx-2", "nginx-2"])
        // Each pod has only its own image's sysctl: redis binds no privileged port.
        let redis = Self.documents(result.stdout)[3]
        #expect(!redis.contains { $0.contains("ip_unprivileged_port_start") })
        #expect(!result.stdout.contains("clusterIP"))
    }

    @Test func aStatefulSetNamesItsHeadlessService() throws {
        for arguments in [["postgres:16", "redis:7"], ["postgres:16"]] {
            let result = try CommandHarness().run(["generate"] + arguments + ["--kind", "statefulset"])
            #expect(result.status == 0, "\(result.stderr)")
            let documents = Self.documents(result.stdout)
            let services = documents.filter { Self.value("kind", in: $0) == "Service" }
            let statefulSets = documents.filter { Self.value("kind", in: $0) == "StatefulSet" }
            #expect(services.count == arguments.count)
            #expect(statefulSets.count == arguments.count)
            for (service, statefulSet) in zip(services, statefulSets) {
                #expect(Self.value("clusterIP", in: service) == "None")
                #expect(Self.value("serviceName", in: statefulSet) == Self.value("name", in: service))
            }
        }
    }

    @Test func noSplitKeepsOnePodOfSeveralContainers() throws {
        let result = try CommandHarness().run(["generate", "nginx:1.29", "redis:7", "--no-split"])
        #expect(result.status == 0)
        #expect(Self.documents(result.stdout).map { Self.value("kind", in: $0) } == ["Deployment"])
        #expect(result.stdout.contains("- name: redis\n"))
        // A pod keeps one pod of several containers unless asked.
        let pod = try CommandHarness().run(["generate", "nginx:1.29", "redis:7", "--kind", "pod"])
        #expect(Self.documents(pod.stdout).count == 1)
    }

    @Test func postgresReadsItsPasswordFromAPlaceholderSecret() throws {
        let result = try CommandHarness().run(["generate", "postgres:16", "--kind", "statefulset"])
        #expect(result.status == 0)
        let secret = try #require(Self.documents(result.stdout).first)
        #expect(Self.value("kind", in: secret) == "Secret")
        #expect(Self.value("name", in: secret) == "postgres-secrets")
        #expect(secret.contains("  POSTGRES_PASSWORD: ''"))
        #expect(
            result.stdout.contains(
                "- name: POSTGRES_PASSWORD\n          valueFrom:\n            secretKeyRef:\n              name: postgres-secrets\n              key: POSTGRES_PASSWORD\n"
            ))
        #expect(result.stderr.contains("warning: postgres: the image refuses to start without POSTGRES_PASSWORD"))
    }

    @Test func composeKeepsEachServicesSysctlsAndDatabasesOnLoopback() throws {
        let result = try CommandHarness().run(["generate", "nginx:1.29", "postgres:16", "--format", "compose"])
        #expect(result.status == 0)
        let services = result.stdout.components(separatedBy: "\n  postgres:\n")
        #expect(services.count == 2)
        #expect(services[0].contains("net.ipv4.ip_unprivileged_port_start: '80'"))
        #expect(services[0].contains("- '80:80'"))
        #expect(!services[1].contains("sysctls"))
        #expect(services[1].contains("- '127.0.0.1:5432:5432'"))
        #expect(services[1].contains("POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}"))
        #expect(!result.stdout.contains("nginx-nginx"))
        #expect(!result.stdout.contains("postgres-postgres"))
    }

    @Test func splitRefusesWhatItCannotMean() throws {
        let harness = try CommandHarness()
        let cases: [([String], String)] = [
            (["nginx", "redis", "--name", "web"], "--name: names one workload"),
            (["nginx", "--format", "compose", "--no-split"], "--split: cannot be false"),
            (["nginx", "--format", "helm-values", "--split"], "--split: format helm-values describes one workload"),
            (["nginx", "--kind", "container", "--split"], "--split: kind container"),
        ]
        for (arguments, message) in cases {
            let result = harness.run(["generate"] + arguments)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
        }
    }
}
