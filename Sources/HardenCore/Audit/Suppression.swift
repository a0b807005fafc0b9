import Foundation
import Yams

/// A finding a team accepted: by an annotation on the object (with its reason) or by a baseline file.
public struct SuppressedFinding: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// `harden.dev/ignore` on the object or its pod template.
        case annotation
        /// Present in the `--baseline` file.
        case baseline
    }

    public var finding: Finding
    public var kind: Kind
    public var justification: String
}

/// `harden.dev/ignore: "HRD215: token needed by the service mesh; HRD101: ..."` on an object's or a pod template's
/// metadata: each rule with the reason it is accepted. A rule without a reason is not suppressed.
public enum IgnoreAnnotation {
    public static let key = "harden.dev/ignore"

    /// Rule ID to reason, and the entries that name no reason.
    static func parse(_ text: String) -> (reasons: [String: String], unexplained: [String]) {
        var reasons: [String: String] = [:]
        var unexplained: [String] = []
        for entry in text.split(whereSeparator: { $0 == ";" || $0 == "\n" }) {
            let parts = entry.split(separator: ":", maxSplits: 1)
            let rule = parts[0].trimmingCharacters(in: .whitespaces)
            guard !rule.isEmpty else { continue }
            let reason = parts.count == 2 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
            if reason.isEmpty { unexplained.append(rule) } else { reasons[rule.uppercased()] = reason }
        }
        return (reasons, unexplained)
    }

    /// The annotation's entries from the object and from its pod template (`podPath` minus the trailing `spec`).
    static func reasons(in object: Node, podPath: [String]) -> (reasons: [String: String], unexplained: [String]) {
        var texts = [object.value(at: ["metadata", "annotations", key])?.string]
        if podPath.count > 1 {
            texts.append(object.value(at: podPath.dropLast() + ["metadata", "annotations", key])?.string)
        }
        var merged: [String: String] = [:]
        var unexplained: [String] = []
        for text in texts.compactMap({ $0 }) {
            let parsed = parse(text)
            merged.merge(parsed.reasons) { first, _ in first }
            unexplained += parsed.unexplained
        }
        return (merged, unexplained)
    }
}

/// The findings a team has accepted so far: with `--baseline`, only new findings fail CI.
public struct AuditBaseline: Codable, Sendable, Equatable {
    public var version = 1
    /// One line per accepted finding: rule, object, container and field, never the message (which may change).
    public var findings: [String]
    /// A larger baseline is refused before it is read: a mistaken path must not fill memory.
    static let maxBytes = 64 << 20

    public init(_ findings: [Finding]) {
        self.findings = Set(findings.map(Self.fingerprint)).sorted()
    }

    /// What identifies a finding across runs.
    public static func fingerprint(_ finding: Finding) -> String {
        [
            finding.ruleID, finding.object.kind, finding.object.namespace ?? "", finding.object.name,
            finding.container ?? "", finding.fieldPath,
        ].joined(separator: "|")
    }

    public func contains(_ finding: Finding) -> Bool { fingerprints.contains(Self.fingerprint(finding)) }

    private var fingerprints: Set<String> { Set(findings) }

    /// Reads a baseline written by `--write-baseline`, from a file or a pipe (`--baseline <(git show main:FILE)`).
    public static func read(_ path: String) throws(BaselineError) -> AuditBaseline {
        let text: String
        switch TextFile.read(path, limit: maxBytes, origin: .named) {
        case .success(let read): text = read
        case .failure(let problem): throw .unreadable(path: path, reason: problem.description)
        }
        do {
            return try JSONDecoder().decode(AuditBaseline.self, from: Data(text.utf8))
        } catch {
            throw .malformed(path: path)
        }
    }
}

/// A baseline file that cannot be used.
public enum BaselineError: HardenError, Equatable {
    case unreadable(path: String, reason: String)
    case malformed(path: String)

    public var category: ErrorCategory { .invalidInput }
    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "cannot read baseline \"\(Quoted.brief(path))\": it \(reason); write one with `harden audit --write-baseline \(Quoted.brief(path)) PATH`"
        case .malformed(let path):
            "baseline \"\(Quoted.brief(path))\" is not a harden baseline (JSON with \"findings\"); write it again with --write-baseline"
        }
    }
}

extension AuditReport {
    /// Keeps only the rules in `only` (when given) and drops those in `ignore`; moves findings present in the
    /// baseline to `suppressed`.
    public func filtered(only: Set<String>, ignore: Set<String>, baseline: AuditBaseline?) -> AuditReport {
        guard !only.isEmpty || !ignore.isEmpty || baseline != nil else { return self }
        var report = self
        let wanted = { (finding: Finding) in
            (only.isEmpty || only.contains(finding.ruleID)) && !ignore.contains(finding.ruleID)
        }
        report.findings = findings.filter(wanted)
        report.suppressed = suppressed.filter { wanted($0.finding) }
        if let baseline {
            let accepted = report.findings.filter(baseline.contains)
            report.findings.removeAll(where: baseline.contains)
            report.suppressed += accepted.map {
                SuppressedFinding(finding: $0, kind: .baseline, justification: "accepted in the baseline")
            }
        }
        return report
    }
}
