import Foundation
import HardenTestSupport
import Testing

@testable import HardenCore

@Suite("Seed JSON Schema for editors")
struct SeedSchemaTests {
    @Test("the header of a drafted file points at the schema at the seed directory's root")
    func headerPointsAtTheRoot() {
        #expect(
            SeedSchema.header(repository: "registry.example.com/team/api")
                == "# yaml-language-server: $schema=../../../seed.schema.json")
        #expect(SeedScaffold.render(repository: "docker.io/library/nginx").hasPrefix("# yaml-language-server:"))
    }

    /// Every shipped seed file is valid under the schema, and a typo in a field name is not: CI sets
    /// HARDEN_SARIF_PYTHON to a Python with jsonschema and PyYAML.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["HARDEN_SARIF_PYTHON"] != nil))
    func shippedSeedsValidateAndTyposDoNot() throws {
        let directory = try TemporaryDirectory()
        let schema = directory.file("seed.schema.json")
        try SeedSchema.json.write(toFile: schema, atomically: true, encoding: .utf8)
        let images = packageRoot.appending(path: "seed-data/images").path
        let seeds = try #require(FileManager.default.enumerator(atPath: images)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".yaml") }.map { images + "/" + $0 }
        #expect(seeds.count > 200)
        #expect(try validate(schema, seeds) == 0)

        let nginx = try String(contentsOfFile: images + "/docker.io/library/nginx.yaml", encoding: .utf8)
        let typo = directory.file("typo.yaml")
        try nginx.replacingOccurrences(of: "writablePaths:", with: "writeablePaths:")
            .write(toFile: typo, atomically: true, encoding: .utf8)
        #expect(try validate(schema, [typo]) == 1)
    }

    private func validate(_ schema: String, _ files: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ProcessInfo.processInfo.environment["HARDEN_SARIF_PYTHON"] ?? "")
        process.arguments = [packageRoot.appending(path: ".ci/validate-seeds.py").path, schema] + files
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
