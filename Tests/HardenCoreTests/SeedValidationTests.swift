import HardenCore
import Testing

@Suite("Seed file validation")
struct SeedValidationTests {
    /// A minimal valid seed file; each bad case replaces one fragment of it.
    static let validSeed = """
        repository: docker.io/library/demo
        description: A demo image.
        sources:
          - id: dockerfile
            url: https://example.com/Dockerfile
            confidence: high
        variants:
          - name: default
            default: true
            tags: ["*"]
            user:
              shipped: root
              uid: 1000
              gid: 1000
              sources: [dockerfile]
            writablePaths:
              - path: /var/cache/demo
                why: cache
                sources: [dockerfile]
            protectedPaths:
              - path: /etc/demo
                why: config
                sources: [dockerfile]
            ports:
              - port: 8080
                why: listens
                sources: [dockerfile]
        """

    struct BadCase: CustomTestStringConvertible, Sendable {
        let name: String
        let replace: String
        let with: String
        let field: String
        let message: String
        var testDescription: String { name }
    }

    static let badCases: [BadCase] = [
        BadCase(
            name: "relative path", replace: "path: /var/cache/demo", with: "path: var/cache/demo",
            field: "variants[0].writablePaths[0].path", message: "must be an absolute path"),
        BadCase(
            name: "dot-dot", replace: "path: /var/cache/demo", with: "path: /var/cache/../demo",
            field: "variants[0].writablePaths[0].path", message: "must not contain \"..\""),
        BadCase(
            name: "root", replace: "path: /var/cache/demo", with: "path: /", field: "variants[0].writablePaths[0].path",
            message: "whole filesystem"),
        BadCase(
            name: "usr", replace: "path: /var/cache/demo", with: "path: /usr",
            field: "variants[0].writablePaths[0].path", message: "is a system root"),
        BadCase(
            name: "etc", replace: "path: /var/cache/demo", with: "path: /etc",
            field: "variants[0].writablePaths[0].path", message: "is a system root"),
        BadCase(
            name: "var lib", replace: "path: /var/cache/demo", with: "path: /var/lib",
            field: "variants[0].writablePaths[0].path", message: "is a system root"),
        BadCase(
            name: "trailing slash", replace: "path: /var/cache/demo", with: "path: /var/cache/demo/",
            field: "variants[0].writablePaths[0].path", message: "must not end with"),
        BadCase(
            name: "uid 0", replace: "uid: 1000", with: "uid: 0", field: "variants[0].user.uid",
            message: "uid must be a non-root user id"),
        BadCase(
            name: "gid 0", replace: "gid: 1000", with: "gid: 0", field: "variants[0].user.gid",
            message: "gid must be a non-root group id"),
        BadCase(
            name: "uid not a number", replace: "uid: 1000", with: "uid: www-data", field: "variants[0].user.uid",
            message: "expected a whole number"),
        BadCase(
            name: "writable equal to protected", replace: "path: /etc/demo", with: "path: /var/cache/demo",
            field: "variants[0].writablePaths[0].path", message: "overlaps protected path \"/var/cache/demo\""),
        BadCase(
            name: "writable under protected", replace: "path: /etc/demo", with: "path: /var/cache",
            field: "variants[0].writablePaths[0].path", message: "overlaps protected path \"/var/cache\""),
        BadCase(
            name: "writable above protected", replace: "path: /etc/demo", with: "path: /var/cache/demo/conf",
            field: "variants[0].writablePaths[0].path", message: "overlaps protected path"),
        BadCase(
            name: "unknown key", replace: "writablePaths:", with: "writeablePaths:",
            field: "variants[0].writeablePaths",
            message: "unknown key \"writeablePaths\"; did you mean \"writablePaths\"?"),
        BadCase(
            name: "missing sources", replace: "    why: cache\n        sources: [dockerfile]", with: "    why: cache",
            field: "variants[0].writablePaths[0].sources", message: "cite at least one source"),
        BadCase(
            name: "unknown source", replace: "why: cache\n        sources: [dockerfile]",
            with: "why: cache\n        sources: [nowhere]", field: "variants[0].writablePaths[0].sources",
            message: "cites unknown source \"nowhere\""),
        BadCase(
            name: "no default", replace: "default: true", with: "default: false", field: "variants",
            message: "no variant is marked `default: true`"),
        BadCase(
            name: "not fully qualified", replace: "repository: docker.io/library/demo", with: "repository: demo",
            field: "repository", message: "must be written fully qualified as \"docker.io/library/demo\""),
        BadCase(
            name: "uppercase repository", replace: "repository: docker.io/library/demo",
            with: "repository: docker.io/library/Demo", field: "repository", message: "must be lowercase"),
        BadCase(
            name: "wrong place", replace: "repository: docker.io/library/demo",
            with: "repository: docker.io/library/other", field: "repository", message: "does not match the file's place"
        ),
        BadCase(
            name: "capability prefix", replace: "    ports:",
            with:
                "    capabilities:\n      - name: CAP_NET_BIND_SERVICE\n        why: binds\n        sources: [dockerfile]\n    ports:",
            field: "variants[0].capabilities[0].name", message: "without the CAP_ prefix"),
        BadCase(
            name: "unknown capability", replace: "    ports:",
            with: "    capabilities:\n      - name: FLY\n        why: binds\n        sources: [dockerfile]\n    ports:",
            field: "variants[0].capabilities[0].name", message: "is not a Linux capability"),
        BadCase(
            name: "bad version range", replace: "tags: [\"*\"]", with: "tags: [\"*\"]\n    versions: \"about 2\"",
            field: "variants[0].versions", message: "is not a version range"),
        BadCase(
            name: "empty version range", replace: "tags: [\"*\"]", with: "tags: [\"*\"]\n    versions: \">=2, <1\"",
            field: "variants[0].versions", message: "admits no version"),
        BadCase(
            name: "port out of range", replace: "port: 8080", with: "port: 70000", field: "variants[0].ports[0].port",
            message: "is not a port number"),
        BadCase(
            name: "bad confidence", replace: "confidence: high", with: "confidence: sure",
            field: "sources[0].confidence", message: "\"sure\" is not one of low, medium, high"),
        BadCase(
            name: "bad size limit", replace: "why: cache\n", with: "why: cache\n        sizeLimit: lots\n",
            field: "variants[0].writablePaths[0].sizeLimit", message: "is not a Kubernetes quantity"),
        BadCase(
            name: "bad tag pattern", replace: "tags: [\"*\"]", with: "tags: [\"a b\"]", field: "variants[0].tags[0]",
            message: "can never match a tag"),
        BadCase(
            name: "required variable without secret", replace: "    ports:",
            with:
                "    requiredEnvironment:\n      - name: DEMO_PASSWORD\n        why: refuses to start\n        sources: [dockerfile]\n    ports:",
            field: "variants[0].requiredEnvironment[0].secret", message: "required"),
        BadCase(
            name: "required variable with a bad name", replace: "    ports:",
            with:
                "    requiredEnvironment:\n      - name: DEMO-PASSWORD\n        secret: true\n        why: refuses to start\n        sources: [dockerfile]\n    ports:",
            field: "variants[0].requiredEnvironment[0].name", message: "is not a valid environment variable name"),
        BadCase(
            name: "required variable that harden also sets", replace: "    ports:",
            with:
                "    environment:\n      - name: DEMO_PASSWORD\n        value: x\n        required: true\n        why: set\n        sources: [dockerfile]\n    requiredEnvironment:\n      - name: DEMO_PASSWORD\n        secret: true\n        why: refuses to start\n        sources: [dockerfile]\n    ports:",
            field: "variants[0].requiredEnvironment[0].name", message: "is also under environment"),
        BadCase(
            name: "required variable without a source", replace: "    ports:",
            with:
                "    requiredEnvironment:\n      - name: DEMO_PASSWORD\n        secret: true\n        why: refuses to start\n    ports:",
            field: "variants[0].requiredEnvironment[0].sources", message: "cite at least one source"),
        BadCase(
            name: "required variable with an unknown key", replace: "    ports:",
            with:
                "    requiredEnvironment:\n      - name: DEMO_PASSWORD\n        secret: true\n        value: hunter2\n        why: refuses to start\n        sources: [dockerfile]\n    ports:",
            field: "variants[0].requiredEnvironment[0].value", message: "unknown key \"value\""),
        BadCase(
            name: "missing user",
            replace: "    user:\n      shipped: root\n      uid: 1000\n      gid: 1000\n      sources: [dockerfile]\n",
            with: "", field: "variants[0].user", message: "no user"),
    ]

    static func issues(for text: String, file: String = "docker.io/library/demo.yaml") -> [SeedIssue] {
        SeedCatalog.load([SeedLayer(name: "test", root: "seeds", files: [.init(path: file, contents: text)])]).issues
    }

    @Test func acceptsTheValidSeed() {
        #expect(Self.issues(for: Self.validSeed).filter { $0.severity == .error } == [])
    }

    @Test(arguments: badCases)
    func rejectsBadSeedAtItsField(_ c: BadCase) {
        let text = Self.validSeed.replacingOccurrences(of: c.replace, with: c.with)
        #expect(text != Self.validSeed, "the case's fragment is not in the valid seed")
        let errors = Self.issues(for: text).filter { $0.severity == .error }
        #expect(errors.contains { $0.field == c.field && $0.message.contains(c.message) }, "\(errors)")
        #expect(errors.allSatisfy { $0.file == "seeds/docker.io/library/demo.yaml" })
    }

    @Test func readsARequiredVariable() throws {
        let text = Self.validSeed.replacingOccurrences(
            of: "    ports:",
            with:
                "    requiredEnvironment:\n      - name: DEMO_PASSWORD\n        secret: true\n        why: refuses to start\n        sources: [dockerfile]\n    ports:"
        )
        let catalog = SeedCatalog.load([
            SeedLayer(name: "test", root: "seeds", files: [.init(path: "docker.io/library/demo.yaml", contents: text)])
        ])
        #expect(catalog.issues.filter { $0.severity == .error } == [])
        let variant = try #require(catalog.entries.first?.variants.first)
        #expect(
            variant.requiredEnvironment == [
                RequiredVariable(name: "DEMO_PASSWORD", secret: true, why: "refuses to start", sources: ["dockerfile"])
            ])
    }

    @Test func reportsTheLineOfTheBadField() throws {
        let text = Self.validSeed.replacingOccurrences(of: "uid: 1000", with: "uid: 0")
        let issue = try #require(Self.issues(for: text).first { $0.field == "variants[0].user.uid" })
        #expect(issue.line == 13)
        #expect(
            issue.description
                == "seeds/docker.io/library/demo.yaml:13: variants[0].user.uid: uid must be a non-root user id (> 0), got 0"
        )
    }

    @Test func rejectsBrokenYAMLWithItsLine() throws {
        let issue = try #require(Self.issues(for: "repository: [unclosed\ndescription: x\n").first)
        #expect(issue.message.hasPrefix("invalid YAML"))
        #expect(issue.line != nil)
    }

    @Test func rejectsAnAliasBombBeforeExpandingIt() throws {
        var bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...8 {
            bomb +=
                "\(Character(UnicodeScalar(UInt8(97 + level)))): &\(Character(UnicodeScalar(UInt8(97 + level)))) ["
                + Array(repeating: "*\(Character(UnicodeScalar(UInt8(96 + level))))", count: 10).joined(separator: ", ")
                + "]\n"
        }
        let issue = try #require(Self.issues(for: bomb).first)
        #expect(issue.message.contains("alias bomb"))
    }

    @Test func rejectsDeepNesting() throws {
        let issue = try #require(Self.issues(for: String(repeating: "[", count: 10_000)).first)
        #expect(issue.message.contains("nesting deeper"))
    }

    @Test func rejectsTheSameRepositoryInTwoFiles() {
        let other = Self.validSeed.replacingOccurrences(
            of: "repository: docker.io/library/demo", with: "repository: docker.io/library/demo2"
        )
        .replacingOccurrences(
            of: "description: A demo image.",
            with: "description: Another.\naliases:\n  - repository: docker.io/library/demo\n    kind: alias")
        let catalog = SeedCatalog.load([
            SeedLayer(
                name: "test", root: "seeds",
                files: [
                    .init(path: "docker.io/library/demo.yaml", contents: Self.validSeed),
                    .init(path: "docker.io/library/demo2.yaml", contents: other),
                ])
        ])
        #expect(
            catalog.errors.contains {
                $0.message.contains("is already a name of docker.io/library/demo (seeds/docker.io/library/demo.yaml)")
            })
    }

    @Test func warnsAboutLowConfidenceAndUncitedSources() {
        let text = Self.validSeed.replacingOccurrences(
            of: "    confidence: high",
            with: "    confidence: low\n  - id: unused\n    url: https://example.com\n    confidence: medium")
        let warnings = Self.issues(for: text).filter { $0.severity == .warning }
        #expect(warnings.contains { $0.message.contains("low confidence") })
        #expect(warnings.contains { $0.message.contains("source \"unused\" is not cited") })
    }

    @Test func mergesCommonFactsIntoEveryVariant() throws {
        let text = Self.validSeed.replacingOccurrences(
            of: "variants:", with: "common:\n  pitfalls:\n    - summary: shared\n      sources: [dockerfile]\nvariants:"
        )
        let catalog = SeedCatalog.load([
            SeedLayer(name: "test", root: "seeds", files: [.init(path: "docker.io/library/demo.yaml", contents: text)])
        ])
        let entry = try #require(catalog.entries.first)
        #expect(entry.defaultVariant.pitfalls.map(\.summary) == ["shared"])
    }

    @Test func everyShippedSeedFileValidates() {
        let catalog = SeedCatalog.load([.shipped])
        #expect(catalog.errors == [])
        #expect(catalog.entries.count >= 50)
    }
}
