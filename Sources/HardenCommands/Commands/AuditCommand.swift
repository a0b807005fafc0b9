import ArgumentParser
import HardenCore

/// `harden audit PATH...`: what will break, or is unsafe, in existing manifests.
struct AuditCommand: HardenCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, sarif
    }

    enum FailOn: String, ExpressibleByArgument, CaseIterable {
        case error, warning, never
    }

    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audit Kubernetes manifests: image-aware breakage and Pod Security Standards.",
        discussion: """
            PATH is a file, a directory (searched for *.yaml, *.yml, *.json) or - for standard input. Pods, Deployments,
            StatefulSets, DaemonSets, ReplicaSets, Jobs, CronJobs and Lists of them are audited; other kinds are counted.
            In directories, hidden entries, --exclude globs, globs listed in the directory's .hardenignore, and files that
            are never Kubernetes objects (kustomization.yaml, Chart.yaml, Helm values, compose files, unrendered
            templates) are skipped with a note.
            A finding is accepted with the annotation harden.dev/ignore: "HRD215: reason; HRD101: reason" on the object
            or its pod template (a reason is required), or with a baseline (--write-baseline FILE, then --baseline FILE):
            accepted findings are listed as suppressed and never fail the audit.
            Exit code: 0 no findings at the --fail-on level, 2 findings, 3 some input could not be read.
            `harden audit --explain RULE` documents a rule.
            """
    )

    @OptionGroup var knowledgeBase: KnowledgeBaseOptions
    @OptionGroup var inferredImages: InferredImageOptions

    @Option(name: .shortAndLong, help: "text, json or sarif.")
    var output: Format = .text

    @Option(help: "The lowest severity that fails the audit (exit 2): error, warning or never.")
    var failOn: FailOn = .error

    @Option(help: ArgumentHelp("Print a rule's rationale and remediation.", valueName: "rule"))
    var explain: String?

    @Flag(help: "Print every rule (Markdown).")
    var listRules = false

    @Option(help: ArgumentHelp("Leave out a rule's findings (repeatable).", valueName: "rule"))
    var ignore: [String] = []

    @Option(help: ArgumentHelp("Report only these rules (repeatable).", valueName: "rule"))
    var only: [String] = []

    @Option(help: ArgumentHelp("Skip files matching a glob in directories (repeatable).", valueName: "glob"))
    var exclude: [String] = []

    @Option(help: ArgumentHelp("Accept the findings recorded in this file: only new ones fail.", valueName: "file"))
    var baseline: String?

    @Option(help: ArgumentHelp("Record every current finding as accepted, into this file.", valueName: "file"))
    var writeBaseline: String?

    @Argument(help: ArgumentHelp("Manifest files or directories, or - for standard input.", valueName: "path"))
    var paths: [String] = []

    func validate() throws {
        if explain == nil && !listRules && paths.isEmpty {
            throw ValidationError("name a manifest file or directory, or - for standard input")
        }
    }

    func run(in context: CommandContext) throws -> Int32 {
        if listRules {
            context.standardOutput.write(AuditRules.markdown)
            return ExitStatus.success
        }
        if let explain {
            if let linterRule = LinterCompatibility.rule(withID: explain) {
                context.standardOutput.line(LinterCompatibility.explanation(of: linterRule))
                return ExitStatus.success
            }
            guard let rule = AuditRules.rule(withID: explain) else {
                throw UnknownRuleError(id: explain)
            }
            context.standardOutput.line(AuditRules.explanation(of: rule))
            return ExitStatus.success
        }
        for rule in ignore + only where AuditRules.rule(withID: rule.uppercased()) == nil {
            throw UnknownRuleError(id: rule)
        }
        let accepted = try baseline.map { path throws(BaselineError) in try AuditBaseline.read(path) }
        let listing = ManifestInput.list(paths, stdin: context.readStandardInput, exclude: exclude)
        let auditor = Auditor(
            resolver: Resolver(knowledgeBase: try knowledgeBase.open(in: context)),
            inferred: try inferredImages.load(in: context))
        let colour = output == .text && context.outputIsTerminal && context.environment["NO_COLOR"] == nil
        var writer = AuditOutput(
            output, colour: colour, version: Harden.configuration.version, to: context.standardOutput)
        var counts = SeverityCounts()
        var accepting: [Finding] = []
        let onlyRules = Set(only.map { $0.uppercased() })
        let ignoredRules = Set(ignore.map { $0.uppercased() })
        let rest = try auditor.audit(listing) { part in
            part = part.filtered(only: onlyRules, ignore: ignoredRules, baseline: accepted)
            counts.add(part.findings)
            if writeBaseline != nil { accepting += part.findings }
            writer.write(part)
        }
        try writer.finish(rest, counts: counts)
        if output != .text { context.standardError.line(rest.summary(counts: counts)) }
        if let writeBaseline {
            accepting += rest.suppressed.map(\.finding)
            try AtomicFile.write(try StructuredOutput.json(AuditBaseline(accepting)) + "\n", to: writeBaseline)
            context.standardError.line("wrote \(writeBaseline): \(accepting.count) accepted findings")
        }
        if !rest.problems.isEmpty { return ExitStatus.invalidInput }
        if writeBaseline != nil { return ExitStatus.success }
        let failing: [Finding.Severity] =
            switch failOn {
            case .error: [.error]
            case .warning: [.error, .warning]
            case .never: []
            }
        return failing.contains { counts.count($0) > 0 } ? ExitStatus.notFound : ExitStatus.success
    }
}

/// `--explain` with an ID no rule has.
struct UnknownRuleError: HardenError {
    var id: String
    var category: ErrorCategory { .invalidInput }
    var description: String {
        "no audit rule \"\(id)\"; rules are \(AuditRules.all.map { type(of: $0).id }.joined(separator: ", "))"
    }
}
