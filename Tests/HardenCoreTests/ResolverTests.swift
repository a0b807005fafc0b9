import Foundation
import HardenCore
import Testing

@Suite("Resolving references against the shipped knowledge base")
struct ResolverTests {
    struct MatchCase: CustomTestStringConvertible, Sendable {
        let input: String
        let image: String
        let variant: String
        let via: Resolution.Via
        var testDescription: String { input }
    }

    static let matchCases: [MatchCase] = [
        MatchCase(input: "nginx", image: "docker.io/library/nginx", variant: "debian", via: .canonical),
        MatchCase(
            input: "library/nginx:1.29-alpine", image: "docker.io/library/nginx", variant: "alpine", via: .canonical),
        MatchCase(
            input: "nginx:1.27-alpine", image: "docker.io/library/nginx", variant: "alpine-var-run", via: .canonical),
        MatchCase(
            input: "nginx:mainline-bookworm", image: "docker.io/library/nginx", variant: "debian", via: .canonical),
        MatchCase(input: "docker.io/nginx:1.28", image: "docker.io/library/nginx", variant: "debian", via: .canonical),
        MatchCase(
            input: "index.docker.io/library/httpd:2.4", image: "docker.io/library/httpd", variant: "debian",
            via: .canonical),
        MatchCase(input: "httpd:2.4-alpine", image: "docker.io/library/httpd", variant: "alpine", via: .canonical),
        MatchCase(
            input: "public.ecr.aws/docker/library/nginx:1.28", image: "docker.io/library/nginx", variant: "debian",
            via: .mirror),
        MatchCase(
            input: "mirror.gcr.io/library/redis:7-alpine", image: "docker.io/library/redis", variant: "alpine",
            via: .mirror),
        MatchCase(input: "mirror.gcr.io/redis:7", image: "docker.io/library/redis", variant: "debian", via: .mirror),
        MatchCase(
            input: "registry-1.docker.io/library/postgres:16", image: "docker.io/library/postgres",
            variant: "debian-pre18", via: .mirror),
        MatchCase(input: "postgres:16", image: "docker.io/library/postgres", variant: "debian-pre18", via: .canonical),
        MatchCase(input: "postgres:18", image: "docker.io/library/postgres", variant: "debian", via: .canonical),
        MatchCase(
            input: "postgres:16-alpine", image: "docker.io/library/postgres", variant: "alpine-pre18", via: .canonical),
        MatchCase(
            input: "quay.io/prometheus/prometheus:v3.1.0", image: "docker.io/prom/prometheus", variant: "busybox",
            via: .alias),
        MatchCase(
            input: "nginxinc/nginx-unprivileged:1.27-alpine", image: "docker.io/nginxinc/nginx-unprivileged",
            variant: "alpine", via: .canonical),
        MatchCase(
            input: "REGISTRY-1.DOCKER.IO/library/nginx", image: "docker.io/library/nginx", variant: "debian",
            via: .mirror),
    ]

    @Test(arguments: matchCases)
    func resolvesToTheRightEntryAndVariant(_ c: MatchCase) throws {
        let resolution = try Resolver(knowledgeBase: shippedKnowledgeBase()).resolve(c.input)
        let match = try #require(resolution.match)
        #expect(match.image == c.image)
        #expect(match.variant == c.variant)
        #expect(match.via == c.via)
        #expect(!match.reason.isEmpty)
        #expect(resolution.profile != nil)
    }

    @Test func digestAloneAssumesTheDefaultVariantAndSaysSo() throws {
        let digest = String(repeating: "ab", count: 32)
        let resolution = try Resolver(knowledgeBase: shippedKnowledgeBase()).resolve("nginx@sha256:\(digest)")
        let match = try #require(resolution.match)
        #expect(match.variant == "debian")
        #expect(match.reason.contains("digest but no tag"))
        #expect(match.assumptions.count == 1)
    }

    @Test func variantOverrideWinsOverTheTag() throws {
        let resolution = try Resolver(knowledgeBase: shippedKnowledgeBase()).resolve("nginx:1.29", variant: "alpine")
        #expect(resolution.match?.variant == "alpine")
        #expect(resolution.match?.reason.contains("chosen by name") == true)
    }

    @Test func unknownVariantOverrideListsTheChoices() throws {
        #expect {
            try Resolver(knowledgeBase: shippedKnowledgeBase()).resolve("nginx", variant: "windows")
        } throws: { error in
            guard case .unknownVariant(_, "windows", let available) = error as? ResolveError else { return false }
            return available.contains("debian")
        }
    }

    @Test func aPrivateRegistryIsNotDockerHub() throws {
        let resolver = Resolver(knowledgeBase: try shippedKnowledgeBase())
        for input in ["localhost:5000/nginx:dev", "registry.example.com/library/nginx"] {
            let resolution = try resolver.resolve(input)
            #expect(resolution.match == nil)
            #expect(resolution.profile == nil)
            #expect(resolution.suggestions.first == "docker.io/library/nginx")
        }
    }

    @Test func suggestsCloseNamesForTypos() throws {
        let resolution = try Resolver(knowledgeBase: shippedKnowledgeBase()).resolve("ngnix")
        #expect(resolution.match == nil)
        #expect(resolution.suggestions.first == "docker.io/library/nginx")
    }

    @Test(arguments: ["ghcr.io/acme/payments-api:1.4.2", "ghcr.io/a/b", "ghcr.io/acme/go"])
    func unrelatedNamesGetNoSuggestions(_ reference: String) throws {
        let resolution = try Resolver(knowledgeBase: shippedKnowledgeBase()).resolve(reference)
        #expect(resolution.suggestions == [])
    }

    @Test func profileCarriesTheFactsAndTheirSources() throws {
        let resolution = try Resolver(knowledgeBase: shippedKnowledgeBase()).resolve("httpd:2.4")
        let profile = try #require(resolution.profile)
        #expect(profile.runAsUser == 33)
        #expect(profile.writablePaths.map(\.path) == ["/usr/local/apache2/logs"])
        #expect(profile.protectedPaths.contains("/usr/local/apache2/conf"))
        #expect(profile.ports.first?.privileged == true)
        #expect(profile.sources.allSatisfy { $0.hasPrefix("https://") })
        let facts = try #require(resolution.facts)
        #expect(facts.writablePaths.allSatisfy { !$0.sources.isEmpty }, "the model's paths, with the ids they cite")
    }

    /// The profile is the facts' view for JSON: a resolution read back from its JSON writes the same JSON.
    @Test(arguments: ["postgres:16", "nginx:1.29-alpine", "ghcr.io/acme/api:1.0"])
    func resolutionJSONReadsBackToTheSameFacts(_ reference: String) throws {
        let resolution = try Resolver(knowledgeBase: shippedKnowledgeBase()).resolve(reference)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = try encoder.encode(resolution)
        let decoded = try JSONDecoder().decode(Resolution.self, from: json)
        #expect(try encoder.encode(decoded) == json)
        #expect(decoded.facts?.writablePaths.map(\.path) == resolution.facts?.writablePaths.map(\.path))
    }

    struct TagCase: CustomTestStringConvertible, Sendable {
        let pattern: String
        let tag: String
        let matches: Bool
        var testDescription: String { "\(pattern) ~ \(tag)" }
    }

    static let tagCases: [TagCase] = [
        TagCase(pattern: "*", tag: "latest", matches: true),
        TagCase(pattern: "*alpine*", tag: "1.27-alpine3.20", matches: true),
        TagCase(pattern: "*alpine*", tag: "1.27-bookworm", matches: false),
        TagCase(pattern: "*-fpm", tag: "8.3-fpm", matches: true),
        TagCase(pattern: "*-fpm", tag: "8.3-fpm-alpine", matches: false),
        TagCase(pattern: "1.?", tag: "1.2", matches: true),
        TagCase(pattern: "1.?", tag: "1.22", matches: false),
        TagCase(pattern: "alpine", tag: "alpine", matches: true),
    ]

    @Test(arguments: tagCases)
    func matchesTagPatterns(_ c: TagCase) {
        #expect(TagPattern.matches(c.pattern, c.tag) == c.matches)
    }

    struct VersionCase: CustomTestStringConvertible, Sendable {
        let range: String
        let tag: String
        let contains: Bool
        var testDescription: String { "\(tag) in \(range)" }
    }

    static let versionCases: [VersionCase] = [
        VersionCase(range: "<18", tag: "16.4-bookworm", contains: true),
        VersionCase(range: "<18", tag: "18", contains: false),
        VersionCase(range: ">=1.25, <1.27.5", tag: "1.27-alpine", contains: true),
        VersionCase(range: ">=1.25, <1.27.5", tag: "1.27.5", contains: false),
        VersionCase(range: ">=3", tag: "v3.1", contains: true),
        VersionCase(range: "=2.4", tag: "2.4.0", contains: true),
        VersionCase(range: " >= 1.25 ,\t< 2 ", tag: "1.27", contains: true),
        VersionCase(range: " >= 1.25 ,\t< 2 ", tag: "2.0", contains: false),
    ]

    @Test(arguments: ["", " ", ">=", ">= ,<2", "1.25", "~1.25"])
    func refusesRangesWithoutAVersionForEachComparator(_ text: String) {
        #expect(VersionRange(text) == nil)
    }

    @Test(arguments: versionCases)
    func comparesLeadingVersionsOfTags(_ c: VersionCase) throws {
        let range = try #require(VersionRange(c.range))
        let version = try #require(Version(leadingVersionOf: c.tag))
        #expect(range.contains(version) == c.contains)
    }
}
