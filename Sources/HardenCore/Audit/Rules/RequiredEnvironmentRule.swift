/// HRD107: a variable the image needs to run read-only or non-root is not set.
public struct RequiredEnvironmentRule: AuditRule {
    public static let id = "HRD107"
    public static let title = "a variable the image needs is not set"
    public static let severity = Finding.Severity.warning
    public static let rationale =
        "Some entrypoints need a setting to work read-only or as non-root (PGDATA in a subdirectory for postgres before 18, SKIP_SETCAP for vault)."
    public static let remediation = "Set the variable as `harden resolve IMAGE` shows; `harden fix` adds it."
    public static let fixable = true

    public init() {}

    public func check(_ subject: AuditSubject) -> [Finding] {
        subject.appContainers.flatMap { container -> [Finding] in
            let present = Set((container.container.env ?? []).map(\.name))
            return (container.facts?.environment ?? []).filter { $0.required && !present.contains($0.name) }.map {
                variable in
                if let existing = subject.dataMount(movedBy: variable, in: container) {
                    return subject.finding(
                        self, container: container, field: "env",
                        message:
                            "\(variable.name) is not set, but this workload already keeps data on volume \"\(existing.name)\" at \(existing.mountPath): setting \(variable.name)=\(variable.value ?? "") would move where the image looks for it",
                        fix:
                            "keep the data where it is (run as the image's uid with fsGroup and fsGroupChangePolicy OnRootMismatch), or migrate it by hand: `harden fix` prints the steps and never sets it"
                    )
                }
                return subject.finding(
                    self, container: container, field: "env",
                    message: "\(variable.name) is not set: \(variable.why)",
                    fix: "set \(variable.name)=\(variable.value ?? "")")
            }
        }
    }
}
