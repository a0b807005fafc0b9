import HardenCore
import Testing

/// The rules that find the directories a Dockerfile prepares for its process without chowning them: the runtime
/// user's home, the state directories of an image that runs as root, XDG base directories, and directories a
/// command working next to them leaves empty. Each with the case that must not become a mount.
@Suite("Dockerfile inference: directories prepared without a chown")
struct DockerfileRecallRulesTests {
    static func inferred(_ text: String) throws -> InferredProfile {
        try DockerfileInference(resolver: Resolver(knowledgeBase: try shippedKnowledgeBase())).infer(text)
    }

    static func writable(_ text: String) throws -> Set<String> {
        Set(try inferred(text).profile.writablePaths.map(\.path))
    }

    @Test func theRuntimeUsersCreatedHomeIsWritable() throws {
        let inferred = try Self.inferred(
            """
            FROM debian:bookworm-slim
            RUN useradd --uid 1000 --create-home app
            USER app
            """)
        let fact = try #require(inferred.evidence.first { $0.fact == "writablePath" && $0.value == "/home/app" })
        #expect(fact.confidence == .medium)
        #expect(fact.evidence.contains("useradd") && fact.evidence.contains("$HOME"))
        // BusyBox adduser creates the home unless -H; -h names it.
        #expect(
            try Self.writable("FROM alpine:3.20\nRUN adduser -D -u 1000 -h /srv/app app\nUSER 1000").contains(
                "/srv/app"))
    }

    @Test func noHomeWhenNoneIsCreatedOrItIsNotTheRuntimeUsers() throws {
        #expect(
            !(try Self.writable("FROM debian:bookworm-slim\nRUN useradd --uid 1000 app\nUSER app")).contains(
                "/home/app"))
        #expect(
            !(try Self.writable("FROM alpine:3.20\nRUN adduser -D -H -u 1000 app\nUSER app")).contains("/home/app"))
        #expect(
            !(try Self.writable(
                "FROM debian:bookworm-slim\nRUN useradd -m -u 1000 app && useradd -m -u 1001 web\nUSER web"))
                .contains("/home/app"))
        // A home the build fills holds content.
        #expect(
            !(try Self.writable(
                "FROM debian:bookworm-slim\nRUN useradd -m -u 1000 app\nCOPY app.jar /home/app/\nUSER app"))
                .contains("/home/app"))
    }

    @Test func anEmptyStateDirectoryIsWrittenByAnImageRunningAsRoot() throws {
        let inferred = try Self.inferred("FROM debian:bookworm-slim\nRUN mkdir -p /var/lib/collector")
        let fact = try #require(
            inferred.evidence.first { $0.fact == "writablePath" && $0.value == "/var/lib/collector" })
        #expect(fact.confidence == .medium && fact.evidence.contains("runs as root"))
        // Copied empty from a build stage.
        let copied = try Self.writable(
            """
            FROM alpine:3.20 AS build
            RUN mkdir -p /var/lib/collector
            FROM gcr.io/distroless/static-debian12
            COPY --from=build /var/lib/collector /var/lib/collector
            """)
        #expect(copied.contains("/var/lib/collector"))
    }

    @Test func stateDirectoriesNeedRootAndEmptiness() throws {
        // A non-root USER cannot write a root-owned directory: the Dockerfile would have chowned it.
        #expect(
            !(try Self.writable("FROM debian:bookworm-slim\nRUN mkdir -p /var/lib/collector\nUSER 1000"))
                .contains("/var/lib/collector"))
        #expect(
            !(try Self.writable(
                "FROM debian:bookworm-slim\nRUN mkdir -p /var/lib/collector && tar -xf seed.tar -C /var/lib/collector"))
                .contains("/var/lib/collector"))
        // Not below /var/lib or a scratch root: /opt holds installed software.
        #expect(
            !(try Self.writable("FROM debian:bookworm-slim\nRUN mkdir -p /opt/collector")).contains("/opt/collector"))
    }

    @Test func xdgBaseDirectoriesAreWritable() throws {
        let writable = try Self.writable(
            "FROM alpine:3.20\nRUN mkdir -p /config/app /data/app\nENV XDG_CONFIG_HOME=/config XDG_DATA_HOME=/data")
        #expect(writable.isSuperset(of: ["/config", "/data"]))
        // XDG_CONFIG_DIRS is a search path of read-only directories.
        #expect(!(try Self.writable("FROM alpine:3.20\nENV XDG_CONFIG_DIRS=/srv/xdg")).contains("/srv/xdg"))
    }

    /// A command working in a directory (WORKDIR) puts its files there by their own names, not in an empty
    /// directory made there before; one that names that directory, or works in it after `cd`, fills it.
    @Test func aCommandFillsOnlyTheDirectoryItWorksIn() throws {
        let prepared = """
            FROM debian:bookworm-slim
            RUN useradd -u 1000 app && mkdir -p /srv/app/cache && chown app /srv/app/cache
            WORKDIR /srv/app
            """
        #expect(
            try Self.writable(prepared + "\nRUN wget https://example.com/app.tgz && tar -xzf app.tgz\nUSER app")
                .contains("/srv/app/cache"))
        #expect(
            !(try Self.writable(prepared + "\nRUN cd cache && wget https://example.com/seed.db\nUSER app"))
                .contains("/srv/app/cache"))
        #expect(!(try Self.writable(prepared + "\nRUN cp seed.db cache/\nUSER app")).contains("/srv/app/cache"))
        // `cd` lasts for its RUN line only: the next line works in the WORKDIR again.
        #expect(
            try Self.writable(prepared + "\nRUN cd cache && true\nRUN wget https://example.com/app.tgz\nUSER app")
                .contains("/srv/app/cache"))
    }

    /// Moving a directory's content away and making it again leaves it empty, whatever its parent received before.
    @Test func aDirectoryMadeAgainAfterItsRemovalIsEmpty() throws {
        let installed = """
            FROM debian:bookworm-slim
            RUN useradd -u 1000 app && mkdir -p /srv/blog && chown app /srv/blog \\
                && blog-cli install --dir /srv/blog
            """
        let remade = try Self.writable(
            installed
                + "\nRUN mv /srv/blog/content /srv/blog/content.orig && mkdir -p /srv/blog/content && chown app /srv/blog/content\nUSER app"
        )
        #expect(remade.contains("/srv/blog/content"))
        #expect(!remade.contains("/srv/blog"))
        let kept = try Self.writable(
            installed + "\nRUN mkdir -p /srv/blog/content && chown app /srv/blog/content\nUSER app")
        #expect(!kept.contains("/srv/blog/content"))
    }
}
