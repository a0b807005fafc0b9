import HardenCore

/// An audit report written in the chosen format as the audit makes it: each batch's findings as soon as they are
/// found (`write`), then everything else (`finish`). A large tree's findings are never held whole, in any format.
struct AuditOutput {
    private enum Format {
        case text(AuditText)
        case json(AuditReport.JSONStream)
        case sarif(SARIFReport.Stream)
    }

    private var format: Format
    private let output: any TextOutput
    /// The document's first line, written with the first batch: an audit that fails before it has read anything
    /// (a damaged knowledge base) leaves standard output empty, not holding half a document.
    private var opening: String?
    /// The first batch that could not be encoded; thrown by `finish`, since the audit that hands the batches over
    /// does not stop for it.
    private var failure: (any Error)?

    init(_ format: AuditCommand.Format, colour: Bool, version: String, to output: any TextOutput) {
        self.output = output
        switch format {
        case .text: self.format = .text(AuditText(colour: colour))
        case .json:
            let stream = AuditReport.JSONStream()
            opening = stream.opening
            self.format = .json(stream)
        case .sarif:
            let stream = SARIFReport.Stream(version: version)
            opening = stream.opening
            self.format = .sarif(stream)
        }
    }

    mutating func write(_ part: AuditReport) {
        guard failure == nil else { return }
        if let opening { output.write(opening) }
        opening = nil
        do {
            switch format {
            case .text(let text): text.findings(of: part, to: output)
            case .json(var stream):
                try stream.findings(of: part, to: output.write)
                format = .json(stream)
            case .sarif(var stream):
                try stream.results(of: part, to: output.write)
                format = .sarif(stream)
            }
        } catch {
            failure = error
        }
    }

    /// Ends the report with `rest`, the report of everything but the findings, which were `counts`.
    func finish(_ rest: AuditReport, counts: SeverityCounts) throws {
        if let failure { throw failure }
        if let opening { output.write(opening) }
        switch format {
        case .text(let text): text.closing(rest, counts: counts, to: output)
        case .json(let stream): output.line(try stream.closing(rest))
        case .sarif(let stream): output.line(try stream.closing(rest))
        }
    }
}
