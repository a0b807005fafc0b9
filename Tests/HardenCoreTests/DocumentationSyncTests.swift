import Foundation
import HardenCore
import Testing

@Suite("Documentation in sync with the code")
struct DocumentationSyncTests {
    /// SARIF's helpUri points into docs/rules.md; regenerate it with `harden audit --list-rules > docs/rules.md`.
    @Test func rulesPageIsTheRuleList() throws {
        let page = try String(contentsOf: packageRoot.appending(path: "docs/rules.md"), encoding: .utf8)
        #expect(page == AuditRules.markdown, "run `harden audit --list-rules > docs/rules.md`")
    }
}
