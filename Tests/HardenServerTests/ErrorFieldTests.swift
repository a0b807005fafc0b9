import Foundation
import HardenCore
import HardenServer
import Hummingbird
import HummingbirdTesting
import Testing

/// Errors name the part of the request at fault in the request's words: a JSON field, a query or path parameter,
/// or the body; never a CLI flag or a Swift coding key.
@Suite("Error fields")
struct ErrorFieldTests {
    /// The error's message, checked to name no CLI flag.
    func message(_ response: TestResponse, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let body = try #require(try json(response.body) as? [String: Any], sourceLocation: sourceLocation)
        let message = try #require(
            (body["error"] as? [String: Any])?["message"] as? String, sourceLocation: sourceLocation)
        #expect(!message.contains("--"), "\(message)", sourceLocation: sourceLocation)
        return message
    }

    func generate(_ body: String, _ check: @escaping @Sendable (TestResponse) async throws -> Void) async throws {
        try await testApplication().test(.router) { client in
            try await client.execute(uri: "/v1/generate", method: .post, body: ByteBuffer(string: body)) {
                try await check($0)
            }
        }
    }

    /// Notes beside a generated spec name options as the request's fields too: `resources`, never `--resources`.
    @Test func generateNotesNameFields() async throws {
        try await testApplication().test(.router) { client in
            let body = ByteBuffer(string: #"{"references": ["postgres:16"], "kind": "deployment"}"#)
            try await client.execute(
                uri: "/v1/generate", method: .post, headers: [.accept: "application/json"], body: body
            ) { response in
                #expect(response.status == .ok)
                let answer = try #require(try json(response.body) as? [String: Any])
                let notes = (answer["notes"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
                #expect(notes.contains { $0.contains("with resources cpu=") }, "\(notes)")
                #expect(notes.contains { $0.contains("use kind statefulset") }, "\(notes)")
                // kubectl's own flags (`--from-literal`) may appear; harden's options may not.
                let flags = GenerateOptions.Field.allCases.map(\.flag).filter { $0.hasPrefix("--") }
                #expect(!notes.contains { note in flags.contains { note.contains($0 + " ") } }, "\(notes)")
            }
            try await client.execute(
                uri: "/v1/generate", method: .post,
                body: ByteBuffer(string: #"{"references": ["postgres:16"], "kind": "deployment"}"#)
            ) {
                response in
                let text = String(buffer: response.body)
                #expect(text.contains("# warning: resources are placeholders"))
                #expect(!text.contains("--resources"))
            }
        }
    }

    @Test func generateFieldsAreNamed() async throws {
        try await generate(#"{"references": ["nginx"], "kind": "deploymnet"}"#) {
            try expectError($0, status: .badRequest, code: "invalid_input", field: "kind")
            #expect(try message($0).contains("kind must be one of container, pod, deployment"))
        }
        try await generate(#"{"kind": "pod"}"#) {
            try expectError($0, status: .badRequest, code: "invalid_input", field: "references")
            #expect(try message($0) == "references is required")
        }
        try await generate(#"{"references": "nginx"}"#) {
            try expectError($0, status: .badRequest, code: "invalid_input", field: "references")
            #expect(try message($0) == "references must be an array")
        }
        try await generate(#"{"references": ["nginx", 7]}"#) {
            try expectError($0, status: .badRequest, code: "invalid_input", field: "references")
            #expect(try message($0) == "references[1] must be a string")
        }
        try await generate(#"{"references": ["nginx"], "replicas": "two"}"#) {
            try expectError($0, status: .badRequest, code: "invalid_input", field: "replicas")
            _ = try message($0)
        }
        try await generate(#"{"references": ["nginx"], "runAs": 1000}"#) {
            try expectError($0, status: .badRequest, code: "invalid_input", field: "runAs")
            #expect(try message($0).contains("UID:GID"))
        }
        try await generate("[1, 2]") {
            try expectError($0, status: .badRequest, code: "invalid_input", field: "body")
            #expect(try message($0).contains(#"{"references": ["nginx:1.27"]"#))
        }
        try await generate("{not json") {
            try expectError($0, status: .badRequest, code: "invalid_input", field: "body")
        }
        // Core errors: an option error names its field, a malformed reference the field it came from.
        try await generate(#"{"references": ["nginx"], "schedule": "0 3 * * *"}"#) {
            try expectError($0, status: .badRequest, code: "invalid_input", field: "schedule")
            _ = try message($0)
        }
        try await generate(#"{"references": ["Nginx"]}"#) {
            try expectError($0, status: .badRequest, code: "invalid_input", field: "references")
        }
        try await generate(#"{"references": ["ghcr.io/a/b"], "like": "Nginx"}"#) {
            try expectError($0, status: .badRequest, code: "invalid_input", field: "like")
        }
        try await generate(#"{"references": ["ghcr.io/a/b"]}"#) {
            try expectError($0, status: .notFound, code: "not_found", field: "references")
            _ = try message($0)
        }
        try await generate(#"{"references": ["nginx"], "variant": "windows"}"#) {
            try expectError($0, status: .badRequest, code: "invalid_input", field: "variant")
        }
    }

    @Test func queryAndPathParametersAreNamed() async throws {
        try await testApplication().test(.router) { client in
            try await client.execute(uri: "/v1/resolve?ref=Nginx", method: .get) {
                try expectError($0, status: .badRequest, code: "invalid_input", field: "ref")
                _ = try message($0)
            }
            try await client.execute(uri: "/v1/resolve", method: .get) {
                try expectError($0, status: .badRequest, code: "invalid_input", field: "ref")
            }
            try await client.execute(uri: "/v1/resolve?ref=nginx&variant=windows", method: .get) {
                try expectError($0, status: .badRequest, code: "invalid_input", field: "variant")
            }
            // A second ref was ignored in silence: the answer was the first one's.
            try await client.execute(uri: "/v1/resolve?ref=nginx:1.27&ref=redis:7", method: .get) {
                try expectError($0, status: .badRequest, code: "invalid_input", field: "ref")
                #expect(try message($0).hasPrefix("query parameter ref is given 2 times; give it once, or POST"))
            }
            try await client.execute(uri: "/v1/resolve?ref=nginx&variant=alpine&variant=debian", method: .get) {
                try expectError($0, status: .badRequest, code: "invalid_input", field: "variant")
            }
            try await client.execute(uri: "/v1/images/ngnix", method: .get) {
                try expectError($0, status: .notFound, code: "not_found", field: "repository")
            }
            try await client.execute(uri: "/v1/diagnose?image=Bad:ref", method: .post, body: ByteBuffer(string: "x")) {
                try expectError($0, status: .badRequest, code: "invalid_input", field: "image")
            }
            try await client.execute(
                uri: "/v1/infer?target=nope", method: .post, body: ByteBuffer(string: "FROM alpine AS build\n")
            ) {
                try expectError($0, status: .badRequest, code: "invalid_input", field: "target")
                #expect(try message($0).hasPrefix("target \"nope\" names no stage; stages are build"))
            }
            try await client.execute(uri: "/v1/resolve", method: .post, body: ByteBuffer(string: #"{"refs": []}"#)) {
                try expectError($0, status: .badRequest, code: "invalid_input", field: "references")
            }
        }
    }

    /// No one part of the request is at fault: field is null.
    @Test func errorsAboutNoFieldSayNull() async throws {
        try await testApplication().test(.router) { client in
            try await client.execute(uri: "/v1/audit", method: .get) { response in
                try expectError(response, status: .methodNotAllowed, code: "method_not_allowed")
                #expect(response.headers[.allow] == "POST")
                let body = try #require(try json(response.body) as? [String: Any])
                #expect((body["error"] as? [String: Any])?["field"] is NSNull)
                _ = try message(response)
            }
        }
    }

    /// A repository sent as one percent-encoded path segment, as clients that encode a path parameter send it.
    @Test func percentEncodedRepositories() async throws {
        try await testApplication().test(.router) { client in
            try await client.execute(uri: "/v1/images/docker.io%2Flibrary%2Fnginx", method: .get) { response in
                #expect(response.status == .ok)
                let entry = try #require(try json(response.body) as? [String: Any])
                #expect(entry["repository"] as? String == "docker.io/library/nginx")
            }
            try await client.execute(uri: "/v1/images/nginx%3A1.29", method: .get) { #expect($0.status == .ok) }
        }
    }
}
