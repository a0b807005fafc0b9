/// What each finding means and how to fix it, in the knowledge base's terms when the image is known; and the patch
/// and overlay that carry the fixes.
enum Advice {
    static func finding(
        _ recognition: FailureRecognizer.Recognition, line: Int, evidence: String, facts: ImageFacts?
    ) -> DiagnosisFinding {
        let path = recognition.path
        var known: Bool? = nil
        let explanation: String
        let fix: String
        switch recognition.kind {
        case .writablePath:
            let listed = path.flatMap { path in
                facts?.writablePaths.first { ContainerPath.covers(mountPath: $0.path, path) }
            }
            known = facts.map { _ in listed != nil }
            explanation =
                listed.map { "the knowledge base lists \($0.path) (\($0.why)): your manifest lacks its volume" }
                ?? "the process writes \(path ?? "a path") on the read-only root filesystem"
                + (facts == nil ? "" : "; the knowledge base does not list it yet (overlay below)")
            fix = "mount an emptyDir at \(path ?? "the directory it writes") (readOnlyRootFilesystem stays true)"
        case .fsgroupOwnership:
            known = facts.map { facts in
                path.map { path in facts.writablePaths.contains { ContainerPath.covers(mountPath: $0.path, path) } }
                    ?? false
            }
            let group = facts.map { "\($0.user.fsGroup ?? $0.user.gid)" } ?? "the image's group"
            explanation =
                "\(path ?? "a mounted volume") is writable but owned by another user, so the process cannot write or chmod it"
            fix =
                "set the pod's securityContext.fsGroup: \(group) (with fsGroupChangePolicy: OnRootMismatch) and run as the image's uid\(facts.map { " \($0.user.uid)" } ?? "")"
        case .uid:
            known = facts.map { _ in true }
            explanation =
                "the entrypoint tries to switch users or the image would run as root: it expects to start as root, or as another uid than the pod's"
            fix =
                facts.map {
                    "set runAsUser: \($0.user.uid) and runAsGroup: \($0.user.gid) (the image's own user), so the entrypoint skips the switch"
                }
                ?? "set runAsUser and runAsGroup to the image's own non-root user, so the entrypoint skips the switch"
        case .namedUser:
            known = facts.map { _ in true }
            explanation = "the image's USER is a name, which the kubelet cannot check against runAsNonRoot"
            fix =
                "set a numeric runAsUser\(facts.map { ": \($0.user.uid)" } ?? " (the uid that name has in the image)")"
        case .privilegedPort:
            let port = recognition.port ?? 0
            let entry = facts?.ports.first { $0.port == port }
            known = facts.map { _ in entry != nil }
            explanation = "a non-root process cannot bind port \(port), below 1024"
            fix =
                "set the pod sysctl net.ipv4.ip_unprivileged_port_start=\(port) (allowed by the restricted profile), or move the listener to a port >= 1024"
                + (entry?.howToChange.map { ": \($0)" } ?? "")
        case .capability:
            let capability = recognition.capability ?? "a capability"
            known = facts.map { $0.needs(capability: capability) }
            explanation =
                capability == "CHOWN"
                ? "the process changes file ownership, which needs CHOWN, dropped with capabilities.drop [ALL]"
                : "the binary carries the file capability \(capability), which cannot be gained with capabilities.drop [ALL] and no_new_privs"
            fix =
                capability == "CHOWN"
                ? "run as the image's own uid with fsGroup, so that nothing needs chown"
                : "add \(capability) to capabilities.add (NET_BIND_SERVICE is allowed by the restricted profile)"
        case .other:
            explanation =
                "\(path ?? "the path") is a ConfigMap or Secret mount, read-only by design: the process must not write there"
            fix =
                "mount the configuration elsewhere and let the process copy it into an emptyDir, or point it at a writable path"
        }
        return DiagnosisFinding(
            kind: recognition.kind, path: path, port: recognition.port, capability: recognition.capability,
            line: line, evidence: Quoted.brief(evidence, limit: 300), explanation: explanation, fix: fix,
            inKnowledgeBase: known)
    }

    /// A strategic-merge patch for a workload's pod template: one emptyDir per writable path, fsGroup, the port
    /// sysctl, the image's uid. Nil when nothing in the findings can be patched.
    static func patch(_ findings: [DiagnosisFinding], facts: ImageFacts?, container: String) -> DiagnosisPatch? {
        var pod = DiagnosisPatch.Pod(containers: [DiagnosisPatch.Container(name: container)])
        var names: Set<String> = []
        for finding in findings {
            switch finding.kind {
            case .writablePath:
                guard let path = finding.path else { continue }
                let name = KubernetesName.unique(KubernetesName.label(from: path, fallback: "data"), in: &names)
                pod.volumes = (pod.volumes ?? []) + [Volume(name: name, emptyDir: EmptyDirVolumeSource())]
                pod.containers[0].volumeMounts =
                    (pod.containers[0].volumeMounts ?? []) + [VolumeMount(name: name, mountPath: path)]
            case .fsgroupOwnership:
                guard let user = facts?.user else { continue }
                pod.securityContext = pod.securityContext ?? .init()
                pod.securityContext?.fsGroup = user.fsGroup ?? user.gid
                pod.securityContext?.fsGroupChangePolicy = "OnRootMismatch"
            case .privilegedPort:
                guard let port = finding.port else { continue }
                pod.securityContext = pod.securityContext ?? .init()
                let lowest = min(port, Int(pod.securityContext?.sysctls?.first?.value ?? "") ?? port)
                pod.securityContext?.sysctls = [
                    Sysctl(name: "net.ipv4.ip_unprivileged_port_start", value: String(lowest))
                ]
            case .uid, .namedUser:
                guard let user = facts?.user else { continue }
                pod.containers[0].securityContext = .init(runAsUser: user.uid, runAsGroup: user.gid)
            case .capability, .other:
                continue
            }
        }
        let container = pod.containers[0]
        guard pod.volumes != nil || pod.securityContext != nil || container.securityContext != nil else { return nil }
        return DiagnosisPatch(spec: .init(template: .init(spec: pod)))
    }

    /// Seed YAML (the `writablePaths` of a variant) for the paths the knowledge base does not list, to review and
    /// add to the entry or a team overlay. Nil when there is nothing new.
    static func overlay(_ findings: [DiagnosisFinding], resolution: Resolution?) -> String? {
        let missing = findings.filter { $0.kind == .writablePath && $0.inKnowledgeBase != true && $0.path != nil }
        guard !missing.isEmpty else { return nil }
        var lines = [
            "# Facts found by `harden diagnose` for \(resolution?.match?.image ?? resolution?.reference.repository ?? "this image"): review them,",
            "# then add them to the entry's variant (or a team overlay with `override: true`).",
            "sources:",
            "  - id: diagnose",
            "    url: repo:diagnose.log",
            "    confidence: medium",
            "    note: a failure seen in the container's log (harden diagnose)",
            "writablePaths:",
        ]
        for finding in missing {
            lines += [
                "  - path: \(finding.path ?? "")",
                "    why: \(YAMLScalar.doubleQuoted("the log shows: \(Quoted.brief(finding.evidence, limit: 120))"))",
                "    type: directory",
                "    data: scratch",
                "    sources: [diagnose]",
            ]
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The strategic-merge patch `harden diagnose` proposes, for a workload's pod template.
public struct DiagnosisPatch: Codable, Sendable, Equatable {
    public struct Spec: Codable, Sendable, Equatable { public var template: Template }
    public struct Template: Codable, Sendable, Equatable { public var spec: Pod }
    public struct Pod: Codable, Sendable, Equatable {
        public var securityContext: PodContext?
        public var containers: [Container]
        public var volumes: [Volume]?
    }
    public struct PodContext: Codable, Sendable, Equatable {
        public var fsGroup: Int?
        public var fsGroupChangePolicy: String?
        public var sysctls: [Sysctl]?
    }
    public struct Container: Codable, Sendable, Equatable {
        public var name: String
        public var securityContext: Identity?
        public var volumeMounts: [VolumeMount]?
    }
    public struct Identity: Codable, Sendable, Equatable {
        public var runAsUser: Int
        public var runAsGroup: Int
    }

    public var spec: Spec
}
