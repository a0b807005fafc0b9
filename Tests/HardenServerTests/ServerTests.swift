import Foundation
import HTTPTypes
import HardenCore
import HardenTestSupport
import Hummingbird
import HummingbirdTesting
import Testing
import Yams

@testable import HardenServer

/// The shipped knowledge base, in memory, behind one service shared by the tests. The suites run in parallel, more
/// heavy requests at once than a 2-core machine's 8 slots: this service admits them all (admission is
/// HeavyWorkTests' subject, not these tests').
let sharedService = Result {
    let catalog = try DefaultKnowledgeBase.shippedCatalog()
    return try QueryService(
        knowledgeBase: try KnowledgeBaseBuilder.inMemory(catalog.entries, mirrors: catalog.mirrors),
        heavyWork: HeavyWork(capacity: 256))
}

func testApplication(port: Int = 0) throws -> some ApplicationProtocol {
    buildApplication(
        service: try sharedService.get(),
        configuration: .forTests(port: port))
}

func json(_ buffer: ByteBuffer) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(String(buffer: buffer).utf8))
}

/// Checks the one error shape every failure has: `field` is always there (null when no one part of the request is
/// at fault), and no message speaks Swift's decoding words.
func expectError(
    _ response: TestResponse, status: HTTPResponse.Status, code: String, field: String? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    #expect(response.status == status, sourceLocation: sourceLocation)
    #expect(response.headers[.contentType] == "application/json", sourceLocation: sourceLocation)
    let body = try #require(try json(response.body) as? [String: Any], sourceLocation: sourceLocation)
    let error = try #require(body["error"] as? [String: Any], sourceLocation: sourceLocation)
    #expect(error["status"] as? Int == Int(status.code), sourceLocation: sourceLocation)
    #expect(error["code"] as? String == code, sourceLocation: sourceLocation)
    let message = try #require(error["message"] as? String, sourceLocation: sourceLocation)
    #expect(!message.isEmpty, sourceLocation: sourceLocation)
    #expect(!message.contains("Coding key"), sourceLocation: sourceLocation)
    #expect(error.keys.contains("field"), sourceLocation: sourceLocation)
    if let field { #expect(error["field"] as? String == field, "\(message)", sourceLocation: sourceLocation) }
}

@Suite("Query service routes")
struct ServerRouteTests {
    @Test func healthAndReadiness() async throws {
        try await testApplication().test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/readyz", method: .get) { response in
                let body = try #require(try json(response.body) as? [String: Any])
                #expect((body["images"] as? Int ?? 0) >= 50)
            }
        }
    }

    @Test func resolveAnswersTheCLIContract() async throws {
        try await testApplication().test(.router) { client in
            try await client.execute(uri: "/v1/resolve?ref=nginx:1.29-alpine", method: .get) { response in
                #expect(response.status == .ok)
                let body = try #require(try json(response.body) as? [String: Any])
                let resolution = try JSONDecoder().decode(
                    Resolution.self, from: Data(String(buffer: response.body).utf8))
                #expect(resolution.match?.variant == "alpine")
                #expect(body["suggestions"] as? [String] == [])
            }
            try await client.execute(uri: "/v1/resolve?ref=ghcr.io/acme/api&variant=x", method: .get) { response in
                #expect(response.status == .ok)
                let body = try #require(try json(response.body) as? [String: Any])
                #expect(body["match"] is NSNull)
            }
        }
    }

    @Test func resolveErrorsAreJSON() async throws {
        try await testApplication().test(.router) { client in
            try await client.execute(uri: "/v1/resolve?ref=Nginx", method: .get) {
                try expectError($0, status: .badRequest, code: "invalid_input")
            }
            try await client.execute(uri: "/v1/resolve", method: .get) {
                try expectError($0, status: .badRequest, code: "invalid_input")
            }
            try await client.execute(uri: "/v1/resolve?ref=nginx&variant=windows", method: .get) {
                try expectError($0, status: .badRequest, code: "invalid_input")
            }
        }
    }

    @Test func batchResolveAnswersEachReference() async throws {
        try await testApplication().test(.router) { client in
            let body = ByteBuffer(string: #"{"references": ["nginx", "Bad:ref", "redis:7-alpine"]}"#)
            try await client.execute(uri: "/v1/resolve", method: .post, body: body) { response in
                #expect(response.status == .ok)
                let items = try #require(try json(response.body) as? [[String: Any]])
                #expect(items.count == 3)
                #expect(items[1]["error"] is String)
                #expect((items[2]["match"] as? [String: Any])?["variant"] as? String == "alpine")
            }
            try await client.execute(uri: "/v1/resolve", method: .post, body: ByteBuffer(string: "{not json")) {
                try expectError($0, status: .badRequest, code: "invalid_input")
            }
        }
    }

    @Test func imagesListSearchAndOne() async throws {
        try await testApplication().test(.router) { client in
            try await client.execute(uri: "/v1/images", method: .get) { response in
                let items = try json(response.body) as? [Any]
                #expect(items?.count ?? 0 >= 50)
            }
            try await client.execute(uri: "/v1/images?q=nginx", method: .get) { response in
                let items = try #require(try json(response.body) as? [[String: Any]])
                #expect(!items.isEmpty)
                #expect(
                    items.allSatisfy {
                        ($0["repository"] as? String ?? "").contains("nginx")
                            || ($0["description"] as? String ?? "").lowercased().contains("nginx")
                    })
            }
            try await client.execute(uri: "/v1/images/docker.io/library/httpd", method: .get) { response in
                let entry = try #require(try json(response.body) as? [String: Any])
                #expect(entry["repository"] as? String == "docker.io/library/httpd")
                #expect((entry["sources"] as? [Any])?.isEmpty == false)
            }
            try await client.execute(uri: "/v1/images/ngnix", method: .get) {
                try expectError($0, status: .notFound, code: "not_found")
            }
        }
    }

    @Test func generateByAcceptHeader() async throws {
        try await testApplication().test(.router) { client in
            let request = ByteBuffer(string: #"{"references": ["postgres:16"], "kind": "statefulset"}"#)
            try await client.execute(uri: "/v1/generate", method: .post, body: request) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/yaml")
                let text = String(buffer: response.body)
                #expect(text.contains("kind: StatefulSet"))
                #expect(text.hasPrefix("# "))
            }
            try await client.execute(
                uri: "/v1/generate", method: .post, headers: [.accept: "application/json"], body: request
            ) { response in
                let body = try #require(try json(response.body) as? [String: Any])
                // The spec is JSON objects, not a string to parse again.
                // Several objects (the Secret, the headless Service, the StatefulSet) are a List.
                let spec = try #require(body["spec"] as? [String: Any])
                #expect(spec["kind"] as? String == "List")
                let items = try #require(spec["items"] as? [[String: Any]])
                #expect(items.map { $0["kind"] as? String } == ["Secret", "Service", "StatefulSet"])
                #expect((body["notes"] as? [Any])?.isEmpty == false)
            }
        }
    }

    /// The chart presets of `harden generate --chart`, by the same name in the request.
    @Test func generateHelmValuesForAChart() async throws {
        try await testApplication().test(.router) { client in
            let request = ByteBuffer(
                string:
                    #"{"references": ["grafana/grafana:11.3.0"], "format": "helm-values", "chart": "grafana/grafana"}"#)
            try await client.execute(uri: "/v1/generate", method: .post, body: request) { response in
                #expect(response.status == .ok)
                let text = String(buffer: response.body)
                #expect(text.contains("containerSecurityContext:"), "\(text)")
                #expect(text.contains("extraVolumes:"), "\(text)")
            }
            // A chart that runs several images takes one reference for each.
            let redis = ByteBuffer(
                string:
                    #"{"references": ["bitnami/redis:8.2", "bitnami/redis-sentinel:8.2"], "format": "helm-values", "chart": "bitnami/redis"}"#
            )
            try await client.execute(uri: "/v1/generate", method: .post, body: redis) { response in
                #expect(response.status == .ok)
                let text = String(buffer: response.body)
                #expect(text.contains("\nsentinel:\n") && text.contains("\nreplica:\n"), "\(text)")
            }
            let stranger = ByteBuffer(
                string:
                    #"{"references": ["bitnami/redis:8.2", "nginx:1.27"], "format": "helm-values", "chart": "bitnami/redis"}"#
            )
            try await client.execute(uri: "/v1/generate", method: .post, body: stranger) {
                try expectError($0, status: .badRequest, code: "invalid_input", field: "references")
            }
            for body in [
                #"{"references": ["nginx:1.27"], "chart": "grafana/grafana"}"#,
                #"{"references": ["nginx:1.27"], "format": "helm-values", "chart": "no/such-chart"}"#,
            ] {
                try await client.execute(uri: "/v1/generate", method: .post, body: ByteBuffer(string: body)) {
                    try expectError($0, status: .badRequest, code: "invalid_input", field: "chart")
                }
            }
        }
    }

    @Test func generateErrors() async throws {
        try await testApplication().test(.router) { client in
            try await client.execute(
                uri: "/v1/generate", method: .post, body: ByteBuffer(string: #"{"references": []}"#)
            ) {
                try expectError($0, status: .badRequest, code: "invalid_input")
            }
            try await client.execute(
                uri: "/v1/generate", method: .post,
                body: ByteBuffer(string: #"{"references": ["ghcr.io/a/b"], "strict": true}"#)
            ) {
                try expectError($0, status: .notFound, code: "not_found")
            }
            try await client.execute(
                uri: "/v1/generate", method: .post,
                body: ByteBuffer(string: #"{"references": ["nginx"], "runAs": "0"}"#)
            ) {
                try expectError($0, status: .badRequest, code: "invalid_input")
            }
            // Unknown images are refused by default; option errors name the JSON field, never a CLI flag.
            try await client.execute(
                uri: "/v1/generate", method: .post, body: ByteBuffer(string: #"{"references": ["ghcr.io/a/b"]}"#)
            ) {
                try expectError($0, status: .notFound, code: "not_found")
                #expect(!String(buffer: $0.body).contains("--"))
            }
            try await client.execute(
                uri: "/v1/generate", method: .post,
                body: ByteBuffer(string: #"{"references": ["nginx"], "schedule": "0 3 * * *"}"#)
            ) {
                try expectError($0, status: .badRequest, code: "invalid_input")
                #expect(String(buffer: $0.body).contains("schedule: only kind cronjob"))
                #expect(!String(buffer: $0.body).contains("--"))
            }
            try await client.execute(
                uri: "/v1/generate", method: .post,
                body: ByteBuffer(string: #"{"references": ["ghcr.io/a/b"], "like": "nginx:1.29"}"#)
            ) { #expect($0.status == .ok) }
            try await client.execute(
                uri: "/v1/generate", method: .post,
                body: ByteBuffer(string: #"{"references": ["nginx"], "format": "helm-values", "split": true}"#)
            ) {
                try expectError($0, status: .badRequest, code: "invalid_input")
                #expect(String(buffer: $0.body).contains("split: format helm-values describes one workload"))
            }
        }
    }

    @Test func auditAnswersJSONOrSARIF() async throws {
        let manifest = ByteBuffer(
            string:
                "apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec:\n  containers:\n  - {name: web, image: 'nginx:1.29'}\n"
        )
        try await testApplication().test(.router) { client in
            try await client.execute(uri: "/v1/audit", method: .post, body: manifest) { response in
                let report = try #require(try json(response.body) as? [String: Any])
                #expect(report["objectsAudited"] as? Int == 1)
                #expect((report["findings"] as? [Any])?.isEmpty == false)
            }
            try await client.execute(
                uri: "/v1/audit", method: .post, headers: [.accept: "application/sarif+json"], body: manifest
            ) { response in
                #expect(response.headers[.contentType] == "application/sarif+json")
                let sarif = try json(response.body) as? [String: Any]
                #expect(sarif?["version"] as? String == "2.1.0")
            }
        }
    }

    @Test func oversizedBodiesAreRefused() async throws {
        let huge = ByteBuffer(string: String(repeating: "a: b\n", count: 300_000))
        try await testApplication().test(.router) { client in
            try await client.execute(uri: "/v1/audit", method: .post, body: huge) {
                try expectError($0, status: .contentTooLarge, code: "too_large")
            }
        }
    }

    @Test func unknownRoutesAndMethodsAreJSONErrors() async throws {
        try await testApplication().test(.router) { client in
            try await client.execute(uri: "/v2/nothing", method: .get) {
                try expectError($0, status: .notFound, code: "not_found")
            }
            try await client.execute(uri: "/v1/generate", method: .get) {
                try expectError($0, status: .methodNotAllowed, code: "method_not_allowed")
                #expect($0.headers[.allow] == "POST")
            }
            try await client.execute(uri: "/v1/resolve", method: .delete) {
                #expect($0.headers[.allow] == "GET, POST")
            }
        }
    }

    @Test func openAPIDescribesExactlyTheRoutes() async throws {
        let document = try #require(try Yams.load(yaml: OpenAPIDocument.yaml) as? [String: Any])
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        var described: Set<String> = []
        for (path, operations) in paths {
            for method in operations.keys { described.insert("\(method.uppercased()) \(path)") }
        }
        #expect(described == Set(ServerRoutes.all.map { "\($0.method) \($0.path)" }))
        try await testApplication().test(.router) { client in
            try await client.execute(uri: "/openapi.yaml", method: .get) {
                #expect(String(buffer: $0.body) == OpenAPIDocument.yaml)
            }
            for route in ServerRoutes.all
            where route.method == "GET" && !route.path.contains("{") && route.path != "/v1/resolve" {
                try await client.execute(uri: route.path, method: .get) { #expect($0.status == .ok, "\(route.path)") }
            }
        }
    }

    @Test func servesOverARealSocket() async throws {
        try await testApplication().test(.live) { client in
            try await client.execute(uri: "/v1/resolve?ref=httpd:2.4", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains(#""variant":"debian""#))
            }
        }
    }
}

@Suite("Diagnose over HTTP")
struct DiagnoseRouteTests {
    @Test func diagnoseAnswersTheCLIContract() async throws {
        let log =
            "2025/06/11 08:41:17 [emerg] 1#1: mkdir() \"/var/cache/nginx/client_temp\" failed (30: Read-only file system)\n"
        try await testApplication().test(.router) { client in
            try await client.execute(
                uri: "/v1/diagnose?image=nginx:1.29", method: .post, body: ByteBuffer(string: log)
            ) { response in
                #expect(response.status == .ok)
                let body = try #require(try json(response.body) as? [String: Any])
                let finding = try #require((body["findings"] as? [[String: Any]])?.first)
                #expect(finding["kind"] as? String == "writable-path")
                #expect(finding["path"] as? String == "/var/cache/nginx")
                #expect(finding["inKnowledgeBase"] as? Bool == true)
                #expect(body["patch"] is [String: Any])
                #expect(body["overlay"] is NSNull)
            }
        }
    }
}

@Suite("Infer over HTTP")
struct InferRouteTests {
    @Test func inferAnswersTheCLIContract() async throws {
        let dockerfile = "FROM python:3.12-slim\nRUN useradd -r -u 10001 app\nUSER app\nEXPOSE 8000\n"
        try await testApplication().test(.router) { client in
            try await client.execute(uri: "/v1/infer", method: .post, body: ByteBuffer(string: dockerfile)) {
                response in
                #expect(response.status == .ok)
                let body = try #require(try json(response.body) as? [String: Any])
                #expect((body["match"] as? [String: Any])?["via"] as? String == "inferred")
                #expect((body["profile"] as? [String: Any])?["runAsUser"] as? Int == 10001)
                #expect((body["evidence"] as? [Any])?.isEmpty == false)
            }
            try await client.execute(
                uri: "/v1/infer", method: .post, body: ByteBuffer(string: "FROM alpine\nRUN <<EOF\necho never closed\n")
            ) { try expectError($0, status: .badRequest, code: "invalid_input") }
        }
    }
}

@Suite("Audit answers are bounded")
struct AuditBoundTests {
    @Test func findingsPastTheCapAreCountedNotListed() async throws {
        let pod =
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: 'nginx:1.29'}]\n"
        let manifest = Array(repeating: pod, count: 400).joined(separator: "---\n")
        try await testApplication().test(.router) { client in
            try await client.execute(uri: "/v1/audit", method: .post, body: ByteBuffer(string: manifest)) { response in
                #expect(response.status == .ok)
                let body = try #require(try json(response.body) as? [String: Any])
                #expect((body["findings"] as? [Any])?.count == 2_000)
                #expect((body["omittedFindings"] as? Int ?? 0) > 0)
            }
        }
    }
}

@Suite("Rules over HTTP")
struct RulesRouteTests {
    @Test func rulesListEveryAuditRule() async throws {
        try await testApplication().test(.router) { client in
            try await client.execute(uri: "/v1/rules", method: .get) { response in
                #expect(response.status == .ok)
                let rules = try #require(try json(response.body) as? [[String: Any]])
                #expect(rules.count == AuditRules.all.count)
                #expect(rules.contains { $0["id"] as? String == "HRD101" && $0["fixable"] as? Bool == true })
            }
        }
    }
}

@Suite("OpenAPI document")
struct OpenAPIValidationTests {
    /// Validates the served document with openapi-spec-validator; CI sets HARDEN_OPENAPI_VALIDATOR to it (installed
    /// in .ci/run's virtualenv).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["HARDEN_OPENAPI_VALIDATOR"] != nil))
    func servedDocumentIsValidOpenAPI() async throws {
        let directory = try TemporaryDirectory()
        let file = directory.file("openapi.yaml")
        try await testApplication().test(.router) { client in
            try await client.execute(uri: "/openapi.yaml", method: .get) {
                try String(buffer: $0.body).write(toFile: file, atomically: true, encoding: .utf8)
            }
        }
        let process = Process()
        process.executableURL = URL(
            fileURLWithPath: ProcessInfo.processInfo.environment["HARDEN_OPENAPI_VALIDATOR"] ?? "")
        process.arguments = [file]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}
