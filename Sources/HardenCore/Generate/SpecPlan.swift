/// Every decision the generator made, before any output format is chosen: each emitter renders the same plan.
public struct SpecPlan: Sendable, Equatable {
    /// The workload name (a DNS-1123 label).
    public var name: String
    public var namespace: String?
    public var containers: [ContainerPlan]
    public var fsGroup: Int?
    /// Set when a container must bind a port below 1024 as non-root: the namespaced sysctl
    /// `net.ipv4.ip_unprivileged_port_start` at pod level lowers the privileged range to this port.
    public var unprivilegedPortStart: Int?
    public var options: GenerateOptions
    /// Explanations and assumptions for humans (stderr), never part of the spec.
    public var notes: [GenerationNote]

    /// The Secret the containers' required secret settings are read from.
    public var secretName: String { Self.secretName(workload: name) }

    static func secretName(workload: String) -> String { "\(workload)-secrets" }

    /// The secret settings of every container, each name once (two containers of one pod share a key).
    public var secretVariables: [RequiredVariable] {
        var seen: Set<String> = []
        return containers.flatMap(\.requiredEnvironment).filter { $0.secret && seen.insert($0.name).inserted }
    }
}

/// One container of the plan.
public struct ContainerPlan: Sendable, Equatable {
    public var name: String
    /// The reference as the user wrote it; this is what the spec pulls.
    public var image: String
    /// The entry and variant used, or nil for the generic profile.
    public var match: Resolution.Match?
    public var uid: Int
    public var gid: Int
    /// The group persistent volumes should belong to.
    public var fsGroup: Int
    public var volumes: [PlannedVolume]
    public var ports: [PlannedPort]
    /// Capabilities added after dropping ALL (only NET_BIND_SERVICE is allowed by the restricted profile).
    public var addedCapabilities: [String]
    public var environment: [EnvVar]
    /// Settings only the user can choose (a database password): asked for, never given a value.
    public var requiredEnvironment: [RequiredVariable] = []

    /// The lowest port below 1024 it binds, which the `ip_unprivileged_port_start` sysctl must lower to.
    public var lowestPrivilegedPort: Int? {
        ports.map(\.port).filter { $0 < Port.firstUnprivilegedPort }.min()
    }

    /// Volumes whose content must be copied from the image before the container starts.
    public var seededVolumes: [PlannedVolume] { volumes.filter(\.needsSeeding) }
}

/// One writable path and the volume that backs it.
public struct PlannedVolume: Sendable, Equatable {
    public var name: String
    public var path: String
    public var why: String
    public var type: WritablePath.Kind
    public var data: WritablePath.Data
    public var seedFromImage: Bool
    public var medium: WritablePath.Medium
    public var sizeLimit: String?
    /// Backed by a volumeClaimTemplate (StatefulSet persistent data) rather than an emptyDir.
    public var claim: Bool

    /// A file path is mounted by subPath from a volume that must already hold the file.
    public var needsSeeding: Bool { seedFromImage || type == .file }

    /// Whether the content must outlive the container or start as the image's: a named volume for Docker and
    /// Compose (which fill an empty one from the image), a tmpfs otherwise.
    public var keepsContent: Bool { data == .persistent || needsSeeding }

    /// The Docker/Compose tmpfs option for this path.
    var tmpfsOptions: String {
        "mode=1777" + (sizeLimit.flatMap(DockerRunEmitter.dockerSize).map { ",size=\($0)" } ?? "")
    }

    /// The name of the file inside the volume, for file paths.
    public var fileName: String { String(path.split(separator: "/").last ?? "") }
}

public struct PlannedPort: Sendable, Equatable {
    public var port: Int
    public var `protocol`: String
    public var name: String?
}

/// A line of explanation printed beside the spec. An option it mentions is kept as the option, not as a flag, so
/// that each shell names it in its own words: the CLI as `--resources`, the HTTP API as its JSON field `resources`.
public struct GenerationNote: Sendable, Equatable, Codable, CustomStringConvertible {
    public enum Level: String, Sendable, Codable {
        case info
        case warning
    }

    /// Text, with options written as `\(GenerateOptions.Field.resources)`.
    public struct Text: Sendable, Equatable, ExpressibleByStringInterpolation {
        enum Part: Sendable, Equatable {
            case text(String)
            case option(GenerateOptions.Field)
        }

        var parts: [Part] = []

        public init(stringLiteral value: String) { parts = [.text(value)] }

        public init(stringInterpolation: Interpolation) { parts = stringInterpolation.parts }

        public struct Interpolation: StringInterpolationProtocol {
            var parts: [Part] = []

            public init(literalCapacity: Int, interpolationCount: Int) {}

            public mutating func appendLiteral(_ literal: String) { parts.append(.text(literal)) }

            public mutating func appendInterpolation(_ option: GenerateOptions.Field) { parts.append(.option(option)) }

            public mutating func appendInterpolation(_ value: some CustomStringConvertible) {
                parts.append(.text(value.description))
            }
        }

        func rendered(naming name: (GenerateOptions.Field) -> String) -> String {
            parts.map { part in
                switch part {
                case .text(let text): text
                case .option(let option): name(option)
                }
            }.joined()
        }
    }

    public var level: Level
    private var content: Text

    public init(_ level: Level, _ text: Text) {
        self.level = level
        self.content = text
    }

    public init(_ level: Level, _ text: String) {
        self.init(level, Text(stringLiteral: text))
    }

    /// The text in the CLI's words.
    public var text: String { content.rendered(naming: \.flag) }

    /// The line with each option named by `name` (`\.jsonField` for the HTTP API).
    public func message(naming name: (GenerateOptions.Field) -> String) -> String {
        let text = content.rendered(naming: name)
        return level == .warning ? "warning: \(text)" : text
    }

    /// The same note, its options named by `name` once and for all (for an answer of the HTTP API).
    public func naming(_ name: (GenerateOptions.Field) -> String) -> GenerationNote {
        GenerationNote(level, content.rendered(naming: name))
    }

    public var description: String { message(naming: \.flag) }

    enum CodingKeys: String, CodingKey {
        case level, text
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            try container.decode(Level.self, forKey: .level), try container.decode(String.self, forKey: .text))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(level, forKey: .level)
        try container.encode(text, forKey: .text)
    }
}
