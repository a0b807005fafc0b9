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
        ".inf", "2026-11-27", "key:", "? q", "+.inf", ".NAN", "-.Inf", "2001-12-14t21:59:43.10-05:00",
        "2001-12-14 21:59:43.10 -5", "2002-1-5",
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

    struct Numbers: Encodable {
        var small: UInt16 = 8080
        var wide: Int64 = 2_147_483_648
        var negative: Int32 = -5
        var float: Float = 0.5
        var infinite = Double.infinity
        var negativeInfinite = -Double.infinity
        var notANumber = Double.nan
        var list: [UInt8] = [1, 2]
    }

    /// Every integer type and Float encode as numbers (they once recursed forever), infinity and NaN in YAML's
    /// own spelling.
    @Test func everyNumberTypeEncodes() throws {
        let yaml = try BlockYAMLEncoder().encode(Numbers())
        let parsed = try #require(try Yams.load(yaml: yaml) as? [String: Any], "\(yaml)")
        #expect(parsed["small"] as? Int == 8080)
        #expect(parsed["wide"] as? Int == 2_147_483_648)
        #expect(parsed["negative"] as? Int == -5)
        #expect(parsed["float"] as? Double == 0.5)
        #expect(parsed["infinite"] as? Double == .infinity)
        #expect(parsed["negativeInfinite"] as? Double == -.infinity)
        #expect((parsed["notANumber"] as? Double)?.isNaN == true)
        #expect(parsed["list"] as? [Int] == [1, 2])
    }
}
