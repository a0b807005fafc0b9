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
    /// The first batch that could not be encoded; thrown by `finish`, since the audit that hands the batches over
    /// does not stop for it.
    private var failure: (any Error)?

    init(_ format: AuditCommand.Format, colour: Bool, version: String, to output: any TextOutput) {
        self.output = output
        switch format {
        case .text: self.format = .text(AuditText(colour: colour))
        case .json:
            let stream = AuditReport.JSONStream()
            output.write(stream.opening)
            self.format = .json(stream)
        case .sarif:
            let stream = SARIFReport.Stream(version: version)
            output.write(stream.opening)
            self.format = .sarif(stream)
        }
    }

    mutating func write(_ part: AuditReport) {
        guard failure == nil else { return }
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
        switch format {
        case .text(let text): text.closing(rest, counts: counts, to: output)
        case .json(let stream): output.line(try stream.closing(rest))
        case .sarif(let stream): output.line(try stream.closing(rest))
        }
    }
}
