import HardenCore
import Testing
import Yams

@Suite("Block YAML encoder")
struct BlockYAMLEncoderTests {
    struct Wrapper: Encodable {
        var value: String
        var list: [String]
    }

    static let tricky = [
        "true", "False", "yes", "no", "on", "null", "~", "", " leading", "trailing ", "80:80", "101:101", "1.5", "0x1F",
        "1e3", "-1", "- item", "-Xmx512m", "a: b", "a:b", "x #y", "#comment", "*/5 * * * *", "&anchor", "!tag", "@at",
        "`tick", "'quote", "\"double", "{json}", "[list]", "%percent", "line\nbreak", "tab\there", "é ü 中文", "=", "<<",
        ".inf", "2026-11-27", "key:", "? q",
    ]

    @Test(arguments: tricky)
    func everyStringReadsBackAsItself(_ text: String) throws {
        let yaml = try BlockYAMLEncoder().encode(Wrapper(value: text, list: [text]))
        let parsed = try #require(try Yams.load(yaml: yaml) as? [String: Any], "\(yaml)")
        #expect(parsed["value"] as? String == text, "\(yaml)")
        #expect((parsed["list"] as? [Any])?.first as? String == text, "\(yaml)")
    }

    @Test func randomStringsReadBackAsThemselves() throws {
        var generator = SplitMix64(seed: 0x7961_6d6c)
        let alphabet = Array("ab01 :-#'\"\\.,[]{}&*!|>%@`?~=\n\té")
        for _ in 0..<2_000 {
            let length = Int(generator.next() % 12)
            let text = String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
            let yaml = try BlockYAMLEncoder().encode(Wrapper(value: text, list: [text]))
            let parsed = try Yams.load(yaml: yaml) as? [String: Any]
            #expect(parsed?["value"] as? String == text, "\(text.debugDescription) -> \(yaml)")
        }
    }
}
