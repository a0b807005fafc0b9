import ArgumentParser
import Foundation
import HardenCore

/// `harden diagnose [FILE...|-]`: the hardening failures a pasted log shows, and how to fix them.
struct DiagnoseCommand: HardenCommand {
    static let configuration = CommandConfiguration(
        commandName: "diagnose",
        abstract: "Find hardening failures in logs: read-only paths, ownership, users, ports, capabilities.",
        discussion: """
            Reads what you paste: kubectl logs (with --prefix or --timestamps), kubectl describe pod, kubectl get
            events, docker or podman logs, compose output, journald lines; from files or standard input (-, the
            default). Each root cause is one finding with its evidence line, what it means and the fix; with --image
            (or an image named in a pasted describe), findings are mapped onto the knowledge base, and JSON output
            carries a patch and the overlay facts the knowledge base lacks.
            Exit code: 0 no hardening failure found, 2 findings, 3 unreadable input.
            """
    )

    @OptionGroup var knowledgeBase: KnowledgeBaseOptions

    @Option(help: ArgumentHelp("The image the log comes from (maps findings onto its entry).", valueName: "ref"))
    var image: String?

    @Option(name: .shortAndLong, help: "Output format.")
    var output: DetailFormat = .text

    @Flag(help: "Also print the lines that mention a failure harden could not place.")
    var verbose = false

    @Argument(help: ArgumentHelp("Log files, or - for standard input (the default).", valueName: "file"))
    var files: [String] = []

    func run(in context: CommandContext) throws -> Int32 {
        let text = try (files.isEmpty ? ["-"] : files).map {
            try InputText.read($0, limit: Diagnoser.maxBytes, context: context)
        }.joined(separator: "\n")
        let diagnoser = Diagnoser(resolver: Resolver(knowledgeBase: try knowledgeBase.open(in: context)))
        let diagnosis = try diagnoser.diagnose(text, image: image)
        switch output {
        case .json: context.standardOutput.line(try StructuredOutput.json(diagnosis))
        case .yaml: context.standardOutput.write(try StructuredOutput.yaml(diagnosis))
        case .text: context.standardOutput.write(try DiagnosisText.render(diagnosis, verbose: verbose))
        }
        return diagnosis.findings.isEmpty ? ExitStatus.success : ExitStatus.notFound
    }
}

/// The human-readable diagnosis.
enum DiagnosisText {
    static func render(_ diagnosis: Diagnosis, verbose: Bool) throws -> String {
        var lines: [String] = []
        if diagnosis.findings.isEmpty { lines.append("no hardening failure found") }
        for finding in diagnosis.findings {
            let subject = finding.path ?? finding.port.map { "port \($0)" } ?? finding.capability ?? ""
            lines.append("\(finding.kind.rawValue) \(subject)".trimmingCharacters(in: .whitespaces))
            lines.append("  line \(finding.line): \(finding.evidence)")
            lines.append("  means: \(finding.explanation)")
            lines.append("  fix: \(finding.fix)")
        }
        if let patch = diagnosis.patch {
            lines.append("")
            lines.append("patch (strategic merge, for the workload's pod template):")
            lines.append(try StructuredOutput.yaml(patch).trimmingCharacters(in: .newlines))
        }
        if let overlay = diagnosis.overlay {
            lines.append("")
            lines.append("overlay facts to review:")
            lines.append(overlay.trimmingCharacters(in: .newlines))
        }
        if verbose && !diagnosis.unplaced.isEmpty {
            lines.append("")
            lines.append("lines not placed:")
            lines += diagnosis.unplaced.map { "  \(Quoted.brief($0, limit: 200))" }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
