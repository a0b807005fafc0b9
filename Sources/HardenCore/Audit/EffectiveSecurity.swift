/// A container's security settings as Kubernetes applies them: the container's own value where it sets one,
/// else the pod's (for the fields the pod level has at all).
public struct EffectiveSecurity: Sendable {
    public var runAsUser: Int?
    public var runAsGroup: Int?
    public var runAsNonRoot: Bool?
    public var seccompType: String?
    public var appArmorType: String?
    public var seLinux: AuditPodSpec.SecurityContext.SELinuxOptions?
    public var readOnlyRootFilesystem: Bool?
    public var allowPrivilegeEscalation: Bool?
    public var privileged: Bool?
    public var addedCapabilities: [String]
    public var droppedCapabilities: [String]
    public var procMount: String?

    public init(pod: AuditPodSpec.SecurityContext?, container: AuditPodSpec.SecurityContext?) {
        runAsUser = container?.runAsUser ?? pod?.runAsUser
        runAsGroup = container?.runAsGroup ?? pod?.runAsGroup
        runAsNonRoot = container?.runAsNonRoot ?? pod?.runAsNonRoot
        seccompType = container?.seccompProfile?.type ?? pod?.seccompProfile?.type
        appArmorType = container?.appArmorProfile?.type ?? pod?.appArmorProfile?.type
        seLinux = container?.seLinuxOptions ?? pod?.seLinuxOptions
        readOnlyRootFilesystem = container?.readOnlyRootFilesystem
        allowPrivilegeEscalation = container?.allowPrivilegeEscalation
        privileged = container?.privileged
        addedCapabilities = container?.capabilities?.add ?? []
        droppedCapabilities = container?.capabilities?.drop ?? []
        procMount = container?.procMount
    }

    /// Whether the process is known to run as a non-root user.
    public var runsAsNonRoot: Bool {
        if let runAsUser { return runAsUser != 0 }
        return runAsNonRoot == true
    }
}
