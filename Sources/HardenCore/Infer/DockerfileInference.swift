/// Infers a profile from a Dockerfile: the final stage (or `--target`) followed through earlier stages to its base
/// image; when the knowledge base knows the base, its variant's profile is the start and the Dockerfile's own
/// instructions change it. Every fact carries its evidence.
///
/// ```swift
/// let inferred = try DockerfileInference(resolver: resolver).infer(text, file: "Dockerfile")
/// inferred.profile.runAsUser  // 10001, from `RUN useradd -r -u 10001 app`
/// ```
public struct DockerfileInference: Sendable {
    public let resolver: Resolver
    /// A Dockerfile larger than this is refused: real ones are a few kilobytes.
    public static let maxBytes = DockerfileSyntax.maxBytes

    public init(resolver: Resolver) {
        self.resolver = resolver
    }

    public func infer(
        _ text: String, file: String = "Dockerfile", target: String? = nil, buildArguments: [String: String] = [:]
    ) throws -> InferredProfile {
        let syntax = try DockerfileSyntax(text)
        var interpreter = DockerfileInterpreter(file: file, buildArguments: buildArguments)
        interpreter.baseListing = { image in
            // A knowledge-base error surfaces below, when the final stage's base is resolved.
            (try? baseResolution(image))?.facts.map { $0.writablePaths.map(\.path) + $0.protectedPaths }
        }
        let stage = try interpreter.stage(of: syntax, target: target)
        let base = try baseResolution(stage.base)
        return build(stage, base: base)
    }

    /// The knowledge base's answer for the base image, or nil for scratch and images it cannot parse or know.
    private func baseResolution(_ base: String) throws -> Resolution? {
        guard base.lowercased() != "scratch" else { return nil }
        do {
            let resolution = try resolver.resolve(base)
            return resolution.match == nil ? nil : resolution
        } catch let error as KnowledgeBaseError {
            throw error
        } catch {
            return nil  // a base reference with an unexpanded variable: inferred without inheritance, said below
        }
    }

    /// The WORKDIRs BuildKit created for a non-root USER (moby/buildkit#1002): owned by the process's user, so
    /// writable, unless the build then fills them (checked with the other candidates).
    private func workdirsOwned(_ stage: StageState, baseUser: String?) -> [StageState.Evidenced] {
        stage.newWorkdirs.compactMap { workdir in
            guard let user = workdir.user ?? baseUser, !DockerfileInterpreter.isRoot(user) else { return nil }
            return .init(
                value: workdir.path,
                evidence:
                    "\(workdir.evidence) (BuildKit creates a missing WORKDIR owned by the USER in effect, \(user))",
                confidence: .medium)
        }
    }

    /// The runtime user's home, when the Dockerfile's useradd or adduser created it: owned by the user, and where
    /// programs write their dotfiles and caches ($HOME/.npm, $HOME/.cache). Checked like the other candidates.
    private func homeOfRuntimeUser(_ stage: StageState, uid: Int?) -> [StageState.Evidenced] {
        guard let uid, uid != 0 else { return [] }
        guard let home = stage.accounts.home(ofUID: uid) else { return declaredStateHome(stage, uid: uid) }
        return [
            .init(
                value: home.path,
                evidence:
                    "\(home.evidence) (creates \(home.name)'s home \(home.path), owned by the runtime user: programs write dotfiles and caches under $HOME)",
                confidence: .medium)
        ]
    }

    /// A home the runtime user is given without creating it, below the directories of run-time state, caches, logs
    /// and spools (`adduser -H -h /var/cache/nginx nginx`): a daemon account's home there is where it keeps its
    /// state, as a chown there would say. Not when a command puts content there.
    private func declaredStateHome(_ stage: StageState, uid: Int) -> [StageState.Evidenced] {
        guard let home = stage.accounts.declaredHome(ofUID: uid),
            let root = DockerfileInterpreter.scratchRoots.first(where: { ContainerPath.isAncestor($0, of: home.path) }),
            !stage.namesContent(in: home.path)
        else { return [] }
        return [
            .init(
                value: home.path,
                evidence:
                    "\(home.evidence) (\(home.name)'s home is \(home.path), below \(root): the runtime user keeps its state there)",
                confidence: .medium)
        ]
    }

    /// An image that runs as root, without a user to step down to, writes the empty state directories it creates
    /// (`mkdir -p /var/lib/vector`): nothing else would make them. Checked like the other candidates.
    private func stateDirectories(_ stage: StageState) -> [StageState.Evidenced] {
        stage.stateDirectories.map { directory in
            .init(
                value: directory.value,
                evidence:
                    "\(directory.evidence) (an empty directory for run-time state, and the image runs as root, which writes it)",
                confidence: .medium)
        }
    }

    private func build(_ stage: StageState, base: Resolution?) -> InferredProfile {
        var facts: [InferredProfile.Fact] = []
        let baseFacts = base?.facts
        let baseEvidence = base.flatMap { resolution in
            resolution.match.map { "base \(stage.base) (knowledge base: \($0.image), variant \($0.variant))" }
        }
        var pitfalls = baseFacts?.pitfalls ?? []
        // The user: the Dockerfile's USER, else the base's.
        var shipped = baseFacts?.user.shipped ?? "root"
        var uid = baseFacts?.user.uid
        var gid = baseFacts?.user.gid
        if let baseEvidence, let uid {
            facts.append(.init(fact: "runAsUser", value: "\(uid)", evidence: baseEvidence, confidence: .high))
        }
        if let user = stage.user {
            // The base's advice about its own user no longer applies once the Dockerfile sets one.
            pitfalls.removeAll { $0.contains("USER") || $0.contains("runAsUser") || $0.contains("nobody") }
            shipped = user.value
            let parts = user.value.split(separator: ":", maxSplits: 1).map(String.init)
            let name = parts.first ?? ""
            let group = parts.count > 1 ? parts[1] : nil
            var resolved = stage.accounts.resolve(user: name, group: group)
            if resolved.uid == nil, let other = stage.otherStagesAccounts.first(where: { $0.users[name]?.uid != nil }) {
                resolved = other.resolve(user: name, group: group)
            }
            let baseKnows = (parts.first == baseFacts?.user.shipped) ? baseFacts?.user : nil
            uid = resolved.uid ?? baseKnows?.uid
            gid = resolved.gid ?? (resolved.uid == nil ? baseKnows?.gid : nil)
            let account = stage.accounts.users[parts.first ?? ""]
            let evidence = [user.evidence, account?.evidence].compactMap { $0 }.joined(separator: "; ")
            facts.removeAll { $0.fact == "runAsUser" }
            facts.append(
                .init(
                    fact: "runAsUser", value: uid.map(String.init) ?? "unresolved", evidence: evidence,
                    confidence: resolved.conventional ? .medium : .high))
            if let note = resolved.note {
                pitfalls.append(note)
                facts.append(.init(fact: "pitfall", value: note, evidence: evidence, confidence: .high))
            }
            if uid == 0 {
                pitfalls.append(
                    "USER is root (0): Kubernetes' runAsNonRoot refuses it; the image expects to run as root")
            }
        }
        let runsAsRoot = stage.user.map { DockerfileInterpreter.isRoot($0.value) } ?? true
        let stepDown = runsAsRoot ? stage.accounts.stepDownUser(owners: stage.owners) : nil
        if let stepDown {
            // No USER (or USER root): the entrypoint starts as root and steps down (gosu, su-exec) to the user the
            // Dockerfile created and gave its directories to; that is the uid to run as.
            uid = stepDown.uid
            gid = stepDown.gid
            facts.removeAll { $0.fact == "runAsUser" }
            facts.append(
                .init(
                    fact: "runAsUser", value: "\(stepDown.uid)",
                    evidence:
                        "\(stepDown.evidence) (no USER: the image's own user, which its entrypoint steps down to)",
                    confidence: .medium))
        }
        if uid == nil, stage.user == nil, stage.accounts.users.isEmpty, stage.owners.isEmpty {
            // No USER, no account and no chown: the image runs as root and has no user of its own. nobody is the
            // unprivileged id every distribution reserves, and it needs no entry in /etc/passwd (scratch).
            uid = Accounts.wellKnown["nobody"]?.uid
            gid = Accounts.wellKnown["nobody"]?.gid
            let evidence =
                base == nil && stage.base.lowercased() != "scratch"
                ? "no USER, and the base \(stage.base) is not in the knowledge base (assumed to run as root): nobody, by convention"
                : "no USER and no account of its own: the image runs as root; nobody, by convention"
            facts.append(
                .init(
                    fact: "runAsUser", value: "\(uid ?? 0)", evidence: evidence,
                    confidence: base == nil && stage.base.lowercased() != "scratch" ? .low : .medium))
        }
        for caution in stage.cautions {
            pitfalls.append(caution.value)
            facts.append(.init(fact: "pitfall", value: caution.value, evidence: caution.evidence, confidence: .medium))
        }
        if let gid {
            facts.append(
                .init(
                    fact: "runAsGroup", value: "\(gid)", evidence: stage.user?.evidence ?? baseEvidence ?? "",
                    confidence: .high))
        }

        // Protected: the base's, and what the Dockerfile copies in.
        var protected = baseFacts?.protectedPaths ?? []
        for path in stage.protected where !protected.contains(path.value) {
            protected.append(path.value)
            facts.append(.init(fact: "protectedPath", value: path.value, evidence: path.evidence, confidence: .high))
        }
        // Writable: the base's, and the directories the Dockerfile prepares, unless one would hide copied content.
        // With a base the knowledge base does not know, /tmp is assumed (nearly every program writes temporary
        // files there; an unneeded emptyDir costs nothing, a missing one crashes).
        var writable =
            baseFacts?.writablePaths ?? [
                WritablePath(
                    path: "/tmp",
                    why:
                        "assumed: the base image is not in the knowledge base, and most programs write temporary files in /tmp",
                    sources: [])
            ]
        if baseFacts == nil {
            facts.append(
                .init(
                    fact: "writablePath", value: "/tmp",
                    evidence: "assumed for a base not in the knowledge base (\(stage.base))",
                    confidence: .low))
        }
        for path in writable {
            guard
                let hidden = protected.first(where: { $0 == path.path || ContainerPath.isAncestor(path.path, of: $0) })
            else { continue }
            let note =
                "\(path.path) is writable in the base image, but this Dockerfile puts content there (\(hidden)): no volume on it"
            pitfalls.append(note)
            facts.append(.init(fact: "pitfall", value: note, evidence: baseEvidence ?? "", confidence: .medium))
        }
        writable.removeAll { path in
            protected.contains { $0 == path.path || ContainerPath.isAncestor(path.path, of: $0) }
        }
        for path in writable where baseEvidence != nil {
            facts.append(
                .init(fact: "writablePath", value: path.path, evidence: baseEvidence ?? "", confidence: .high))
        }
        let candidates =
            stage.writable + workdirsOwned(stage, baseUser: baseFacts?.user.shipped)
            + homeOfRuntimeUser(stage, uid: uid) + (runsAsRoot && stepDown == nil ? stateDirectories(stage) : [])
        for candidate in candidates {
            // Shared scratch space (chmod 1777) counts as filled only by what a command puts there by name, not by
            // what an extraction in a parent left before the chmod.
            let scratch = stage.sharedScratch[candidate.value]
            let populated =
                (stage.isPopulated(candidate.value) || (scratch != nil && stage.namesContent(in: candidate.value)))
                && !DockerfileInterpreter.scratchRoots.contains(where: {
                    candidate.value == $0 || ContainerPath.isAncestor($0, of: candidate.value)
                })
            let hidden = protected.first(where: {
                $0 == candidate.value || ContainerPath.isAncestor(candidate.value, of: $0)
            })
            // Content the process is meant to change in place: a VOLUME over what the build put there (Docker fills
            // the new volume with it), or a directory holding content that chmod opens to every user with the sticky
            // bit. A volume seeded from the image keeps that content.
            let seeded: String? =
                if let volume = stage.volumes[candidate.value], populated || hidden != nil {
                    "\(volume) (the build puts content there\(hidden.map { " (\($0))" } ?? ""), and Docker fills a new volume with it: seeded from the image)"
                } else if let scratch, populated, hidden == nil {
                    "\(scratch.evidence) (the build puts content there, and the sticky bit with write for all opens it to the process's changes: seeded from the image)"
                } else {
                    nil
                }
            if populated && seeded == nil {
                let note =
                    "\(candidate.value) is prepared for writing, but the build also puts content there: no volume on it"
                facts.append(.init(fact: "pitfall", value: note, evidence: candidate.evidence, confidence: .medium))
                pitfalls.append(note)
                continue
            }
            if writable.contains(where: { ContainerPath.covers(mountPath: $0.path, candidate.value) }) { continue }
            if ContainerPath.problem(with: candidate.value) != nil
                || ContainerPath.systemRoots.contains(candidate.value)
            {
                continue
            }
            if let hidden, seeded == nil {
                let note =
                    "\(candidate.value) is prepared for writing but holds copied content (\(hidden)): a volume there would hide it; write to a subdirectory instead"
                pitfalls.append(note)
                facts.append(.init(fact: "pitfall", value: note, evidence: candidate.evidence, confidence: .medium))
                continue
            }
            var evidence = candidate.evidence
            var confidence = candidate.confidence
            if let seeded {
                // The content is copied into the volume, so it is no longer a path a volume must stay off.
                let kept = protected.filter {
                    $0 == candidate.value || ContainerPath.isAncestor(candidate.value, of: $0)
                }
                protected.removeAll { kept.contains($0) }
                facts.removeAll { $0.fact == "protectedPath" && kept.contains($0.value) }
                evidence = seeded
                confidence = .medium
            }
            writable.removeAll { ContainerPath.isAncestor(candidate.value, of: $0.path) }
            writable.append(
                WritablePath(
                    path: candidate.value, why: "inferred from \(evidence)", seedFromImage: seeded != nil, sources: []))
            facts.append(
                .init(fact: "writablePath", value: candidate.value, evidence: evidence, confidence: confidence))
        }
        // Ports: the base's and EXPOSE.
        var ports = baseFacts?.ports ?? []
        for (port, evidence) in stage.ports.sorted(by: { $0.key < $1.key })
        where !ports.contains(where: { $0.port == port }) {
            ports.append(Port(port: port, why: "inferred from \(evidence)", sources: []))
            facts.append(.init(fact: "port", value: "\(port)", evidence: evidence, confidence: .high))
        }
        if base == nil && stage.base.lowercased() != "scratch" {
            let note =
                "the base image \(stage.base) is not in the knowledge base: only what this Dockerfile shows is known"
            pitfalls.append(note)
        }
        let confidence: Confidence = facts.contains { $0.confidence == .medium } ? .medium : .high
        return InferredProfile(
            match: .init(base: stage.base, baseImage: base?.match?.image, baseVariant: base?.match?.variant),
            profile: .init(
                shippedUser: shipped, runAsUser: uid, runAsGroup: gid, fsGroup: nil, writablePaths: writable,
                protectedPaths: protected, ports: ports, capabilities: baseFacts?.capabilities ?? [],
                environment: baseFacts?.environment ?? [], pitfalls: pitfalls,
                sources: (baseFacts?.sources ?? []) + ["inferred from the Dockerfile"], confidence: confidence),
            evidence: facts)
    }
}
