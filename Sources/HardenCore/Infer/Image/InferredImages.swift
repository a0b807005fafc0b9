import Synchronization

/// Profiles inferred from images, by the reference a manifest runs them as: what `audit --infer-image` and
/// `fix --infer-image` give the image-aware rules for images the knowledge base does not know, and with `--infer`,
/// what pulling such an image from its registry gives.
public struct InferredImages: Sendable {
    public struct Entry: Sendable {
        public var reference: ImageReference
        public var facts: ImageFacts
        /// Where it was inferred from (`oci-archive:app.tar`), said in every finding's resolution.
        public var source: String

        public init(reference: ImageReference, facts: ImageFacts, source: String) {
            self.reference = reference
            self.facts = facts
            self.source = source
        }
    }

    public static let none = InferredImages(entries: [])

    public var entries: [Entry]
    /// Infers the images no entry names, once each; nil when the user did not ask for it.
    public var pull: ImagePull?

    public init(entries: [Entry], pull: ImagePull? = nil) {
        self.entries = entries
        self.pull = pull
    }

    /// The entry for `reference`: the same repository, and the same tag or digest when the entry names one.
    func entry(for reference: ImageReference) -> Entry? {
        let named = entries.first { entry in
            entry.reference.repository == reference.repository
                && (entry.reference.tagIsImplicit || entry.reference.tag == reference.tag)
                && (entry.reference.digest == nil || entry.reference.digest == reference.digest)
        }
        return named ?? pull?.entry(for: reference)
    }
}

/// Pulls and infers each image the knowledge base does not know, once, however many containers and files run it.
/// `infer` says on its own what went wrong when it returns nil: the image then stays unknown, and the audit says so.
public final class ImagePull: Sendable {
    private let infer: @Sendable (ImageReference) -> InferredImages.Entry?
    /// One slot per image: files audited in parallel that run the same image wait for its one pull, while other
    /// images are pulled at the same time.
    private let slots = Mutex<[String: Slot]>([:])

    /// An image's pull: nil until it is done, then its entry (nil again inside when it could not be inferred).
    private final class Slot: Sendable {
        let result = Mutex<InferredImages.Entry??>(nil)
    }

    public init(infer: @escaping @Sendable (ImageReference) -> InferredImages.Entry?) {
        self.infer = infer
    }

    func entry(for reference: ImageReference) -> InferredImages.Entry? {
        let slot = slots.withLock { slots in
            if let slot = slots[reference.description] { return slot }
            let slot = Slot()
            slots[reference.description] = slot
            return slot
        }
        return slot.result.withLock { result in
            if let done = result { return done }
            let entry = infer(reference)
            result = .some(entry)
            return entry
        }
    }
}
