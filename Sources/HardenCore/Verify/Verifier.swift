import Foundation

/// Runs an image the way the generated spec runs it, in a real container engine, and watches it: read-only root,
/// the entry's uid and gid, one fresh 0777 directory per writable path (what an emptyDir is), all capabilities
/// dropped, no new privileges, the port sysctl, no network unless probing. The logs go through `Diagnoser`.
///
/// ```swift
/// let report = try Verifier(resolver: resolver, engine: engine, cleanup: cleanup)
///     .verify("nginx:1.29", options: VerifyOptions())
/// report.verified  // true when it kept running (or exited 0), every probe answered and the log shows no failure
/// ```
public struct Verifier: Sendable {
    public let resolver: Resolver
    public let engine: ContainerEngine
    public let cleanup: VerifyCleanup

    public init(resolver: Resolver, engine: ContainerEngine, cleanup: VerifyCleanup) {
        self.resolver = resolver
        self.engine = engine
        self.cleanup = cleanup
    }

    /// Verifies `reference`; with `options.learn`, adds the writable paths each run shows and runs again until it
    /// passes, nothing new is learned, or the rounds run out. `seedText` gives the entry's seed file for the
    /// learned overlay.
    public func verify(
        _ reference: String, options: VerifyOptions, seedText: (Resolution) throws -> String? = { _ in nil }
    ) throws -> VerifyReport {
        let resolution = try resolver.resolve(reference, variant: options.variant)
        guard resolution.match != nil else { throw VerifyError.notInKnowledgeBase(reference) }
        try requireImage(reference, pull: options.pull)
        var learned: [(path: String, evidence: String)] = []
        var rounds = 0
        var report: VerifyReport
        repeat {
            rounds += 1
            report = try runOnce(reference, learned: learned.map(\.path), options: options)
            guard options.learn, !report.verified else { break }
            let known = Set(learned.map(\.path))
            let new = report.findings.compactMap { finding -> (String, String)? in
                guard finding.kind == .writablePath, let path = finding.path, !known.contains(path),
                    ContainerPath.problem(with: path) == nil, !ContainerPath.systemRoots.contains(path)
                else { return nil }
                return (path, finding.evidence)
            }
            guard !new.isEmpty else { break }
            learned += new
        } while rounds < options.rounds
        report.rounds = rounds
        if options.learn {
            let seed = try seedText(resolution).flatMap {
                try LearnedSeed.render($0, resolution: resolution, learned: learned, engine: engine.kind)
            }
            report.learned = VerifyReport.Learned(writablePaths: learned.map(\.path), seed: seed)
        }
        return report
    }

    private func requireImage(_ reference: String, pull: Bool) throws(VerifyError) {
        guard !pull else { return }
        let arguments = engine.kind == .podman ? ["image", "exists", reference] : ["image", "inspect", reference]
        let output = try engine.run(arguments, timeout: .seconds(30))
        guard output.succeeded else { throw .imageNotFound(reference, engine.kind) }
    }

    /// One run: plan, prepare the writable directories, start, watch, probe, read the log, remove.
    private func runOnce(_ reference: String, learned: [String], options: VerifyOptions) throws -> VerifyReport {
        var generate = GenerateOptions()
        generate.kind = .pod
        generate.variant = options.variant
        generate.writablePaths = learned
        let plan = try SpecPlanner(resolver: resolver).plan([reference], options: generate)
        let container = plan.containers[0]
        let name = "harden-verify-\(UUID().uuidString.prefix(8).lowercased())"
        let directory = FileManager.default.temporaryDirectory.appending(path: name)
        cleanup.track(directory: directory)
        defer { cleanup.remove(directory: directory) }
        let mounts = try prepareVolumes(container, in: directory, reference: reference, pull: options.pull)
        let arguments = runArguments(
            name: name, plan: plan, container: container, mounts: mounts, reference: reference, options: options)
        cleanup.track(container: name, engine: engine)
        defer { cleanup.remove(container: name, engine: engine) }
        let started = try engine.run(arguments)
        guard started.succeeded else { throw VerifyError.engineFailed(started.firstErrorLine) }
        let waited = try engine.run(["wait", name], timeout: .seconds(options.seconds))
        let state = try engine.run(["inspect", "--format", "{{.State.Running}} {{.State.ExitCode}}", name])
        let fields = state.standardOutput.split(whereSeparator: \.isWhitespace)
        let running = waited.timedOut && fields.first == "true"
        let exitCode = running ? nil : fields.dropFirst().first.flatMap { Int32($0) }
        let probes = running ? try options.probes.map { try probe($0, container: name) } : []
        let logs = try engine.run(["logs", name])
        let log = logs.standardOutput + (logs.standardOutput.isEmpty ? "" : "\n") + logs.standardError
        let findings = try Diagnoser(resolver: resolver).diagnose(log, image: reference).findings
        let alive = running || exitCode == 0
        return VerifyReport(
            reference: reference, engine: engine.kind.rawValue, command: [engine.kind.rawValue] + arguments,
            verified: alive && probes.allSatisfy(\.passed) && findings.isEmpty, exitCode: exitCode,
            runningAfterSeconds: running ? options.seconds : nil, probes: probes, findings: findings, learned: nil,
            rounds: 1, logTail: Array(log.split(separator: "\n").suffix(15).map(String.init)))
    }

    private func probe(_ probe: VerifyProbe, container: String) throws(VerifyError) -> VerifyProbe.Result {
        let published = try engine.run(["port", container, "\(probe.port)/tcp"], timeout: .seconds(30))
        let line = published.standardOutput.split(separator: "\n").first ?? ""
        guard published.succeeded, let port = line.split(separator: ":").last.flatMap({ Int($0) }) else {
            return VerifyProbe.Result(
                probe: probe.description, passed: false, detail: "port \(probe.port) is not published")
        }
        return probe.check(hostPort: port)
    }

    /// Host directories for the plan's volumes, mode 0777 like a fresh emptyDir; content the spec copies from the
    /// image (its seeding init container) is copied out of the image the same way.
    private func prepareVolumes(_ container: ContainerPlan, in directory: URL, reference: String, pull: Bool)
        throws(VerifyError) -> [(host: String, path: String)]
    {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
            var mounts: [(host: String, path: String)] = []
            let seeded = container.volumes.filter(\.needsSeeding)
            let source = seeded.isEmpty ? nil : try createSeedSource(reference, pull: pull)
            defer { if let source { cleanup.remove(container: source, engine: engine) } }
            for volume in container.volumes {
                let host = directory.appending(path: volume.name)
                try FileManager.default.createDirectory(at: host, withIntermediateDirectories: false)
                try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: host.path)
                if let source, volume.needsSeeding {
                    let copied = try engine.run([
                        "cp", "\(source):\(volume.path)\(volume.type == .file ? "" : "/.")",
                        host.path + (volume.type == .file ? "/\(volume.fileName)" : ""),
                    ])
                    guard copied.succeeded else { throw VerifyError.engineFailed(copied.firstErrorLine) }
                    try Self.makeWritable(host)
                }
                mounts.append(
                    (volume.type == .file ? host.path + "/\(volume.fileName)" : host.path, volume.path))
            }
            return mounts
        } catch let error as VerifyError {
            throw error
        } catch {
            throw .environment("cannot prepare the writable directories: \(error.localizedDescription)")
        }
    }

    /// A created (never started) container of the image, to copy seeded content out of.
    private func createSeedSource(_ reference: String, pull: Bool) throws(VerifyError) -> String {
        let name = "harden-verify-seed-\(UUID().uuidString.prefix(8).lowercased())"
        cleanup.track(container: name, engine: engine)
        let created = try engine.run(["create", "--name", name, pull ? "--pull=missing" : "--pull=never", reference])
        guard created.succeeded else { throw .engineFailed(created.firstErrorLine) }
        return name
    }

    /// Copied content belongs to the pod's user in Kubernetes (the init container runs as it); here, everyone
    /// may write it, which is the same for the process under test.
    private static func makeWritable(_ root: URL) throws {
        let manager = FileManager.default
        try manager.setAttributes([.posixPermissions: 0o777], ofItemAtPath: root.path)
        guard let walker = manager.enumerator(atPath: root.path) else { return }
        for case let relative as String in walker {
            let path = root.path + "/" + relative
            let isDirectory =
                (try? manager.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeDirectory
            try manager.setAttributes([.posixPermissions: isDirectory ? 0o777 : 0o666], ofItemAtPath: path)
        }
    }

    /// The engine's `run` arguments for the plan: the generated spec's settings, one by one.
    func runArguments(
        name: String, plan: SpecPlan, container: ContainerPlan, mounts: [(host: String, path: String)],
        reference: String, options: VerifyOptions
    ) -> [String] {
        var arguments = ["run", "-d", "--name", name, options.pull ? "--pull=missing" : "--pull=never", "--read-only"]
        if engine.kind == .podman {
            // podman would otherwise mount writable tmpfs on /tmp and /run, and volumes on the image's VOLUMEs,
            // hiding exactly the failures a read-only root causes.
            arguments += ["--read-only-tmpfs=false", "--image-volume", "ignore"]
        }
        arguments += ["--user", "\(container.uid):\(container.gid)"]
        if let fsGroup = plan.fsGroup { arguments += ["--group-add", String(fsGroup)] }
        arguments += ["--cap-drop", "ALL"] + container.addedCapabilities.flatMap { ["--cap-add", $0] }
        arguments += ["--security-opt", "no-new-privileges"]
        if let start = plan.unprivilegedPortStart {
            arguments += ["--sysctl", "net.ipv4.ip_unprivileged_port_start=\(start)"]
        }
        if options.probes.isEmpty {
            arguments += ["--network", "none"]
        } else {
            arguments += Set(options.probes.map(\.port)).sorted().flatMap { ["--publish", "127.0.0.1::\($0)"] }
        }
        arguments += mounts.flatMap { ["--volume", "\($0.host):\($0.path)"] }
        arguments += container.environment.compactMap { variable in
            variable.value.map { "--env=\(variable.name)=\($0)" }
        }
        return arguments + engine.runArguments + [reference]
    }
}

/// The containers and directories a verification made, removed when it ends, fails, or is interrupted (the CLI
/// calls `removeAll` from its signal handler). What could not be removed is kept in `failures`, for the user.
public final class VerifyCleanup: @unchecked Sendable {
    private let lock = NSLock()
    private var containers: [String: ContainerEngine] = [:]
    private var directories: Set<URL> = []
    private var problems: [String] = []

    public init() {}

    /// One line per container or directory left behind, with how to remove it.
    public var failures: [String] { lock.withLock { problems } }

    func track(container: String, engine: ContainerEngine) {
        lock.withLock { containers[container] = engine }
    }

    func track(directory: URL) {
        _ = lock.withLock { directories.insert(directory) }
    }

    func remove(container: String, engine: ContainerEngine) {
        let arguments = engine.kind == .podman ? ["rm", "-f", "-t", "0", container] : ["rm", "-f", container]
        let problem: String?
        do {
            let output = try engine.run(arguments, timeout: .seconds(60))
            problem = output.succeeded ? nil : output.firstErrorLine
        } catch {
            problem = error.description
        }
        lock.withLock {
            containers.removeValue(forKey: container)
            if let problem {
                problems.append(
                    "could not remove container \(container) (\(problem)): remove it with `\(engine.kind.rawValue) rm -f \(container)`"
                )
            }
        }
    }

    func remove(directory: URL) {
        var problem: String?
        do {
            if FileManager.default.fileExists(atPath: directory.path) {
                try FileManager.default.removeItem(at: directory)
            }
        } catch {
            problem = "could not remove \(directory.path) (\(error.localizedDescription)): remove it by hand"
        }
        lock.withLock {
            directories.remove(directory)
            if let problem { problems.append(problem) }
        }
    }

    /// Removes everything still tracked.
    public func removeAll() {
        let (pending, folders) = lock.withLock { (containers, directories) }
        for (name, engine) in pending { remove(container: name, engine: engine) }
        for folder in folders { remove(directory: folder) }
    }
}
