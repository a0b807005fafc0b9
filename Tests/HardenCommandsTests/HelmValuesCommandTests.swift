import Foundation
import Testing

/// `harden generate --format helm-values --chart` with several images: one values file for a chart that runs them,
/// a usage error for an image the chart does not run.
@Suite("harden generate: helm values of several images")
struct HelmValuesCommandTests {
    @Test func redisAndItsSentinelAreOneValuesFile() throws {
        let result = try CommandHarness().run([
            "generate", "bitnami/redis:8.2", "bitnami/redis-sentinel:8.2", "--format", "helm-values", "--chart",
            "bitnami/redis",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(["master:", "replica:", "sentinel:"].allSatisfy(lines.contains), "\(result.stdout)")
        #expect(result.stdout.components(separatedBy: "# values for the chart").count == 2)
        #expect(result.stderr.contains("sentinel.enabled"))
    }

    @Test func anImageTheChartDoesNotRunIsAUsageError() throws {
        let harness = try CommandHarness()
        let cases: [([String], String)] = [
            (
                ["bitnami/redis:8.2", "nginx:1.29", "--chart", "bitnami/redis"],
                "sentinel runs docker.io/bitnami/redis-sentinel"
            ),
            (["nginx:1.29", "redis:7"], "the chart helm-create runs one image"),
        ]
        for (arguments, message) in cases {
            let result = harness.run(["generate", "--format", "helm-values"] + arguments)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
    }
}
