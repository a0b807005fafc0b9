import Foundation
import HardenCore
import Testing

/// Generated specs pinned byte for byte. Re-record with `HARDEN_RECORD_GOLDEN=1 swift test` and review the diff.
@Suite("Generated spec golden files")
struct GeneratorGoldenTests {
    struct GoldenCase: CustomTestStringConvertible, Sendable {
        let file: String
        let references: [String]
        let options: GenerateOptions
        var encoding: SpecGenerator.Encoding = .yaml
        var testDescription: String { file }
    }

    static func options(_ configure: (inout GenerateOptions) -> Void) -> GenerateOptions {
        var options = GenerateOptions()
        configure(&options)
        return options
    }

    static let cases: [GoldenCase] = [
        GoldenCase(
            file: "nginx-deployment.yaml", references: ["nginx:1.29"], options: options { $0.kind = .deployment }),
        GoldenCase(
            file: "nginx-alpine-pod.yaml", references: ["nginx:1.27-alpine"], options: options { $0.kind = .pod }),
        GoldenCase(file: "httpd-container.yaml", references: ["httpd:2.4"], options: options { $0.kind = .container }),
        GoldenCase(
            file: "httpd-daemonset.yaml", references: ["httpd:2.4-alpine"], options: options { $0.kind = .daemonset }),
        GoldenCase(
            file: "httpd-pod.json", references: ["httpd:2.4"], options: options { $0.kind = .pod }, encoding: .json),
        GoldenCase(
            file: "postgres-statefulset.yaml", references: ["postgres:16"], options: options { $0.kind = .statefulset }),
        GoldenCase(
            file: "postgres-deployment.yaml", references: ["postgres:18"], options: options { $0.kind = .deployment }),
        GoldenCase(file: "redis-job.yaml", references: ["redis:7-alpine"], options: options { $0.kind = .job }),
        GoldenCase(
            file: "redis-cronjob.yaml", references: ["redis:7"],
            options: options {
                $0.kind = .cronjob
                $0.schedule = "*/5 * * * *"
            }),
        GoldenCase(
            file: "cassandra-statefulset.yaml", references: ["cassandra:5"], options: options { $0.kind = .statefulset }
        ),
        GoldenCase(
            file: "nginx-openshift-deployment.yaml", references: ["nginx:1.29"],
            options: options { $0.platform = .openshift }),
        GoldenCase(
            file: "nginx-redis-pod.yaml", references: ["nginx:1.29", "redis:7"],
            options: options {
                $0.kind = .pod
                $0.name = "web"
                $0.namespace = "shop"
            }),
        GoldenCase(
            file: "unknown-image-deployment.yaml", references: ["ghcr.io/acme/api:1.0"],
            options: options {
                $0.unknownImage = .generic
                $0.writablePaths = ["/var/cache/api"]
                $0.ports = [8080]
                $0.runAs = GenerateOptions.UserID(uid: 10001, gid: nil)
                $0.replicas = 3
            }),
        GoldenCase(
            file: "nginx-helm-values.yaml", references: ["nginx:1.29"], options: options { $0.format = .helmValues }),
        GoldenCase(
            file: "grafana-chart-helm-values.yaml", references: ["grafana/grafana:12.1.0"],
            options: options {
                $0.format = .helmValues
                $0.chart = "grafana/grafana"
            }),
        GoldenCase(
            file: "postgresql-bitnami-chart-helm-values.yaml", references: ["bitnami/postgresql:17"],
            options: options {
                $0.format = .helmValues
                $0.chart = "bitnami/postgresql"
            }),
        GoldenCase(
            file: "redis-sentinel-bitnami-chart-helm-values.yaml",
            references: ["bitnami/redis:8.2", "bitnami/redis-sentinel:8.2"],
            options: options {
                $0.format = .helmValues
                $0.chart = "bitnami/redis"
            }),
        GoldenCase(
            file: "nginx-kustomize-patch.yaml", references: ["nginx:1.29"],
            options: options {
                $0.format = .kustomizePatch
                $0.name = "frontend"
                $0.containerName = "web"
            }),
        GoldenCase(
            file: "nginx-docker-run.sh", references: ["nginx:1.29"], options: options { $0.format = .dockerRun }),
        GoldenCase(
            file: "postgres-docker-run.sh", references: ["postgres:16"], options: options { $0.format = .dockerRun }),
        GoldenCase(file: "nginx-compose.yaml", references: ["nginx:1.29"], options: options { $0.format = .compose }),
        GoldenCase(
            file: "postgres-compose.yaml", references: ["postgres:16"], options: options { $0.format = .compose }),
        GoldenCase(
            file: "nginx-postgres-redis-compose.yaml", references: ["nginx:1.29", "postgres:16", "redis:7"],
            options: options { $0.format = .compose }),
        GoldenCase(
            file: "postgres-nginx-split-statefulset.yaml", references: ["postgres:16", "nginx:1.29"],
            options: options {
                $0.kind = .statefulset
                $0.namespace = "shop"
            }),
        GoldenCase(
            file: "postgres-nginx-split-deployment.json", references: ["postgres:18", "nginx:1.29"],
            options: options { $0.kind = .deployment }, encoding: .json),
    ]

    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(path: "Golden")

    @Test(arguments: cases)
    func matchesGoldenFile(_ c: GoldenCase) throws {
        let generator = SpecGenerator(resolver: Resolver(knowledgeBase: try shippedKnowledgeBase()))
        let output = try generator.generate(c.references, options: c.options, encoding: c.encoding).text
        let url = Self.goldenDirectory.appending(path: c.file)
        if ProcessInfo.processInfo.environment["HARDEN_RECORD_GOLDEN"] == "1" {
            let previous = try? String(contentsOf: url, encoding: .utf8)
            try output.write(to: url, atomically: true, encoding: .utf8)
            // Recording is not a pass: the run fails so that a recorded change is always reviewed.
            if previous != output { Issue.record("recorded \(c.file): review the diff, then run the tests again") }
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(output == expected, "re-record with HARDEN_RECORD_GOLDEN=1 swift test and review the diff")
    }

    @Test func sameInputGivesTheSameBytes() throws {
        let generator = SpecGenerator(resolver: Resolver(knowledgeBase: try shippedKnowledgeBase()))
        let first = try generator.generate(["nginx", "postgres"], options: GenerateOptions(), encoding: .yaml).text
        let second = try generator.generate(["nginx", "postgres"], options: GenerateOptions(), encoding: .yaml).text
        #expect(first == second)
    }
}
