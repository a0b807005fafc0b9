import Foundation
import HardenCore
import HardenTestSupport
import Testing

@Suite("Contribution workflow: overlays, mirrors, scaffolds, diffs")
struct ContributionTests {
    static let shippedNginx = shippedEntries.first { $0.repository == "docker.io/library/nginx" }

    static func layer(_ name: String, files: [String: String], mirrors: String? = nil) -> SeedLayer {
        SeedLayer(
            name: name, root: name,
            files: files.sorted { $0.key < $1.key }.map { SeedLayer.File(path: $0.key, contents: $0.value) },
            mirrors: mirrors.map { SeedLayer.File(path: "\(name)/mirrors.yaml", contents: $0) })
    }

    static let teamAPI = """
        repository: registry.example.com/team/api
        description: The team's API.
        sources:
          - id: dockerfile
            url: https://git.example.com/team/api/blob/main/Dockerfile
            confidence: high
        variants:
          - name: default
            default: true
            tags: ["*"]
            user: { shipped: "10001", uid: 10001, gid: 10001, sources: [dockerfile] }
            writablePaths:
              - { path: /var/cache/api, why: response cache, sources: [dockerfile] }
        """

    @Test func overlayAddsPrivateImages() throws {
        let catalog = SeedCatalog.load([
            .shipped, Self.layer("team", files: ["registry.example.com/team/api.yaml": Self.teamAPI]),
        ])
        #expect(catalog.errors == [])
        let entry = try #require(catalog.entries.first { $0.repository == "registry.example.com/team/api" })
        #expect(entry.layer == "team")
    }

    @Test func overlayCannotSilentlyRedefineAShippedEntry() throws {
        let nginx = try #require(Self.shippedNginx)
        let text = try String(
            contentsOf: packageRoot.appending(path: "seed-data/images/docker.io/library/nginx.yaml"), encoding: .utf8)
        let conflict = SeedCatalog.load([.shipped, Self.layer("team", files: ["docker.io/library/nginx.yaml": text])])
        #expect(conflict.errors.contains { $0.message.contains("set `override: true` to replace it on purpose") })

        let corrected = "override: true\n" + text.replacingOccurrences(of: "uid: 101", with: "uid: 4242")
        let catalog = SeedCatalog.load([
            .shipped, Self.layer("team", files: ["docker.io/library/nginx.yaml": corrected]),
        ])
        #expect(catalog.errors == [])
        #expect(
            catalog.issues.contains {
                $0.severity == .warning && $0.message.contains("replaces docker.io/library/nginx")
            })
        let replaced = try #require(catalog.entries.first { $0.repository == nginx.repository })
        #expect(replaced.layer == "team")
        #expect(replaced.defaultVariant.user.uid == 4242)
    }

    @Test func teamMirrorMakesAPrivateRegistryResolve() throws {
        let mirrors = """
            mirrors:
              - prefix: harbor.example.com/dockerhub/
                target: docker.io/
                why: our Harbor proxy cache of Docker Hub
                source: https://wiki.example.com/harbor
            """
        let catalog = SeedCatalog.load([.shipped, Self.layer("team", files: [:], mirrors: mirrors)])
        #expect(catalog.errors == [])
        let knowledgeBase = try KnowledgeBaseBuilder.inMemory(catalog.entries, mirrors: catalog.mirrors)
        let resolution = try Resolver(knowledgeBase: knowledgeBase).resolve(
            "harbor.example.com/dockerhub/library/nginx:1.29")
        #expect(resolution.match?.image == "docker.io/library/nginx")
        #expect(resolution.match?.via == .mirror)
        #expect(resolution.match?.reason.contains("our Harbor proxy cache") == true)
        let withoutMirror = try Resolver(knowledgeBase: shippedKnowledgeBase()).resolve(
            "harbor.example.com/dockerhub/library/nginx:1.29")
        #expect(withoutMirror.match == nil)
    }

    @Test func badMirrorPrefixIsRejected() {
        let mirrors =
            "mirrors:\n  - prefix: Harbor.example.com\n    target: docker.io/\n    why: x\n    source: https://x\n"
        let catalog = SeedCatalog.load([Self.layer("team", files: [:], mirrors: mirrors)])
        #expect(
            catalog.errors.contains {
                $0.field == "mirrors[0].prefix" && $0.message.contains("must be lower-case and end with")
            })
    }

    @Test func scaffoldFailsLintUntilEveryTODOIsFilled() throws {
        let dockerfile = DockerfileFacts(parsing: "FROM alpine\nARG UID=1001\nUSER ${UID}\nEXPOSE 8080\nVOLUME /data\n")
        let scaffold = SeedScaffold.render(repository: "registry.example.com/team/api", dockerfile: dockerfile)
        let unfinished = SeedCatalog.load([Self.layer("new", files: ["registry.example.com/team/api.yaml": scaffold])])
        #expect(unfinished.errors.contains { $0.message.contains("TODO placeholder") })
        #expect(unfinished.errors.allSatisfy { $0.message.contains("TODO") || $0.message.contains("unknown source") })
        let filled = scaffold.replacingOccurrences(of: "TODO ", with: "").replacingOccurrences(of: "TODO", with: "x")
        let catalog = SeedCatalog.load([Self.layer("new", files: ["registry.example.com/team/api.yaml": filled])])
        #expect(catalog.errors == [])
        let variant = try #require(catalog.entries.first?.defaultVariant)
        #expect(variant.user.uid == 1001)
        #expect(variant.writablePaths.map(\.path) == ["/data"])
        #expect(variant.ports.map(\.port) == [8080])
    }

    struct DockerfileCase: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        let user: String?
        let ports: [Int]
        let volumes: [String]
        var testDescription: String { name }
    }

    static let dockerfileCases: [DockerfileCase] = [
        DockerfileCase(
            name: "plain", text: "FROM debian\nUSER app\nEXPOSE 80 443/tcp\nVOLUME /data", user: "app",
            ports: [80, 443], volumes: ["/data"]),
        DockerfileCase(
            name: "final stage only", text: "FROM golang AS build\nUSER builder\nEXPOSE 1\nFROM scratch\nEXPOSE 9000",
            user: nil, ports: [9000], volumes: []),
        DockerfileCase(
            name: "arg substitution", text: "FROM x\nARG UID=101\nUSER $UID\n", user: "101", ports: [], volumes: []),
        DockerfileCase(
            name: "continuations and json volumes",
            text: "FROM x\n# comment\nVOLUME [\"/a\", \\\n  \"/b\"]\nENV PORT=8080\nEXPOSE ${PORT}", user: nil,
            ports: [8080], volumes: ["/a", "/b"]),
        DockerfileCase(
            name: "lower-case keywords", text: "from x\nuser 1000:1000\nexpose 53/udp", user: "1000:1000", ports: [53],
            volumes: []),
    ]

    @Test(arguments: dockerfileCases)
    func readsTheFinalStageOfADockerfile(_ c: DockerfileCase) {
        let facts = DockerfileFacts(parsing: c.text)
        #expect(facts.user == c.user)
        #expect(facts.ports.map(\.port) == c.ports)
        #expect(facts.volumes == c.volumes)
    }

    @Test func diffReportsFactChangesEntryByEntry() throws {
        var changed = shippedEntries
        let index = try #require(changed.firstIndex { $0.repository == "docker.io/library/nginx" })
        changed[index].variants[0].user.uid = 102
        changed[index].variants[0].writablePaths.append(WritablePath(path: "/tmp", why: "x", sources: []))
        changed.removeAll { $0.repository == "docker.io/library/ruby" }
        let diff = KnowledgeBaseDiff(old: shippedEntries, new: changed)
        #expect(diff.changes.map(\.repository) == ["docker.io/library/nginx", "docker.io/library/ruby"])
        #expect(diff.changes[0].details.contains { $0.contains("run as 101:101 -> 102:101") })
        #expect(diff.changes[0].details.contains { $0.contains("+ writable /tmp") })
        #expect(diff.changes[1].kind == .removed)
        #expect(KnowledgeBaseDiff(old: shippedEntries, new: shippedEntries).changes == [])
    }
}

@Suite("Scaffold placeholders and atomic writes")
struct ScaffoldAndFileTests {
    @Test func aScaffoldWithoutADockerfileNamesThePlaceholderEvenInNumbers() {
        let scaffold = SeedScaffold.render(repository: "registry.example.com/team/api")
        let catalog = SeedCatalog.load([
            SeedLayer(
                name: "new", root: "new", files: [.init(path: "registry.example.com/team/api.yaml", contents: scaffold)]
            )
        ])
        let uid = catalog.errors.first { $0.field == "variants[0].user.uid" }
        #expect(uid?.message.contains("\(SeedScaffold.placeholder) placeholder") == true)
    }

    @Test func atomicWriteReplacesAFileAndLeavesNoTemporaryBehind() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("out.yaml")
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        try AtomicFile.write("new", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out.yaml"])
    }

    @Test func atomicWriteIntoAnUnwritablePlaceIsAOneLineError() {
        #expect {
            try AtomicFile.write("x", to: "/proc/harden-cannot-write/out.yaml")
        } throws: { error in
            guard let error = error as? FileWriteError else { return false }
            return error.description.hasPrefix("cannot write \"/proc/harden-cannot-write/out.yaml\"")
                && !error.description.contains("\n")
        }
    }
}
