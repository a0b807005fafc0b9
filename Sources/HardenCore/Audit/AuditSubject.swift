/// One workload under audit: its pod spec, and each container with its effective security and, where the
/// knowledge base knows the image, the facts about it.
public struct AuditSubject: Sendable {
    public enum Role: String, Sendable {
        case containers
        case initContainers
        case ephemeralContainers
    }

    public struct ContainerUnderAudit: Sendable {
        public var role: Role
        public var index: Int
        public var container: AuditPodSpec.Container
        public var effective: EffectiveSecurity
        /// The knowledge-base answer for the container's image (nil match: not known; nil: no or invalid image).
        public var resolution: Resolution?
        public var line: Int?
        /// `spec.template.spec.containers[0]`.
        public var fieldPath: String

        /// The facts for the image, when the knowledge base knows it (or they were inferred).
        public var facts: ImageFacts? { resolution?.facts }
    }

    public var object: Finding.Object
    /// `spec.template.spec`.
    public var podPath: String
    public var pod: AuditPodSpec
    public var containers: [ContainerUnderAudit]

    /// The application containers, which the image-aware rules judge.
    public var appContainers: [ContainerUnderAudit] { containers.filter { $0.role == .containers } }

    func finding(
        _ rule: any AuditRule, container: ContainerUnderAudit?, field: String, message: String, fix: String? = nil,
        severity: Finding.Severity? = nil
    ) -> Finding {
        let base = container?.fieldPath ?? podPath
        return Finding(
            ruleID: type(of: rule).id, severity: severity ?? type(of: rule).severity, object: object,
            container: container?.container.name, fieldPath: field.isEmpty ? base : "\(base).\(field)",
            line: container?.line ?? object.line, message: message, fix: fix ?? type(of: rule).remediation)
    }
}

extension AuditSubject {
    /// Whether a writable mount already makes `path` writable (mounted there or above it): one predicate for the
    /// audit rule and the fixer.
    static func isWritable(_ path: String, by mounts: [AuditPodSpec.Container.Mount]) -> Bool {
        mounts.contains { $0.readOnly != true && ContainerPath.covers(mountPath: $0.mountPath, path) }
    }

    /// The image content a mount hides: a protected path on, above or inside it (a subPath mount shows one file and
    /// hides nothing).
    static func contentHidden(by mount: AuditPodSpec.Container.Mount, facts: ImageFacts) -> String? {
        guard mount.subPath == nil else { return nil }
        return facts.protectedPaths.first { ContainerPath.overlaps(mount.mountPath, $0) }
    }

    /// The ports below 1024 a container binds (known from its image, or declared) that the pod does not let a
    /// non-root process bind, lowest first: one lookup for the audit rule and the fixer.
    func privilegedPortsToAllow(_ container: ContainerUnderAudit) -> [Int] {
        let start =
            pod.securityContext?.sysctls?.first { $0.name == "net.ipv4.ip_unprivileged_port_start" }
            .flatMap { $0.value.flatMap { Int($0) } } ?? Port.firstUnprivilegedPort
        let known = container.facts?.ports.filter(\.isPrivileged).map(\.port) ?? []
        let declared = (container.container.ports ?? []).map(\.containerPort).filter { $0 < Port.firstUnprivilegedPort }
        return Set(known + declared).sorted().filter { $0 < start }
    }

    /// Whether `fix` may take out a mount that hides image content: only an emptyDir, which brings nothing of its
    /// own. A configMap, a secret or a claim carries content or data the workload put there on purpose.
    func isRemovableShadow(_ mount: AuditPodSpec.Container.Mount) -> Bool {
        pod.volumes?.first { $0.name == mount.name }?.sources == ["emptyDir"]
    }

    /// The container's mounts backed by storage that may outlive the pod: a claim (a mount whose volume is not in
    /// the pod spec is a StatefulSet's volumeClaimTemplate), hostPath, NFS, CSI... anything not pod-scoped. Data on
    /// them must never be moved by a fix.
    func existingDataMounts(_ container: ContainerUnderAudit) -> [AuditPodSpec.Container.Mount] {
        let volumes = Dictionary((pod.volumes ?? []).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        return (container.container.volumeMounts ?? []).filter { mount in
            guard let volume = volumes[mount.name] else { return true }
            return !volume.isPodScoped
        }
    }

    /// The existing data mount a data-relocating variable would move away from, if any.
    func dataMount(movedBy variable: EnvironmentVariable, in container: ContainerUnderAudit)
        -> AuditPodSpec.Container.Mount?
    {
        guard variable.relocatesData, let value = variable.value else { return nil }
        return existingDataMounts(container).first { ContainerPath.overlaps($0.mountPath, value) }
    }
}
