/// Infers a profile from an image itself: its config (User, ExposedPorts, Volumes, Env, WorkingDir, Entrypoint),
/// its `/etc/passwd` and `/etc/group`, the directories its author prepared for writing (owned by the runtime user
/// or world-writable), and the writes its entrypoint script makes at start. Every fact carries its evidence.
///
/// ```swift
/// let image = try ImageReader().read(try ImageSource.parse("oci-archive:nginx.tar"))
/// let inferred = ImageInference().infer(image, source: "oci-archive:nginx.tar")
/// ```
public struct ImageInference: Sendable {
    public init() {}

    public func infer(_ image: ImageContents, source: String) -> InferredProfile {
        var facts: [InferredProfile.Fact] = []
        var pitfalls: [String] = []
        let settings = image.config.config
        let accounts = ImageAccounts(image.filesystem)

        // The user: the config's User, as numbers through the image's own account files.
        let shipped = (settings.user ?? "").isEmpty ? "root" : settings.user ?? "root"
        let userEvidence = "image config: User \(Quoted.brief(settings.user ?? "", limit: 40))"
        let parts = shipped.split(separator: ":", maxSplits: 1).map(String.init)
        let uid = parts.first.flatMap { accounts.uid(of: $0) }
        let gid = parts.count > 1 ? accounts.gid(of: parts[1]) : parts.first.flatMap { accounts.primaryGID(of: $0) }
        facts.append(
            .init(
                fact: "runAsUser", value: uid.map(String.init) ?? "unresolved",
                evidence: uid != nil && Int(parts.first ?? "") == nil
                    ? "\(userEvidence); /etc/passwd: \(parts.first ?? "") is uid \(uid ?? 0)" : userEvidence,
                confidence: uid == nil ? .low : .high))
        if let gid {
            facts.append(.init(fact: "runAsGroup", value: "\(gid)", evidence: userEvidence, confidence: .high))
        }
        if uid == nil {
            pitfalls.append(
                "the user \(Quoted.brief(shipped, limit: 40)) is not in the image's /etc/passwd: Kubernetes' runAsNonRoot cannot verify a named user; set runAsUser to its uid"
            )
        } else if uid == 0 {
            pitfalls.append(
                "the image runs as root (0): Kubernetes' runAsNonRoot refuses it; the image may need root to start")
        }

        // Writable: volumes, directory variables, directories prepared for the runtime user, entrypoint writes.
        var writable: [WritablePath] = []
        func addWritable(
            _ path: String, why: String, data: WritablePath.Data, evidence: String, _ confidence: Confidence
        ) {
            guard ContainerPath.problem(with: path) == nil, !ContainerPath.systemRoots.contains(path), path != "/",
                !writable.contains(where: { ContainerPath.covers(mountPath: $0.path, path) })
            else { return }
            writable.removeAll { ContainerPath.isAncestor(path, of: $0.path) }
            let seeded = image.filesystem.hasContent(under: path)
            writable.append(WritablePath(path: path, why: why, data: data, seedFromImage: seeded, sources: []))
            facts.append(.init(fact: "writablePath", value: path, evidence: evidence, confidence: confidence))
        }
        for volume in settings.volumes {
            guard let path = StageState.normalise(volume, workdir: "/") else { continue }
            addWritable(
                path, why: "a VOLUME of the image: it holds data the image expects to keep", data: .persistent,
                evidence: "image config: Volumes \(path)", .high)
        }
        for variable in settings.environment {
            let pair = variable.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, DockerfileInterpreter.namesWritableDirectory(pair[0]), pair[1].hasPrefix("/"),
                let path = StageState.normalise(pair[1], workdir: "/"),
                !DockerfileInterpreter.installPrefixes.contains(where: {
                    path == $0 || ContainerPath.isAncestor($0, of: path)
                })
            else { continue }
            addWritable(
                path, why: "named by \(pair[0]), a variable for a directory the process writes", data: .persistent,
                evidence: "image config: Env \(Quoted.brief(variable, limit: 80))", .medium)
        }
        for directory in preparedDirectories(image.filesystem, uid: uid, gid: gid) {
            addWritable(
                directory.path, why: "prepared for writing in the image (\(directory.reason))", data: .scratch,
                evidence: "image layers: \(directory.path) \(directory.reason)", .medium)
        }
        let script = EntrypointScript(image: image)
        for write in script?.writes ?? [] {
            pitfalls.append("the entrypoint writes \(write.target) at start (\(write.evidence))")
            facts.append(
                .init(
                    fact: "pitfall", value: "entrypoint writes \(write.target)", evidence: write.evidence,
                    confidence: .low))
            if let directory = write.directory {
                addWritable(
                    directory, why: "the entrypoint writes there at start", data: .scratch, evidence: write.evidence,
                    .low)
            }
        }

        // Protected: the working directory's content.
        var protected: [String] = []
        if let workdir = settings.workingDirectory.flatMap({ StageState.normalise($0, workdir: "/") }), workdir != "/",
            image.filesystem.hasContent(under: workdir)
        {
            protected.append(workdir)
            facts.append(
                .init(
                    fact: "protectedPath", value: workdir, evidence: "image config: WorkingDir \(workdir), not empty",
                    confidence: .medium))
            if let hidden = writable.first(where: {
                $0.path == workdir || ContainerPath.isAncestor($0.path, of: workdir)
            }
            ) {
                pitfalls.append(
                    "\(hidden.path) is writable but holds the working directory's content: the volume is seeded from the image"
                )
            }
        }

        // Ports: one out of range, or with a protocol other than TCP, UDP and SCTP, is no port a spec can name.
        var ports: [Port] = []
        for exposed in settings.exposedPorts {
            let pair = exposed.split(separator: "/")
            guard let port = pair.first.flatMap({ Int($0) }), (1...65535).contains(port),
                let proto = pair.count > 1 ? Port.TransportProtocol(rawValue: pair[1].uppercased()) : .tcp
            else { continue }
            ports.append(
                Port(port: port, protocol: proto, why: "image config: ExposedPorts \(exposed)", sources: []))
            facts.append(
                .init(
                    fact: "port", value: exposed, evidence: "image config: ExposedPorts \(exposed)", confidence: .high))
        }
        if writable.isEmpty {
            addWritable(
                "/tmp", why: "assumed: most programs write temporary files in /tmp", data: .scratch,
                evidence: "assumed (the image shows no writable directory)", .low)
        }
        let confidence: Confidence = facts.contains { $0.confidence != .high } ? .medium : .high
        return InferredProfile(
            match: .init(base: source, baseImage: nil, baseVariant: nil),
            profile: .init(
                shippedUser: shipped, runAsUser: uid, runAsGroup: gid ?? uid, fsGroup: nil, writablePaths: writable,
                protectedPaths: protected, ports: ports, capabilities: [], environment: [], pitfalls: pitfalls,
                sources: ["inferred from the image \(source)"], confidence: confidence),
            evidence: facts)
    }

    /// Directories the image's author prepared for writing: owned by the runtime user (not root), group-writable
    /// for its group, or world-writable; the topmost of each chain, since one volume there covers the rest.
    private func preparedDirectories(_ filesystem: ImageFilesystem, uid: Int?, gid: Int?) -> [(
        path: String, reason: String
    )] {
        var found: [(path: String, reason: String)] = []
        let kernel = ["/proc", "/sys", "/dev"]
        for (path, file) in filesystem.files where file.kind == .directory {
            guard !kernel.contains(where: { path == $0 || ContainerPath.isAncestor($0, of: path) }) else { continue }
            let reason: String
            if let uid, uid != 0, file.uid == uid, file.mode & 0o200 != 0 {
                reason = "owned by uid \(uid)"
            } else if let gid, gid != 0, file.gid == gid, file.mode & 0o020 != 0 {
                reason = "writable by gid \(gid)"
            } else if file.mode & 0o002 != 0 {
                reason = "world-writable (mode \(String(file.mode, radix: 8)))"
            } else {
                continue
            }
            found.append((path, reason))
        }
        let paths = Set(found.map(\.path))
        return found.filter { ContainerPath.covering($0.path, in: paths.subtracting([$0.path])) == nil }
            .sorted { $0.path < $1.path }
    }
}
