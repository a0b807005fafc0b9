/// What the user asked `harden generate` for, beyond the image references.
public struct GenerateOptions: Sendable, Equatable {
    /// The Kubernetes object to write.
    public enum Kind: String, Sendable, CaseIterable, Codable {
        /// A pod spec fragment (containers, volumes, security contexts) to paste under `spec:`.
        case container
        case pod
        case deployment
        case statefulset
        case daemonset
        case job
        case cronjob

        /// The Kubernetes `kind` it writes; nil for the pod spec fragment.
        public var objectKind: String? {
            switch self {
            case .container: nil
            case .pod: "Pod"
            case .deployment: "Deployment"
            case .statefulset: "StatefulSet"
            case .daemonset: "DaemonSet"
            case .job: "Job"
            case .cronjob: "CronJob"
            }
        }
    }

    public enum Format: String, Sendable, CaseIterable, Codable {
        case kubernetes
        case helmValues = "helm-values"
        case kustomizePatch = "kustomize-patch"
        case dockerRun = "docker-run"
        case compose
    }

    /// OpenShift's restricted-v2 SCC assigns the UID and GID itself, so harden leaves them out there.
    public enum Platform: String, Sendable, CaseIterable, Codable {
        case kubernetes
        case openshift
    }

    public var kind: Kind = .deployment
    public var format: Format = .kubernetes
    public var platform: Platform = .kubernetes
    public var name: String?
    public var namespace: String?
    public var replicas: Int?
    /// A cron schedule for `cronjob`.
    public var schedule: String?
    /// Ports the first container listens on, replacing the knowledge base's.
    public var ports: [Int] = []
    /// `--run-as UID[:GID]`, replacing the knowledge base's identity.
    public var runAs: UserID?
    /// Extra writable paths, added to every container.
    public var writablePaths: [String] = []
    public var variant: String?
    public var automountServiceAccountToken = false
    /// What to do for an image the knowledge base does not know: refuse (the default), a generic profile, or the
    /// profile of a known image.
    public var unknownImage: UnknownImage = .refuse
    /// CPU and memory requests (`--resources cpu=250m,memory=256Mi`); placeholders when nil.
    public var resources: Resources?
    /// The existing container to patch (`kustomize-patch`); defaults to the derived container name.
    public var containerName: String?
    /// One workload per image (`--split`) or one pod running them all (`--no-split`); nil leaves it to
    /// `splitsWorkloads(imageCount:)`.
    public var split: Bool?
    /// The chart whose values layout `helm-values` writes (`HelmChartPreset`); nil for the `helm create` layout.
    public var chart: String?

    public init() {}

    /// Whether the spec has one workload per image. Compose and docker run always do (each image is its own
    /// service or container there); Kubernetes does when asked, and by default for several images as a deployment
    /// or a statefulset, whose replicas and volume claims are per image in practice. One pod of several containers
    /// is kept for `--no-split` and for the kinds where it is the usual shape (a pod, a job with a sidecar).
    public func splitsWorkloads(imageCount: Int) -> Bool {
        if [.compose, .dockerRun].contains(format) { return true }
        if let split { return split }
        return imageCount > 1 && format == .kubernetes && [.deployment, .statefulset].contains(kind)
    }

    /// What to do for an image the knowledge base does not know.
    public enum UnknownImage: Sendable, Equatable {
        /// An error that names close entries: a typo must not ship a pod that crashes.
        case refuse
        /// The generic profile (uid 65532, /tmp), said loudly.
        case generic
        /// The profile of this known image.
        case like(String)
        /// Facts inferred from evidence (a Dockerfile), and where they come from.
        case inferred(ImageFacts, source: String)
    }

    /// Requests for every container, and limits: the memory request is also the memory limit; the CPU limit is the
    /// request given, or a placeholder above the placeholder request.
    public struct Resources: Sendable, Equatable {
        public var cpu: String
        public var memory: String
        public var cpuLimit: String

        /// The placeholders written when none are given (said in the notes: size them).
        public static let placeholder = Resources(cpu: "100m", memory: "128Mi", cpuLimit: "500m")

        public init(cpu: String, memory: String, cpuLimit: String? = nil) {
            self.cpu = cpu
            self.memory = memory
            self.cpuLimit = cpuLimit ?? cpu
        }

        /// `cpu=250m,memory=256Mi` (either may be left out, keeping the placeholder); nil when malformed.
        public init?(_ text: String) {
            var resources = Resources.placeholder
            for pair in text.split(separator: ",") {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, parts[1].wholeMatch(of: Self.quantity) != nil else { return nil }
                switch parts[0] {
                case "cpu":
                    resources.cpu = parts[1]
                    resources.cpuLimit = parts[1]
                case "memory": resources.memory = parts[1]
                default: return nil
                }
            }
            self = resources
        }

        /// Kubernetes' quantity grammar, as far as CPU and memory use it.
        nonisolated(unsafe) static let quantity = #/[0-9]+(\.[0-9]+)?(m|k|M|G|T|Ki|Mi|Gi|Ti)?/#
    }

    /// Every option, for errors: each shell names it in its own words.
    public enum Field: String, Sendable, CaseIterable {
        case references, kind, format, output, platform, name, namespace, replicas, schedule, ports, runAs, writable
        case variant, container, generic, like, automountServiceAccountToken, resources, split, chart

        /// The CLI flag.
        public var flag: String {
            switch self {
            case .references: "IMAGE"
            case .ports: "--port"
            case .runAs: "--run-as"
            case .automountServiceAccountToken: "--automount-service-account-token"
            default: "--\(rawValue)"
            }
        }

        /// The HTTP API's JSON field.
        public var jsonField: String { rawValue }
    }

    /// Bounds on one request, so that no input makes generation slow (documented in the README).
    public static let maxReferences = 16
    public static let maxPorts = 64
    public static let maxWritablePaths = 256

    /// `UID[:GID]`.
    public struct UserID: Sendable, Equatable {
        public var uid: Int
        public var gid: Int?

        public init(uid: Int, gid: Int?) {
            self.uid = uid
            self.gid = gid
        }

        /// The ids Kubernetes accepts: runAsUser and runAsGroup are int64 fields validated to 0...2147483647.
        public static let validRange = 1...Int(Int32.max)

        /// Parses `1000` or `1000:1000`; both must be positive (non-root) and at most 2147483647.
        public init?(_ text: String) {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count), let uid = Int(parts[0]), Self.validRange.contains(uid) else {
                return nil
            }
            if parts.count == 2 {
                guard let gid = Int(parts[1]), Self.validRange.contains(gid) else { return nil }
                self.init(uid: uid, gid: gid)
            } else {
                self.init(uid: uid, gid: nil)
            }
        }
    }
}
