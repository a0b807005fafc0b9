import ArgumentParser
import Foundation
import HardenCore

extension GenerateOptions.Kind: ExpressibleByArgument {
    /// kubectl's short names work too: `po`, `deploy`, `sts`, `ds`, `cj`.
    public init?(argument: String) {
        let aliases: [String: Self] = [
            "po": .pod, "deploy": .deployment, "sts": .statefulset, "ds": .daemonset, "cj": .cronjob,
        ]
        guard let kind = Self(rawValue: argument.lowercased()) ?? aliases[argument.lowercased()] else { return nil }
        self = kind
    }
}
extension GenerateOptions.Format: ExpressibleByArgument {}
extension LinterCompatibility.Tool: ExpressibleByArgument {}
extension GenerateOptions.Platform: ExpressibleByArgument {}
extension SpecGenerator.Encoding: ExpressibleByArgument {
    public init?(argument: String) {
        guard let encoding = Self(rawValue: argument == "yml" ? "yaml" : argument) else { return nil }
        self = encoding
    }
}

/// `harden generate REF...`: a hardened spec that works for the image.
struct GenerateCommand: HardenCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a hardened spec (read-only root, non-root, restricted) that works for the image.",
        discussion: """
            The spec goes to standard output; what each volume is for and every assumption go to standard error.
            Several images become one workload and Service each (--split: the default for a deployment or a
            statefulset, always in compose and docker-run); --no-split, and the other kinds by default, run them as
            containers of one pod. A setting an image cannot start without (a database password) is read from a
            Secret generated beside it with an empty value to fill in. An image missing from the knowledge base is
            an error (exit 2, with the entries whose names are close) unless you say how to run it: --like IMAGE
            starts from a known image's profile, --generic uses a generic one (uid 65532, /tmp only).
            Options that do not apply to the kind or format are refused (exit 64).
            """
    )

    @OptionGroup var knowledgeBase: KnowledgeBaseOptions

    @Option(help: "What to write.")
    var kind: GenerateOptions.Kind = .deployment

    @Option(help: "kubernetes, helm-values, kustomize-patch, docker-run or compose.")
    var format: GenerateOptions.Format = .kubernetes

    @Option(name: .shortAndLong, help: "yaml (default) or json, for the structured formats.")
    var output: SpecGenerator.Encoding?

    @Option(help: "The workload name (default: the first image's name).")
    var name: String?

    @Option(help: "The namespace.")
    var namespace: String?

    @Option(help: "Replicas (deployment, statefulset).")
    var replicas: Int?

    @Option(help: ArgumentHelp("A cron schedule (cronjob).", valueName: "cron"))
    var schedule: String?

    @Option(
        help: ArgumentHelp(
            "A port the first container listens on (repeatable; replaces the knowledge base's).", valueName: "port"))
    var port: [Int] = []

    @Option(help: ArgumentHelp("Run as UID[:GID] instead of the knowledge base's identity.", valueName: "uid[:gid]"))
    var runAs: String?

    @Option(help: ArgumentHelp("Another path the image writes (repeatable).", valueName: "path"))
    var writable: [String] = []

    @Option(help: ArgumentHelp("Use this variant instead of choosing by tag.", valueName: "name"))
    var variant: String?

    @Option(help: "kubernetes, or openshift (its SCC assigns UIDs: runAsUser/runAsGroup/fsGroup are left out).")
    var platform: GenerateOptions.Platform = .kubernetes

    @Option(help: ArgumentHelp("The existing container to patch (kustomize-patch).", valueName: "name"))
    var container: String?

    @Option(
        help: ArgumentHelp(
            "The chart whose values layout to write (helm-values): \(HelmChartPreset.names.joined(separator: ", ")); default helm-create.",
            valueName: "chart"))
    var chart: String?

    @Flag(
        inversion: .prefixedNo,
        help: ArgumentHelp(
            "One workload and Service per image (default for several images as a deployment or statefulset, and for compose and docker-run), or one pod running them all."
        ))
    var split: Bool?

    @Flag(help: "Mount the service account token (off by default).")
    var automountServiceAccountToken = false

    @Flag(help: "Use a generic profile (uid 65532, writable /tmp) for an image not in the knowledge base.")
    var generic = false

    @Option(
        help: ArgumentHelp("Use this known image's profile for an image not in the knowledge base.", valueName: "image")
    )
    var like: String?

    @Flag(
        help: ArgumentHelp(
            "Refuse images not in the knowledge base (the default; kept for scripts).", visibility: .hidden))
    var strict = false

    @Option(
        help: ArgumentHelp(
            "CPU and memory requests (the memory request is also the limit), e.g. cpu=250m,memory=256Mi.",
            valueName: "cpu=Q,memory=Q"))
    var resources: String?

    @Option(
        help: ArgumentHelp(
            "Say which findings this linter will raise on the spec, and why to accept them (checkov, kube-linter, kube-score).",
            valueName: "tool"))
    var compat: LinterCompatibility.Tool?

    @Option(
        help: ArgumentHelp(
            "Infer the profile from this Dockerfile (for an image not in the knowledge base).", valueName: "path"))
    var dockerfile: String?

    @Option(
        name: .customLong("from-image"),
        help: ArgumentHelp(
            "Infer the profile from an image: oci:DIR[:TAG], oci-archive:FILE[:TAG] or docker-archive:FILE[:REF] (for an image not in the knowledge base).",
            valueName: "source"))
    var fromImage: String?

    @Flag(
        help: ArgumentHelp(
            "Pull the one image named from its registry and infer its profile, when the knowledge base does not know it (never done unless asked)."
        ))
    var infer = false

    @OptionGroup var insecureRegistries: InsecureRegistryOptions

    @Option(help: ArgumentHelp("With --dockerfile: the stage to infer.", valueName: "stage"))
    var target: String?

    @Option(
        name: .customLong("build-arg"),
        help: ArgumentHelp("With --dockerfile: a build argument (repeatable).", valueName: "K=V"))
    var buildArguments: [String] = []

    @Option(
        help: ArgumentHelp(
            "With --dockerfile or --from-image: the image reference the spec runs.", valueName: "ref"))
    var image: String?

    @Argument(help: ArgumentHelp("Image references.", valueName: "ref"))
    var references: [String] = []

    func validate() throws {
        if infer {
            guard references.count == 1, dockerfile == nil, fromImage == nil, !generic, like == nil else {
                throw ValidationError(
                    "--infer pulls one image named as the argument: harden generate REF --infer (not with --dockerfile, --from-image, --generic or --like)"
                )
            }
            return
        }
        if !insecureRegistries.hosts.isEmpty && !(fromImage?.hasPrefix("registry:") ?? false) {
            throw ValidationError("--insecure-registry applies to --infer or --from-image registry:REF")
        }
        if dockerfile != nil && fromImage != nil {
            throw ValidationError("--dockerfile and --from-image exclude each other: choose one")
        }
        if let evidence = dockerfile != nil ? "--dockerfile" : fromImage != nil ? "--from-image" : nil {
            guard references.isEmpty else {
                throw ValidationError("with \(evidence), name the image with --image, not as an argument")
            }
            if generic || like != nil { throw ValidationError("\(evidence) already says how to run the image") }
            if fromImage != nil && (target != nil || !buildArguments.isEmpty) {
                throw ValidationError("--target and --build-arg go with --dockerfile")
            }
        } else {
            guard !references.isEmpty else {
                throw ValidationError("name at least one image, for example: harden generate nginx")
            }
            if target != nil || !buildArguments.isEmpty || image != nil {
                throw ValidationError("--target, --build-arg and --image go with --dockerfile or --from-image")
            }
        }
        if generic && like != nil { throw ValidationError("--generic and --like exclude each other: choose one") }
        if let resources, GenerateOptions.Resources(resources) == nil {
            throw ValidationError(
                "--resources \"\(Quoted.brief(resources))\" must be cpu=QUANTITY,memory=QUANTITY, e.g. cpu=250m,memory=256Mi"
            )
        }
        if strict && (generic || like != nil) {
            throw ValidationError("--strict refuses what --generic or --like allows")
        }
        if output != nil && (format == .dockerRun) {
            throw ValidationError("--output does not apply to --format docker-run, which writes a shell command")
        }
        if let runAs, GenerateOptions.UserID(runAs) == nil {
            throw ValidationError(
                "--run-as \"\(Quoted.brief(runAs))\" must be UID or UID:GID, each 1 to 2147483647 (non-root)")
        }
    }

    func run(in context: CommandContext) throws -> Int32 {
        var options = GenerateOptions()
        options.kind = kind
        options.format = format
        options.platform = platform
        options.name = name
        options.namespace = namespace
        options.replicas = replicas
        options.schedule = schedule
        options.ports = port
        options.runAs = runAs.flatMap(GenerateOptions.UserID.init)
        options.writablePaths = writable
        options.variant = variant
        options.automountServiceAccountToken = automountServiceAccountToken
        options.unknownImage = generic ? .generic : like.map { .like($0) } ?? .refuse
        options.containerName = container
        options.split = split
        options.chart = chart
        options.resources = resources.flatMap(GenerateOptions.Resources.init)
        let resolver = Resolver(knowledgeBase: try knowledgeBase.open(in: context))
        var references = references
        if let dockerfile {
            let inferred = try InferCommand.infer(
                dockerfile, target: target, buildArguments: buildArguments, knowledgeBase: knowledgeBase,
                context: context)
            let directory = URL(fileURLWithPath: dockerfile).deletingLastPathComponent().lastPathComponent
            references = [
                try adopt(
                    inferred, reference: image ?? "\(KubernetesName.label(from: directory, fallback: "app")):latest",
                    named: image != nil, evidence: "\(dockerfile) (base \(inferred.match.base))", resolver: resolver,
                    options: &options, context: context)
            ]
        }
        if infer, let reference = references.first, try resolver.resolve(reference).match != nil {
            context.standardError.line(
                "# \(reference) is in the knowledge base: the curated entry is used, nothing pulled")
        } else if let source = fromImage ?? (infer ? references.first.map { "registry:" + $0 } : nil) {
            let (inferred, name) = try InferCommand.readAndInferImage(
                source, platform: "linux/amd64",
                registry: InferCommand.registryAccess(insecure: insecureRegistries.hosts, context: context),
                knowledgeBase: knowledgeBase, context: context)
            let carried = name.flatMap { $0.contains("/") || $0.contains(":") ? $0 : nil }
            references = [
                try adopt(
                    inferred, reference: image ?? (infer ? references.first : nil) ?? carried ?? "app:latest",
                    named: image != nil || infer || carried != nil, evidence: source, resolver: resolver,
                    options: &options, context: context)
            ]
        }
        let generator = SpecGenerator(resolver: resolver)
        let spec = try generator.generate(references, options: options, encoding: output ?? .yaml)
        for note in spec.notes { context.standardError.line("# \(note)") }
        if let compat {
            let containers = spec.plans.flatMap(\.containers).map { (name: $0.name, uid: $0.uid) }
            for note in LinterCompatibility.notes(for: containers, tool: compat) {
                context.standardError.line("# compat: \(note)")
            }
        }
        context.standardOutput.write(spec.text)
        return ExitStatus.success
    }

    /// Uses an inferred profile for `reference`, saying every inferred fact on stderr. When the image is in the
    /// knowledge base the curated entry wins, and where the evidence disagrees is reported. Returns the reference to
    /// write.
    private func adopt(
        _ inferred: InferredProfile, reference: String, named: Bool, evidence: String, resolver: Resolver,
        options: inout GenerateOptions, context: CommandContext
    ) throws -> String {
        if !named {
            context.standardError.line(
                "# warning: no --image: the spec runs \(reference); set the image your build pushes with --image REF")
        }
        let resolution = try resolver.resolve(reference)
        if let curated = resolution.facts, let match = resolution.match {
            context.standardError.line(
                "# \(reference) is in the knowledge base (\(match.image)): the curated entry wins")
            for disagreement in inferred.disagreements(with: curated) {
                context.standardError.line("# disagreement: \(disagreement); review the entry")
            }
            return reference
        }
        for fact in inferred.evidence {
            context.standardError.line(
                "# inferred \(fact.fact) \(fact.value) (\(fact.confidence.rawValue)): \(fact.evidence)")
        }
        if inferred.profile.runAsUser == nil {
            context.standardError.line(
                "# warning: the image's user has no id harden can see: runAsUser \(GenericProfile.uid) is a guess; set USER to a number or pass --run-as"
            )
        }
        options.unknownImage = .inferred(inferred.facts, source: evidence)
        return reference
    }
}
