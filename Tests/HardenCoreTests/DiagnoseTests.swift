import Foundation
import HardenCore
import Testing

/// Log excerpts in each runtime's real message format (written for these tests), with the findings a careful
/// engineer would draw from each: the kind, the directory, port or capability, and the first evidence line.
@Suite("Diagnose")
struct DiagnoseTests {
    struct Expected: Decodable, Sendable, CustomTestStringConvertible {
        struct Finding: Decodable, Sendable, Equatable {
            var kind: String
            var path: String?
            var port: Int?
            var capability: String?
            var line: Int
        }

        var file: String
        var image: String?
        var findings: [Finding]
        var testDescription: String { file }
    }

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appending(path: "Fixtures/diagnose")
    static let cases: [Expected] = {
        guard let data = try? Data(contentsOf: directory.appending(path: "expected.json")) else { return [] }
        return (try? JSONDecoder().decode([Expected].self, from: data)) ?? []
    }()

    static func diagnose(_ expected: Expected) throws -> Diagnosis {
        let text = try String(contentsOf: directory.appending(path: expected.file), encoding: .utf8)
        return try Diagnoser(resolver: Resolver(knowledgeBase: try shippedKnowledgeBase())).diagnose(
            text, image: expected.image)
    }

    static func actual(_ diagnosis: Diagnosis) -> [Expected.Finding] {
        diagnosis.findings.map {
            Expected.Finding(
                kind: $0.kind.rawValue, path: $0.path, port: $0.port, capability: $0.capability, line: $0.line)
        }
    }

    @Test func thereAreAtLeast45Cases() {
        #expect(Self.cases.count >= 45)
    }

    @Test(arguments: cases)
    func findsWhatTheLogShows(_ expected: Expected) throws {
        let actual = Self.actual(try Self.diagnose(expected))
        #expect(actual == expected.findings)
    }

    /// The targets: the right kind and directory for at least 3 findings in 4, at most 2 findings per log.
    @Test func meetsTheAccuracyTargets() throws {
        var expectedCount = 0
        var right = 0
        var reported = 0
        for expected in Self.cases {
            let actual = Self.actual(try Self.diagnose(expected))
            reported += actual.count
            expectedCount += expected.findings.count
            for finding in expected.findings {
                if actual.contains(where: {
                    $0.kind == finding.kind && $0.path == finding.path && $0.port == finding.port
                        && $0.capability == finding.capability
                }) {
                    right += 1
                }
            }
        }
        #expect(Double(right) >= 0.75 * Double(expectedCount), "\(right) of \(expectedCount)")
        #expect(Double(reported) <= 2.0 * Double(Self.cases.count))
    }
}

@Suite("Diagnose under hostile input")
struct DiagnoseHostileInputTests {
    /// One stack trace of 50,000 lines, each naming a read-only failure: one finding, each line read once.
    @Test func aHugeTraceIsOneFinding() throws {
        var lines = ["Exception in thread \"main\" java.io.IOException: Read-only file system: /app/cache/x"]
        lines += (0..<50_000).map {
            "\tat com.example.Cache.write(Cache.java:\($0)) Read-only file system /app/cache/\($0)"
        }
        let diagnosis = try Diagnoser(resolver: Resolver(knowledgeBase: try shippedKnowledgeBase())).diagnose(
            lines.joined(separator: "\n"))
        #expect(diagnosis.findings.count == 1)
        #expect(diagnosis.findings.first?.path == "/app/cache")
    }
}
