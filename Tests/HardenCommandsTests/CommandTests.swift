import Foundation
import HardenCommands
import HardenTestSupport
import Testing

@Suite("harden commands")
struct CommandTests {
    @Test func imagesListsTheBuiltInKnowledgeBase() throws {
        let result = try CommandHarness().run(["images"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("docker.io/library/nginx"))
        #expect(result.stdout.hasPrefix("REPOSITORY"))
    }

    @Test func imagesAsJSONIsParseable() throws {
        let result = try CommandHarness().run(["images", "--output", "json"])
        let decoded = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
        #expect((decoded?.count ?? 0) >= 50)
    }

    @Test func showPrintsVariantsAndSources() throws {
        let result = try CommandHarness().run(["show", "httpd"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("variant alpine"))
        #expect(result.stdout.contains("/usr/local/apache2/logs"))
        #expect(result.stdout.contains("sources:"))
        #expect(result.stdout.contains("seed file: seed-data/images/docker.io/library/httpd.yaml (layer shipped)"))
        #expect(result.stdout.contains("https://github.com/docker-library/httpd"))
    }

    @Test func showOfAnUnknownImageExitsNotFoundWithSuggestions() throws {
        let result = try CommandHarness().run(["show", "ngnix"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("did you mean docker.io/library/nginx"))
        #expect(result.stdout.isEmpty)
    }

    @Test func dbBuildWritesADatabaseThatCommandsRead() throws {
        let harness = try CommandHarness()
        let output = harness.cache.file("kb.sqlite")
        let build = harness.run(["db", "build", "--output", output])
        #expect(build.status == 0)
        #expect(build.stderr.contains("built \(output)"))
        let images = harness.run(["images", "--db", output])
        #expect(images.status == 0)
        #expect(images.stdout.contains("docker.io/library/postgres"))
        let viaEnvironment = harness.run(["images"], environment: ["HARDEN_DB": output])
        #expect(viaEnvironment.stdout == images.stdout)
    }

    @Test func dbBuildRejectsABadSeedDirectoryAndKeepsTheOldDatabase() throws {
        let harness = try CommandHarness()
        let output = harness.cache.file("kb.sqlite")
        #expect(harness.run(["db", "build", "--output", output]).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: output))
        let seeds = harness.cache.file("seeds")
        try FileManager.default.createDirectory(
            atPath: seeds + "/images/docker.io/library", withIntermediateDirectories: true)
        try "repository: docker.io/library/bad\ndescription: x\nsources: []\nvariants: []\nbogus: 1\n"
            .write(toFile: seeds + "/images/docker.io/library/bad.yaml", atomically: true, encoding: .utf8)
        let result = harness.run(["db", "build", "--seed-data", seeds, "--output", output])
        #expect(result.status == 3)
        #expect(result.stderr.contains("images/docker.io/library/bad.yaml:5: bogus: unknown key \"bogus\""))
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == before)
    }

    @Test func dbBuildRejectsAMissingSeedDirectory() throws {
        let harness = try CommandHarness()
        let result = harness.run([
            "db", "build", "--seed-data", harness.cache.file("nope"), "--output", harness.cache.file("x.sqlite"),
        ])
        #expect(result.status == 3)
        #expect(result.stderr.hasPrefix("harden: cannot read seed directory"))
        #expect(!FileManager.default.fileExists(atPath: harness.cache.file("x.sqlite")))
    }

    struct BrokenDatabase: CustomTestStringConvertible, Sendable {
        let name: String
        let contents: String?
        var testDescription: String { name }
    }

    static let brokenDatabases = [
        BrokenDatabase(name: "missing", contents: nil),
        BrokenDatabase(name: "empty", contents: ""),
        BrokenDatabase(name: "text", contents: "hello, I am not SQLite\n"),
    ]

    @Test(arguments: brokenDatabases)
    func aBrokenDatabaseGivesOneLineAndExitCode4(_ broken: BrokenDatabase) throws {
        let harness = try CommandHarness()
        let path = harness.cache.file("broken.sqlite")
        if let contents = broken.contents { try contents.write(toFile: path, atomically: true, encoding: .utf8) }
        let result = harness.run(["resolve", "nginx", "--db", path])
        #expect(result.status == 4)
        #expect(result.stderr.hasPrefix("harden: "))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains(path))
    }

    @Test func resolveExplainsTheMatch() throws {
        let result = try CommandHarness().run(["resolve", "library/nginx:1.29-alpine"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("-> docker.io/library/nginx, variant alpine"))
        #expect(result.stdout.contains("matches pattern"))
    }

    @Test func resolveJSONFollowsTheContract() throws {
        let result = try CommandHarness().run(["resolve", "nginx:1.29-alpine", "--output", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let reference = try #require(json["reference"] as? [String: Any])
        #expect(reference["repository"] as? String == "docker.io/library/nginx")
        #expect(reference["tag"] as? String == "1.29-alpine")
        let match = try #require(json["match"] as? [String: Any])
        #expect(match["variant"] as? String == "alpine")
        #expect(match["via"] as? String == "canonical")
        let profile = try #require(json["profile"] as? [String: Any])
        #expect(profile["runAsUser"] as? Int == 101)
        #expect((profile["writablePaths"] as? [[String: Any]])?.first?["path"] as? String == "/var/cache/nginx")
        #expect(json["suggestions"] as? [String] == [])
    }

    @Test func resolveExitCodesSeparateNotFoundFromInvalid() throws {
        let harness = try CommandHarness()
        #expect(harness.run(["resolve", "nginx"]).status == 0)
        let unknown = harness.run(["resolve", "ghcr.io/acme/api"])
        #expect(unknown.status == 2)
        #expect(unknown.stdout.contains("not in the knowledge base"))
        let invalid = harness.run(["resolve", "Nginx:latest"])
        #expect(invalid.status == 3)
        #expect(
            invalid.stderr == "harden: invalid image reference \"Nginx:latest\": repository name must be lowercase\n")
    }

    @Test func resolveReadsReferencesFromStandardInput() throws {
        let result = try CommandHarness().run(
            ["resolve", "-", "--output", "json"], stdin: "nginx\n# a comment\n\nredis:7-alpine\n")
        let array = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(array.map { $0["input"] as? String } == ["nginx", "redis:7-alpine"])
        #expect(result.status == 0)
    }

    @Test func resolveRefusesEmptyStandardInput() throws {
        let result = try CommandHarness().run(["resolve", "-"], stdin: "# nothing here\n\n")
        #expect(result.status == 3)
        #expect(result.stderr == "harden: standard input holds no references; write one per line\n")
    }

    @Test func generateWritesOnlyTheSpecToStandardOutput() throws {
        let result = try CommandHarness().run(["generate", "nginx:1.29"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("apiVersion: apps/v1\nkind: Deployment\n"))
        #expect(!result.stdout.contains("#"))
        #expect(result.stderr.contains("# nginx: /var/cache/nginx is an emptyDir"))
    }

    @Test func generateRefusesUnknownImagesUnlessToldWhatToDo() throws {
        let harness = try CommandHarness()
        for arguments in [["generate", "ngnix"], ["generate", "ghcr.io/acme/api", "--strict"]] {
            let result = harness.run(arguments)
            #expect(result.status == 2)
            #expect(result.stdout.isEmpty)
        }
        #expect(harness.run(["generate", "ngnix"]).stderr.contains("did you mean docker.io/library/nginx"))
        let generic = harness.run(["generate", "ghcr.io/acme/api", "--generic"])
        #expect(generic.status == 0)
        #expect(generic.stderr.contains("GENERIC profile"))
        let like = harness.run(["generate", "ghcr.io/acme/web", "--like", "nginx:1.29", "--kind", "po"])
        #expect(like.status == 0)
        #expect(like.stdout.contains("kind: Pod"))
        #expect(like.stdout.contains("/var/cache/nginx"))
    }

    @Test func generateRefusesOptionsThatDoNotApply() throws {
        let harness = try CommandHarness()
        let schedule = harness.run(["generate", "nginx", "--schedule", "0 3 * * *"])
        #expect(schedule.status == 64)
        #expect(schedule.stderr.contains("--schedule: only kind cronjob has a schedule"))
        #expect(harness.run(["generate", "nginx", "--format", "docker-run", "-o", "json"]).status == 64)
        #expect(harness.run(["generate", "nginx", "--generic", "--like", "redis"]).status == 64)
    }

    @Test func generateRejectsARootRunAs() throws {
        let result = try CommandHarness().run(["generate", "nginx", "--run-as", "0:0"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--run-as"))
    }

    @Test func unknownSubcommandIsAUsageError() throws {
        let result = try CommandHarness().run(["frobnicate"])
        #expect(result.status == 64)
    }

    @Test func helpDocumentsExitCodes() throws {
        let result = try CommandHarness().run(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("EXIT CODES"))
    }
}

@Suite("harden entries and db diff")
struct ContributionCommandTests {
    @Test func entriesNewWritesAScaffoldOnceAndLintRejectsIt() throws {
        let harness = try CommandHarness()
        let seeds = harness.cache.file("team-seeds")
        let first = harness.run(["entries", "new", "registry.example.com/team/api", "--write", "--seed-data", seeds])
        #expect(first.status == 0)
        let path = seeds + "/images/registry.example.com/team/api.yaml"
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(FileManager.default.fileExists(atPath: seeds + "/seed.schema.json"), "the schema the header names")
        let again = harness.run(["entries", "new", "registry.example.com/team/api", "--write", "--seed-data", seeds])
        #expect(again.status == 3)
        #expect(again.stderr.contains("already exists"))
        let lint = harness.run(["entries", "lint", seeds])
        #expect(lint.status == 2)
        #expect(lint.stdout.contains("api.yaml:5: description: still has a TODO placeholder"))
    }

    @Test func entriesLintAndNewNameAMissingFile() throws {
        let harness = try CommandHarness()
        let lint = harness.run(["entries", "lint", harness.cache.file("absent.yaml")])
        #expect(lint.status == 3)
        #expect(lint.stderr.hasPrefix("harden: cannot read seed file"))
        let new = harness.run(["entries", "new", "redis", "--from-file", harness.cache.file("Dockerfile")])
        #expect(new.status == 3)
        #expect(new.stderr.contains("does not exist"))
    }

    @Test func entriesLintPassesTheShippedSeedData() throws {
        let harness = try CommandHarness()
        let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appending(path: "seed-data").path
        let result = harness.run(["entries", "lint", seeds])
        #expect(result.status == 0)
        #expect(result.stderr.contains(" 0 errors"))
    }

    @Test func dbBuildLayersAnOverlayAndDiffShowsIt() throws {
        let harness = try CommandHarness()
        let overlay = harness.cache.file("overlay")
        try FileManager.default.createDirectory(
            atPath: overlay + "/images/registry.example.com/team", withIntermediateDirectories: true)
        try """
        repository: registry.example.com/team/api
        description: The team's API.
        sources:
          - { id: dockerfile, url: "https://git.example.com/api/Dockerfile", confidence: high }
        variants:
          - name: default
            default: true
            tags: ["*"]
            user: { shipped: "10001", uid: 10001, gid: 10001, sources: [dockerfile] }
        """.write(toFile: overlay + "/images/registry.example.com/team/api.yaml", atomically: true, encoding: .utf8)
        let base = harness.cache.file("base.sqlite")
        let team = harness.cache.file("team.sqlite")
        #expect(harness.run(["db", "build", "--output", base]).status == 0)
        #expect(harness.run(["db", "build", "--seed-dir", overlay, "--output", team]).status == 0)
        let resolved = harness.run(["resolve", "registry.example.com/team/api:1.0", "--db", team])
        #expect(resolved.status == 0)
        let diff = harness.run(["db", "diff", base, team])
        #expect(diff.status == 0)
        #expect(diff.stdout == "+ registry.example.com/team/api\n    variants: default\n")
        let viaEnvironment = harness.run(["db", "build", "--output", team], environment: ["HARDEN_SEED_DIRS": overlay])
        #expect(viaEnvironment.status == 0)
    }
}

@Suite("harden audit and fix")
struct AuditCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "HardenCoreTests/Fixtures")

    static let bare = """
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
          - {name: nginx, image: "nginx:1.29"}
        """

    @Test func auditExitCodesFollowFailOn() throws {
        let harness = try CommandHarness()
        let clean = Self.fixtures.appending(path: "audit/23-already-hardened.yaml").path
        #expect(harness.run(["audit", clean]).status == 0)
        let bare = harness.run(["audit", "-"], stdin: Self.bare)
        #expect(bare.status == 2)
        #expect(bare.stdout.contains("HRD201"))
        #expect(bare.stdout.hasSuffix("0 info\n"))
        #expect(harness.run(["audit", "-", "--fail-on", "never"], stdin: Self.bare).status == 0)
        let warningsOnly = Self.fixtures.appending(path: "audit/06-memcached-named-user.yaml").path
        #expect(harness.run(["audit", clean, "--fail-on", "warning"]).status == 0)
        #expect(harness.run(["audit", warningsOnly, "--fail-on", "warning"]).status == 2)
    }

    @Test func unreadableInputGivesExitCode3AndStillAuditsTheRest() throws {
        let result = try CommandHarness().run(["audit", Self.fixtures.path])
        #expect(result.status == 3)
        #expect(result.stdout.contains("could not read"))
        #expect(result.stdout.contains("objects in"))
    }

    @Test func colourOnlyOnATerminalAndNeverWithNoColor() throws {
        let harness = try CommandHarness()
        #expect(!harness.run(["audit", "-"], stdin: Self.bare).stdout.contains("\u{1B}["))
        #expect(harness.run(["audit", "-"], stdin: Self.bare, terminal: true).stdout.contains("\u{1B}["))
        let noColor = harness.run(["audit", "-"], stdin: Self.bare, environment: ["NO_COLOR": "1"], terminal: true)
        #expect(!noColor.stdout.contains("\u{1B}["))
    }

    @Test func explainPrintsARule() throws {
        let harness = try CommandHarness()
        let result = harness.run(["audit", "--explain", "hrd102"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("HRD102 a mount hides image content"))
        #expect(harness.run(["audit", "--explain", "HRD999"]).status == 3)
    }

    @Test func jsonAndSarifOutputsParse() throws {
        let harness = try CommandHarness()
        for format in ["json", "sarif"] {
            let result = harness.run(["audit", "-", "--output", format], stdin: Self.bare)
            #expect(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) is [String: Any])
        }
    }

    @Test func fixWriteRewritesInPlaceAndPatchLeavesFilesAlone() throws {
        let harness = try CommandHarness()
        let file = harness.cache.file("pod.yaml")
        try Self.bare.write(toFile: file, atomically: true, encoding: .utf8)
        let patch = harness.run(["fix", "--patch", file])
        #expect(patch.status == 0)
        #expect(patch.stdout.contains("readOnlyRootFilesystem: true"))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == Self.bare)
        let write = harness.run(["fix", "--write", file])
        #expect(write.status == 0)
        #expect(write.stdout.isEmpty)
        #expect(write.stderr.contains("mounted emptyDir \"var-cache-nginx\""))
        let fixed = try String(contentsOfFile: file, encoding: .utf8)
        #expect(fixed.contains("mountPath: /var/cache/nginx"))
        #expect(harness.run(["audit", file, "--fail-on", "error"]).status == 0)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: harness.cache.path).filter { $0.hasSuffix(".tmp") }
                == [])
    }
}

@Suite("Damaged knowledge base in commands")
struct DamagedKnowledgeBaseCommandTests {
    /// Every command that reads the knowledge base exits 4 with one line when a value in it is damaged, and
    /// writes nothing to standard output (no half of an audit report).
    @Test(arguments: [
        ["generate", "nginx"], ["resolve", "nginx:1.29"], ["show", "nginx"], ["audit", "POD"],
        ["audit", "POD", "-o", "json"], ["audit", "POD", "-o", "sarif"],
    ])
    func exitsFourWithOneLine(_ arguments: [String]) throws {
        let harness = try CommandHarness()
        let database = harness.cache.file("kb.sqlite")
        #expect(harness.run(["db", "build", "--output", database]).status == 0)
        let damage = Process()
        damage.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        damage.arguments = [
            "python3", "-c",
            "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"UPDATE variantUser SET uid = 'abc'\"); c.commit()",
            database,
        ]
        try damage.run()
        damage.waitUntilExit()
        try #require(damage.terminationStatus == 0)
        let pod = harness.cache.file("pod.yaml")
        try
            "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers: [{name: web, image: \"nginx:1.29\"}]\n"
            .write(toFile: pod, atomically: true, encoding: .utf8)
        let result = harness.run(arguments.map { $0 == "POD" ? pod : $0 } + ["--db", database])
        #expect(result.status == 4, "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("corrupt"))
        #expect(result.stdout.isEmpty, "\(result.stdout)")
    }
}

@Suite("Seed file placement")
struct SeedPlacementTests {
    /// A repository with "images" in its own name (docker.io/curlimages/curl) is placed by the images/ directory
    /// that is followed by a registry host, not by the last "images" in the path.
    @Test(arguments: ["docker.io/curlimages/curl", "docker.io/acme/images/api", "registry.example.com:5000/images"])
    func lintOfOneFileFindsItsRepository(_ repository: String) throws {
        let harness = try CommandHarness()
        let file = harness.cache.file("seeds/images/\(repository).yaml")
        try FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try """
        repository: \(repository)
        description: a test image
        sources:
          - {id: docs, url: "https://example.com/docs", confidence: high}
        variants:
          - name: default
            default: true
            tags: ["*"]
            user: {shipped: "1000", uid: 1000, gid: 1000, sources: [docs]}
        """.write(toFile: file, atomically: true, encoding: .utf8)
        let lint = harness.run(["entries", "lint", "--strict", file])
        #expect(lint.status == 0, "\(lint.stdout)\(lint.stderr)")
    }
}

/// `harden audit <(helm template ...)`: the shell hands over /dev/fd/N, the reading end of a pipe.
@Suite("Pipes named on the command line")
struct NamedPipeCommandTests {
    @Test func auditFixAndDiagnoseReadAPipe() throws {
        let harness = try CommandHarness()
        let manifest = try TestPipe(AuditCommandTests.bare)
        let audit = harness.run(["audit", manifest.path])
        #expect(audit.status == 2, "\(audit.stdout)")
        #expect(audit.stdout.contains("HRD201"))
        #expect(audit.stdout.contains("1 objects in 1 files"))
        let another = try TestPipe(AuditCommandTests.bare)
        let fix = harness.run(["fix", another.path])
        #expect(fix.status == 0, "\(fix.stderr)")
        #expect(fix.stdout.contains("readOnlyRootFilesystem: true"))
        let log = try TestPipe(
            "nginx: [emerg] mkdir() \"/var/cache/nginx/client_temp\" failed (30: Read-only file system)\n")
        let diagnose = harness.run(["diagnose", log.path, "--image", "nginx:1.29"])
        #expect(diagnose.status == 2, "\(diagnose.stderr)")
        #expect(diagnose.stdout.contains("/var/cache/nginx"))
    }

    /// Rewriting in place needs a file: a pipe is refused before anything is read or any fix is announced.
    @Test func fixWriteRefusesAPipe() throws {
        let harness = try CommandHarness()
        let pipe = try TestPipe(AuditCommandTests.bare)
        let result = harness.run(["fix", "--write", pipe.path])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--write cannot rewrite \(pipe.path), which is a pipe or FIFO"))
        #expect(result.stdout.isEmpty)
    }
}

@Suite("harden diagnose")
struct DiagnoseCommandTests {
    @Test func findingsExitTwoAndNothingFoundExitsZero() throws {
        let harness = try CommandHarness()
        let log = "nginx: [emerg] mkdir() \"/var/cache/nginx/client_temp\" failed (30: Read-only file system)\n"
        let found = harness.run(["diagnose", "-", "--output", "json", "--image", "nginx:1.29"], stdin: log)
        #expect(found.status == 2)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(found.stdout.utf8)) as? [String: Any])
        #expect((body["findings"] as? [[String: Any]])?.first?["path"] as? String == "/var/cache/nginx")
        let quiet = harness.run(["diagnose"], stdin: "level=error msg=\"retrying\"\nall good\n")
        #expect(quiet.status == 0)
        #expect(quiet.stdout.contains("no hardening failure found"))
        let verbose = harness.run(["diagnose", "--verbose"], stdin: "level=error msg=\"retrying\"\n")
        #expect(verbose.stdout.contains("lines not placed"))
        #expect(harness.run(["diagnose", harness.cache.file("absent.log")]).status == 3)
    }
}

@Suite("harden infer and generate --dockerfile")
struct InferCommandTests {
    static let dockerfile = """
        ARG BASE=python:3.12-slim
        FROM ${BASE} AS runtime
        RUN useradd -r -u 10001 app \\
         && install -d -o app /var/lib/app
        COPY . /srv/app
        USER app
        EXPOSE 8000
        """

    @Test func inferPrintsTheProfileWithEvidence() throws {
        let harness = try CommandHarness()
        let file = harness.cache.file("Dockerfile")
        try Self.dockerfile.write(toFile: file, atomically: true, encoding: .utf8)
        let result = harness.run(["infer", file, "--output", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let profile = try #require(body["profile"] as? [String: Any])
        #expect(profile["runAsUser"] as? Int == 10001)
        let writable = (profile["writablePaths"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
        #expect(writable.contains("/var/lib/app") && writable.contains("/tmp"))
        let evidence = (body["evidence"] as? [[String: Any]] ?? []).compactMap { $0["evidence"] as? String }
        #expect(evidence.contains { $0.contains("Dockerfile:3: RUN useradd -r -u 10001 app") })
        let unknownStage = harness.run(["infer", file, "--target", "nope"])
        #expect(unknownStage.status == 64)
        #expect(unknownStage.stderr.contains("--target \"nope\" names no stage"), "\(unknownStage.stderr)")
        #expect(harness.run(["infer", harness.cache.file("absent")]).status == 3)
    }

    @Test func generateFromADockerfileUsesTheInferredProfile() throws {
        let harness = try CommandHarness()
        let file = harness.cache.file("Dockerfile")
        try Self.dockerfile.write(toFile: file, atomically: true, encoding: .utf8)
        let result = harness.run([
            "generate", "--dockerfile", file, "--kind", "pod", "--image", "registry.example.com/team/api:1.4",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("runAsUser: 10001"))
        #expect(result.stdout.contains("mountPath: /var/lib/app"))
        #expect(result.stdout.contains("image: registry.example.com/team/api:1.4"))
        #expect(result.stderr.contains("# inferred runAsUser 10001"))
        #expect(result.stderr.contains("INFERRED"))
        // A curated entry wins over the Dockerfile, and the disagreement is said.
        let curated = harness.run(["generate", "--dockerfile", file, "--kind", "pod", "--image", "python:3.12-slim"])
        #expect(curated.status == 0)
        #expect(curated.stderr.contains("the curated entry wins"))
        #expect(curated.stderr.contains("disagreement"))
    }
}

@Suite("entries new --from-file")
struct EntriesFromDockerfileTests {
    /// The draft from a Dockerfile is complete: it lints clean, builds as an overlay and generates the inferred spec.
    @Test func aDraftFromADockerfileLintsBuildsAndGenerates() throws {
        let harness = try CommandHarness()
        let dockerfile = harness.cache.file("Dockerfile")
        try
            "FROM alpine:3.20\nRUN adduser -S -D -H -u 1100 api && install -d -o api /var/lib/api\nCOPY api /usr/local/bin/api\nUSER 1100\nEXPOSE 8080\n"
            .write(toFile: dockerfile, atomically: true, encoding: .utf8)
        let seeds = harness.cache.file("team-seeds")
        let new = harness.run([
            "entries", "new", "registry.example.com/team/api", "--from-file", dockerfile, "--write", "--seed-data",
            seeds,
        ])
        #expect(new.status == 0, "\(new.stderr)")
        #expect(
            harness.run(["entries", "lint", "--strict", seeds + "/images/registry.example.com/team/api.yaml"]).status
                == 0)
        let database = harness.cache.file("team.sqlite")
        #expect(harness.run(["db", "build", "--seed-dir", seeds, "--output", database]).status == 0)
        let spec = harness.run(["generate", "registry.example.com/team/api:1.0", "--db", database, "--kind", "pod"])
        #expect(spec.status == 0)
        #expect(spec.stdout.contains("runAsUser: 1100"))
        #expect(spec.stdout.contains("mountPath: /var/lib/api"))
    }
}

@Suite("Team overlays")
struct TeamOverlayTests {
    @Test func seedDataWithoutTheShippedEntriesIsRefusedUnlessReplaced() throws {
        let harness = try CommandHarness()
        let seeds = harness.cache.file("team-seeds")
        #expect(harness.run(["entries", "copy", "nginx", "--write", "--seed-dir", seeds]).status == 0)
        let output = harness.cache.file("kb.sqlite")
        let refused = harness.run(["db", "build", "--seed-data", seeds, "--output", output])
        #expect(refused.status == 3)
        #expect(refused.stderr.contains("lacks") && refused.stderr.contains("--seed-dir"))
        #expect(!FileManager.default.fileExists(atPath: output))
        #expect(
            harness.run(["db", "build", "--seed-data", seeds, "--replace-shipped", "--output", output]).status == 0)
    }

    @Test func aCopiedEntryBuildsAsAReportedOverrideWithoutShippedWarnings() throws {
        let harness = try CommandHarness()
        let seeds = harness.cache.file("team-seeds")
        let copy = harness.run(["entries", "copy", "docker.io/library/nginx:1.29", "--write", "--seed-dir", seeds])
        #expect(copy.status == 0, "\(copy.stderr)")
        let build = harness.run(["db", "build", "--seed-dir", seeds, "--output", harness.cache.file("kb.sqlite")])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stderr.contains("override: replaces docker.io/library/nginx"))
        #expect(!build.stderr.contains("warnings (low-confidence"), "shipped-data warnings are not the user's to fix")
        #expect(harness.run(["entries", "copy", "ghcr.io/acme/unknown"]).status == 3)
    }
}

@Suite("Command line manners")
struct CommandLineMannerTests {
    @Test func mistypedCommandsAreNamedWithTheClosestOnes() throws {
        let harness = try CommandHarness()
        let typo = harness.run(["generat", "nginx"])
        #expect(typo.status == 64)
        #expect(typo.stderr.contains("did you mean generate?"))
        #expect(harness.run(["help", "bogus"]).status == 64)
        #expect(harness.run(["entries", "lnt"]).stderr.contains("did you mean lint?"))
    }

    @Test func versionNamesTheKnowledgeBase() throws {
        let result = try CommandHarness().run(["version"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("harden "))
        #expect(result.stdout.contains("entries: "))
    }
}

@Suite("resolve - streams")
struct ResolveStreamTests {
    @Test func aZeroWidthSpaceIsRefusedAndShownNotTrimmed() throws {
        let result = try CommandHarness().run(["resolve", "-", "-o", "json"], stdin: "nginx\u{200B}\nredis:7\n")
        #expect(result.status == 3)
        #expect(result.stderr.contains("\\u{200b}"))
        let array = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
        #expect(array?.count == 1)
    }
}

@Suite("Overlays for every command")
struct OverlayEverywhereTests {
    @Test func seedDirAndHardenSeedDirsReachEveryCommand() throws {
        let harness = try CommandHarness()
        let dockerfile = harness.cache.file("Dockerfile")
        try "FROM alpine:3.20\nRUN install -d -o 1300 /var/lib/svc\nUSER 1300\n".write(
            toFile: dockerfile, atomically: true, encoding: .utf8)
        let seeds = harness.cache.file("team")
        #expect(
            harness.run([
                "entries", "new", "registry.example.com/team/svc", "--from-file", dockerfile, "--write", "--seed-data",
                seeds,
            ])
            .status == 0)
        let viaFlag = harness.run(["resolve", "registry.example.com/team/svc:1", "--seed-dir", seeds])
        #expect(viaFlag.status == 0, "\(viaFlag.stderr)")
        let viaEnvironment = harness.run(
            ["generate", "registry.example.com/team/svc:1", "--kind", "pod"], environment: ["HARDEN_SEED_DIRS": seeds])
        #expect(viaEnvironment.status == 0)
        #expect(viaEnvironment.stdout.contains("mountPath: /var/lib/svc"))
        #expect(harness.run(["images", "--seed-dir", seeds, "--db", harness.cache.file("x.sqlite")]).status == 64)
    }
}
