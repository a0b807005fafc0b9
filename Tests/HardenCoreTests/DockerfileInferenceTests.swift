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

    static func inferred(_ file: String) throws -> InferredProfile {
        let expected = try #require(cases.first { $0.file == file })
        return try infer(expected)
    }

    /// Ids that are conventions (nobody, base-passwd's www-data, Debian's system-id allocation, a step-down user)
    /// are medium confidence at most, and each names its evidence.
    @Test(arguments: [
        "24-scratch-no-user.Dockerfile", "25-debian-system-user-allocated.Dockerfile",
        "26-debian-www-data-step-down.Dockerfile", "28-user-root-steps-down.Dockerfile",
    ])
    func conventionalIdsAreMediumConfidence(_ file: String) throws {
        let fact = try #require(try Self.inferred(file).evidence.last { $0.fact == "runAsUser" })
        #expect(fact.confidence == .medium)
        #expect(!fact.evidence.isEmpty)
    }

    /// What must not become a mount: a base's log directory under VOLUME, a directory that got a file, a directory
    /// copied with content from a build stage.
    @Test func contentIsNeverMounted() throws {
        let volume = try Self.inferred("33-volume-on-base-log-dir.Dockerfile").profile
        #expect(!volume.writablePaths.contains { $0.path == "/var/log/proxy" })
        #expect(volume.pitfalls.contains { $0.contains("VOLUME /var/log/proxy") })
        let chowned = Set(
            try Self.inferred("30-recursive-chown-created-inside.Dockerfile").profile.writablePaths.map(\.path))
        #expect(!chowned.contains("/sorter/conf") && !chowned.contains("/sorter"))
        let installed = Set(try Self.inferred("34-mkdir-after-content.Dockerfile").profile.writablePaths.map(\.path))
        #expect(!installed.contains("/etc/board") && !installed.contains("/opt/board"))
        let copied = Set(try Self.inferred("31-copy-from-empty-directory.Dockerfile").profile.writablePaths.map(\.path))
        #expect(!copied.contains("/etc/quill"))
    }

    /// The WORKDIR rule cites BuildKit's behaviour and stays medium: whether the directory existed is not known.
    @Test func workdirUnderNonRootUserIsMedium() throws {
        let fact = try #require(
            try Self.inferred("32-workdir-nonroot.Dockerfile").evidence.first {
                $0.fact == "writablePath" && $0.value == "/tally"
            })
        #expect(fact.confidence == .medium)
        #expect(fact.evidence.contains("BuildKit"))
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
