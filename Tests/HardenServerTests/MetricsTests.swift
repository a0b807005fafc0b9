import Foundation
import HardenServer
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Metrics")
struct MetricsTests {
    @Test func requestsAreCountedUnderPrometheusNames() async throws {
        try await testApplication().test(.live) { client in
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/v1/images/nginx", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/v1/resolve?ref=Nginx", method: .get) {
                #expect($0.status == .badRequest)
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
                let exposition = Exposition(String(buffer: response.body))
                #expect(exposition.types["hb_requests_total"] == "counter")
                #expect(exposition.types["http_server_request_duration_seconds"] == "histogram")
                #expect(exposition.types["http_server_active_requests"] == "gauge")
                let healthz = [
                    "http_route": "/healthz", "http_request_method": "GET", "http_response_status_code": "200",
                ]
                // Counts add up across the suites that share the registry: at least this test's requests.
                #expect(try #require(exposition.value("hb_requests_total", healthz)) >= 1)
                #expect(
                    try #require(
                        exposition.value(
                            "hb_requests_total",
                            [
                                "http_route": "/v1/images/**", "http_request_method": "GET",
                                "http_response_status_code": "200",
                            ])) >= 1)
                #expect(
                    try #require(
                        exposition.value(
                            "hb_requests_total",
                            [
                                "http_route": "/v1/resolve", "http_request_method": "GET",
                                "http_response_status_code": "400",
                            ])) >= 1)
                let fastest = try #require(
                    exposition.value(
                        "http_server_request_duration_seconds_bucket", healthz.merging(["le": "0.0005"]) { $1 }))
                let all = try #require(
                    exposition.value(
                        "http_server_request_duration_seconds_bucket", healthz.merging(["le": "+Inf"]) { $1 }))
                #expect(fastest <= all)
                #expect(try #require(exposition.value("http_server_request_duration_seconds_count", healthz)) == all)
            }
        }
    }
}

/// The Prometheus text format, read back: `# TYPE name type` lines and `name{label="value",...} number` samples.
struct Exposition {
    var types: [String: String] = [:]
    var samples: [(name: String, labels: [String: String], value: Double)] = []

    init(_ text: String) {
        for line in text.split(separator: "\n") {
            if line.hasPrefix("# TYPE ") {
                let fields = line.split(separator: " ")
                if fields.count == 4 { types[String(fields[2])] = String(fields[3]) }
            } else if !line.hasPrefix("#"), let space = line.lastIndex(of: " "),
                let value = Double(line[space...].dropFirst())
            {
                let series = line[..<space]
                let name = series.prefix { $0 != "{" }
                var labels: [String: String] = [:]
                for match in series.dropFirst(name.count).matches(of: #/([A-Za-z_][A-Za-z0-9_]*)="((?:[^"\\]|\\.)*)"/#)
                {
                    labels[String(match.1)] = String(match.2)
                }
                samples.append((String(name), labels, value))
            }
        }
    }

    /// The value of the one sample with this name and exactly these labels.
    func value(_ name: String, _ labels: [String: String]) -> Double? {
        samples.first { $0.name == name && $0.labels == labels }?.value
    }
}
