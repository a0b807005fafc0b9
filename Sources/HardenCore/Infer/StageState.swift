/// What the instructions of one build stage establish, as the interpreter walks them: a stage built FROM an earlier
/// stage starts with a copy of that stage's state.
struct StageState {
    /// An inferred fact and the Dockerfile line that shows it.
    struct Evidenced: Equatable {
        var value: String
        var evidence: String
        var confidence: Confidence
    }

    var name: String?
    /// The external image the stage chain starts from (`scratch` included), as written after expansion.
    var base: String
    var variables = BuildVariables()
    var workdir = "/"
    var user: Evidenced?
    var accounts = Accounts()
    /// The accounts every stage of the Dockerfile created, for a USER name this stage did not create itself.
    var otherStagesAccounts: [Accounts] = []
    var writable: [Evidenced] = []
    var protected: [Evidenced] = []
    var ports: [Int: String] = [:]
    /// Directories this Dockerfile creates empty (mkdir, install -d): writable without hiding anything.
    var created: Set<String> = []
    /// Created directories that later commands fill (tar -C, mv, an installer's --dir).
    var populated: Set<String> = []
    /// Users that own what the Dockerfile chowns, in order: the user an entrypoint steps down to.
    var owners: [String] = []

    mutating func addWritable(_ path: String, _ evidence: String, _ confidence: Confidence) {
        guard let normalised = Self.normalise(path, workdir: workdir) else { return }
        if let index = writable.firstIndex(where: { $0.value == normalised }) {
            if confidence > writable[index].confidence { writable[index].confidence = confidence }
            return
        }
        writable.append(Evidenced(value: normalised, evidence: evidence, confidence: confidence))
    }

    /// Whether `path` was created empty by this Dockerfile, or lies inside such a directory.
    func wasCreated(_ path: String) -> Bool {
        guard let normalised = Self.normalise(path, workdir: workdir) else { return false }
        return created.contains(normalised) || ContainerPath.ancestors(of: normalised).contains(where: created.contains)
    }

    /// Whether a later command put content in `path` or a directory around it.
    func isPopulated(_ path: String) -> Bool {
        populated.contains {
            $0 == path || ContainerPath.isAncestor($0, of: path) || ContainerPath.isAncestor(path, of: $0)
        }
    }

    mutating func addCreated(_ path: String) {
        if let normalised = Self.normalise(path, workdir: workdir) { created.insert(normalised) }
    }

    mutating func addProtected(_ path: String, _ evidence: String) {
        guard let normalised = Self.normalise(path, workdir: workdir),
            !protected.contains(where: { $0.value == normalised })
        else { return }
        protected.append(Evidenced(value: normalised, evidence: evidence, confidence: .high))
    }

    /// An absolute, normalised path (relative ones resolved against WORKDIR), or nil for what is not a path.
    static func normalise(_ path: String, workdir: String) -> String? {
        guard !path.isEmpty, !path.contains("$"), !path.contains("*") else { return nil }
        let absolute = path.hasPrefix("/") ? path : (workdir == "/" ? "/" : workdir + "/") + path
        var components: [Substring] = []
        for component in absolute.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": _ = components.popLast()
            default: components.append(component)
            }
        }
        let result = "/" + components.joined(separator: "/")
        return result == "/" ? nil : result
    }
}
