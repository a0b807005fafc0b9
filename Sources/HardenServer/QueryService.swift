import Foundation
import HardenCore
import NIOCore

/// The core behind every route: the same resolver, generator and auditor as the CLI, over one read-only
/// knowledge base. The knowledge base never changes while the service runs, so resolve answers are memoised.
public final class QueryService: Sendable {
    public let knowledgeBase: KnowledgeBase
    let resolver: Resolver
    let generator: SpecGenerator
    /// Encoded resolve answers; 8 MiB holds about 2,000 (4 KB buffers each), more than the distinct images of a busy
    /// cluster, and keeps the service under 64 MiB of RSS however many distinct references it is asked. Kept as the
    /// buffers the answers are written from, so that a memoised answer is sent without being copied; each is
    /// charged its buffer's whole storage (NIO rounds it up to a power of two).
    private let resolved = MemoCache<ByteBuffer>(byteBudget: 8 << 20) { $0.storageCapacity }
    /// Every entry without its facts, read once at start-up (for /v1/images and /readyz).
    let summaries: [ImageSummary]
    public var imageCount: Int { summaries.count }
    /// The threads, the concurrency bound and the deadline of generate, audit, fix and resolve batches.
    let heavyWork: HeavyWork

    public convenience init(knowledgeBase: KnowledgeBase) throws {
        try self.init(knowledgeBase: knowledgeBase, heavyWork: HeavyWork())
    }

    /// Set when the knowledge base failed under a request (an I/O error, a file damaged after start-up): /readyz
    /// then says not ready, so that the orchestrator stops routing to this instance.
    let knowledgeBaseFailure = FailureFlag()

    /// Reads every entry once, so that a damaged knowledge base stops the service at start-up with one line rather
    /// than failing its first requests.
    init(knowledgeBase: KnowledgeBase, heavyWork: HeavyWork) throws {
        self.knowledgeBase = knowledgeBase
        self.heavyWork = heavyWork
        _ = try knowledgeBase.allEntries()
        resolver = Resolver(knowledgeBase: knowledgeBase)
        generator = SpecGenerator(resolver: resolver)
        summaries = try knowledgeBase.summaries()
    }

    /// The JSON of `harden resolve --output json` for one reference.
    func resolve(_ reference: String, variant: String?) throws -> ByteBuffer {
        try resolved.value(for: Self.resolvedKey(reference, variant: variant)) {
            ByteBuffer(bytes: try JSONOutput.encode(try resolver.resolve(reference, variant: variant), pretty: false))
        }
    }

    /// The answer `resolve(_:variant:)` gives, if it is memoised; never resolves.
    func memoisedResolve(_ reference: String, variant: String?) -> ByteBuffer? {
        resolved.cached(for: Self.resolvedKey(reference, variant: variant))
    }

    private static func resolvedKey(_ reference: String, variant: String?) -> String {
        "\(reference)\u{0}\(variant ?? "")"
    }

    /// One outcome per reference of a batch: a resolution, or the error for that reference alone.
    func resolve(batch: ResolveBatchRequest) throws -> Data {
        let outcomes = batch.references.map { reference -> ResolveOutcome in
            do {
                return .resolution(try resolver.resolve(reference, variant: batch.variant))
            } catch let error as any HardenError {
                return .failure(input: reference, message: error.description)
            } catch {
                return .failure(input: reference, message: "internal error")
            }
        }
        return try JSONOutput.encode(outcomes, pretty: false)
    }

    /// Every entry, or those whose repository, alias or description contains `query`.
    func images(matching query: String?) throws -> Data {
        guard let query = query?.lowercased(), !query.isEmpty else {
            return try JSONOutput.encode(summaries, pretty: false)
        }
        return try JSONOutput.encode(
            summaries.filter { summary in
                summary.repository.contains(query) || summary.aliases.contains { $0.contains(query) }
                    || summary.description.lowercased().contains(query)
            }, pretty: false)
    }

    /// One entry with its sources, by any reference to it.
    func image(_ name: String) throws -> Data {
        let reference = try ImageReference.parse(name)
        guard let found = try resolver.findEntry(for: reference) else {
            let suggestions = try resolver.suggestions(for: reference)
            let hint = suggestions.isEmpty ? "" : "; did you mean \(suggestions.joined(separator: ", "))?"
            throw APIError.notFound(
                "\(reference.repository) is not in the knowledge base\(hint)", field: "repository")
        }
        return try JSONOutput.encode(found.entry, pretty: false)
    }

    func generate(_ request: GenerateRequest, encoding: SpecGenerator.Encoding) throws -> SpecGenerator.Output {
        try generator.generate(request.references, options: try request.options(), encoding: encoding)
    }

    func infer(_ dockerfile: String, target: String?) throws -> Data {
        try JSONOutput.encode(
            try DockerfileInference(resolver: resolver).infer(dockerfile, target: target), pretty: false)
    }

    func diagnose(_ log: String, image: String?) throws -> Data {
        try JSONOutput.encode(try Diagnoser(resolver: resolver).diagnose(log, image: image), pretty: false)
    }

    /// At most this many findings in one answer: a 1 MiB manifest can yield tens of megabytes of findings.
    static let maxFindings = 2_000

    func audit(_ manifest: String, sarif: Bool) throws -> Data {
        let report = try auditReport(manifest)
        return sarif
            ? try JSONOutput.encode(SARIFReport(report, version: ServerInfo.version), pretty: false)
            : try JSONOutput.encode(report, pretty: false)
    }

    func auditReport(_ manifest: String) throws -> AuditReport {
        try Auditor(resolver: resolver).audit(
            [ManifestInput(file: "request", text: manifest)], findingLimit: Self.maxFindings)
    }

    /// `harden fix` of one manifest: edited in place, migrations withheld.
    func fix(_ manifest: String) throws -> FixedFile {
        try ManifestFixer(auditor: Auditor(resolver: resolver)).fix(ManifestInput(file: "request", text: manifest))
    }
}

/// The first knowledge-base failure seen under a request, if any.
final class FailureFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var failure: String?

    var message: String? { lock.withLock { failure } }

    func record(_ message: String) {
        lock.withLock { if failure == nil { failure = message } }
    }
}

/// What the service says about itself.
public enum ServerInfo {
    public static let version = HardenVersion.current
}
