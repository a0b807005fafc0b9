/// Where the linters people already run disagree with what the knowledge base knows, and why harden's choice is
/// right for the image: so that a team can accept those findings knowingly instead of "fixing" them into a crash.
public enum LinterCompatibility {
    public enum Tool: String, Sendable, CaseIterable, Codable {
        case checkov
        case kubeLinter = "kube-linter"
        case kubeScore = "kube-score"
    }

    public struct Rule: Sendable {
        public var tool: Tool
        public var id: String
        public var check: String
        public var reason: String
    }

    static let uidReason =
        "the image's files (caches, pid and data directories) belong to its own uid, often below 10000 (nginx 101, postgres 999); a higher uid cannot write them and the process crashes, while runAsNonRoot, a numeric uid, drop ALL and a read-only root already give the isolation the rule asks for"
    static let sysctlReason =
        "harden lets a non-root process bind a port below 1024 with the namespaced sysctl net.ipv4.ip_unprivileged_port_start, which the restricted Pod Security Standard allows and which adds no capability, rather than adding NET_BIND_SERVICE"

    public static let rules: [Rule] = [
        Rule(
            tool: .checkov, id: "CKV_K8S_40", check: "containers should run as a high UID (>= 10000)", reason: uidReason
        ),
        Rule(
            tool: .kubeScore, id: "container-security-context-user-group-id",
            check: "runAsUser and runAsGroup above 10000", reason: uidReason),
        Rule(
            tool: .kubeLinter, id: "run-as-non-root", check: "runAsNonRoot true or a non-zero runAsUser",
            reason: "harden always sets both; no disagreement, listed so that teams find the mapping"),
        Rule(
            tool: .checkov, id: "CKV_K8S_28", check: "drop NET_RAW",
            reason: "harden drops ALL capabilities, which includes NET_RAW; the check passes"),
        Rule(
            tool: .checkov, id: "CKV_K8S_25", check: "no capabilities added",
            reason: sysctlReason
                + "; an image whose binary carries NET_BIND_SERVICE as a file capability keeps it added, or exec fails"),
    ]

    public static func rule(withID id: String) -> Rule? {
        rules.first { $0.id.lowercased() == id.lowercased() }
    }

    public static func explanation(of rule: Rule) -> String {
        "\(rule.id) (\(rule.tool.rawValue)): \(rule.check)\n\nharden's view: \(rule.reason)"
    }

    /// The findings `tool` will raise on a spec harden wrote, one note per container, with the reason.
    public static func notes(for containers: [(name: String, uid: Int)], tool: Tool) -> [String] {
        guard tool != .kubeLinter else { return [] }
        let id = tool == .checkov ? "CKV_K8S_40" : "container-security-context-user-group-id"
        return containers.filter { $0.uid < 10_000 }.map {
            "\(tool.rawValue) \(id) will flag container \($0.name) for uid \($0.uid); accept it: \(uidReason)"
        }
    }
}
