/// Why a spec could not be generated.
public enum GenerateError: HardenError, Equatable {
    case unknownImage(reference: String, suggestions: [String])
    case invalidOption(String)

    public var category: ErrorCategory {
        switch self {
        case .unknownImage: .notFound
        case .invalidOption: .invalidInput
        }
    }

    public var description: String {
        switch self {
        case .unknownImage(let reference, let suggestions):
            let hint = suggestions.isEmpty ? "" : " (did you mean \(suggestions.joined(separator: ", "))?)"
            return
                "\(reference) is not in the knowledge base\(hint); --strict refuses generic profiles: add an entry or drop --strict"
        case .invalidOption(let message):
            return message
        }
    }
}
