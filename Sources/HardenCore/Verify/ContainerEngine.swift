import CSpawn
import Foundation

/// A container engine's command-line client (podman or docker), found on PATH, with the arguments an environment
/// needs on every `run` (`HARDEN_ENGINE_ARGS`, `--engine-arg`).
public struct ContainerEngine: Sendable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case podman
        case docker
    }

    public let kind: Kind
    public let executable: String
    public let runArguments: [String]

    /// What one engine command printed, and how it ended.
    struct Output: Sendable {
        var status: Int32
        var standardOutput: String
        var standardError: String
        var timedOut: Bool

        var succeeded: Bool { status == 0 && !timedOut }
        var firstErrorLine: String {
            Quoted.brief(
                standardError.split(separator: "\n").first.map(String.init) ?? "exit status \(status)", limit: 200)
        }
    }

    /// Output beyond this is cut: a container that logs without end must not exhaust memory.
    static let maxOutputBytes = 4 << 20

    public init(kind: Kind, searchPath: String?, runArguments: [String]) throws(VerifyError) {
        let directories = (searchPath ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
        guard
            let found = directories.map({ "\($0)/\(kind.rawValue)" }).first(where: {
                FileManager.default.isExecutableFile(atPath: $0)
            })
        else { throw .engineMissing(kind) }
        self.kind = kind
        executable = found
        self.runArguments = runArguments
    }

    /// Runs the client with `arguments`, ending it after `timeout` (a `wait` that outlasts it says "still running").
    func run(_ arguments: [String], timeout: Duration = .seconds(120)) throws(VerifyError) -> Output {
        let directory = FileManager.default.temporaryDirectory.appending(path: "harden-engine-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
        } catch {
            throw .environment("cannot create a temporary directory: \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: directory) }
        let outURL = directory.appending(path: "out")
        let errURL = directory.appending(path: "err")
        let status: Int32
        let timedOut: Bool
        do {
            (status, timedOut) = try Self.spawn(
                [executable] + arguments, standardOutput: outURL.path, standardError: errURL.path, timeout: timeout)
        } catch {
            throw .environment("cannot run \(executable): \(error.description)")
        }
        return Output(
            status: status, standardOutput: try Self.read(outURL), standardError: try Self.read(errURL),
            timedOut: timedOut)
    }

    struct SpawnError: Error, CustomStringConvertible {
        var description: String
    }

    /// posix_spawn and waitpid: Foundation's Process on Linux did not notice the end of `podman run -d` (whose
    /// conmon child lives on), so the wait is done here, polling, with a deadline.
    private static func spawn(_ argv: [String], standardOutput: String, standardError: String, timeout: Duration)
        throws(SpawnError) -> (status: Int32, timedOut: Bool)
    {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, standardOutput, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, standardError, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // Nothing else of ours goes to the engine: conmon outlives `podman run -d` and would hold our files open.
        harden_spawn_addclosefrom(&actions, 3)
        // Default signal handling and no blocked signals, whatever this process ignores (verify ignores SIGINT and
        // SIGTERM to clean up first): an ignored disposition is inherited and would make the engine unstoppable.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        var pid: pid_t = 0
        let cArguments = argv.map { strdup($0) } + [nil]
        defer { for argument in cArguments { free(argument) } }
        let spawned = posix_spawn(&pid, argv[0], &actions, &attributes, cArguments, environ)
        guard spawned == 0 else { throw SpawnError(description: String(cString: strerror(spawned))) }
        let deadline = ContinuousClock.now + timeout
        var status: Int32 = 0
        var timedOut = false
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { break }
            if result < 0 && errno != EINTR { throw SpawnError(description: String(cString: strerror(errno))) }
            if !timedOut && ContinuousClock.now >= deadline {
                timedOut = true
                kill(pid, SIGKILL)
            }
            usleep(20_000)
        }
        let exited = status & 0x7f == 0
        return (exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), timedOut)
    }

    /// What the client wrote, at most `maxOutputBytes`: a log that cannot be read must not pass for an empty one.
    private static func read(_ url: URL) throws(VerifyError) -> String {
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            return String(decoding: try handle.read(upToCount: maxOutputBytes) ?? Data(), as: UTF8.self)
        } catch {
            throw .environment("cannot read the engine's output: \(error.localizedDescription)")
        }
    }
}
