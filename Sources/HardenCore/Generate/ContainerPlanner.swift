/// Plans one container of a pod from its resolution (or the facts borrowed for an unknown image) and the user's
/// options, one decision per step, each explained by the notes it leaves in `notes`.
struct ContainerPlanner {
    let input: String
    let resolution: Resolution
    let borrowed: SpecPlanner.Borrowed?
    /// The container's name, also the prefix of every note.
    let name: String
    let options: GenerateOptions
    private(set) var notes: [GenerationNote] = []

    init(
        input: String, resolution: Resolution, borrowed: SpecPlanner.Borrowed?, name: String, options: GenerateOptions
    ) {
        self.input = input
        self.resolution = resolution
        self.borrowed = borrowed
        self.name = name
        self.options = options
    }

    private var facts: ImageFacts? { resolution.facts ?? borrowed?.facts }

    /// The container's plan. The first container takes the user's ports; with several containers, volume names carry
    /// the container's name; `volumeNames` holds the names the pod's other containers already use.
    mutating func plan(isFirst: Bool, prefixVolumes: Bool, volumeNames: inout Set<String>) throws -> ContainerPlan {
        noteWhereTheProfileComesFrom()
        let (uid, gid) = identity()
        let writable = try writablePaths()
        let volumes = plannedVolumes(writable, prefixed: prefixVolumes, names: &volumeNames)
        noteProtectedPaths()
        let ports = plannedPorts(isFirst: isFirst)
        let added = addedCapabilities()
        let environment = plannedEnvironment()
        for pitfall in facts?.pitfalls ?? [] { note(.info, "pitfall: \(pitfall)") }
        return ContainerPlan(
            name: name, image: taggedImage(), match: resolution.match, uid: uid, gid: gid,
            fsGroup: options.runAs == nil ? (facts?.user.fsGroup ?? gid) : gid, volumes: volumes, ports: ports,
            addedCapabilities: added, environment: environment, requiredEnvironment: facts?.requiredEnvironment ?? [])
    }

    /// A note about this container: its name first.
    private mutating func note(_ level: GenerationNote.Level, _ text: GenerationNote.Text) {
        var text = text
        text.parts.insert(.text("\(name): "), at: 0)
        notes.append(GenerationNote(level, text))
    }

    /// Which entry and variant matched and why, the profile borrowed instead, or the generic profile's warning.
    private mutating func noteWhereTheProfileComesFrom() {
        if let match = resolution.match {
            note(.info, "\(input) is \(match.image), variant \(match.variant). \(match.reason)")
            for assumption in match.assumptions { note(.warning, "assumed \(assumption)") }
        } else if let borrowed {
            note(.warning, "\(borrowed.note)")
        } else {
            let hint =
                resolution.suggestions.isEmpty
                ? "" : " (did you mean \(resolution.suggestions.joined(separator: ", "))?)"
            note(
                .warning,
                "\(resolution.reference.repository) is not in the knowledge base\(hint): this is a GENERIC profile (uid \(GenericProfile.uid), writable /tmp only, \(GenerateOptions.Field.generic)); add \(GenerateOptions.Field.writable) for every other path it writes"
            )
        }
    }

    /// The image's uid and gid, or the user's `runAs` (its gid defaulting to its uid, never group 0).
    private mutating func identity() -> (uid: Int, gid: Int) {
        guard let runAs = options.runAs else {
            return (facts?.user.uid ?? GenericProfile.uid, facts?.user.gid ?? GenericProfile.gid)
        }
        if let user = facts?.user, runAs.uid != user.uid, !user.arbitraryUid {
            note(
                .warning,
                "\(GenerateOptions.Field.runAs) \(runAs.uid) replaces the image's uid \(user.uid); the files it writes belong to \(user.uid):\(user.gid)"
            )
        }
        if runAs.gid == nil {
            note(
                .info,
                "runAsGroup \(runAs.uid) defaults to the uid given with \(GenerateOptions.Field.runAs) (never group 0)")
        }
        return (runAs.uid, runAs.gid ?? runAs.uid)
    }

    /// The image's writable paths (the generic ones without facts) and the user's, each once; a user's path
    /// that would hide image content is refused.
    private mutating func writablePaths() throws -> [WritablePath] {
        var writable = facts?.writablePaths ?? GenericProfile.writablePaths
        var writableSet = Set(writable.map(\.path))
        let protected = facts?.protectedPaths ?? []
        for path in options.writablePaths where !writableSet.contains(path) {
            if let clash = protected.first(where: { ContainerPath.overlaps($0, path) }) {
                throw GenerateError.invalidOption(
                    .writable,
                    "\"\(path)\" overlaps \(clash), which holds image content of \(input) and must not be hidden; name a path outside it"
                )
            }
            if let covering = ContainerPath.covering(path, in: writableSet) {
                note(
                    .info,
                    "\(GenerateOptions.Field.writable) \(path) is already inside writable \(covering); no extra volume")
                continue
            }
            writable.append(WritablePath(path: path, why: "named by the user as writable", sources: []))
            writableSet.insert(path)
        }
        return writable
    }

    /// One volume per writable path: a claim for persistent data in a StatefulSet, an emptyDir otherwise.
    private mutating func plannedVolumes(_ writable: [WritablePath], prefixed: Bool, names: inout Set<String>)
        -> [PlannedVolume]
    {
        let isStatefulSet = options.kind == .statefulset && options.format == .kubernetes
        return writable.map { path in
            let base = KubernetesName.label(from: prefixed ? "\(name)-\(path.path)" : path.path, fallback: "data")
            let volumeName = KubernetesName.unique(base, in: &names)
            let claim = isStatefulSet && path.data == .persistent
            let backing =
                claim ? "a volumeClaimTemplate" : (path.medium == .memory ? "a memory-backed emptyDir" : "an emptyDir")
            note(.info, "\(path.path) is \(backing) \"\(volumeName)\": \(path.why)")
            if path.data == .persistent && !claim && options.format != .dockerRun && options.format != .compose {
                note(
                    .warning,
                    "\(path.path) holds persistent data but is an emptyDir here: it is LOST when the pod is deleted or rescheduled; use \(GenerateOptions.Field.kind) statefulset or replace it with a PersistentVolumeClaim"
                )
            }
            if path.seedFromImage || path.type == .file {
                note(
                    .info,
                    "\(path.path) keeps the image's own content: an init container copies it into the volume first (needs /bin/sh and cp in the image)"
                )
            }
            return PlannedVolume(
                name: volumeName, path: path.path, why: path.why, type: path.type, data: path.data,
                seedFromImage: path.seedFromImage, medium: path.medium, sizeLimit: path.sizeLimit, claim: claim)
        }
    }

    private mutating func noteProtectedPaths() {
        let protected = facts?.protectedPaths ?? []
        guard !protected.isEmpty else { return }
        note(
            .info,
            "never mount a volume on, above or inside \(protected.joined(separator: ", ")): that hides image content")
    }

    /// The image's ports, or the user's for the first container; a privileged one is said with its workaround.
    private mutating func plannedPorts(isFirst: Bool) -> [PlannedPort] {
        var ports =
            facts?.ports.map { PlannedPort(port: $0.port, protocol: $0.protocol.rawValue, name: $0.name) } ?? []
        if isFirst && !options.ports.isEmpty {
            ports = options.ports.map { PlannedPort(port: $0, protocol: "TCP", name: nil) }
        }
        for port in facts?.ports ?? [] where port.isPrivileged && ports.contains(where: { $0.port == port.port }) {
            let change = port.howToChange.map { " To avoid it: \($0)" } ?? ""
            note(
                .warning,
                "listens on \(port.port), below 1024, which a non-root process cannot bind by default.\(change)")
        }
        return ports
    }

    /// NET_BIND_SERVICE only: the restricted Pod Security Standard allows no other added capability.
    private mutating func addedCapabilities() -> [String] {
        var added: [String] = []
        for capability in facts?.capabilities ?? [] {
            if capability.name == "NET_BIND_SERVICE" {
                added.append(capability.name)
            } else {
                note(
                    .warning,
                    "the knowledge base says it wants \(capability.name), which the restricted Pod Security Standard forbids; not added (see `harden show` for the workaround)"
                )
            }
        }
        return added
    }

    /// The variables the image needs set to run hardened.
    private mutating func plannedEnvironment() -> [EnvVar] {
        let required = (facts?.environment ?? []).filter(\.required)
        for variable in required { note(.info, "sets \(variable.name)=\(variable.value ?? ""): \(variable.why)") }
        return required.map { EnvVar(name: $0.name, value: $0.value) }
    }

    /// The tag is always written: an untagged reference pulls :latest, said as such.
    private mutating func taggedImage() -> String {
        guard resolution.reference.tagIsImplicit && resolution.reference.digest == nil else { return input }
        let image = input + ":latest"
        note(
            .warning,
            "\(input) has no tag: written as \(image); pin a version tag (or a digest) for repeatable rollouts")
        return image
    }
}
