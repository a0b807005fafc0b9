/// A check with a stable ID, documented once (`harden audit --explain ID`).
public protocol AuditRule: Sendable {
    /// Stable across releases: `HRD1xx` image-aware, `HRD2xx` Pod Security Standards and generic hardening.
    static var id: String { get }
    static var title: String { get }
    static var severity: Finding.Severity { get }
    /// Why it matters.
    static var rationale: String { get }
    /// What to do about it.
    static var remediation: String { get }
    /// Whether `harden fix` repairs it.
    static var fixable: Bool { get }

    func check(_ subject: AuditSubject) -> [Finding]
}

/// Every rule, in ID order.
public enum AuditRules {
    public static let all: [any AuditRule] = [
        WritablePathMissingRule(), MountHidesImageContentRule(), IdentityMismatchRule(), PrivilegedPortRule(),
        UnverifiableUserRule(), UnknownImageRule(), RequiredEnvironmentRule(),
        ReadOnlyRootFilesystemRule(), PrivilegeEscalationRule(), RunAsNonRootRule(), RunAsUserZeroRule(),
        SeccompRule(), CapabilitiesDropAllRule(), CapabilitiesAddRule(), PrivilegedRule(), HostNamespacesRule(),
        HostPathVolumeRule(), HostPortRule(), UnsafeSysctlRule(), VolumeTypeRule(), RunAsGroupRule(),
        ServiceAccountTokenRule(), ImageTagRule(), SELinuxRule(), ProcMountRule(), AppArmorRule(),
    ]

    /// The rule with an ID, case-insensitively.
    public static func rule(withID id: String) -> (any AuditRule)? {
        all.first { type(of: $0).id.lowercased() == id.lowercased() }
    }

    /// The `--explain` text of a rule.
    public static func explanation(of rule: any AuditRule) -> String {
        let type = type(of: rule)
        return """
            \(type.id) \(type.title) (\(type.severity.rawValue)\(type.fixable ? ", fixed by harden fix" : ""))

            Why: \(type.rationale)

            Fix: \(type.remediation)
            """
    }

    /// Every rule as a Markdown page: docs/rules.md is this text (a test keeps it in sync), and SARIF's helpUri
    /// points at each rule's heading there.
    public static var markdown: String {
        var lines = [
            "# Audit rules", "",
            "`harden audit --list-rules` prints this page; `harden audit --explain RULE` prints one rule.",
            "Accept a finding with the annotation `harden.dev/ignore: \"RULE: reason\"` or a baseline (`--baseline`).",
            "",
        ]
        for rule in all {
            let type = type(of: rule)
            lines += [
                "## \(type.id)", "",
                "**\(type.title)** (\(type.severity.rawValue)\(type.fixable ? ", fixed by `harden fix`" : ""))", "",
                "Why: \(type.rationale)", "", "Fix: \(type.remediation)", "",
            ]
        }
        return lines.joined(separator: "\n")
    }
}
