import ArgumentParser
import Dispatch
import Foundation
import HardenCore

/// `harden verify REF`: run the image hardened in a real container engine and watch it.
struct VerifyCommand: HardenCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Run an image hardened in podman or docker, watch it, and diagnose its log; --learn finds its paths.",
        discussion: """
            Runs the image the way the generated spec runs it: read-only root, the entry's uid and gid, one fresh \
            0777 directory per writable path (what an emptyDir is), --cap-drop ALL, no-new-privileges, the sysctl for \
            a privileged port, no network unless probing. Watches it for --seconds: it passes when it is still \
            running (or exited 0), every --probe answers (through a port published on 127.0.0.1) and its log shows \
            no hardening failure. --learn adds each writable path a run shows and runs again (at most --rounds), then \
            prints the entry as an overlay seed file with what it learned. Never pulls unless --pull; the containers \
            and directories it makes are removed, also on Ctrl-C. HARDEN_ENGINE_ARGS (space-separated) adds engine \
            run arguments an environment needs (for example --ulimit nofile=1024:1024).
            Exit code: 0 verified; 2 it failed (the findings say why); 5 no engine, or the image is not in its store.
            """
    )

    @OptionGroup var knowledgeBase: KnowledgeBaseOptions

    @Option(help: "The container engine.")
    var engine: ContainerEngine.Kind = .podman

    @Option(
        name: .customLong("engine-arg"),
        help: ArgumentHelp("An argument for the engine's run command (repeatable).", valueName: "arg"))
    var engineArguments: [String] = []

    @Option(help: ArgumentHelp("How long to watch the container (1-600).", valueName: "n"))
    var seconds = 10

    @Option(
        name: .customLong("probe"),
        help: ArgumentHelp("A check that it serves: tcp:PORT or http:PORT/PATH (repeatable).", valueName: "probe"))
    var probes: [String] = []

    @Flag(help: "Add the writable paths each run shows and run again, then print the learned overlay seed file.")
    var learn = false

    @Option(help: ArgumentHelp("How many runs --learn may take (1-20).", valueName: "n"))
    var rounds = 5

    @Flag(help: "Pull the image when the engine does not have it (never by default).")
    var pull = false

    @Option(help: ArgumentHelp("Use this variant of the entry.", valueName: "name"))
    var variant: String?

    @Option(name: .shortAndLong, help: "Output format.")
    var output: DetailFormat = .text

    @Argument(help: ArgumentHelp("The image to run.", valueName: "ref"))
    var reference: String

    func run(in context: CommandContext) throws -> Int32 {
        var options = VerifyOptions()
        guard VerifyOptions.secondsRange.contains(seconds) else {
            throw OptionConflict(message: "--seconds \(seconds) is out of range: use 1 to 600")
        }
        guard VerifyOptions.roundsRange.contains(rounds) else {
            throw OptionConflict(message: "--rounds \(rounds) is out of range: use 1 to 20")
        }
        options.seconds = seconds
        options.rounds = rounds
        options.learn = learn
        options.pull = pull
        options.variant = variant
        options.probes = try probes.map { text throws(VerifyError) in try VerifyProbe(text) }
        let environmentArguments = (context.environment["HARDEN_ENGINE_ARGS"] ?? "").split(
            whereSeparator: \.isWhitespace
        )
        .map(String.init)
        let engine = try ContainerEngine(
            kind: engine, searchPath: context.environment["PATH"],
            runArguments: environmentArguments + engineArguments)
        let cleanup = VerifyCleanup()
        defer { for failure in cleanup.failures { context.standardError.line("harden: warning: \(failure)") } }
        let signals = Self.removeOnSignal(cleanup, context: context)
        defer { for source in signals { source.cancel() } }
        let verifier = Verifier(
            resolver: Resolver(knowledgeBase: try knowledgeBase.open(in: context)), engine: engine, cleanup: cleanup)
        let report = try verifier.verify(reference, options: options) { resolution in
            guard let repository = resolution.match?.image else { return nil }
            return try knowledgeBase.seedText(for: repository, reference: resolution.reference, in: context)
        }
        switch output {
        case .json: context.standardOutput.line(try StructuredOutput.json(report))
        case .yaml: context.standardOutput.write(try StructuredOutput.yaml(report))
        case .text: context.standardOutput.write(VerifyText.render(report))
        }
        return report.verified ? ExitStatus.success : ExitStatus.notFound
    }

    /// Ctrl-C or a termination removes what the run made before the process ends.
    private static func removeOnSignal(_ cleanup: VerifyCleanup, context: CommandContext) -> [any DispatchSourceSignal]
    {
        [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                cleanup.removeAll()
                for failure in cleanup.failures { context.standardError.line("harden: warning: \(failure)") }
                Foundation.exit(128 + number)
            }
            source.resume()
            return source
        }
    }
}

extension ContainerEngine.Kind: ExpressibleByArgument {}

/// The human-readable verdict.
enum VerifyText {
    static func render(_ report: VerifyReport) -> String {
        var lines: [String] = []
        let state =
            report.runningAfterSeconds.map { "still running after \($0) s" }
            ?? "exited with code \(report.exitCode.map(String.init) ?? "unknown")"
        lines.append("\(report.verified ? "verified" : "FAILED"): \(report.reference) (\(report.engine), \(state))")
        lines.append("command: " + report.command.map(shellQuoted).joined(separator: " "))
        for probe in report.probes {
            lines.append("probe \(probe.probe): \(probe.passed ? "ok" : "failed"), \(probe.detail)")
        }
        for finding in report.findings {
            let subject = finding.path ?? finding.port.map { "port \($0)" } ?? finding.capability ?? ""
            lines.append("\(finding.kind.rawValue) \(subject)".trimmingCharacters(in: .whitespaces))
            lines.append("  line \(finding.line): \(finding.evidence)")
            lines.append("  fix: \(finding.fix)")
        }
        if !report.verified, report.findings.isEmpty, !report.logTail.isEmpty {
            lines.append("last lines of the log:")
            lines += report.logTail.map { "  " + $0 }
        }
        if let learned = report.learned {
            lines.append(
                "learned in \(report.rounds) run(s): "
                    + (learned.writablePaths.isEmpty ? "nothing" : learned.writablePaths.joined(separator: ", ")))
            if let seed = learned.seed {
                lines.append("# --- overlay seed file (review, then add it with --seed-dir) ---")
                lines.append(seed.hasSuffix("\n") ? String(seed.dropLast()) : seed)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func shellQuoted(_ word: String) -> String {
        let safe = word.allSatisfy { $0.isLetter || $0.isNumber || "-_./:=@,%+".contains($0) }
        return safe && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
