/// The charts harden knows the layout of. Every key below was read in the cited values.yaml (and, for the chart
/// mounts, in the chart's pod template) at the cited commit; `Tests/HardenCoreTests/Fixtures/helm-chart-keys.yaml`
/// records the same key structure, and the tests check the emitted values against it.
extension HelmChartPreset {
    public static let all: [HelmChartPreset] =
        [helmCreate, grafana, ingressNginx, prometheus, jenkins] + bitnami

    /// The layout `helm create` scaffolds, which most in-house charts keep: the default.
    public static let helmCreate = HelmChartPreset(
        name: "helm-create",
        source: Source(
            repository: "helm/helm", path: "pkg/chart/v2/util/create.go",
            commit: "e9b85e4de16ad45805843fb121748018cf89094b", hasValuesSchema: false),
        roles: [
            Role(
                name: "deployment", podSecurityContext: "podSecurityContext",
                containerSecurityContext: "securityContext",
                volumes: "volumes", volumeMounts: "volumeMounts", initContainers: nil, environment: nil, sysctls: nil,
                imageKey: "image.repository", defaultImage: nil, chartMounts: [])
        ],
        // The scaffold's ServiceAccount template reads serviceAccount.automount into automountServiceAccountToken.
        automountKeys: ["serviceAccount.automount"])

    /// grafana, now maintained in grafana-community/helm-charts (grafana/helm-charts points there since 2026-01-30).
    /// `securityContext` is the POD's security context; `containerSecurityContext` the container's.
    public static let grafana = HelmChartPreset(
        name: "grafana/grafana",
        source: Source(
            repository: "grafana-community/helm-charts", path: "charts/grafana/values.yaml",
            commit: "3386a1156177c6bcd7fdb1ad4c6b1dda094296e0", hasValuesSchema: false),
        roles: [
            Role(
                name: "grafana", podSecurityContext: "securityContext",
                containerSecurityContext: "containerSecurityContext",
                volumes: "extraVolumes", volumeMounts: "extraVolumeMounts", initContainers: "extraInitContainers",
                environment: Environment(key: "env", shape: .map), sysctls: nil, imageKey: "image.repository",
                defaultImage: "docker.io/grafana/grafana",
                chartMounts: [
                    // templates/_pod.tpl mounts both whatever persistence.enabled says.
                    ChartMount(path: "/var/lib/grafana", volume: "storage (an emptyDir until persistence.enabled)"),
                    ChartMount(path: "/etc/grafana/grafana.ini", volume: "config, the chart's grafana.ini"),
                ])
        ],
        automountKeys: ["automountServiceAccountToken"])

    /// ingress-nginx: the controller's security context is `controller.containerSecurityContext` (which replaces
    /// the `controller.image.runAsUser`... defaults entirely); its pod sysctls are the separate map
    /// `controller.sysctls`.
    public static let ingressNginx = HelmChartPreset(
        name: "ingress-nginx/ingress-nginx",
        source: Source(
            repository: "kubernetes/ingress-nginx", path: "charts/ingress-nginx/values.yaml",
            commit: "dbb11b92ddb77bee9c35e462479129354c84f939", hasValuesSchema: false),
        roles: [
            Role(
                name: "controller", podSecurityContext: "controller.podSecurityContext",
                containerSecurityContext: "controller.containerSecurityContext", volumes: "controller.extraVolumes",
                volumeMounts: "controller.extraVolumeMounts", initContainers: "controller.extraInitContainers",
                environment: Environment(key: "controller.extraEnvs", shape: .list), sysctls: "controller.sysctls",
                imageKey: "controller.image.image", defaultImage: "registry.k8s.io/ingress-nginx/controller",
                chartMounts: [
                    ChartMount(
                        path: "/usr/local/certificates/",
                        volume: "webhook-cert, the admission webhook's certificate (admissionWebhooks.enabled)")
                ])
        ],
        automountKeys: [],
        automountNote:
            "the controller watches Ingresses through the Kubernetes API: serviceAccount.automountServiceAccountToken stays the chart's true"
    )

    /// prometheus-community/prometheus: the server's pod security context is `server.securityContext`. The
    /// config reloader runs in the server's pod (templates/deploy.yaml, while `configmapReload.prometheus.enabled`,
    /// true by default); its environment is `configmapReload.env`. It has `extraVolumeMounts` but no volumes key of
    /// its own (`server.extraVolumes` holds the pod's), so its volumes are not written: a note says so.
    public static let prometheus = HelmChartPreset(
        name: "prometheus-community/prometheus",
        source: Source(
            repository: "prometheus-community/helm-charts", path: "charts/prometheus/values.yaml",
            commit: "cf408a290aec489277a94450bb3511432477a53a", hasValuesSchema: true),
        roles: [
            Role(
                name: "server", podSecurityContext: "server.securityContext",
                containerSecurityContext: "server.containerSecurityContext", volumes: "server.extraVolumes",
                volumeMounts: "server.extraVolumeMounts", initContainers: "server.extraInitContainers",
                environment: Environment(key: "server.env", shape: .list), sysctls: nil,
                imageKey: "server.image.repository",
                defaultImage: "quay.io/prometheus/prometheus",
                chartMounts: [
                    ChartMount(path: "/etc/config", volume: "config-volume, the chart's prometheus.yml"),
                    ChartMount(path: "/data", volume: "storage-volume (server.persistentVolume.mountPath)"),
                ]),
            Role(
                name: "configmapReload.prometheus", podSecurityContext: nil,
                containerSecurityContext: "configmapReload.prometheus.containerSecurityContext", volumes: nil,
                volumeMounts: nil, initContainers: nil,
                environment: Environment(key: "configmapReload.env", shape: .list), sysctls: nil,
                imageKey: "configmapReload.prometheus.image.repository",
                defaultImage: "quay.io/prometheus-operator/prometheus-config-reloader",
                chartMounts: [ChartMount(path: "/etc/config", volume: "config-volume, the chart's prometheus.yml")],
                runsIn: ["server"]),
        ],
        automountKeys: [],
        automountNote:
            "the server discovers its targets through the Kubernetes API: its service account token stays as the chart has it"
    )

    /// jenkins: the controller's pod security context is `controller.podSecurityContextOverride` (the chart builds
    /// one from `controller.runAsUser` and `controller.fsGroup` otherwise).
    public static let jenkins = HelmChartPreset(
        name: "jenkins/jenkins",
        source: Source(
            repository: "jenkinsci/helm-charts", path: "charts/jenkins/values.yaml",
            commit: "22055414e808938d0fc0585c4920d57661acce90", hasValuesSchema: false),
        roles: [
            Role(
                name: "controller", podSecurityContext: "controller.podSecurityContextOverride",
                containerSecurityContext: "controller.containerSecurityContext", volumes: "persistence.volumes",
                volumeMounts: "persistence.mounts", initContainers: "controller.customInitContainers",
                environment: Environment(key: "controller.containerEnv", shape: .list), sysctls: nil,
                imageKey: "controller.image.repository", defaultImage: "docker.io/jenkins/jenkins",
                chartMounts: [
                    ChartMount(path: "/var/jenkins_home", volume: "jenkins-home (persistence.enabled)"),
                    ChartMount(path: "/var/jenkins_config", volume: "jenkins-config"),
                    ChartMount(path: "/usr/share/jenkins/ref/plugins", volume: "plugin-dir (controller.jenkinsRef)"),
                    ChartMount(path: "/var/jenkins_cache", volume: "jenkins-cache"),
                    ChartMount(path: "/tmp", volume: "tmp-volume"),
                ])
        ],
        automountKeys: [],
        automountNote:
            "the controller starts its agents as pods through the Kubernetes API: serviceAccount.automountServiceAccountToken stays the chart's true"
    )
}
