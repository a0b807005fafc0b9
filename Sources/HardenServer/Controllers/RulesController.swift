import HardenCore
import Hummingbird

/// GET /v1/rules: every audit rule (the same as `harden audit --list-rules`), as JSON.
struct RulesController {
    struct RuleAnswer: Encodable {
        var id: String
        var title: String
        var severity: Finding.Severity
        var fixable: Bool
        var rationale: String
        var remediation: String
    }

    func register(on router: Router<HardenRequestContext>) {
        let rules = AuditRules.all.map { rule in
            let type = type(of: rule)
            return RuleAnswer(
                id: type.id, title: type.title, severity: type.severity, fixable: type.fixable,
                rationale: type.rationale, remediation: type.remediation)
        }
        router.get("/v1/rules") { _, _ in Responses.json(try JSONOutput.encode(rules, pretty: false)) }
    }
}
