/// Decides everything a hardened spec needs for a set of images: identities, one volume per writable path,
/// seeding, ports, capabilities, and the notes that explain each choice.
public struct SpecPlanner: Sendable {
    public let resolver: Resolver

    public init(resolver: Resolver) {
        self.resolver = resolver
    }

    /// Plans one pod running every reference as its own container.
    public func plan(_ references: [String], options: GenerateOptions) throws -> SpecPlan {
        var containerNames: Set<String> = []
        return try plan(references, options: options, containerNames: &containerNames)
    }

    /// Refuses no images, or more than one request may name.
    static func validateCount(_ references: [String]) throws(GenerateError) {
        guard !references.isEmpty else { throw .invalidOption(.references, "name at least one image") }
        guard references.count <= GenerateOptions.maxReferences else {
            throw .invalidOption(.references, "name at most \(GenerateOptions.maxReferences) images at once")
        }
    }

    /// `--variant` with an untagged image: the spec would run `:latest`, and when that is another variant, the spec
    /// would describe one image and run another. A tag the user wrote is theirs to vouch for (a private tag of a
    /// known variant is what `--variant` is for).
    private func refuseLatestOfAnotherVariant(_ input: String, _ resolution: Resolution, options: GenerateOptions)
        throws
    {
        guard let wanted = resolution.match?.variant, options.variant != nil, resolution.reference.tagIsImplicit,
            resolution.reference.digest == nil, let latest = try resolver.resolve(input).match?.variant,
            latest != wanted
        else { return }
        throw GenerateError.invalidOption(
            .variant,
            "\(Quoted.brief(input)) has no tag, and its :latest is the \(latest) variant, not \(wanted): name the tag you run (`harden show \(Quoted.brief(input))` lists each variant's tags)"
        )
    }

    /// Plans one pod; `containerNames` holds the names other pods of the same spec already use, so that every
    /// container (and the workload named after it) is unique across the spec.
    func plan(_ references: [String], options: GenerateOptions, containerNames: inout Set<String>) throws -> SpecPlan {
        try Self.validateCount(references)
        try validate(options)
        var notes: [GenerationNote] = []
        var volumeNames: Set<String> = []
        var containers: [ContainerPlan] = []
        for (index, input) in references.enumerated() {
            let resolution = try resolver.resolve(input, variant: options.variant)
            try refuseLatestOfAnotherVariant(input, resolution, options: options)
            let borrowed = try borrowedProfile(for: resolution, options: options)
            let base = KubernetesName.label(
                from: String(resolution.reference.path.split(separator: "/").last ?? ""), fallback: "app")
            let name = KubernetesName.unique(base, in: &containerNames)
            var planner = ContainerPlanner(
                input: input, resolution: resolution, borrowed: borrowed, name: name, options: options)
            containers.append(
                try planner.plan(isFirst: index == 0, prefixVolumes: references.count > 1, volumeNames: &volumeNames))
            notes += planner.notes
        }
        let fsGroup = planFSGroup(containers, options: options, notes: &notes)
        let portStart = planPortStart(containers, notes: &notes)
        if options.format == .kubernetes && options.kind != .container { notes.append(resourcesNote(options)) }
        let workloadName =
            try options.name.map { name throws(GenerateError) in
                guard KubernetesName.isLabel(name) else {
                    throw .invalidOption(
                        .name,
                        "\"\(Quoted.brief(name))\" is not a valid Kubernetes name (lower-case letters, digits and \"-\", at most 63)"
                    )
                }
                return name
            } ?? containers[0].name
        notes += requiredEnvironmentNotes(containers, secretName: SpecPlan.secretName(workload: workloadName), options)
        if options.platform == .openshift {
            notes.append(
                GenerationNote(
                    .info,
                    "openshift: runAsUser, runAsGroup and fsGroup are left to the restricted-v2 SCC, which assigns a UID from the namespace range with group 0; the image's writable paths are emptyDirs, which that UID can write"
                ))
        }
        return SpecPlan(
            name: workloadName, namespace: options.namespace, containers: containers, fsGroup: fsGroup,
            unprivilegedPortStart: portStart, options: options, notes: notes)
    }

    private func validate(_ options: GenerateOptions) throws(GenerateError) {
        try validateApplicability(options)
        if let namespace = options.namespace, !KubernetesName.isLabel(namespace) {
            throw .invalidOption(.namespace, "\"\(Quoted.brief(namespace))\" is not a valid namespace name")
        }
        if let replicas = options.replicas, !(0...Int(Int32.max)).contains(replicas) {
            throw .invalidOption(.replicas, "must be between 0 and \(Int32.max)")
        }
        guard options.ports.count <= GenerateOptions.maxPorts else {
            throw .invalidOption(.ports, "at most \(GenerateOptions.maxPorts) ports")
        }
        var seenPorts: Set<Int> = []
        for port in options.ports {
            guard (1...65535).contains(port) else {
                throw .invalidOption(.ports, "\(port) is not a port number (1 to 65535)")
            }
            guard seenPorts.insert(port).inserted else { throw .invalidOption(.ports, "\(port) is given twice") }
        }
        guard options.writablePaths.count <= GenerateOptions.maxWritablePaths else {
            throw .invalidOption(.writable, "at most \(GenerateOptions.maxWritablePaths) paths")
        }
        for path in options.writablePaths {
            if let problem = ContainerPath.problem(with: path) { throw .invalidOption(.writable, problem) }
            if ContainerPath.systemRoots.contains(path) {
                throw .invalidOption(
                    .writable,
                    "\"\(path)\" is a system root; a volume there hides the image's own files: name the specific subdirectory"
                )
            }
        }
        if let schedule = options.schedule, let problem = CronSchedule.problem(with: schedule) {
            throw .invalidOption(.schedule, "\"\(Quoted.brief(schedule))\" \(problem)")
        }
    }

    private func resourcesNote(_ options: GenerateOptions) -> GenerationNote {
        if let resources = options.resources {
            return GenerationNote(
                .info,
                "requests cpu \(resources.cpu) and memory \(resources.memory); the limits are cpu \(resources.cpuLimit) and memory \(resources.memory)"
            )
        }
        return GenerationNote(
            .warning,
            "resources are placeholders (requests cpu 100m, memory 128Mi; limits cpu 500m, memory 128Mi): size them for the workload with \(GenerateOptions.Field.resources) cpu=...,memory=..."
        )
    }

    /// Options that do not apply to the kind or format asked for are refused, never silently ignored.
    private func validateApplicability(_ options: GenerateOptions) throws(GenerateError) {
        let kubernetes = options.format == .kubernetes || options.format == .kustomizePatch
        if options.schedule != nil && !(options.kind == .cronjob && kubernetes) {
            throw .invalidOption(.schedule, "only kind cronjob has a schedule")
        }
        if options.replicas != nil && !([.deployment, .statefulset].contains(options.kind) && kubernetes) {
            throw .invalidOption(.replicas, "only a deployment or a statefulset has replicas")
        }
        if options.containerName != nil && options.format != .kustomizePatch {
            throw .invalidOption(.container, "names the container that format kustomize-patch patches")
        }
        if options.kind != .deployment && [.helmValues, .dockerRun, .compose].contains(options.format) {
            throw .invalidOption(
                .kind,
                "\(options.kind.rawValue) does not apply to format \(options.format.rawValue), which has no Kubernetes kind"
            )
        }
        if options.namespace != nil && [.helmValues, .dockerRun, .compose].contains(options.format) {
            throw .invalidOption(.namespace, "does not apply to format \(options.format.rawValue)")
        }
        if options.resources != nil && options.format != .kubernetes {
            throw .invalidOption(.resources, "only format kubernetes writes resources")
        }
        if options.platform == .openshift && [.dockerRun, .compose].contains(options.format) {
            throw .invalidOption(.platform, "openshift does not apply to format \(options.format.rawValue)")
        }
        try validateSplit(options)
        if let chart = options.chart {
            guard options.format == .helmValues else {
                throw .invalidOption(.chart, "names the chart whose values format helm-values writes")
            }
            _ = try HelmChartPreset.required(chart)
        }
    }

    /// `split` where it has a meaning: compose and docker run always run one container per image, and helm-values,
    /// kustomize-patch and a pod spec fragment each describe a single pod.
    private func validateSplit(_ options: GenerateOptions) throws(GenerateError) {
        guard let split = options.split else { return }
        if !split && [.compose, .dockerRun].contains(options.format) {
            throw .invalidOption(
                .split, "cannot be false: format \(options.format.rawValue) always runs each image on its own")
        }
        if split && [.helmValues, .kustomizePatch].contains(options.format) {
            throw .invalidOption(.split, "format \(options.format.rawValue) describes one workload")
        }
        if split && options.kind == .container && options.format == .kubernetes {
            throw .invalidOption(.split, "kind container is one pod's spec fragment; choose a workload kind")
        }
    }

    /// Facts used for an image the knowledge base does not know, and the note that says where they come from.
    struct Borrowed {
        var facts: ImageFacts
        var note: String
    }

    /// For an image the knowledge base does not know: an error unless the user said what to do; with `--like`, the
    /// known image's profile; with `--dockerfile`, the inferred one.
    private func borrowedProfile(for resolution: Resolution, options: GenerateOptions) throws -> Borrowed? {
        guard resolution.match == nil else { return nil }
        switch options.unknownImage {
        case .refuse:
            throw GenerateError.unknownImage(reference: resolution.input, suggestions: resolution.suggestions)
        case .generic:
            return nil
        case .like(let known):
            let like = try resolver.resolve(known, variant: options.variant)
            guard let match = like.match, let facts = like.facts else {
                throw GenerateError.invalidOption(.like, "\(Quoted.brief(known)) is not in the knowledge base either")
            }
            return Borrowed(
                facts: facts,
                note:
                    "\(resolution.reference.repository) is not in the knowledge base: using the profile of \(match.image), variant \(match.variant) (\(GenerateOptions.Field.like)); its facts are that image's, so check the paths your image writes"
            )
        case .inferred(let facts, let source):
            return Borrowed(
                facts: facts,
                note:
                    "\(resolution.reference.repository) is not in the knowledge base: using the profile INFERRED from \(source); inferred facts are not curated, review them"
            )
        }
    }

    /// fsGroup makes mounted persistent volumes group-owned by the image's group; only needed with persistent data.
    private func planFSGroup(_ containers: [ContainerPlan], options: GenerateOptions, notes: inout [GenerationNote])
        -> Int?
    {
        guard options.platform == .kubernetes else { return nil }
        let needing = containers.filter { $0.volumes.contains { $0.data == .persistent } }
        guard let first = needing.first else { return nil }
        let groups = Set(needing.map(\.fsGroup))
        if groups.count > 1 {
            notes.append(
                GenerationNote(
                    .warning,
                    "containers with persistent data want different groups (\(groups.sorted().map(String.init).joined(separator: ", "))); fsGroup is \(first.fsGroup), so the others may not write their volumes"
                ))
        }
        return first.fsGroup
    }

    /// The lowest privileged port any container binds, if any.
    private func planPortStart(_ containers: [ContainerPlan], notes: inout [GenerationNote]) -> Int? {
        guard let lowest = containers.compactMap(\.lowestPrivilegedPort).min() else { return nil }
        notes.append(
            GenerationNote(
                .info,
                "sets the namespaced sysctl net.ipv4.ip_unprivileged_port_start=\(lowest) at pod level so the non-root process can bind port \(lowest) and up; it is a safe sysctl, allowed by the restricted profile, and adds no capability"
            ))
        return lowest
    }
}
