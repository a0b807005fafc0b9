/// Renders a plan as typed Kubernetes objects: every pod restricted-compliant, one volume per writable path.
public enum KubernetesEmitter {
    /// The mount point of a seeded volume inside its init container.
    static let seedMountRoot = "/harden-seed"

    /// The pod spec every kind shares.
    /// `forPatch` leaves out the main containers' images, so that a patch keeps the original's.
    public static func podSpec(_ plan: SpecPlan, restartPolicy: String? = nil, forPatch: Bool = false) -> PodSpec {
        let openshift = plan.options.platform == .openshift
        let podSecurity = PodSecurityContext(
            runAsNonRoot: true, fsGroup: openshift ? nil : plan.fsGroup, seccompProfile: .runtimeDefault,
            sysctls: plan.unprivilegedPortStart.map {
                [Sysctl(name: "net.ipv4.ip_unprivileged_port_start", value: String($0))]
            })
        let containers = plan.containers.map { container in
            let env = container.environment + requiredEnvironment(container, secretName: plan.secretName)
            return Container(
                name: container.name, image: forPatch ? nil : container.image,
                ports: container.ports.isEmpty
                    ? nil
                    : container.ports.map {
                        ContainerPort(name: $0.name, containerPort: $0.port, protocol: $0.protocol)
                    },
                env: env.isEmpty ? nil : env,
                resources: forPatch ? nil : resources(plan.options.resources ?? .placeholder),
                livenessProbe: forPatch ? nil : probe(container, plan, liveness: true),
                readinessProbe: forPatch ? nil : probe(container, plan, liveness: false),
                securityContext: securityContext(for: container, openshift: openshift),
                volumeMounts: container.volumes.isEmpty ? nil : container.volumes.map(mount))
        }
        let initContainers = plan.containers.compactMap { container -> Container? in
            let seeded = container.seededVolumes
            guard !seeded.isEmpty else { return nil }
            return Container(
                name: KubernetesName.label(from: "\(container.name)-seed", fallback: "seed"), image: container.image,
                command: ["/bin/sh", "-c", seedScript(seeded)],
                securityContext: securityContext(for: container, openshift: openshift),
                volumeMounts: seeded.map { VolumeMount(name: $0.name, mountPath: "\(seedMountRoot)/\($0.name)") })
        }
        let volumes = plan.containers.flatMap(\.volumes).filter { !$0.claim }.map { volume in
            Volume(
                name: volume.name,
                emptyDir: EmptyDirVolumeSource(
                    medium: volume.medium == .memory ? "Memory" : nil, sizeLimit: volume.sizeLimit))
        }
        return PodSpec(
            automountServiceAccountToken: plan.options.automountServiceAccountToken, restartPolicy: restartPolicy,
            securityContext: podSecurity, initContainers: initContainers.isEmpty ? nil : initContainers,
            containers: containers, volumes: volumes.isEmpty ? nil : volumes)
    }

    /// The settings only the user can choose: a secret one read from the workload's Secret, another left empty for
    /// the user to fill in. Never a made-up value.
    static func requiredEnvironment(_ container: ContainerPlan, secretName: String) -> [EnvVar] {
        container.requiredEnvironment.map { variable in
            variable.secret
                ? EnvVar(name: variable.name, secret: secretName, key: variable.name)
                : EnvVar(name: variable.name, value: "")
        }
    }

    static func resources(_ resources: GenerateOptions.Resources) -> ResourceRequirements {
        ResourceRequirements(
            requests: OrderedStringMap([("cpu", resources.cpu), ("memory", resources.memory)]),
            limits: OrderedStringMap([("cpu", resources.cpuLimit), ("memory", resources.memory)]))
    }

    /// A TCP probe on the container's first TCP port, for workloads that keep running (not jobs).
    static func probe(_ container: ContainerPlan, _ plan: SpecPlan, liveness: Bool) -> Probe? {
        guard ![.job, .cronjob].contains(plan.options.kind),
            let port = container.ports.first(where: { $0.protocol.uppercased() == "TCP" })
        else { return nil }
        return Probe(port: port.port, initialDelaySeconds: liveness ? 10 : nil, periodSeconds: liveness ? 20 : 10)
    }

    /// The restricted, immutable container security context.
    public static func securityContext(for container: ContainerPlan, openshift: Bool) -> SecurityContext {
        securityContext(
            uid: container.uid, gid: container.gid, addedCapabilities: container.addedCapabilities,
            openshift: openshift)
    }

    /// The restricted container security context for `uid`:`gid` (left to the SCC on OpenShift).
    static func securityContext(uid: Int, gid: Int, addedCapabilities: [String] = [], openshift: Bool)
        -> SecurityContext
    {
        SecurityContext(
            runAsNonRoot: true, runAsUser: openshift ? nil : uid, runAsGroup: openshift ? nil : gid,
            readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, privileged: false,
            capabilities: Capabilities(drop: ["ALL"], add: addedCapabilities.isEmpty ? nil : addedCapabilities),
            seccompProfile: .runtimeDefault)
    }

    static func mount(_ volume: PlannedVolume) -> VolumeMount {
        VolumeMount(name: volume.name, mountPath: volume.path, subPath: volume.type == .file ? volume.fileName : nil)
    }

    /// Copies each seeded path's image content into its volume; a missing file becomes an empty one.
    /// `root`: where the init container mounts the volumes (a parameter so that tests run the script for real).
    static func seedScript(_ volumes: [PlannedVolume], root: String = seedMountRoot) -> String {
        volumes.map { volume in
            let source = ShellQuoting.quote(volume.path)
            let target = ShellQuoting.quote("\(root)/\(volume.name)")
            let file = ShellQuoting.quote("\(root)/\(volume.name)/\(volume.fileName)")
            // Persistent data is seeded once, into an empty volume: copying again at every start would overwrite
            // what the process saved there.
            switch (volume.type, volume.data) {
            case (.directory, .scratch): return "cp -a \(source)/. \(target)/"
            case (.directory, .persistent): return "{ [ -n \"$(ls -A \(target))\" ] || cp -a \(source)/. \(target)/; }"
            case (.file, .scratch):
                return "if [ -e \(source) ]; then cp -a \(source) \(file); else : > \(file); fi"
            case (.file, .persistent):
                return "{ [ -e \(file) ] || if [ -e \(source) ]; then cp -a \(source) \(file); else : > \(file); fi; }"
            }
        }.joined(separator: " && ")
    }

    /// The plan as the object `kind` asks for.
    public static func object(_ plan: SpecPlan, forPatch: Bool = false) -> any Encodable & Sendable {
        let labels = labels(plan)
        let metadata = ObjectMeta(name: plan.name, namespace: plan.namespace, labels: labels)
        let templateMetadata = ObjectMeta(labels: labels)
        switch plan.options.kind {
        case .container:
            return podSpec(plan, forPatch: forPatch)
        case .pod:
            return Pod(metadata: metadata, spec: podSpec(plan, forPatch: forPatch))
        case .deployment, .daemonset, .statefulset:
            let kind = plan.options.kind.objectKind ?? "Deployment"
            let claims = plan.containers.flatMap(\.volumes).filter(\.claim).map {
                PersistentVolumeClaim(name: $0.name, storage: $0.sizeLimit ?? "1Gi")
            }
            let spec = Workload.Spec(
                replicas: plan.options.kind == .daemonset ? nil : (plan.options.replicas ?? 1),
                serviceName: plan.options.kind == .statefulset ? KubernetesName.serviceName(plan.name) : nil,
                selector: LabelSelector(matchLabels: labels),
                template: PodTemplateSpec(metadata: templateMetadata, spec: podSpec(plan, forPatch: forPatch)),
                volumeClaimTemplates: claims.isEmpty ? nil : claims)
            return Workload(kind: kind, metadata: metadata, spec: spec)
        case .job:
            return Job(metadata: metadata, spec: jobSpec(plan, templateMetadata, forPatch: forPatch))
        case .cronjob:
            let spec = CronJob.Spec(
                schedule: plan.options.schedule ?? defaultSchedule, concurrencyPolicy: "Forbid",
                jobTemplate: CronJob.JobTemplate(spec: jobSpec(plan, templateMetadata, forPatch: forPatch)))
            return CronJob(metadata: metadata, spec: spec)
        }
    }

    /// The label that names the workload: its pods' selector, and what its Service and Secret carry.
    static func labels(_ plan: SpecPlan) -> OrderedStringMap {
        OrderedStringMap([("app.kubernetes.io/name", plan.name)])
    }

    /// Used when `--schedule` is not given for a CronJob (and said so in the notes).
    public static let defaultSchedule = "0 * * * *"

    private static func jobSpec(_ plan: SpecPlan, _ metadata: ObjectMeta, forPatch: Bool) -> Job.Spec {
        Job.Spec(
            backoffLimit: 3,
            template: PodTemplateSpec(
                metadata: metadata, spec: podSpec(plan, restartPolicy: "OnFailure", forPatch: forPatch)))
    }
}
