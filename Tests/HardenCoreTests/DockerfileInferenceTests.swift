import Foundation
import HardenCore
import Testing

/// Dockerfiles written for these tests, each exercising real syntax (escape directive, heredocs, ARG scoping,
/// stages built on stages, account tools), with the profile a careful engineer would infer.
@Suite("Dockerfile inference")
struct DockerfileInferenceTests {
    struct Expected: Decodable, Sendable, CustomTestStringConvertible {
        var file: String
        var target: String?
        var buildArgs: [String: String]
        var base: String
        var runAsUser: Int?
        var runAsGroup: Int?
        var userUnresolved: Bool
        var writablePaths: [String]
        var protectedPaths: [String]
        var ports: [Int]
        var testDescription: String { file + (target.map { " --target \($0)" } ?? "") }
    }

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appending(path: "Fixtures/dockerfiles")
    static let cases: [Expected] = {
        guard let data = try? Data(contentsOf: directory.appending(path: "expected.json")) else { return [] }
        return (try? JSONDecoder().decode([Expected].self, from: data)) ?? []
    }()

    static func infer(_ expected: Expected) throws -> InferredProfile {
        let text = try String(contentsOf: directory.appending(path: expected.file), encoding: .utf8)
        return try DockerfileInference(resolver: Resolver(knowledgeBase: try shippedKnowledgeBase())).infer(
            text, file: expected.file, target: expected.target, buildArguments: expected.buildArgs)
    }

    @Test func thereAreAtLeast20Cases() {
        #expect(Self.cases.count >= 20)
    }

    @Test(arguments: cases)
    func infersTheProfile(_ expected: Expected) throws {
        let inferred = try Self.infer(expected)
        let profile = inferred.profile
        if expected.base != "scratch" {
            let reference = try ImageReference.parse(inferred.match.base)
            #expect("\(reference.repository):\(reference.tag ?? "latest")" == expected.base)
        } else {
            #expect(inferred.match.base == "scratch")
        }
        #expect(profile.runAsUser == expected.runAsUser)
        #expect(profile.runAsGroup == expected.runAsGroup)
        #expect((profile.runAsUser == nil) == expected.userUnresolved)
        let writable = Set(profile.writablePaths.map(\.path))
        #expect(
            Set(expected.writablePaths).isSubset(of: writable),
            "missing \(Set(expected.writablePaths).subtracting(writable))")
        let protected = Set(profile.protectedPaths)
        #expect(
            Set(expected.protectedPaths).isSubset(of: protected),
            "missing \(Set(expected.protectedPaths).subtracting(protected))")
        #expect(Set(profile.ports.map(\.port)) == Set(expected.ports))
        // Never a volume on a path that holds copied or image content.
        for path in writable {
            #expect(
                !protected.contains { $0 == path || ContainerPath.isAncestor(path, of: $0) }, "\(path) hides content")
        }
    }
}
