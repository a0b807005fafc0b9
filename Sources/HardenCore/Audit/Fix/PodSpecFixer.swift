import Yams

/// Hardens one pod spec node in place: security contexts, one volume per writable path, no shadowing mounts,
/// the sysctl for privileged ports, required variables. Only adds what is missing, so fixing twice changes nothing.
struct PodSpecFixer {
    let subject: AuditSubject
    let label: String
    private(set) var changes: [FixChange] = []
    /// What the patch needs beyond the final security contexts: added and removed mounts, volumes, variables.
    private(set) var addedVolumes: [Node] = []
    private(set) var removedVolumes: [String] = []
    private(set) var addedMounts: [String: [Node]] = [:]
    private(set) var removedMounts: [String: [String]] = [:]
    private(set) var addedEnv: [String: [Node]] = [:]
    private(set) var addedInitContainers: [Node] = []
    /// Changes withheld because they would move existing persistent data.
    private(set) var migrations: [FixMigration] = []

    init(subject: AuditSubject) {
        self.subject = subject
        label = subject.object.label
    }

    mutating func note(_ container: String?, _ change: String) {
        changes.append(FixChange(object: label, container: container, change: change))
    }

    mutating func fix(_ pod: inout Node) throws {
        var volumeNames = Set((subject.pod.volumes ?? []).map(\.name))
        var lowestPort: Int?
        var fsGroup: Int?
        for container in subject.containers {
            var node = pod[key: container.role.rawValue]?.sequence.flatMap {
                container.index < $0.count ? $0[container.index] : nil
            }
            guard var containerNode = node else { continue }
            fixSecurityContext(&containerNode, container)
            if container.role == .containers {
                try fixVolumes(&containerNode, container, pod: &pod, volumeNames: &volumeNames)
                fixEnvironment(&containerNode, container)
                if let port = subject.privilegedPortsToAllow(container).first {
                    lowestPort = min(lowestPort ?? port, port)
                }
                if let facts = container.facts, let group = facts.user.fsGroup,
                    facts.writablePaths.contains(where: { $0.data == .persistent })
                {
                    fsGroup = fsGroup ?? group
                }
            }
            node = containerNode
            pod.editSequence(container.role.rawValue) { items in
                if container.index < items.count, let node { items[container.index] = node }
            }
        }
        try fixPodSecurityContext(
            &pod, lowestPort: lowestPort, fsGroup: fsGroup, keepsExistingData: !migrations.isEmpty && fsGroup != nil)
        removeUnusedVolumes(&pod)
    }

    /// `keepsExistingData`: a migration was withheld, so the data stays on its volume: the kubelet should only
    /// re-own that volume when its root does not match (a volume the old root entrypoint chowned is left alone).
    private mutating func fixPodSecurityContext(
        _ pod: inout Node, lowestPort: Int?, fsGroup: Int?, keepsExistingData: Bool
    ) throws {
        var notes: [String] = []
        pod.editMapping("securityContext") { context in
            if context[key: "runAsNonRoot"]?.bool != true, context.set("runAsNonRoot", .plain("true")) {
                notes.append("set pod runAsNonRoot: true")
            }
            let seccomp = context[key: "seccompProfile"]?[key: "type"]?.string
            if seccomp != "RuntimeDefault" && seccomp != "Localhost" {
                context.editMapping("seccompProfile") { $0.set("type", .plain("RuntimeDefault")) }
                notes.append("set pod seccompProfile RuntimeDefault")
            }
            if let fsGroup, context[key: "fsGroup"] == nil {
                context.set("fsGroup", .plain(String(fsGroup)))
                notes.append("set pod fsGroup \(fsGroup) for the image's persistent data")
            }
            if keepsExistingData, context[key: "fsGroupChangePolicy"] == nil {
                context.set("fsGroupChangePolicy", .plain("OnRootMismatch"))
                notes.append(
                    "set pod fsGroupChangePolicy OnRootMismatch: the existing data volume is re-owned only if its root does not match"
                )
            }
            if lowestPort != nil, subject.pod.hostNetwork == true {
                notes.append(
                    "did NOT set sysctl net.ipv4.ip_unprivileged_port_start: the kubelet refuses namespaced net.* sysctls on a hostNetwork pod; move the listener to port 1024 or above, or drop hostNetwork"
                )
            } else if let lowestPort {
                let name = "net.ipv4.ip_unprivileged_port_start"
                context.editSequence("sysctls") { sysctls in
                    if let index = sysctls.firstIndex(where: { $0[key: "name"]?.string == name }) {
                        sysctls[index][key: "value"] = .quoted(String(lowestPort))
                    } else {
                        sysctls.append(
                            Node.mapping([
                                (.plain("name"), .plain(name)), (.plain("value"), .quoted(String(lowestPort))),
                            ]))
                    }
                }
                notes.append("set sysctl \(name)=\(lowestPort) so the non-root process can bind port \(lowestPort)")
            }
        }
        for text in notes { note(nil, text) }
    }

    private mutating func fixSecurityContext(_ node: inout Node, _ container: AuditSubject.ContainerUnderAudit) {
        var notes: [String] = []
        let facts = container.facts
        node.editMapping("securityContext") { context in
            if context[key: "readOnlyRootFilesystem"]?.bool != true {
                context.set("readOnlyRootFilesystem", .plain("true"))
                notes.append("set readOnlyRootFilesystem: true")
            }
            if context[key: "allowPrivilegeEscalation"]?.bool != false {
                context.set("allowPrivilegeEscalation", .plain("false"))
                notes.append("set allowPrivilegeEscalation: false")
            }
            if context[key: "privileged"]?.bool == true {
                context.set("privileged", .plain("false"))
                notes.append("set privileged: false")
            }
            if context[key: "runAsNonRoot"]?.bool == false {
                context.set("runAsNonRoot", .plain("true"))
                notes.append("set runAsNonRoot: true")
            }
            if context[key: "seccompProfile"]?[key: "type"]?.string == "Unconfined" {
                context.editMapping("seccompProfile") { $0.set("type", .plain("RuntimeDefault")) }
                notes.append("set seccompProfile RuntimeDefault")
            }
            let uid = facts?.user.uid ?? GenericProfile.uid
            let gid =
                facts?.user.gid
                ?? (container.effective.runAsUser.flatMap { $0 == 0 ? nil : $0 } ?? GenericProfile.gid)
            if container.effective.runAsUser == nil || container.effective.runAsUser == 0 {
                context.set("runAsUser", .plain(String(uid)))
                notes.append(
                    facts == nil
                        ? "set runAsUser \(uid) (generic: the image is not in the knowledge base)"
                        : "set runAsUser \(uid), the image's own user")
            }
            if container.effective.runAsGroup == nil || container.effective.runAsGroup == 0 {
                context.set("runAsGroup", .plain(String(gid)))
                notes.append("set runAsGroup \(gid)")
            }
            let wanted = container.role == .containers && (facts?.needs(capability: "NET_BIND_SERVICE") ?? false)
            context.editMapping("capabilities") { capabilities in
                let drop = capabilities[key: "drop"]?.array(of: String.self) ?? []
                if !drop.contains("ALL") {
                    capabilities.set("drop", .sequence([.plain("ALL")]))
                    notes.append("drop ALL capabilities")
                }
                let add = capabilities[key: "add"]?.array(of: String.self) ?? []
                var kept = add.filter { $0 == "NET_BIND_SERVICE" }
                if wanted && !kept.contains("NET_BIND_SERVICE") { kept.append("NET_BIND_SERVICE") }
                if kept != add {
                    for removed in add where !kept.contains(removed) {
                        notes.append("removed capability \(removed) (not allowed by the restricted profile)")
                    }
                    if wanted && !add.contains("NET_BIND_SERVICE") {
                        notes.append("added NET_BIND_SERVICE, which the image's binary needs")
                    }
                    capabilities.editSequence("add") { $0 = kept.map { .plain($0) } }
                }
            }
        }
        for text in notes { note(container.container.name, text) }
    }

    private mutating func fixVolumes(
        _ node: inout Node, _ container: AuditSubject.ContainerUnderAudit, pod: inout Node,
        volumeNames: inout Set<String>
    ) throws {
        let name = container.container.name
        var mounts = container.container.volumeMounts ?? []
        if let facts = container.facts {
            let hiding = mounts.filter { mount in
                AuditSubject.contentHidden(by: mount, facts: facts) != nil && subject.isRemovableShadow(mount)
            }
            if !hiding.isEmpty {
                node.editSequence("volumeMounts") { items in
                    items.removeAll { item in hiding.contains { $0.mountPath == item[key: "mountPath"]?.string } }
                }
                for mount in hiding {
                    note(name, "removed mount \"\(mount.name)\" at \(mount.mountPath): it hides image content")
                    removedMounts[name, default: []].append(mount.mountPath)
                }
                mounts.removeAll { mount in hiding.contains { $0.mountPath == mount.mountPath } }
            }
        }
        let writable = container.facts?.writablePaths ?? GenericProfile.writablePaths
        var seeded: [PlannedVolume] = []
        for path in writable {
            guard !AuditSubject.isWritable(path.path, by: mounts) else { continue }
            if path.data == .persistent,
                let existing = subject.existingDataMounts(container).first(where: {
                    ContainerPath.isAncestor(path.path, of: $0.mountPath)
                })
            {
                withhold(
                    container, change: "a volume at \(path.path) for the image's persistent data",
                    why:
                        "This workload keeps its data on volume \"\(existing.name)\" at \(existing.mountPath), inside \(path.path): the image (this version) keeps its data at \(path.path), so a new volume there would make it start over with none.",
                    from: existing.mountPath, to: path.path)
                continue
            }
            let volumeName = KubernetesName.unique(
                KubernetesName.label(from: path.path, fallback: "data"), in: &volumeNames)
            let planned = PlannedVolume(
                name: volumeName, path: path.path, why: path.why, type: path.type, data: path.data,
                seedFromImage: path.seedFromImage, medium: path.medium, sizeLimit: path.sizeLimit, claim: false)
            let volume = try Node.encoded(
                Volume(
                    name: volumeName,
                    emptyDir: EmptyDirVolumeSource(
                        medium: path.medium == .memory ? "Memory" : nil, sizeLimit: path.sizeLimit)))
            let mount = try Node.encoded(KubernetesEmitter.mount(planned))
            pod.editSequence("volumes") { $0.append(volume) }
            node.editSequence("volumeMounts") { $0.append(mount) }
            addedVolumes.append(volume)
            addedMounts[name, default: []].append(mount)
            if planned.needsSeeding { seeded.append(planned) }
            note(
                name,
                "mounted emptyDir \"\(volumeName)\" at \(path.path)\(path.data == .persistent ? " (persistent data: replace with a PersistentVolumeClaim to keep it)" : ""): \(path.why)"
            )
        }
        if !seeded.isEmpty, let image = container.container.image {
            let seedName = KubernetesName.label(from: "\(name)-seed", fallback: "seed")
            let initContainer = Container(
                name: seedName, image: image, command: ["/bin/sh", "-c", KubernetesEmitter.seedScript(seeded)],
                securityContext: KubernetesEmitter.securityContext(
                    uid: container.facts?.user.uid ?? GenericProfile.uid,
                    gid: container.facts?.user.gid ?? GenericProfile.gid, openshift: false),
                volumeMounts: seeded.map {
                    VolumeMount(name: $0.name, mountPath: "\(KubernetesEmitter.seedMountRoot)/\($0.name)")
                })
            let initNode = try Node.encoded(initContainer)
            pod.editSequence("initContainers") { $0.append(initNode) }
            addedInitContainers.append(initNode)
            note(
                name,
                "added init container \"\(seedName)\" that copies the image's content into \(seeded.map(\.path).joined(separator: ", "))"
            )
        }
    }

    private mutating func fixEnvironment(_ node: inout Node, _ container: AuditSubject.ContainerUnderAudit) {
        let present = Set((container.container.env ?? []).map(\.name))
        for variable in (container.facts?.environment ?? [])
        where variable.required && !present.contains(variable.name) {
            if let existing = subject.dataMount(movedBy: variable, in: container), let value = variable.value {
                withhold(
                    container, change: "set \(variable.name)=\(value)",
                    why:
                        "This workload already keeps data on volume \"\(existing.name)\" at \(existing.mountPath); with \(variable.name)=\(value) the image would look for it in \(value) and start over with none while the old data sits unused.",
                    from: existing.mountPath, to: value, variable: variable)
                continue
            }
            let item = Node.mapping([
                (.plain("name"), .plain(variable.name)), (.plain("value"), .quoted(variable.value ?? "")),
            ])
            node.editSequence("env") { $0.append(item) }
            addedEnv[container.container.name, default: []].append(item)
            note(container.container.name, "set \(variable.name)=\(variable.value ?? ""): \(variable.why)")
        }
    }

    /// Records a change that would move existing data, with the commands that move the data by hand.
    private mutating func withhold(
        _ container: AuditSubject.ContainerUnderAudit, change: String, why: String, from: String, to: String,
        variable: EnvironmentVariable? = nil
    ) {
        let workload = "\(subject.object.kind.lowercased())/\(subject.object.name)"
        let namespace = subject.object.namespace.map { " -n \($0)" } ?? ""
        let uid = container.facts.map { "uid \($0.user.uid)" } ?? "the image's uid"
        let group = container.facts?.user.fsGroup.map { "fsGroup \($0)" } ?? "its fsGroup"
        var steps = [
            "kubectl scale \(workload)\(namespace) --replicas=0 (and back up the volume)",
            "from a pod that mounts the same volume: mkdir -p \(ShellQuoting.quote(to)) and move the data into it (for a subdirectory of the volume: find \(ShellQuoting.quote(from)) -mindepth 1 -maxdepth 1 ! -name \(ShellQuoting.quote(String(to.split(separator: "/").last ?? ""))) -exec mv {} \(ShellQuoting.quote(to))/ \\;)",
        ]
        if let variable, let value = variable.value {
            steps.append("set \(variable.name)=\(value) on container \(container.container.name)")
        } else {
            steps.append("mount the volume at \(to) instead of \(from)")
        }
        steps.append("kubectl scale \(workload)\(namespace) --replicas=1 and check the data is there")
        migrations.append(
            FixMigration(
                object: subject.object.label, container: container.container.name, change: change, why: why,
                steps: steps,
                instead:
                    "the data stays where it is; the container runs as \(uid) with \(group) and fsGroupChangePolicy OnRootMismatch, which works on a volume the image's root entrypoint already chowned."
            ))
    }

    /// Drops volumes whose only mounts were removed as shadowing.
    private mutating func removeUnusedVolumes(_ pod: inout Node) {
        let removed = Set(removedMounts.values.joined())
        guard !removed.isEmpty else { return }
        var used: Set<String> = []
        for role in ["containers", "initContainers", "ephemeralContainers"] {
            for container in pod[key: role]?.sequence ?? [] {
                for mount in container[key: "volumeMounts"]?.sequence ?? [] {
                    if let name = mount[key: "name"]?.string { used.insert(name) }
                }
            }
        }
        var dropped: [String] = []
        pod.editSequence("volumes") { volumes in
            volumes.removeAll { volume in
                guard let name = volume[key: "name"]?.string, !used.contains(name) else { return false }
                dropped.append(name)
                return true
            }
        }
        removedVolumes += dropped
        for name in dropped { note(nil, "removed volume \"\(name)\", no longer mounted") }
    }
}
