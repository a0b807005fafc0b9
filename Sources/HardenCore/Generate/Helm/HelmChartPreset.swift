/// Where one chart expects the settings harden writes: its values keys and nesting, read from the chart's own
/// values.yaml at a commit (see `HelmChartPreset.all` and the sources each preset cites).
///
/// Charts disagree on the names: the grafana chart's `securityContext` is the pod's and `containerSecurityContext`
/// the container's; Bitnami charts nest both under each role (`primary`, `readReplicas`) and render them only with
/// `enabled: true`. Writing one chart's layout for another lands settings where nothing reads them.
public struct HelmChartPreset: Sendable, Equatable {
    /// The chart as people name it: `bitnami/postgresql`, `grafana/grafana`; `helm-create` for the scaffold.
    public var name: String
    /// The chart's values.yaml (and its values.schema.json, when it ships one) at the commit the keys were read at.
    public var source: Source
    /// Each workload of the chart and each container it runs beside a workload's main one (a sidecar from another
    /// image), in the chart's order; one values file covers them all. An image fills the roles whose default image
    /// it is (`roles(for:)`).
    public var roles: [Role]
    /// The keys that set automountServiceAccountToken, dotted paths; none when the chart's workload calls the
    /// Kubernetes API (its token is kept).
    public var automountKeys: [String]
    /// Why the token setting is left to the chart, when there is no key.
    public var automountNote: String?
    /// Bitnami charts render a security context only when its `enabled` is true.
    public var securityContextsNeedEnabled = false

    public struct Source: Sendable, Equatable {
        public var repository: String
        public var path: String
        public var commit: String
        /// Whether the chart ships a values.schema.json beside its values.yaml.
        public var hasValuesSchema: Bool

        /// `owner/repo/path@commit`, for comments and docs.
        public var citation: String { "github.com/\(repository)/blob/\(commit)/\(path)" }
    }

    /// How a chart reads environment variables for its container.
    public enum EnvironmentShape: Sendable, Equatable {
        /// A list of Kubernetes EnvVar objects.
        case list
        /// A map of name to value.
        case map
    }

    /// One workload of the chart, or one container the chart runs in other roles' pods, and the keys that hold its
    /// settings, each a dotted path from the root (`primary.containerSecurityContext`).
    public struct Role: Sendable, Equatable {
        /// The role as the chart's values name it (`primary`, `sentinel`), for comments and errors.
        public var name: String
        /// nil for a container that runs in the pods of the roles `runsIn` names: the pod's settings are theirs.
        public var podSecurityContext: String?
        public var containerSecurityContext: String
        /// The volumes of this role's container and where they are mounted; nil when the chart has no volumes key of
        /// this container's own (its volumes would have to go in the pod's, which another role's key holds).
        public var volumes: String?
        public var volumeMounts: String?
        /// Extra init containers; nil when the chart has none, so that content cannot be seeded into a volume.
        public var initContainers: String?
        /// Extra environment variables and their shape; nil when the chart has no such key.
        public var environment: Environment?
        /// A separate map of pod sysctls (ingress-nginx renders it beside the pod security context, which must not
        /// carry them too); nil when sysctls go inside the pod security context.
        public var sysctls: String?
        /// The key that chooses the image, for the note that says to set it.
        public var imageKey: String
        /// The repository the chart runs by default; nil for `helm create`, whose image is always the user's.
        public var defaultImage: String?
        /// Paths the chart already mounts a volume on in the default configuration, and which volume: a second
        /// mount on the same path makes the pod invalid, so harden leaves those paths to the chart.
        public var chartMounts: [ChartMount]
        /// The roles whose pods run this container beside their own (`replica` for the sentinel); empty for a role
        /// that is a pod of its own, which is exactly when `podSecurityContext` is set.
        public var runsIn: [String] = []
        /// The key that makes the chart run this container when its default is not to (`sentinel.enabled`). harden
        /// does not set it, since it changes what the chart deploys: the header and a note say to.
        public var enabledBy: String? = nil
    }

    /// The key of a role's extra environment variables and how the chart reads it.
    public struct Environment: Sendable, Equatable {
        public var key: String
        public var shape: EnvironmentShape
    }

    /// A path the chart mounts a volume on itself, and what that volume is.
    public struct ChartMount: Sendable, Equatable {
        public var path: String
        public var volume: String
    }

    /// The preset for `name`: the full name (`bitnami/postgresql`) or the chart alone (`postgresql`); nil when
    /// unknown. No name means the `helm create` layout.
    public static func named(_ name: String?) -> HelmChartPreset? {
        guard let name else { return helmCreate }
        let wanted = name.lowercased()
        return all.first { $0.name == wanted || $0.name.split(separator: "/").last.map(String.init) == wanted }
    }

    /// The preset for `name`, or the error that lists the known ones.
    static func required(_ name: String?) throws(GenerateError) -> HelmChartPreset {
        guard let preset = named(name) else {
            throw .invalidOption(
                .chart,
                "no preset for the chart \"\(Quoted.brief(name ?? ""))\"; the presets are \(names.joined(separator: ", "))"
            )
        }
        return preset
    }

    /// Every preset's name, for the error that lists them.
    public static var names: [String] { all.map(\.name) }
}
