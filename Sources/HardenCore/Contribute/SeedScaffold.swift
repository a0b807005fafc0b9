/// A new seed file with every field present and documented, for a contributor to fill in.
///
/// Placeholders say TODO, and the validator refuses any value containing TODO, so a scaffold cannot be merged
/// unfinished.
public enum SeedScaffold {
    /// The marker of a value still to fill in; the seed reader refuses any value that contains it.
    public static let placeholder = "TODO"

    public static func render(repository: String, dockerfile: DockerfileFacts? = nil) -> String {
        let name = repository.split(separator: "/").last.map(String.init) ?? repository
        let shipped = dockerfile?.user ?? "root"
        let numeric = dockerfile?.user.flatMap { Int($0.split(separator: ":").first ?? "") }
        let uid = numeric.map(String.init) ?? "TODO"
        var text = SeedSchema.header(repository: repository) + "\n"
        text += """
            # Seed entry for \(repository). Format: seed-data/README.md. Replace every TODO; `harden entries lint`
            # refuses a file that still has one. Delete the comments you do not need.
            repository: \(repository)
            description: TODO one line on what \(name) is
            homepage: TODO https://...

            # Other names of the same image content (kind: mirror or alias). Delete if none.
            aliases: []

            # Every fact below cites these by id. confidence: high (read in the image's own files at `revision`),
            # medium (official docs or a maintainer), low (not verified: say why in `note`).
            sources:
              - id: dockerfile
                url: TODO https://github.com/OWNER/REPO/blob/COMMIT/PATH/Dockerfile
                revision: TODO commit or version
                confidence: high
              - id: entrypoint
                url: TODO https://github.com/OWNER/REPO/blob/COMMIT/PATH/docker-entrypoint.sh
                revision: TODO commit or version
                confidence: high

            variants:
              - name: default
                description: TODO which tags this covers
                default: true
                tags: ["*"]
                # versions: ">=2, <3"      # only where a path or UID moved between versions
                priority: 0
                user:
                  shipped: "\(shipped)"          # the Dockerfile's final USER as written; root when it sets none
                  uid: \(uid)                  # the non-root uid that owns what the process writes (never 0)
                  gid: \(uid)                  # its group (never 0)
                  # fsGroup: \(uid)            # only for persistent data volumes
                  sources: [dockerfile]
                # One entry per path the process writes at run time: pid files, sockets, temp and cache dirs,
                # data. The most specific directory, never a parent of image content.
                writablePaths:

            """
        let volumes = dockerfile?.volumes ?? []
        if volumes.isEmpty {
            text += """
                      - path: /tmp
                        why: TODO which file the process writes here
                        type: directory        # directory | file
                        data: scratch          # scratch | persistent
                        seedFromImage: false   # true when the image's own content here must be kept
                        sources: [entrypoint]

                """
        }
        for volume in volumes {
            text += """
                      - path: \(volume)
                        why: TODO what is written here (declared as a VOLUME in the Dockerfile)
                        type: directory
                        data: persistent
                        seedFromImage: false
                        sources: [dockerfile]

                """
        }
        text += """
                # Image content that must never be hidden by a mount on it, above it or inside it.
                protectedPaths:
                  - path: TODO /etc/\(name)
                    why: TODO the configuration shipped by the image
                    sources: [dockerfile]
            """
        text += "\n"
        let ports = dockerfile?.ports ?? []
        text += ports.isEmpty ? "    ports: []\n" : "    ports:\n"
        for port in ports {
            text += "      - port: \(port.port)\n"
            text += "        protocol: \(port.protocol.rawValue)\n"
            text += "        why: EXPOSEd in the Dockerfile\n"
            if port.port < Port.firstUnprivilegedPort {
                text += "        howToChange: TODO how to listen on a port >= 1024 instead\n"
            }
            text += "        sources: [dockerfile]\n"
        }
        text += """
                # Only capabilities the process needs after dropping ALL (file capabilities on the binary).
                capabilities: []
                # Variables that matter for read-only / non-root running; required: true only if the generator
                # must set them.
                environment: []
                # Settings the image refuses to start without and only its user can choose (a database's
                # password), each as {name, secret: true|false, why, sources}; the generator asks for them.
                requiredEnvironment: []
                # What goes wrong: entrypoints that chown or switch user only as root, config they rewrite at
                # start, named USERs, paths people assume that do not exist.
                pitfalls:
                  - summary: TODO what the entrypoint does when not started as root
                    sources: [entrypoint]

            """
        return text
    }
}
