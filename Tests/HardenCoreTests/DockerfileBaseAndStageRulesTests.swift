import HardenCore
import Testing

/// The rules that read what the base image holds (its knowledge-base entry) and what a build stage's tree holds:
/// a new top-level directory, a WORKDIR made below /var/lib, and a stage's tree copied with `COPY --from`. Each with
/// the case that must not become a mount.
@Suite("Dockerfile inference: directories new to the base, and a build stage's tree")
struct DockerfileBaseAndStageRulesTests {
    static func inferred(_ text: String) throws -> InferredProfile {
        try DockerfileInference(resolver: Resolver(knowledgeBase: try shippedKnowledgeBase())).infer(text)
    }

    static func writable(_ text: String) throws -> Set<String> {
        Set(try inferred(text).profile.writablePaths.map(\.path))
    }

    @Test func aTopLevelParentIsNewWhereTheKnownBaseHoldsNothing() throws {
        let inferred = try Self.inferred(
            "FROM alpine:3.20\nRUN mkdir -p /srv-data/cache /srv-data/state && chmod -R 1777 /srv-data")
        let fact = try #require(inferred.evidence.first { $0.fact == "writablePath" && $0.value == "/srv-data" })
        #expect(fact.evidence.contains("chmod") && fact.evidence.contains("names nothing there"))
    }

    @Test func aTopLevelParentStaysUnmountedWhenTheBaseIsUnknownOrTheBuildFillsIt() throws {
        // The knowledge base does not know this base: /srv-data may hold its content.
        #expect(
            !(try Self.writable(
                "FROM registry.example.com/team/base:1\nRUN mkdir -p /srv-data/cache && chmod -R 1777 /srv-data"))
                .contains("/srv-data"))
        // Content copied there before: not new.
        #expect(
            !(try Self.writable(
                "FROM alpine:3.20\nCOPY app /srv-data/app\nRUN mkdir -p /srv-data/cache && chmod -R 1777 /srv-data"))
                .contains("/srv-data"))
        // The base's entry names a path there (golang's /go/pkg): the base holds /go.
        #expect(
            !(try Self.writable("FROM golang:1.23\nRUN mkdir -p /go/tools/bin && chmod -R 1777 /go")).contains("/go"))
    }

    @Test func aWorkdirBelowVarLibTheBaseLacksIsAStateDirectory() throws {
        let inferred = try Self.inferred("FROM alpine:3.20\nWORKDIR /var/lib/collector\nCMD [\"collector\"]")
        let fact = try #require(
            inferred.evidence.first { $0.fact == "writablePath" && $0.value == "/var/lib/collector" })
        #expect(fact.evidence.contains("BuildKit creates it") && fact.evidence.contains("runs as root"))
    }

    @Test func aWorkdirBelowVarLibStaysUnmountedWhenFilledOrNotRoot() throws {
        #expect(
            !(try Self.writable("FROM alpine:3.20\nWORKDIR /var/lib/collector\nRUN wget https://example.com/seed.db"))
                .contains("/var/lib/collector"))
        #expect(
            !(try Self.writable("FROM alpine:3.20\nWORKDIR /var/lib/collector\nUSER 1000")).contains(
                "/var/lib/collector"))
        // Unknown base: the directory may be there, with content.
        #expect(
            !(try Self.writable("FROM registry.example.com/team/base:1\nWORKDIR /var/lib/collector")).contains(
                "/var/lib/collector"))
    }

    @Test func aStagesTreeCopiedToTheRootKeepsItsEmptyAndWritableDirectories() throws {
        let inferred = try Self.inferred(
            """
            FROM debian:bookworm-slim AS build
            RUN useradd -u 1000 app && mkdir -p /var/run/app /out/var/lib/app /out/etc/app \\
                && chown app /var/run/app /out/var/lib/app && cp app.conf /out/etc/app/
            FROM scratch
            COPY --from=build /out/ /
            USER 1000
            """)
        let writable = Set(inferred.profile.writablePaths.map(\.path))
        #expect(writable.contains("/var/lib/app"))
        let fact = try #require(inferred.evidence.first { $0.fact == "writablePath" && $0.value == "/var/lib/app" })
        #expect(fact.evidence.contains("COPY --from=build") && fact.evidence.contains("made /out/var/lib/app empty"))
        // The stage filled /out/etc/app; /var/run/app is outside the copied tree.
        #expect(!writable.contains("/etc/app") && !writable.contains("/var/run/app"))
        let root = try Self.writable(
            """
            FROM debian:bookworm-slim AS build
            RUN useradd -u 1000 app && mkdir -p /var/run/app /usr/local/lib/app && chown app /var/run/app \\
                && install -o app -d /usr/local/lib/app
            FROM scratch
            COPY --from=build / /
            USER 1000
            """)
        #expect(root.contains("/var/run/app"))
        // Below /usr an installer may fill a directory without naming it.
        #expect(!root.contains("/usr/local/lib/app"))
        // /var arrives over the base's /var, which keeps its content.
        #expect(
            !(try Self.writable(
                """
                FROM debian:bookworm-slim AS build
                RUN mkdir -p /out/var/lib/app
                FROM debian:bookworm-slim
                COPY --from=build /out/ /
                RUN useradd -u 1000 app && chown app /var/backups
                USER 1000
                """)).contains("/var/backups"))
    }
}
