import AsyncHTTPClient
import Foundation
import Testing

@testable import HardenCore

/// Which proxy a registry request goes through, read from the environment as curl reads it.
@Suite("Proxy settings from the environment")
struct ProxySettingsTests {
    typealias Proxy = HTTPClient.Configuration.Proxy

    static func proxy(_ environment: [String: String], _ url: String) throws -> Proxy? {
        try ProxySettings(environment: environment).proxy(for: #require(URL(string: url)))
    }

    @Test func httpsAndHTTPEachHaveTheirVariableAndAllProxyCoversBoth() throws {
        let environment = [
            "https_proxy": "http://secure.example:3128", "http_proxy": "plain.example:8080",
            "all_proxy": "http://all.example:9000",
        ]
        #expect(
            try Self.proxy(environment, "https://registry.example/v2/") == .server(host: "secure.example", port: 3128))
        #expect(
            try Self.proxy(environment, "http://registry.example/v2/") == .server(host: "plain.example", port: 8080))
        let onlyAll = ["ALL_PROXY": "http://all.example:9000"]
        #expect(try Self.proxy(onlyAll, "https://registry.example/") == .server(host: "all.example", port: 9000))
        #expect(try Self.proxy(onlyAll, "http://registry.example/") == .server(host: "all.example", port: 9000))
        #expect(try Self.proxy([:], "https://registry.example/") == nil)
    }

    @Test func lowerCaseWinsAndUpperCaseHTTPProxyIsIgnoredAsCurlDoes() throws {
        let environment = ["https_proxy": "http://lower.example:1", "HTTPS_PROXY": "http://upper.example:2"]
        #expect(try Self.proxy(environment, "https://r.example/") == .server(host: "lower.example", port: 1))
        #expect(
            try Self.proxy(["HTTPS_PROXY": "http://upper.example:2"], "https://r.example/")?.host == "upper.example")
        #expect(try Self.proxy(["HTTP_PROXY": "http://upper.example:2"], "http://r.example/") == nil)
    }

    @Test func aPortlessProxyUsesCurlsDefaultAndCredentialsArePercentDecoded() throws {
        let proxy = try Self.proxy(["https_proxy": "http://us%40er:p%3Ass@proxy.example"], "https://r.example/")
        #expect(proxy?.host == "proxy.example" && proxy?.port == 1080)
        #expect(proxy?.authorization == .basic(username: "us@er", password: "p:ss"))
        #expect(
            try Self.proxy(["https_proxy": "socks5://socks.example:1081"], "https://r.example/")
                == .socksServer(host: "socks.example", port: 1081))
    }

    @Test(arguments: [
        ("*", "https://anything.example/", true),
        ("example.com", "https://example.com/", true),
        ("example.com", "https://registry.example.com/", true),
        (".example.com", "https://registry.example.com/", true),
        ("example.com", "https://notexample.com/", false),
        ("registry.local:5000", "https://registry.local:5000/", true),
        ("registry.local:5000", "https://registry.local/", false),
        ("10.0.0.0/8", "https://10.20.30.40/", true),
        ("10.0.0.0/8", "https://11.0.0.1/", false),
        ("127.0.0.1", "http://127.0.0.1:5000/", true),
        ("::1", "http://[::1]:5000/", true),
        ("fd00::/8", "https://[fd12::1]/", true),
        ("fd00::/8", "https://[fe80::1]/", false),
        ("other.example, Registry.Example", "https://registry.example/", true),
    ])
    func noProxyEntriesReachTheirHostsDirectly(noProxy: String, url: String, direct: Bool) throws {
        let environment = ["all_proxy": "http://proxy.example:3128", "no_proxy": noProxy]
        #expect((try Self.proxy(environment, url) == nil) == direct, "no_proxy=\(noProxy) for \(url)")
    }

    @Test(arguments: ["ftp://proxy.example:21", "https://proxy.example:443", "http://", "http://proxy.example/path"])
    func aProxyHardenCannotUseIsAnErrorNamingTheVariable(value: String) {
        #expect(throws: ImageError.proxySetting(variable: "https_proxy", value: value)) {
            try ProxySettings(environment: ["https_proxy": value])
        }
    }

    @Test func theErrorDoesNotRepeatAPassword() {
        let error = ImageError.proxySetting(variable: "https_proxy", value: "ftp://me:s3cret@proxy.example:21")
        #expect(!error.description.contains("s3cret"), "\(error)")
        #expect(error.description.contains("ftp://***@proxy.example:21"), "\(error)")
        #expect(error.category == .invalidOption)
    }
}
