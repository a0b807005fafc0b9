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
    var writable: [Evidenced] = []
    var protected: [Evidenced] = []
    var ports: [Int: String] = [:]
    var notes: [Evidenced] = []

    mutating func addWritable(_ path: String, _ evidence: String, _ confidence: Confidence) {
        guard let normalised = Self.normalise(path, workdir: workdir) else { return }
        if let index = writable.firstIndex(where: { $0.value == normalised }) {
            if confidence > writable[index].confidence { writable[index].confidence = confidence }
            return
        }
        writable.append(Evidenced(value: normalised, evidence: evidence, confidence: confidence))
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
