/// How every message quotes what the user gave: briefly, on one line, with nothing a terminal would interpret.
/// A 1 MB reference or a Secret inside a duplicate-key error must not land whole in a CI log.
public enum Quoted {
    /// At most this many characters of the input are shown.
    public static let limit = 80

    /// `text` cut to `limit` characters (with "..." when cut), control and invisible formatting characters escaped
    /// as `\u{...}` (newline and tab as `\n`, `\t`), so the message stays one line and prints what it says.
    public static func brief(_ text: some StringProtocol, limit: Int = limit) -> String {
        escape(text, limit: limit)
    }

    /// `text` whole, escaped as `brief` escapes it: for what a report must print in full (a file path, an object's
    /// name), where a control character in a hostile file name could otherwise rewrite the terminal or the CI log.
    /// Text that is all printable ASCII, nearly all of it, comes back as it is without being copied.
    public static func escaped(_ text: String) -> String {
        let plain = text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
        }
        if plain ?? text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        return escape(text, limit: Int.max)
    }

    private static func escape(_ text: some StringProtocol, limit: Int) -> String {
        var result = ""
        var count = 0
        for scalar in text.unicodeScalars {
            guard count < limit else { return result + "..." }
            count += 1
            switch scalar {
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                let category = scalar.properties.generalCategory
                if category == .control || category == .format || category == .lineSeparator
                    || category == .paragraphSeparator
                {
                    result += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}
