import HardenCore
import Testing

/// The rules for directories a Dockerfile opens to its process without making them itself: shared scratch space
/// (chmod 1777), a VOLUME over content (seeded from the image), a daemon's home below /var/cache, a new directory
/// in /usr outside the FHS, the OpenShift `g=u` convention; and the reading they need (rmdir, subshells, shell
/// variables the build does not know). Each with the case that must not become a mount.
@Suite("Dockerfile inference: scratch space, volumes over content, homes of daemons")
struct DockerfileScratchAndVolumeRulesTests {
    static func inferred(_ text: String) throws -> InferredProfile {
        try DockerfileInference(resolver: Resolver(knowledgeBase: try shippedKnowledgeBase())).infer(text)
    }

    static func writable(_ text: String) throws -> [String: WritablePath] {
        Dictionary(
            try inferred(text).profile.writablePaths.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// `chmod 1777` (the sticky bit and write for all) makes a directory scratch space like /tmp, even in a tree
    /// the build unpacked (Tomcat's `chmod 1777 logs temp work`), and a command working in the parent later does
    /// not fill it.
    @Test func stickyWorldWritableDirectoriesAreScratchSpace() throws {
        let text = """
            FROM debian:bookworm-slim
            RUN mkdir -p /usr/local/app
            WORKDIR /usr/local/app
            RUN curl -fsSL https://example.com/app.tgz | tar -xz && chmod 1777 logs temp && chmod a+rwxt work \\
                && app --version
            USER 1000
            """
        let inferred = try Self.inferred(text)
        let writable = Dictionary(
            inferred.profile.writablePaths.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        for path in ["/usr/local/app/logs", "/usr/local/app/temp", "/usr/local/app/work"] {
            #expect(writable[path]?.seedFromImage == false, "\(path)")
        }
        #expect(writable["/usr/local/app"] == nil)
        let fact = try #require(
            inferred.evidence.first { $0.fact == "writablePath" && $0.value == "/usr/local/app/logs" })
        #expect(fact.evidence.contains("chmod 1777") && fact.evidence.contains("sticky"))
        // Where the base may hold content: a base the knowledge base does not know.
        #expect(
            try Self.writable("FROM registry.example.com/team/base:1\nRUN chmod 1777 /srv-cache\nUSER 1000")[
                "/srv-cache"] == nil)
        // Write for all without the sticky bit is not enough outside the directories the Dockerfile made.
        #expect(
            try Self.writable("FROM debian:bookworm-slim\nWORKDIR /usr/local/app\nRUN chmod 777 logs\nUSER 1000")[
                "/usr/local/app/logs"] == nil)
    }

    /// What 1777 does not make a plain mount: an empty directory the Dockerfile makes under /usr for installing
    /// (Ruby's GEM_HOME); content a command puts there, before or after (seeded from the image instead).
    @Test func stickyDirectoriesThatHoldContentAreSeededOrRefused() throws {
        #expect(
            try Self.writable(
                "FROM debian:bookworm-slim\nENV GEM_HOME=/usr/local/bundle\nRUN mkdir -p \"$GEM_HOME\" && chmod 1777 \"$GEM_HOME\""
            )["/usr/local/bundle"] == nil)
        let moved = try Self.writable(
            """
            FROM debian:bookworm-slim
            RUN tar -xzf /tmp/app.tgz -C /opt/app && mv /opt/app/conf /etc/app && mkdir -p /etc/app \\
                && chmod 1777 /etc/app
            USER 1000
            """)
        #expect(moved["/etc/app"]?.seedFromImage == true)
        let unpackedAfter = try Self.writable(
            """
            FROM debian:bookworm-slim
            RUN mkdir -p /srv/app/cache && chmod 1777 /srv/app/cache && tar -xzf /tmp/app.tgz -C /srv/app
            USER 1000
            """)
        #expect(unpackedAfter["/srv/app/cache"]?.seedFromImage == true)
    }

    /// A VOLUME over content the build put there: Docker fills the new volume with it, so the path is writable and
    /// seeded from the image, and the content in it is no longer a path to keep volumes off.
    @Test func aVolumeOverContentIsSeededFromTheImage() throws {
        let inferred = try Self.inferred(
            """
            FROM debian:bookworm-slim
            RUN useradd -u 1000 -d /srv/home app && mkdir -p /srv/home && chown app /srv/home
            VOLUME /srv/home
            COPY seed.key /srv/home/seed.key
            USER app
            """)
        let path = try #require(inferred.profile.writablePaths.first { $0.path == "/srv/home" })
        #expect(path.seedFromImage)
        #expect(!inferred.profile.protectedPaths.contains("/srv/home/seed.key"))
        let fact = try #require(inferred.evidence.first { $0.fact == "writablePath" && $0.value == "/srv/home" })
        #expect(fact.evidence.contains("VOLUME /srv/home") && fact.evidence.contains("seeded"))
        #expect(fact.confidence == .medium)
        // An empty volume needs no seeding; content without a VOLUME stays unmounted.
        #expect(
            try Self.writable("FROM debian:bookworm-slim\nRUN mkdir -p /srv/data\nVOLUME /srv/data")["/srv/data"]?
                .seedFromImage == false)
        #expect(
            try Self.writable(
                "FROM debian:bookworm-slim\nRUN useradd -u 1000 app && mkdir -p /srv/data && chown app /srv/data\nCOPY seed.db /srv/data/\nUSER app"
            )["/srv/data"] == nil)
    }

    /// `rmdir` takes a directory away: it puts nothing in the directory around it.
    @Test func rmdirIsARemovalNotAFilling() throws {
        let text = """
            FROM debian:bookworm-slim
            RUN useradd -u 999 db && mkdir -p /var/lib/db/system && STEP \\
                && chown -R db:db /var/lib/db
            USER db
            """
        #expect(
            try Self.writable(text.replacingOccurrences(of: "STEP", with: "rmdir /var/lib/db/system"))["/var/lib/db"]
                != nil)
        #expect(
            try Self.writable(text.replacingOccurrences(of: "STEP", with: "tar -xf seed.tar -C /var/lib/db/system"))[
                "/var/lib/db"] == nil)
    }

    /// A `( ... )` subshell's `cd` ends with it: the relative paths after it are in the WORKDIR again.
    @Test func aSubshellsCdEndsWithIt() throws {
        let writable = try Self.writable(
            """
            FROM debian:bookworm-slim
            WORKDIR /usr/local/app
            RUN ( cd /tmp/native && make -j "$(nproc)" && make install ) && chmod 1777 logs
            USER 1000
            """)
        #expect(writable["/usr/local/app/logs"] != nil)
        #expect(writable["/tmp/native/logs"] == nil)
    }

    /// A shell variable the build does not know (the base image's ENV) stays a variable: `chown ${APP_UID}` gives
    /// the directory to a user, not to root, and a path with a variable names at least the directory before it.
    @Test func unknownShellVariablesAreNotEmptyStrings() throws {
        #expect(
            try Self.writable(
                "FROM alpine:3.20\nRUN mkdir -p /usr/logs && chown ${APP_UID}:root -R /usr/logs\nUSER 1000")[
                    "/usr/logs"]
                != nil)
        // touch "$DIR/app-$i.log" puts files in the directory.
        #expect(
            try Self.writable(
                """
                FROM debian:bookworm-slim
                RUN useradd -u 1000 app && mkdir -p /var/lib/app/log && chown app /var/lib/app/log \\
                    && for i in 1 2; do touch "/var/lib/app/log/app-$i.log"; done
                USER app
                """)["/var/lib/app/log"] == nil)
    }

    /// /usr holds installed content (FHS), but a directory the Dockerfile makes directly in /usr outside that
    /// hierarchy is no installer's target.
    @Test func aNewDirectoryInUsrOutsideTheFHSIsNotInstalledContent() throws {
        let text = "FROM alpine:3.20\nRUN mkdir -p DIR && chown 1000 DIR\nUSER 1000"
        #expect(try Self.writable(text.replacingOccurrences(of: "DIR", with: "/usr/logs"))["/usr/logs"] != nil)
        #expect(
            try Self.writable(text.replacingOccurrences(of: "DIR", with: "/usr/share/app/logs"))["/usr/share/app/logs"]
                == nil)
        #expect(
            try Self.writable(text.replacingOccurrences(of: "DIR", with: "/usr/local/app/logs"))["/usr/local/app/logs"]
                == nil)
    }

    /// The home a daemon account is given below /var/cache, /run, /var/log or /var/spool, without creating it
    /// (`adduser -H -h /var/cache/nginx`), is where it keeps its state.
    @Test func aDaemonsHomeBelowAScratchRootIsWritable() throws {
        let inferred = try Self.inferred("FROM alpine:3.20\nRUN adduser -S -D -H -u 101 -h /var/cache/web web")
        let fact = try #require(inferred.evidence.first { $0.fact == "writablePath" && $0.value == "/var/cache/web" })
        #expect(fact.confidence == .medium && fact.evidence.contains("home"))
        // Below /var/lib or /opt the home is often the installation; content a command puts there is not state.
        #expect(
            try Self.writable("FROM alpine:3.20\nRUN adduser -S -D -H -u 101 -h /var/lib/web web")["/var/lib/web"]
                == nil)
        #expect(
            try Self.writable(
                "FROM alpine:3.20\nRUN adduser -S -D -H -u 101 -h /var/cache/web web && tar -xf web.tar -C /var/cache/web"
            )["/var/cache/web"] == nil)
        // Not the runtime user's home.
        #expect(
            try Self.writable("FROM alpine:3.20\nRUN adduser -S -D -H -u 101 -h /var/cache/web web\nUSER 1000")[
                "/var/cache/web"] == nil)
    }

    /// OpenShift's convention: `chgrp -R 0 DIR && chmod -R g=u DIR` gives the root group, which an arbitrary uid
    /// runs in, the owner's write.
    @Test func groupEqualsUserGrantsWrite() throws {
        let text =
            "FROM alpine:3.20\nRUN mkdir -p /srv/data && chgrp -R 0 /srv/data && chmod -R MODE /srv/data\nUSER 1001"
        #expect(try Self.writable(text.replacingOccurrences(of: "MODE", with: "g=u"))["/srv/data"] != nil)
        #expect(try Self.writable(text.replacingOccurrences(of: "MODE", with: "g=r"))["/srv/data"] == nil)
    }
}
