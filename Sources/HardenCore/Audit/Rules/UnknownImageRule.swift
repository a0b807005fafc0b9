/// HRD106: the knowledge base does not know the image, so the image-aware rules cannot judge it.
public struct UnknownImageRule: AuditRule {
    public static let id = "HRD106"
    public static let title = "image not in the knowledge base"
    public static let severity = Finding.Severity.info
    public static let rationale =
        "Without an entry harden cannot say which paths the image writes or which it must not hide; only the generic rules apply."
    public static let remediation =
        "Add the image to the knowledge base (`harden entries new IMAGE`), or in a team overlay."
    public static let fixable = false

    public init() {}

    public func check(_ subject: AuditSubject) -> [Finding] {
        subject.appContainers.compactMap { container in
            guard let resolution = container.resolution, resolution.match == nil else { return nil }
            let hint =
                resolution.suggestions.isEmpty
                ? "" : "; did you mean \(resolution.suggestions.joined(separator: ", "))?"
            return subject.finding(
                self, container: container, field: "image",
                message: "\(resolution.reference.repository) is not in the knowledge base\(hint)")
        }
    }
}
