/// Profiles inferred from images, by the reference a manifest runs them as: what `audit --infer-image` and
/// `fix --infer-image` give the image-aware rules for images the knowledge base does not know.
public struct InferredImages: Sendable {
    public struct Entry: Sendable {
        public var reference: ImageReference
        public var profile: Profile
        /// Where it was inferred from (`oci-archive:app.tar`), said in every finding's resolution.
        public var source: String

        public init(reference: ImageReference, profile: Profile, source: String) {
            self.reference = reference
            self.profile = profile
            self.source = source
        }
    }

    public static let none = InferredImages(entries: [])

    public var entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// The entry for `reference`: the same repository, and the same tag or digest when the entry names one.
    func profile(for reference: ImageReference) -> Entry? {
        entries.first { entry in
            entry.reference.repository == reference.repository
                && (entry.reference.tagIsImplicit || entry.reference.tag == reference.tag)
                && (entry.reference.digest == nil || entry.reference.digest == reference.digest)
        }
    }
}
