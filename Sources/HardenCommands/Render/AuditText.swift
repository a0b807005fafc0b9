import Foundation
import HardenCore

/// The human-readable audit report: findings grouped by object, colour only when asked for.
struct AuditText {
    var colour: Bool

    /// Writes one batch's findings to `output`, grouped by object. Objects are rendered on every core, a few
    /// hundred at a time, and each group is written before the next is rendered: the text of a large tree's report
    /// (tens of megabytes) is never held whole, and no line is copied again to be joined.
    func findings(of part: AuditReport, to output: some TextOutput) {
        let groups = Self.groupedByObject(part.findings)
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let partSize = 64
        let batchSize = partSize * cores * 4
        for batchStart in stride(from: 0, to: groups.count, by: batchSize) {
            let batch = groups[batchStart..<min(groups.count, batchStart + batchSize)]
            let count = (batch.count + partSize - 1) / partSize
            let parts = ConcurrentResults<String>(count: count)
            DispatchQueue.concurrentPerform(iterations: count) { part in
                var text = ""
                let start = batch.startIndex + part * partSize
                for (object, findings) in batch[start..<min(batch.endIndex, start + partSize)] {
                    render(object, findings, into: &text)
                }
                parts.set(part, text)
            }
            for text in parts.values { output.write(text) }
        }
    }

    /// Writes what follows the findings: the suppressed findings, skipped and unreadable inputs, and the summary
    /// line, from the report of everything else (`rest`) and the findings' `counts`.
    func closing(_ rest: AuditReport, counts: SeverityCounts, to output: some TextOutput) {
        output.line(trailer(rest, counts: counts))
    }

    private func trailer(_ report: AuditReport, counts: SeverityCounts) -> String {
        var text = ""
        for suppressed in report.suppressed {
            let finding = suppressed.finding
            let container = finding.container.map { " [\($0)]" } ?? ""
            text += paint("suppressed", "2")
            text +=
                Quoted.escaped(
                    " \(finding.ruleID) \(finding.object.label)\(container) (\(suppressed.kind.rawValue): \(suppressed.justification))"
                ) + "\n"
        }
        for skipped in report.skippedInputs { text += paint("skipped", "2") + " \(skipped)\n" }
        for problem in report.problems { text += paint("could not read", "31") + " \(problem)\n" }
        text += report.summary(counts: counts)
        return text
    }

    /// Everything taken from a manifest or its file name is escaped (`Quoted.escaped`): a name with an escape
    /// sequence in it must not repaint the terminal or hide a finding in a CI log.
    private func render(_ object: Finding.Object, _ findings: [Finding], into text: inout String) {
        text += paint(Quoted.escaped(object.label), "1")
        text += "  ("
        text += Quoted.escaped(object.file)
        if let line = object.line { text += ":\(line)" }
        text += ")\n"
        for finding in findings {
            text += "  "
            text += badge(finding.severity)
            text += " "
            text += finding.ruleID
            if let container = finding.container { text += " [\(Quoted.escaped(container))]" }
            text += " "
            text += Quoted.escaped(finding.message)
            text += "\n      at "
            text += Quoted.escaped(finding.fieldPath)
            text += "\n      fix: "
            text += Quoted.escaped(finding.fix)
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
