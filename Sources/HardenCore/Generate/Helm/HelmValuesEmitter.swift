/// Renders a plan as the values file of one chart (`--chart`; the `helm create` layout by default): the pod and
/// container security contexts, the volumes and mounts at the keys that chart reads, for every role of the chart
/// that each image fills (`HelmChartPreset.assign`), each explained in a YAML comment.
public enum HelmValuesEmitter {
    public struct Values: Sendable {
        public var document: HelmValuesDocument
        /// What these values cannot do for the chart, for stderr.
        public var notes: [GenerationNote]
    }

    /// - Parameters:
    ///   - preset: the chart the plan's options name.
    ///   - defaultImageEntries: the preset's `defaultImageEntries(resolvedBy:)`.
    public static func values(_ plan: SpecPlan, preset: HelmChartPreset, defaultImageEntries: [String: String])
        throws(GenerateError) -> Values
    {
        let assignments = try preset.assign(plan.containers, entries: defaultImageEntries)
        var notes: [GenerationNote] = []
        var document = HelmValuesDocument()
        document.header = header(preset, assignments, notes: &notes)
        let filled = Set(assignments.flatMap { $0.roles.map(\.name) })
        for assignment in assignments {
            for role in assignment.roles {
                write(role, assignment.container, of: preset, plan, filled: filled, into: &document, notes: &notes)
            }
        }
        for key in preset.automountKeys {
            document.set(
                key, plan.options.automountServiceAccountToken,
                comment: [
                    plan.options.automountServiceAccountToken
                        ? "the service account token is mounted, as asked"
                        : "no service account token in the pod: the image does not call the Kubernetes API"
                ])
        }
        var seen: Set<String> = []
        return Values(document: document, notes: notes.filter { seen.insert($0.description).inserted })
    }

    private static func header(
        _ preset: HelmChartPreset, _ assignments: [HelmChartPreset.Assignment], notes: inout [GenerationNote]
    ) -> [String] {
        var lines = ["values for the chart \(preset.name), keys as its values.yaml has them: \(preset.source.citation)"]
        for assignment in assignments {
            let container = assignment.container
            guard let role = assignment.roles.first else { continue }
            if let image = role.defaultImage, !assignment.runsDefaultImage {
                let text =
                    "\(container.name): these settings are for \(container.image), but the chart runs \(image) unless \(role.imageKey) says otherwise: set it (and the tag) to \(container.image)"
                lines.append(text)
                notes.append(GenerationNote(.warning, text))
            } else {
                lines.append("these settings are for \(container.image) (\(role.imageKey) and its tag)")
            }
            for role in assignment.roles {
                guard let key = role.enabledBy else { continue }
                let text =
                    "the chart runs its \(role.name) container only with \(key): true, which these values leave to you"
                lines.append(text)
                notes.append(GenerationNote(.info, "\(container.name): \(text)"))
            }
        }
        if preset.automountKeys.isEmpty, let note = preset.automountNote { lines.append(note) }
        return lines
    }

    /// One role's settings for the container that fills it. The pod's settings (fsGroup, the port sysctl) are the
    /// plan's, which weigh every image of the file: a role that is a container in another role's pods shares them,
    /// and when no image of the file fills those roles, a warning says what their pod must set.
    private static func write(
        _ role: HelmChartPreset.Role, _ container: ContainerPlan, of preset: HelmChartPreset, _ plan: SpecPlan,
        filled: Set<String>, into document: inout HelmValuesDocument, notes: inout [GenerationNote]
    ) {
        var rolePlan = plan
        var explanations: [String] = []
        var volumes = container.volumes
        for volume in volumes {
            if let mount = role.chartMounts.first(where: { ContainerPath.covers(mountPath: $0.path, volume.path) }) {
                explanations.append(
                    "\(volume.path) is left to the chart, which mounts \(mount.volume) on \(mount.path)")
            }
        }
        volumes.removeAll { volume in
            role.chartMounts.contains { ContainerPath.covers(mountPath: $0.path, volume.path) }
        }
        if role.volumes == nil || role.volumeMounts == nil {
            for volume in volumes {
                let text =
                    "\(volume.path) needs a volume, but the chart has no key for the volumes of its \(role.name) container: add one to its pod template"
                explanations.append(text)
                notes.append(GenerationNote(.warning, "\(container.name): \(text)"))
            }
            volumes = []
        }
        if role.initContainers == nil {
            for volume in volumes where volume.needsSeeding {
                let text =
                    "\(volume.path) must start with the image's own content, which an init container copies (as the kubernetes format writes it), but the chart has no key for init containers: add one to its pod template"
                explanations.append(text)
                notes.append(GenerationNote(.warning, "\(container.name): \(text)"))
            }
            volumes.removeAll(where: \.needsSeeding)
        }
        rolePlan.containers = [container]
        rolePlan.containers[0].volumes = volumes
        let pod = KubernetesEmitter.podSpec(rolePlan)
        var podContext = pod.securityContext ?? PodSecurityContext()
        let sysctls = podContext.sysctls ?? []
        if role.sysctls != nil { podContext.sysctls = nil }

        let hosts = role.runsIn.filter { !filled.contains($0) }
        if role.podSecurityContext == nil, !hosts.isEmpty, !podReasons(rolePlan).isEmpty {
            let text =
                "the \(hosts.joined(separator: " and ")) pods, which \(role.name) runs in, need \(podReasons(rolePlan).joined(separator: "; ")): set it in their pod security context"
            explanations.append(text)
            notes.append(GenerationNote(.warning, "\(container.name): \(text)"))
        }
        if let key = role.podSecurityContext {
            document.set(
                key, flagged(podContext, preset),
                comment: ["the pod's security context: non-root, seccomp RuntimeDefault"] + podReasons(rolePlan)
                    + explanations)
        }
        if let key = role.sysctls, !sysctls.isEmpty {
            document.set(
                key, OrderedStringMap(sysctls.map { ($0.name, $0.value) }),
                comment: ["pod sysctls, which this chart reads apart from the pod's security context"])
        }
        if let main = pod.containers.first, let context = main.securityContext {
            let placement =
                role.runsIn.isEmpty
                ? []
                : [
                    "\(role.name) is a container of the \(role.runsIn.joined(separator: " and ")) pods: their pod security context applies to it"
                ] + explanations
            document.set(
                role.containerSecurityContext, flagged(context, preset),
                comment: [containerReason(container, context)] + placement)
        }
        if let volumesKey = role.volumes, let mountsKey = role.volumeMounts, let podVolumes = pod.volumes,
            let mounts = pod.containers.first?.volumeMounts
        {
            document.set(
                volumesKey, podVolumes,
                comment: ["one volume for each path the image writes:"]
                    + volumes.map { "  \($0.path) (\($0.name)): \($0.why)" })
            document.set(
                mountsKey, mounts, comment: ["mounted where the image writes, never over its own content"])
        }
        if let key = role.initContainers, let initContainers = pod.initContainers {
            document.set(
                key, initContainers,
                comment: ["copies the image's own content into the volumes that must start with it"])
        }
        writeEnvironment(role, container, into: &document, notes: &notes)
    }

    private static func podReasons(_ plan: SpecPlan) -> [String] {
        var reasons: [String] = []
        if let fsGroup = plan.fsGroup {
            reasons.append("fsGroup \(fsGroup): persistent volumes belong to the image's group")
        }
        if let port = plan.unprivilegedPortStart {
            reasons.append(
                "sysctl net.ipv4.ip_unprivileged_port_start=\(port): the non-root process binds port \(port)")
        }
        return reasons
    }

    private static func containerReason(_ container: ContainerPlan, _ context: SecurityContext) -> String {
        let identity =
            context.runAsUser.map { "runs as \($0):\(context.runAsGroup ?? $0)" }
            ?? "runs as the UID the platform assigns"
        let added =
            container.addedCapabilities.isEmpty ? "" : " but \(container.addedCapabilities.joined(separator: ", "))"
        return
            "the container's security context: \(identity), read-only root filesystem, no privilege escalation, every capability dropped\(added)"
    }

    /// The variables the image needs set, in the chart's shape, or a warning when the chart has no key for them.
    private static func writeEnvironment(
        _ role: HelmChartPreset.Role, _ container: ContainerPlan, into document: inout HelmValuesDocument,
        notes: inout [GenerationNote]
    ) {
        guard !container.environment.isEmpty else { return }
        let comment = ["settings the image needs to run read-only (`harden show` says why)"]
        guard let environment = role.environment else {
            let names = container.environment.map { "\($0.name)=\($0.value ?? "")" }.joined(separator: ", ")
            notes.append(
                GenerationNote(
                    .warning,
                    "\(container.name): the chart has no key for environment variables: set \(names) in its container"))
            return
        }
        switch environment.shape {
        case .list:
            document.set(environment.key, container.environment, comment: comment)
        case .map:
            let pairs = container.environment.map { ($0.name, $0.value ?? "") }
            document.set(environment.key, OrderedStringMap(pairs), comment: comment)
        }
    }

    /// Bitnami charts render a security context only with `enabled: true` beside its fields.
    private static func flagged<Context: Encodable & Sendable>(_ context: Context, _ preset: HelmChartPreset)
        -> any Encodable & Sendable
    {
        preset.securityContextsNeedEnabled ? Enabled(context: context) : context
    }

    private struct Enabled<Context: Encodable & Sendable>: Encodable, Sendable {
        let context: Context

        enum Key: String, CodingKey { case enabled }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(true, forKey: .enabled)
            try context.encode(to: encoder)
        }
    }
}
