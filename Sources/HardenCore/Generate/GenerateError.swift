/// Why a spec could not be generated. An option error carries the option it is about, so that each shell names it
/// in its own words: the CLI as its flag (`--port`), the HTTP API as its JSON field (`ports`).
public enum GenerateError: HardenError, Equatable {
    case unknownImage(reference: String, suggestions: [String])
    case invalidOption(GenerateOptions.Field, String)

    public var category: ErrorCategory {
        switch self {
        case .unknownImage: .notFound
        case .invalidOption: .invalidOption
        }
    }

    /// The message with each option named by `name`.
    public func message(naming name: (GenerateOptions.Field) -> String) -> String {
        switch self {
        case .unknownImage(let reference, let suggestions):
            let hint = suggestions.isEmpty ? "" : " (did you mean \(suggestions.joined(separator: ", "))?)"
            return
                "\(Quoted.brief(reference)) is not in the knowledge base\(hint); say how to run it: \(name(.like)) IMAGE starts from a known image's profile, \(name(.generic)) uses a generic one (uid 65532, /tmp only), or add an entry (`harden entries new`)"
        case .invalidOption(let field, let message):
            return "\(name(field)): \(message)"
        }
    }

    /// The CLI's words.
    public var description: String { message(naming: \.flag) }
}
