import HardenCore
import Testing

@Suite("Image reference parsing")
struct ImageReferenceTests {
    struct ValidCase: CustomTestStringConvertible, Sendable {
        let input: String
        let domain: String
        let path: String
        let tag: String?
        let digest: String?
        var testDescription: String { input }
    }

    struct InvalidCase: CustomTestStringConvertible, Sendable {
        let input: String
        let reason: String
        var testDescription: String { input.isEmpty ? "(empty)" : String(input.prefix(60)) }
    }

    static let sha256 = String(repeating: "0123456789abcdef", count: 4)
    static let sha384 = String(repeating: "0123456789abcdef", count: 6)
    static let sha512 = String(repeating: "0123456789abcdef", count: 8)

    static let validCases: [ValidCase] = [
        ValidCase(input: "nginx", domain: "docker.io", path: "library/nginx", tag: "latest", digest: nil),
        ValidCase(
            input: "nginx:1.27-alpine", domain: "docker.io", path: "library/nginx", tag: "1.27-alpine", digest: nil),
        ValidCase(
            input: "library/nginx:1.27-alpine", domain: "docker.io", path: "library/nginx", tag: "1.27-alpine",
            digest: nil),
        ValidCase(input: "docker.io/nginx", domain: "docker.io", path: "library/nginx", tag: "latest", digest: nil),
        ValidCase(
            input: "docker.io/library/nginx:latest", domain: "docker.io", path: "library/nginx", tag: "latest",
            digest: nil),
        ValidCase(
            input: "index.docker.io/library/httpd:2.4", domain: "docker.io", path: "library/httpd", tag: "2.4",
            digest: nil),
        ValidCase(
            input: "index.docker.io/httpd", domain: "docker.io", path: "library/httpd", tag: "latest", digest: nil),
        ValidCase(
            input: "public.ecr.aws/docker/library/nginx:1.27", domain: "public.ecr.aws", path: "docker/library/nginx",
            tag: "1.27", digest: nil),
        ValidCase(
            input: "ghcr.io/org/app@sha256:\(sha256)", domain: "ghcr.io", path: "org/app", tag: nil,
            digest: "sha256:\(sha256)"),
        ValidCase(input: "localhost:5000/nginx:dev", domain: "localhost:5000", path: "nginx", tag: "dev", digest: nil),
        ValidCase(
            input: "registry.example.com:8443/team/api:1.4.2", domain: "registry.example.com:8443", path: "team/api",
            tag: "1.4.2", digest: nil),
        ValidCase(input: "localhost/foo", domain: "localhost", path: "foo", tag: "latest", digest: nil),
        ValidCase(input: "[::1]:5000/app:v1", domain: "[::1]:5000", path: "app", tag: "v1", digest: nil),
        ValidCase(
            input: "[2001:db8::1]/team/app", domain: "[2001:db8::1]", path: "team/app", tag: "latest", digest: nil),
        ValidCase(input: "192.168.1.10:5000/app", domain: "192.168.1.10:5000", path: "app", tag: "latest", digest: nil),
        ValidCase(
            input: "Registry.Example.COM/app", domain: "Registry.Example.COM", path: "app", tag: "latest", digest: nil),
        ValidCase(input: "Example/app", domain: "Example", path: "app", tag: "latest", digest: nil),
        ValidCase(
            input: "grafana/grafana:11.0.0", domain: "docker.io", path: "grafana/grafana", tag: "11.0.0", digest: nil),
        ValidCase(input: "bitnami/nginx", domain: "docker.io", path: "bitnami/nginx", tag: "latest", digest: nil),
        ValidCase(input: "a/b/c/d/e", domain: "docker.io", path: "a/b/c/d/e", tag: "latest", digest: nil),
        ValidCase(input: "foo_bar/baz__qux", domain: "docker.io", path: "foo_bar/baz__qux", tag: "latest", digest: nil),
        ValidCase(input: "foo-bar---baz/x", domain: "docker.io", path: "foo-bar---baz/x", tag: "latest", digest: nil),
        ValidCase(input: "foo.bar/baz", domain: "foo.bar", path: "baz", tag: "latest", digest: nil),
        ValidCase(input: "a.b.c/x.y", domain: "a.b.c", path: "x.y", tag: "latest", digest: nil),
        ValidCase(
            input: "nginx:latest@sha256:\(sha256)", domain: "docker.io", path: "library/nginx", tag: "latest",
            digest: "sha256:\(sha256)"),
        ValidCase(
            input: "nginx:\(String(repeating: "t", count: 128))", domain: "docker.io", path: "library/nginx",
            tag: String(repeating: "t", count: 128), digest: nil),
        ValidCase(
            input: "nginx:_underscore", domain: "docker.io", path: "library/nginx", tag: "_underscore", digest: nil),
        ValidCase(
            input: "nginx:1.0.0-rc.1_beta", domain: "docker.io", path: "library/nginx", tag: "1.0.0-rc.1_beta",
            digest: nil),
        ValidCase(input: "nginx:UPPER", domain: "docker.io", path: "library/nginx", tag: "UPPER", digest: nil),
        ValidCase(
            input: "nginx@sha512:\(sha512)", domain: "docker.io", path: "library/nginx", tag: nil,
            digest: "sha512:\(sha512)"),
        ValidCase(
            input: "nginx@sha384:\(sha384)", domain: "docker.io", path: "library/nginx", tag: nil,
            digest: "sha384:\(sha384)"),
        ValidCase(
            input: "example.com:443/a.b/c_d", domain: "example.com:443", path: "a.b/c_d", tag: "latest", digest: nil),
        ValidCase(
            input: "quay.io/keycloak/keycloak:26.0", domain: "quay.io", path: "keycloak/keycloak", tag: "26.0",
            digest: nil),
        ValidCase(
            input: "mirror.gcr.io/library/redis:7", domain: "mirror.gcr.io", path: "library/redis", tag: "7",
            digest: nil),
        ValidCase(
            input: "registry-1.docker.io/library/postgres:16", domain: "registry-1.docker.io", path: "library/postgres",
            tag: "16", digest: nil),
        ValidCase(input: "foo:5000/bar", domain: "foo:5000", path: "bar", tag: "latest", digest: nil),
        ValidCase(
            input: "xn--bcher-kva.example/app", domain: "xn--bcher-kva.example", path: "app", tag: "latest", digest: nil
        ),
        ValidCase(
            input: "docker.io/library/library", domain: "docker.io", path: "library/library", tag: "latest", digest: nil
        ),
    ]

    static let invalidCases: [InvalidCase] = [
        InvalidCase(input: "", reason: "reference is empty"),
        InvalidCase(input: "Nginx:latest", reason: "repository name must be lowercase"),
        InvalidCase(input: "foo/Bar", reason: "repository name must be lowercase"),
        InvalidCase(input: "nginx:", reason: "tag is empty"),
        InvalidCase(input: "nginx:-bad", reason: "must start with a letter, digit or underscore"),
        InvalidCase(input: "nginx:.bad", reason: "must start with a letter, digit or underscore"),
        InvalidCase(input: "nginx:bad+tag", reason: "may contain only"),
        InvalidCase(input: "nginx:\(String(repeating: "t", count: 129))", reason: "tag is longer than 128 characters"),
        InvalidCase(input: "nginx:bad/tag", reason: "registry port \"bad\" must be a number"),
        InvalidCase(input: "nginx@sha256:abc", reason: "invalid digest length"),
        InvalidCase(input: "nginx@sha256:\(sha256.uppercased())", reason: "digest hex must be lowercase"),
        InvalidCase(input: "nginx@md5:\(String(repeating: "a", count: 32))", reason: "unsupported digest algorithm"),
        InvalidCase(input: "nginx@sha256", reason: "must be algorithm:hex"),
        InvalidCase(input: "nginx@sha256:\(String(repeating: "z", count: 64))", reason: "digest must be hexadecimal"),
        InvalidCase(input: "nginx@1sha:\(sha256)", reason: "invalid digest algorithm"),
        InvalidCase(input: "nginx@sha512:\(sha256)", reason: "sha512 needs 128 hex characters, got 64"),
        InvalidCase(input: "-nginx", reason: "must start and end with a lowercase letter or digit"),
        InvalidCase(input: "nginx-", reason: "must start and end with a lowercase letter or digit"),
        InvalidCase(input: "foo/-bar", reason: "must start and end with a lowercase letter or digit"),
        InvalidCase(input: "foo/.bar", reason: "must start and end with a lowercase letter or digit"),
        InvalidCase(input: "foo_/bar", reason: "must start and end with a lowercase letter or digit"),
        InvalidCase(input: "foo//bar", reason: "empty component"),
        InvalidCase(input: "foo/bar/", reason: "empty component"),
        InvalidCase(input: "foo..bar", reason: "invalid separator \"..\""),
        InvalidCase(input: "foo___bar", reason: "invalid separator \"___\""),
        InvalidCase(input: "foo._bar", reason: "invalid separator"),
        InvalidCase(input: "registry.example.com:port/app", reason: "registry port \"port\" must be a number"),
        InvalidCase(input: "example.com:/app", reason: "registry port \"\" must be a number"),
        InvalidCase(input: "[::1/app", reason: "missing \"]\""),
        InvalidCase(input: "[zz::1]/app", reason: "is not a valid IPv6 address"),
        InvalidCase(input: "[::1]x/app", reason: "unexpected"),
        InvalidCase(input: "-host.com/app", reason: "is not a valid host name"),
        InvalidCase(input: "host-.com/app", reason: "is not a valid host name"),
        InvalidCase(input: "host..com/app", reason: "is not a valid host name"),
        InvalidCase(input: String(repeating: "0123456789abcdef", count: 4), reason: "is an image ID"),
        InvalidCase(input: "nginx latest", reason: "whitespace"),
        InvalidCase(input: "nginx\t", reason: "whitespace"),
        InvalidCase(input: "nginx\u{7}:1.27", reason: "control character (U+7)"),
        InvalidCase(input: "nginx\u{A0}:1.27", reason: "(U+A0)"),
        InvalidCase(input: "nginx:1.27\u{2003}", reason: "(U+2003)"),
        InvalidCase(
            input: "example.com/" + String(repeating: "a", count: 256), reason: "must not be more than 255 characters"),
        InvalidCase(input: "a@b@c", reason: "must be algorithm:hex"),
        InvalidCase(input: ":tag", reason: "repository name is empty"),
        InvalidCase(input: "@sha256:\(sha256)", reason: "repository name is empty"),
        InvalidCase(input: "nginx:tag:other", reason: "invalid separator \":\""),
        InvalidCase(input: "ngïnx", reason: "invalid separator \"ï\""),
        InvalidCase(input: "exämple.com/app", reason: "is not a valid host name"),
    ]

    @Test(arguments: validCases)
    func parsesValidReference(_ c: ValidCase) throws {
        let reference = try ImageReference.parse(c.input)
        #expect(reference.domain == c.domain)
        #expect(reference.path == c.path)
        #expect(reference.tag == c.tag)
        #expect(reference.digest == c.digest)
    }

    @Test(arguments: invalidCases)
    func rejectsInvalidReferenceWithItsReason(_ c: InvalidCase) {
        #expect {
            _ = try ImageReference.parse(c.input)
        } throws: { error in
            guard let error = error as? ReferenceError else { return false }
            return error.input == c.input && error.reason.contains(c.reason)
        }
    }

    @Test func assumesLatestOnlyWhenNeitherTagNorDigestIsGiven() throws {
        #expect(try ImageReference.parse("nginx").tagIsImplicit)
        #expect(try !ImageReference.parse("nginx:latest").tagIsImplicit)
        #expect(try ImageReference.parse("nginx@sha256:\(Self.sha256)").tag == nil)
    }

    @Test func familiarNameDropsDockerHubPrefixes() throws {
        #expect(try ImageReference.parse("docker.io/library/nginx:1").familiarName == "nginx")
        #expect(try ImageReference.parse("grafana/grafana").familiarName == "grafana/grafana")
        #expect(try ImageReference.parse("quay.io/a/b").familiarName == "quay.io/a/b")
    }

    @Test(arguments: validCases)
    func canonicalFormParsesBackToTheSameReference(_ c: ValidCase) throws {
        let reference = try ImageReference.parse(c.input)
        #expect(try ImageReference.parse(reference.description) == reference)
    }

    /// Property: every accepted reference, random or hand-written, prints to a canonical form that parses back
    /// to an equal value. Inputs come from a fixed-seed generator so that a failure reproduces.
    @Test func everyAcceptedRandomReferenceRoundTrips() throws {
        var generator = SplitMix64(seed: 0x6861_7264_656e)
        let alphabet = Array("abcz09._-/:@[]ABC")
        var accepted = 0
        for _ in 0..<20_000 {
            let length = Int(generator.next() % 24) + 1
            var text = String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
            if generator.next() % 4 == 0 { text += "@sha256:\(Self.sha256)" }
            guard let reference = try? ImageReference.parse(text) else { continue }
            accepted += 1
            let reparsed = try ImageReference.parse(reference.description)
            #expect(reparsed == reference, "\(text) -> \(reference.description)")
        }
        #expect(accepted > 500)
    }
}

/// A small deterministic random generator (SplitMix64) for property tests.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Reference length")
struct ReferenceLengthTests {
    /// distribution/reference v0.6 bounds the path at 255 characters, not domain + path.
    @Test func aLongDomainDoesNotCountAgainstThePath() throws {
        let path = String(repeating: "a", count: 255)
        #expect(try ImageReference.parse("registry.example.com:5000/" + path).path == path)
        #expect(throws: ReferenceError.self) { try ImageReference.parse("registry.example.com/" + path + "a") }
    }
}
