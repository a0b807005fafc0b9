/// Why a resolution could not be made for a valid reference.
public enum ResolveError: HardenError, Equatable {
    /// `--variant` names a variant the entry does not have.
    case unknownVariant(image: String, variant: String, available: [String])

    public var category: ErrorCategory { .invalidInput }

    public var description: String {
        switch self {
        case .unknownVariant(let image, let variant, let available):
            "image \(image) has no variant \"\(variant)\"; choose one of: \(available.joined(separator: ", "))"
        }
    }
}
