import HardenCore

/// The human-readable audit report: findings grouped by object, colour only when asked for.
struct AuditText {
    var colour: Bool

    func render(_ report: AuditReport) -> String {
        var lines: [String] = []
        var order: [Finding.Object] = []
        var grouped: [Finding.Object: [Finding]] = [:]
        for finding in report.findings {
            if grouped[finding.object] == nil { order.append(finding.object) }
            grouped[finding.object, default: []].append(finding)
        }
        for object in order {
            let location = object.line.map { "\(object.file):\($0)" } ?? object.file
            lines.append(paint("\(object.label)", "1") + "  (\(location))")
            for finding in grouped[object] ?? [] {
                let container = finding.container.map { "[\($0)] " } ?? ""
                lines.append("  \(badge(finding.severity)) \(finding.ruleID) \(container)\(finding.message)")
                lines.append("      at \(finding.fieldPath)")
                lines.append("      fix: \(finding.fix)")
            }
            lines.append("")
        }
        for suppressed in report.suppressed {
            let finding = suppressed.finding
            let container = finding.container.map { " [\($0)]" } ?? ""
            lines.append(
                paint("suppressed", "2")
                    + " \(finding.ruleID) \(finding.object.label)\(container) (\(suppressed.kind.rawValue): \(suppressed.justification))"
            )
        }
        for skipped in report.skippedInputs { lines.append(paint("skipped", "2") + " \(skipped)") }
        for problem in report.problems { lines.append(paint("could not read", "31") + " \(problem)") }
        lines.append(report.summary)
        return lines.joined(separator: "\n")
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
