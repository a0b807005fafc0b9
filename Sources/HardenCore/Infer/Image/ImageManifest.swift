import Foundation

/// The JSON documents of an image, as the OCI image spec and Docker's archive format write them; only the fields
/// inference reads.
struct OCIDescriptor: Decodable, Sendable {
    struct Platform: Decodable, Sendable {
        var architecture: String
        var os: String
        var variant: String?
    }

    var mediaType: String?
    var digest: String
    var size: Int?
    var annotations: [String: String]?
    var platform: Platform?

    var refName: String? { annotations?["org.opencontainers.image.ref.name"] }
}

/// An image index (`index.json`, a manifest list) or an image manifest: one type, since either may be found where
/// the other is expected and `manifests` tells them apart.
struct OCIManifest: Decodable, Sendable {
    var mediaType: String?
    var manifests: [OCIDescriptor]?
    var config: OCIDescriptor?
    var layers: [OCIDescriptor]?
}

/// `manifest.json` of a docker-archive: one item per image.
struct DockerArchiveItem: Decodable, Sendable {
    var config: String
    var repoTags: [String]?
    var layers: [String]

    enum CodingKeys: String, CodingKey {
        case config = "Config"
        case repoTags = "RepoTags"
        case layers = "Layers"
    }
}

/// An image's configuration: what it runs, as whom, with which ports, volumes and environment.
public struct ImageConfig: Decodable, Sendable, Equatable {
    public struct Settings: Decodable, Sendable, Equatable {
        public var user: String?
        public var exposedPorts: [String]
        public var environment: [String]
        public var entrypoint: [String]?
        public var command: [String]?
        public var workingDirectory: String?
        public var volumes: [String]

        enum CodingKeys: String, CodingKey {
            case user = "User"
            case exposedPorts = "ExposedPorts"
            case environment = "Env"
            case entrypoint = "Entrypoint"
            case command = "Cmd"
            case workingDirectory = "WorkingDir"
            case volumes = "Volumes"
        }

        /// `{}`, the value of every key of ExposedPorts and Volumes.
        private struct Empty: Decodable {}

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            user = try container.decodeIfPresent(String.self, forKey: .user)
            exposedPorts =
                try container.decodeIfPresent([String: Empty].self, forKey: .exposedPorts)?.keys.sorted() ?? []
            environment = try container.decodeIfPresent([String].self, forKey: .environment) ?? []
            entrypoint = try container.decodeIfPresent([String].self, forKey: .entrypoint)
            command = try container.decodeIfPresent([String].self, forKey: .command)
            workingDirectory = try container.decodeIfPresent(String.self, forKey: .workingDirectory)
            volumes = try container.decodeIfPresent([String: Empty].self, forKey: .volumes)?.keys.sorted() ?? []
        }

        init() {
            exposedPorts = []
            environment = []
            volumes = []
        }
    }

    public struct RootFS: Decodable, Sendable, Equatable {
        public var diffIDs: [String]

        enum CodingKeys: String, CodingKey {
            case diffIDs = "diff_ids"
        }
    }

    public var architecture: String?
    public var os: String?
    public var config: Settings
    public var rootfs: RootFS?

    enum CodingKeys: String, CodingKey {
        case architecture, os, config, rootfs
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        architecture = try container.decodeIfPresent(String.self, forKey: .architecture)
        os = try container.decodeIfPresent(String.self, forKey: .os)
        config = try container.decodeIfPresent(Settings.self, forKey: .config) ?? Settings()
        rootfs = try container.decodeIfPresent(RootFS.self, forKey: .rootfs)
    }

    /// An environment variable's value as the image sets it.
    public func environment(_ name: String) -> String? {
        config.environment.last { $0.hasPrefix(name + "=") }.map { String($0.dropFirst(name.count + 1)) }
    }
}

/// Decodes one of the image's JSON documents, with an error that names it.
func decodeImageJSON<T: Decodable>(_ type: T.Type, from bytes: [UInt8], what: String) throws(ImageError) -> T {
    do {
        return try JSONDecoder().decode(T.self, from: Data(bytes))
    } catch {
        throw .malformed("\(what) is not valid JSON of the expected shape (\(Quoted.brief("\(error)", limit: 120)))")
    }
}
