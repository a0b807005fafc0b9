import Foundation
import GRDB
import HardenCore
import HardenTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@testable import HardenServer

@Suite("Service over a damaged knowledge base")
struct DamagedKnowledgeBaseServiceTests {
    static func build(in directory: TemporaryDirectory) throws -> String {
        let path = directory.file("kb.sqlite")
        let catalog = try DefaultKnowledgeBase.shippedCatalog()
        try KnowledgeBaseBuilder.build(catalog.entries, mirrors: catalog.mirrors, to: path)
        return path
    }

    static func damage(_ path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "UPDATE variantUser SET uid = 'abc'") }
        try queue.close()
    }

    @Test func aDamagedDatabaseStopsTheServiceAtStartUp() throws {
        let directory = try TemporaryDirectory()
        let path = try Self.build(in: directory)
        try Self.damage(path)
        #expect(throws: KnowledgeBaseError.self) { try QueryService(knowledgeBase: try KnowledgeBase(path: path)) }
    }

    /// Damage that appears while the service runs: 503 with a JSON error, and /readyz says not ready.
    @Test func damageAfterStartUpAnswers503AndNotReady() async throws {
        let directory = try TemporaryDirectory()
        let path = try Self.build(in: directory)
        let service = try QueryService(knowledgeBase: try KnowledgeBase(path: path))
        try Self.damage(path)
        let app = buildApplication(
            service: service, configuration: .forTests())
        try await app.test(.router) { client in
            try await client.execute(uri: "/readyz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/v1/resolve?ref=nginx:1.29", method: .get) {
                try expectError($0, status: .serviceUnavailable, code: "unavailable")
                // The client hears what is wrong, not the operator's CLI remedy or the file's path.
                let body = String(buffer: $0.body)
                #expect(body.contains("the service's knowledge base is unavailable"), "\(body)")
                #expect(!body.contains("harden db build") && !body.contains(".sqlite"), "\(body)")
            }
            try await client.execute(uri: "/readyz", method: .get) {
                try expectError($0, status: .serviceUnavailable, code: "not_ready")
            }
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
        }
    }
}
