import Foundation
import HardenCore
import Testing

/// Deterministic mutation testing of the parsers that take untrusted input: manifests for audit and fix, and seed
/// files. Every mangled input must give a report or located errors, never a crash or a hang.
@Suite("Mutated input")
struct MutationTests {
    /// Replaces, inserts or deletes a few bytes, or duplicates a slice of lines.
    static func mutate(_ text: String, _ generator: inout SplitMix64) -> String {
        var bytes = Array(text.utf8)
        let alphabet = Array("{}[]:-&*!|>'\"#%@ \n\t0a~?,".utf8)
        for _ in 0..<Int(generator.next() % 4 + 1) where !bytes.isEmpty {
            let index = Int(generator.next() % UInt64(bytes.count))
            switch generator.next() % 4 {
            case 0: bytes[index] = alphabet[Int(generator.next() % UInt64(alphabet.count))]
            case 1: bytes.insert(alphabet[Int(generator.next() % UInt64(alphabet.count))], at: index)
            case 2: bytes.remove(at: index)
            default:
                let length = min(Int(generator.next() % 80), bytes.count - index)
                bytes.insert(contentsOf: bytes[index..<(index + length)], at: index)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func mutatedManifestsAreAuditedOrReportedNeverCrash() throws {
        let knowledgeBase = try shippedKnowledgeBase()
        let auditor = Auditor(resolver: Resolver(knowledgeBase: knowledgeBase))
        let fixer = ManifestFixer(auditor: auditor)
        let originals = try AuditFixtureTests.files.map(AuditFixtureTests.input)
        var generator = SplitMix64(seed: 0x6d75_7461_7465)
        var reported = 0
        for round in 0..<1_500 {
            let original = originals[round % originals.count]
            let input = ManifestInput(file: original.file, text: Self.mutate(original.text, &generator))
            let report = try auditor.audit([input])
            reported += report.problems.count
            #expect(report.problems.allSatisfy { !$0.message.isEmpty })
            let fixed = try fixer.fix(input)
            if let text = fixed.fixed {
                let again = try fixer.fix(ManifestInput(file: input.file, text: text))
                #expect(again.changes == [], "fixing a fixed mutant changed it again: \(input.text)")
            }
        }
        #expect(reported > 0)
    }

    @Test func mutatedSeedFilesGiveLocatedErrorsNeverCrash() throws {
        let shipped = SeedLayer.shipped.files
        var generator = SplitMix64(seed: 0x7365_6564)
        var rejected = 0
        for round in 0..<1_000 {
            let file = shipped[round % shipped.count]
            let mutated = SeedLayer.File(path: file.path, contents: Self.mutate(file.contents, &generator))
            let catalog = SeedCatalog.load([SeedLayer(name: "fuzz", root: "fuzz", files: [mutated])])
            if !catalog.errors.isEmpty { rejected += 1 }
            #expect(catalog.errors.allSatisfy { $0.file == "fuzz/\(file.path)" && !$0.message.isEmpty })
            #expect(catalog.errors.isEmpty == (catalog.entries.count == 1))
        }
        #expect(rejected > 100)
    }
}

@Suite("YAML limits")
struct YAMLLimitTests {
    @Test func refusesOversizedInputBeforeParsing() {
        let limits = YAMLLimits(maxBytes: 1_000, maxNodes: 100, maxDepth: 10)
        #expect(throws: YAMLProblem.tooLarge(bytes: 1_001, limit: 1_000)) {
            try SafeYAML.documents(String(repeating: "a", count: 1_001), limits: limits)
        }
    }

    @Test func refusesTooManyNodesAndTooDeepNesting() {
        let limits = YAMLLimits(maxBytes: 1 << 20, maxNodes: 100, maxDepth: 10)
        #expect(throws: YAMLProblem.tooManyNodes(limit: 100)) {
            try SafeYAML.documents((0..<200).map { "k\($0): v" }.joined(separator: "\n"), limits: limits)
        }
        #expect(throws: YAMLProblem.tooDeep(limit: 10)) {
            try SafeYAML.documents(
                String(repeating: "[", count: 20) + String(repeating: "]", count: 20), limits: limits)
        }
    }

    @Test func reportsTheLineOfASyntaxError() throws {
        #expect {
            try SafeYAML.documents("a: 1\nb: [2\nc: 3\n", limits: .manifest)
        } throws: { error in
            guard case .syntax(let line, _) = error as? YAMLProblem else { return false }
            return line != nil
        }
    }
}
