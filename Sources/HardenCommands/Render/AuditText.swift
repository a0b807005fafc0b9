import Foundation
import HardenCore

/// The human-readable audit report: findings grouped by object, colour only when asked for.
struct AuditText {
    var colour: Bool

    /// Objects are rendered on every core, each into one string (a large tree's report has tens of thousands of
    /// lines; an array of lines joined at the end cost as much again).
    func render(_ report: AuditReport) -> String {
        let groups = Self.groupedByObject(report.findings)
        let stride = max(64, groups.count / (ProcessInfo.processInfo.activeProcessorCount * 8) + 1)
        let count = (groups.count + stride - 1) / stride
        let parts = ConcurrentResults<String>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { part in
            var text = ""
            for (object, findings) in groups[(part * stride)..<min(groups.count, (part + 1) * stride)] {
                render(object, findings, into: &text)
            }
            parts.set(part, text)
        }
        var text = parts.values.joined()
        for suppressed in report.suppressed {
            let finding = suppressed.finding
            let container = finding.container.map { " [\($0)]" } ?? ""
            text += paint("suppressed", "2")
            text +=
                " \(finding.ruleID) \(finding.object.label)\(container) (\(suppressed.kind.rawValue): \(suppressed.justification))\n"
        }
        for skipped in report.skippedInputs { text += paint("skipped", "2") + " \(skipped)\n" }
        for problem in report.problems { text += paint("could not read", "31") + " \(problem)\n" }
        text += report.summary
        return text
    }

    private func render(_ object: Finding.Object, _ findings: [Finding], into text: inout String) {
        text += paint(object.label, "1")
        text += "  ("
        text += object.file
        if let line = object.line { text += ":\(line)" }
        text += ")\n"
        for finding in findings {
            text += "  "
            text += badge(finding.severity)
            text += " "
            text += finding.ruleID
            if let container = finding.container { text += " [\(container)]" }
            text += " "
            text += finding.message
            text += "\n      at "
            text += finding.fieldPath
            text += "\n      fix: "
            text += finding.fix
            text += "\n"
        }
        text += "\n"
    }

    /// The findings grouped by object, objects in the order of their first finding. An object's findings are
    /// usually next to each other, so the table is asked only where the object changes.
    private static func groupedByObject(_ findings: [Finding]) -> [(Finding.Object, [Finding])] {
        var groups: [(Finding.Object, [Finding])] = []
        var groupOf: [Finding.Object: Int] = [:]
        for finding in findings {
            if let last = groups.indices.last, groups[last].0 == finding.object {
                groups[last].1.append(finding)
            } else if let index = groupOf[finding.object] {
                groups[index].1.append(finding)
            } else {
                groupOf[finding.object] = groups.count
                groups.append((finding.object, [finding]))
            }
        }
        return groups
    }

    private func badge(_ severity: Finding.Severity) -> String {
        switch severity {
        case .error: paint("error  ", "31")
        case .warning: paint("warning", "33")
        case .info: paint("info   ", "36")
        }
    }

    private func paint(_ text: String, _ code: String) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
