import Foundation
import HTTPTypes
import HardenCore
import HardenServer
import Hummingbird
import HummingbirdTesting
import Testing
import Yams

@Suite("Fix over HTTP")
struct FixRouteTests {
    static let privileged = """
        # The web tier.
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web  # keep this name
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - name: web
                image: "nginx:1.29"  # pinned
                securityContext:
                  privileged: true

        """

    static let database = """
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

        """

    /// The rules fix repairs.
    static let fixable = Set(
        AuditRules.all.compactMap { rule in
            let type = type(of: rule)
            return type.fixable ? type.id : nil
        })

    @Test func fixesAPrivilegedDeploymentKeepingItsComments() async throws {
        try await testApplication().test(.router) { client in
            let fixed = try await client.execute(
                uri: "/v1/fix", method: .post, body: ByteBuffer(string: Self.privileged)
            ) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/yaml")
                return String(buffer: response.body)
            }
            let object = try #require(try Yams.load(yaml: fixed) as? [String: Any])
            #expect(object["kind"] as? String == "Deployment")
            #expect(!fixed.contains("privileged: true"))
            for comment in ["# The web tier.", "# keep this name", "# pinned"] { #expect(fixed.contains(comment)) }
            try await client.execute(uri: "/v1/audit", method: .post, body: ByteBuffer(string: fixed)) { response in
                let report = try #require(try json(response.body) as? [String: Any])
                let errors = (report["findings"] as? [[String: Any]] ?? []).filter {
                    $0["severity"] as? String == "error" && Self.fixable.contains($0["ruleID"] as? String ?? "")
                }
                #expect(errors.isEmpty, "\(errors)")
            }
        }
    }

    @Test func answersADiff() async throws {
        try await testApplication().test(.router) { client in
            for (uri, headers) in [("/v1/fix?diff=true", HTTPFields()), ("/v1/fix", [.accept: "text/x-diff"])] {
                try await client.execute(
                    uri: uri, method: .post, headers: headers, body: ByteBuffer(string: Self.privileged)
                ) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "text/x-diff")
                    let diff = String(buffer: response.body)
                    #expect(diff.hasPrefix("--- a/manifest\n+++ b/manifest\n@@ "))
                    #expect(diff.contains("\n-          privileged: true\n+          privileged: false\n"))
                }
            }
            try await client.execute(uri: "/v1/fix?diff=maybe", method: .post, body: ByteBuffer(string: "a: b")) {
                try expectError($0, status: .badRequest, code: "invalid_input", field: "diff")
            }
        }
    }

    @Test func answersJSONWithWhatFixCouldNotRepair() async throws {
        let manifest = Self.privileged.replacingOccurrences(of: "nginx:1.29", with: "ghcr.io/acme/unknown:1")
        try await testApplication().test(.router) { client in
            try await client.execute(
                uri: "/v1/fix", method: .post, headers: [.accept: "application/json"],
                body: ByteBuffer(string: manifest)
            ) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                let body = try #require(try json(response.body) as? [String: Any])
                #expect(body["changed"] as? Bool == true)
                #expect((body["fixed"] as? String)?.contains("# pinned") == true)
                #expect((body["changes"] as? [Any])?.isEmpty == false)
                #expect(body["migrations"] as? [Any] != nil)
                let unfixed = try #require(body["unfixed"] as? [[String: Any]])
                #expect(unfixed.contains { $0["ruleID"] as? String == "HRD106" })  // not in the knowledge base
                #expect(!unfixed.contains { $0["ruleID"] as? String == "HRD208" })  // privileged: repaired
                #expect(body["omittedFindings"] as? Int == 0)
            }
        }
    }

    /// The CLI's data-safety rule: a change that moves existing data is withheld; a text answer is refused unless
    /// the client accepts the fix without it, and the JSON answer lists it.
    @Test func withheldMigrationsAreNeverSilent() async throws {
        try await testApplication().test(.router) { client in
            try await client.execute(uri: "/v1/fix", method: .post, body: ByteBuffer(string: Self.database)) {
                try expectError($0, status: .conflict, code: "migration_withheld", field: "allowMigrations")
            }
            try await client.execute(
                uri: "/v1/fix?allowMigrations=true", method: .post, body: ByteBuffer(string: Self.database)
            ) { response in
                #expect(response.status == .ok)
                #expect(!String(buffer: response.body).contains("PGDATA"))
            }
            try await client.execute(
                uri: "/v1/fix", method: .post, headers: [.accept: "application/json"],
                body: ByteBuffer(string: Self.database)
            ) { response in
                #expect(response.status == .ok)
                let body = try #require(try json(response.body) as? [String: Any])
                let migration = try #require((body["migrations"] as? [[String: Any]])?.first)
                #expect((migration["change"] as? String)?.contains("PGDATA") == true)
                #expect((migration["steps"] as? [String])?.isEmpty == false)
            }
        }
    }

    @Test func keepsAJSONManifestJSON() async throws {
        let manifest = #"""
            {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x"},
             "spec": {"containers": [{"name": "web", "image": "nginx:1.29", "securityContext": {"privileged": true}}]}}
            """#
        try await testApplication().test(.router) { client in
            try await client.execute(uri: "/v1/fix", method: .post, body: ByteBuffer(string: manifest)) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                let object = try #require(try json(response.body) as? [String: Any])
                #expect(object["kind"] as? String == "Pod")
            }
        }
    }

    @Test func refusesWhatIsNotAManifest() async throws {
        try await testApplication().test(.router) { client in
            try await client.execute(uri: "/v1/fix", method: .post, body: ByteBuffer(string: "a: [unclosed\n")) {
                try expectError($0, status: .badRequest, code: "invalid_input", field: "body")
            }
            try await client.execute(uri: "/v1/fix", method: .post, body: ByteBuffer(string: "\n")) {
                try expectError($0, status: .badRequest, code: "invalid_input", field: "body")
            }
            let huge = ByteBuffer(string: String(repeating: "a: b\n", count: 300_000))
            try await client.execute(uri: "/v1/fix", method: .post, body: huge) {
                try expectError($0, status: .contentTooLarge, code: "too_large", field: "body")
            }
            try await client.execute(uri: "/v1/fix", method: .put, body: ByteBuffer(string: Self.privileged)) {
                try expectError($0, status: .methodNotAllowed, code: "method_not_allowed")
                #expect($0.headers[.allow] == "POST")
            }
        }
    }
}
