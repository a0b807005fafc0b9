/// The answer to "how do I run this image hardened?": the parsed reference, which entry and variant matched and
/// why, and the facts that matter. This is the stable JSON contract of `harden resolve --output json` and
/// `GET /v1/resolve`; fields are only ever added. The facts are written as `profile`, their flattened view.
public struct Resolution: Sendable, Equatable {
    /// How the repository was recognised.
    public enum Via: String, Codable, Sendable {
        case canonical
        case alias
        case mirror
        /// Not in the knowledge base: the profile was inferred from an image the user named (audit and fix).
        case inferred
    }

    public struct Match: Codable, Sendable, Equatable {
        /// The canonical repository of the entry.
        public var image: String
        public var variant: String
        public var via: Via
        /// One or two sentences: which rules chose this entry and variant.
        public var reason: String
        /// What was assumed rather than known (a digest without a tag picks the default variant).
        public var assumptions: [String]
    }

    public var input: String
    public var reference: ImageReference
    public var match: Match?
    /// What the image needs to run hardened; nil for an image the knowledge base does not know (unless the audit
    /// was given facts inferred from the image: `match.via` is then `inferred`).
    public var facts: ImageFacts?
    /// Known repositories close to an unknown one ("did you mean").
    public var suggestions: [String]

    /// The facts as the JSON contract writes them.
    public var profile: Profile? { facts.map(Profile.init) }
}

extension Resolution: Codable {
    enum CodingKeys: String, CodingKey {
        case input, reference, match, profile, suggestions
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        input = try container.decode(String.self, forKey: .input)
        reference = try container.decode(ImageReference.self, forKey: .reference)
        match = try container.decodeIfPresent(Match.self, forKey: .match)
        facts = try container.decodeIfPresent(Profile.self, forKey: .profile).map(ImageFacts.init)
        suggestions = try container.decode([String].self, forKey: .suggestions)
    }

    /// Writes `match` and `profile` as explicit nulls for an unknown image, as the contract documents.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(input, forKey: .input)
        try container.encode(reference, forKey: .reference)
        try container.encode(match, forKey: .match)
        try container.encode(profile, forKey: .profile)
        try container.encode(suggestions, forKey: .suggestions)
    }
}
