/// A pasted log as lines without what the tool around the process added: `kubectl logs --prefix` and
/// `--timestamps`, compose's `web_1  | `, journald's `Jun 11 10:41:07 host unit[pid]: `, CRLF line ends.
struct LogLines {
    struct Line {
        /// 1-based, as the user's editor shows it.
        let number: Int
        let original: String
        let text: String
    }

    let lines: [Line]

    init(_ text: String) {
        var lines: [Line] = []
        // Split on any line end: "\r\n" is one Character in Swift, so splitting on "\n" would miss CRLF logs.
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let original = String(raw)
            lines.append(Line(number: index + 1, original: original, text: Self.strip(original)))
        }
        self.lines = lines
    }

    nonisolated(unsafe) static let kubectlPrefix = #/^\[pod/[^\]\s]+\] /#
    nonisolated(unsafe) static let timestamp = #/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:?\d\d)? /#
    nonisolated(unsafe) static let compose = #/^[A-Za-z0-9][\w.-]*\s*\| ?/#
    nonisolated(unsafe) static let journald = #/^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \S+ [^\s:\[]+(\[\d+\])?: /#

    /// The line as the process wrote it.
    static func strip(_ line: String) -> String {
        var text = Substring(line)
        for _ in 0..<3 {
            let before = text
            if let match = text.prefixMatch(of: kubectlPrefix) { text = text[match.range.upperBound...] }
            if let match = text.prefixMatch(of: timestamp) { text = text[match.range.upperBound...] }
            if let match = text.prefixMatch(of: journald) { text = text[match.range.upperBound...] }
            if let match = text.prefixMatch(of: compose), !text.hasPrefix("/") {
                text = text[match.range.upperBound...]
            }
            if text == before { break }
        }
        return String(text)
    }
}
