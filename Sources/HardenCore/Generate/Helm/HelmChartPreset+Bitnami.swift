/// Bitnami's charts, read in bitnami/charts at one commit. Each role (`primary` and its replicas) nests the same
/// keys: `podSecurityContext` and `containerSecurityContext` (each rendered only with `enabled: true`),
/// `extraVolumes`, `extraVolumeMounts`, `initContainers` and `extraEnvVars`. The chart mounts of each role are its
/// main container's default volumeMounts in templates/<role>/statefulset.yaml (redis: application.yaml).
///
/// redis also runs bitnami/redis-sentinel as the `sentinel` container of the replica pods
/// (templates/sentinel/statefulset.yaml, only with `sentinel.enabled`, when the chart runs no master StatefulSet):
/// `sentinel.containerSecurityContext`, `sentinel.extraVolumes` (rendered into the pod's volumes),
/// `sentinel.extraVolumeMounts` and `sentinel.extraEnvVars`. Its pod settings are the replica's.
extension HelmChartPreset {
    static let bitnamiCommit = "5165628ae06697f8f68a670bef7739d93c4b7f44"

    static let bitnami: [HelmChartPreset] = [
        bitnamiChart(
            "postgresql", roles: ["primary", "readReplicas"],
            mounts: [
                ChartMount(path: "/tmp", volume: "empty-dir"),
                ChartMount(path: "/opt/bitnami/postgresql/conf", volume: "empty-dir"),
                ChartMount(path: "/opt/bitnami/postgresql/tmp", volume: "empty-dir"),
                ChartMount(path: "/dev/shm", volume: "dshm (shmVolume.enabled)"),
                ChartMount(path: "/bitnami/postgresql", volume: "data (persistence.mountPath)"),
            ]),
        bitnamiChart(
            "redis", roles: ["master", "replica"],
            mounts: [
                ChartMount(path: "/opt/bitnami/scripts/start-scripts", volume: "start-scripts"),
                ChartMount(path: "/health", volume: "health"),
                ChartMount(path: "/data", volume: "redis-data (persistence.path)"),
                ChartMount(path: "/opt/bitnami/redis/mounted-etc", volume: "config"),
                ChartMount(path: "/opt/bitnami/redis/etc", volume: "empty-dir"),
                ChartMount(path: "/tmp", volume: "empty-dir"),
            ],
            sidecars: [
                Role(
                    name: "sentinel", podSecurityContext: nil,
                    containerSecurityContext: "sentinel.containerSecurityContext", volumes: "sentinel.extraVolumes",
                    volumeMounts: "sentinel.extraVolumeMounts", initContainers: nil,
                    environment: Environment(key: "sentinel.extraEnvVars", shape: .list), sysctls: nil,
                    imageKey: "sentinel.image.repository", defaultImage: "docker.io/bitnami/redis-sentinel",
                    chartMounts: [
                        ChartMount(path: "/tmp", volume: "empty-dir"),
                        ChartMount(path: "/opt/bitnami/scripts/start-scripts", volume: "start-scripts"),
                        ChartMount(path: "/health", volume: "health"),
                        ChartMount(path: "/opt/bitnami/redis-sentinel/etc", volume: "sentinel-data"),
                        ChartMount(path: "/data", volume: "redis-data (replica.persistence.path)"),
                        ChartMount(path: "/opt/bitnami/redis-sentinel/mounted-etc", volume: "config"),
                    ], runsIn: ["replica"], enabledBy: "sentinel.enabled")
            ]),
        bitnamiChart(
            "mysql", roles: ["primary", "secondary"],
            mounts: [
                ChartMount(path: "/bitnami/mysql", volume: "data"),
                ChartMount(path: "/tmp", volume: "empty-dir"),
                ChartMount(path: "/opt/bitnami/mysql/conf", volume: "empty-dir"),
                ChartMount(path: "/opt/bitnami/mysql/tmp", volume: "empty-dir"),
                ChartMount(path: "/opt/bitnami/mysql/logs", volume: "empty-dir"),
            ]),
        bitnamiChart(
            "mariadb", roles: ["primary", "secondary"],
            mounts: [
                ChartMount(path: "/bitnami/mariadb", volume: "data"),
                ChartMount(path: "/tmp", volume: "empty-dir"),
                ChartMount(path: "/opt/bitnami/mariadb/conf", volume: "empty-dir"),
                ChartMount(path: "/opt/bitnami/mariadb/tmp", volume: "empty-dir"),
                ChartMount(path: "/opt/bitnami/mariadb/logs", volume: "empty-dir"),
            ]),
    ]

    /// One Bitnami chart: every role runs the chart's one image (`image.repository` at the top), beside the
    /// containers of other images in `sidecars`.
    private static func bitnamiChart(
        _ chart: String, roles: [String], mounts: [ChartMount], sidecars: [Role] = []
    ) -> HelmChartPreset {
        HelmChartPreset(
            name: "bitnami/\(chart)",
            source: Source(
                repository: "bitnami/charts", path: "bitnami/\(chart)/values.yaml", commit: bitnamiCommit,
                hasValuesSchema: true),
            roles: roles.map { role in
                Role(
                    name: role, podSecurityContext: "\(role).podSecurityContext",
                    containerSecurityContext: "\(role).containerSecurityContext", volumes: "\(role).extraVolumes",
                    volumeMounts: "\(role).extraVolumeMounts", initContainers: "\(role).initContainers",
                    environment: Environment(key: "\(role).extraEnvVars", shape: .list), sysctls: nil,
                    imageKey: "image.repository", defaultImage: "docker.io/bitnami/\(chart)", chartMounts: mounts)
            } + sidecars,
            automountKeys: roles.map { "\($0).automountServiceAccountToken" }, securityContextsNeedEnabled: true)
    }
}
