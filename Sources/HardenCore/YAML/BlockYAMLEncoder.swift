/// Encodes Codable values as block-style YAML, keys in encoding order.
///
/// Written for harden's own typed output (Kubernetes objects, Helm values, Compose files): Yams' YAMLEncoder
/// spends most of its time resolving tags with regular expressions, which made generation ten times slower.
/// Strings are quoted whenever a plain scalar could read as anything but the same string.
public struct BlockYAMLEncoder {
    public init() {}

    public func encode<T: Encodable>(_ value: T) throws -> String {
        let root = YAMLNode()
        try value.encode(to: TreeEncoder(node: root, codingPath: []))
        var output = ""
        switch root.kind {
        case .map where !root.pairs.isEmpty: Self.emitMap(root.pairs, indent: 0, into: &output)
        case .list where !root.items.isEmpty: Self.emitList(root.items, indent: 0, into: &output)
        default: output = Self.inline(root) + "\n"
        }
        return output
    }

    private static func emitMap(
        _ pairs: [(String, YAMLNode)], indent: Int, into output: inout String, dash: String? = nil
    ) {
        let padding = String(repeating: " ", count: indent)
        for (index, (key, value)) in pairs.enumerated() {
            output += index == 0 ? (dash ?? padding) : padding
            output += YAMLScalar.render(key) + ":"
            if case .map = value.kind, !value.pairs.isEmpty {
                output += "\n"
                emitMap(value.pairs, indent: indent + 2, into: &output)
            } else if case .list = value.kind, !value.items.isEmpty {
                output += "\n"
                emitList(value.items, indent: indent, into: &output)
            } else {
                output += " " + inline(value) + "\n"
            }
        }
    }

    private static func emitList(_ items: [YAMLNode], indent: Int, into output: inout String) {
        let dash = String(repeating: " ", count: indent) + "- "
        for item in items {
            if case .map = item.kind, !item.pairs.isEmpty {
                emitMap(item.pairs, indent: indent + 2, into: &output, dash: dash)
            } else if case .list = item.kind, !item.items.isEmpty {
                output += String(repeating: " ", count: indent) + "-\n"
                emitList(item.items, indent: indent + 2, into: &output)
            } else {
                output += dash + inline(item) + "\n"
            }
        }
    }

    private static func inline(_ node: YAMLNode) -> String {
        switch node.kind {
        case .map, .undecided: "{}"
        case .list: "[]"
        case .null: "null"
        case .scalar(let text, let quoted): quoted ? YAMLScalar.render(text) : text
        }
    }
}

/// Plain or quoted rendering of a string scalar.
enum YAMLScalar {
    /// Words a YAML 1.1 or 1.2 reader would take for a boolean or null.
    static let reserved: Set<String> = [
        "", "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE", "yes", "Yes", "YES", "no",
        "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "y", "Y", "n", "N", ".inf", ".Inf", ".INF", "-.inf", "-.Inf",
        "-.INF", "+.inf", "+.Inf", "+.INF", ".nan", ".NaN", ".NAN", "<<", "=",
    ]

    static let reservedMaxLength = reserved.map(\.utf8.count).max() ?? 0
    /// Characters that cannot start a plain scalar.
    static let indicators = Set("-?:,[]{}#&*!|>'\"%@`".utf8)

    static func render(_ text: String) -> String {
        if needsDoubleQuotes(text) { return doubleQuoted(text) }
        return isPlainSafe(text) ? text : "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// Whether `text` reads back as the same string when written plain. One pass over the bytes: Foundation's
    /// substring search was most of the encoder's time.
    static func isPlainSafe(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, let last = bytes.last else { return false }
        if bytes.count <= reservedMaxLength && reserved.contains(text) { return false }
        if indicators.contains(first) {
            // A leading "-" is fine in "-Xmx" but not in "- x" or a negative number.
            guard first == UInt8(ascii: "-"), bytes.count > 1, bytes[1] != UInt8(ascii: " "), !looksNumeric(text) else {
                return false
            }
        }
        if first == UInt8(ascii: " ") || last == UInt8(ascii: " ") || last == UInt8(ascii: ":") { return false }
        for index in bytes.indices {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\t") { return false }
            let next = index + 1 < bytes.count ? bytes[index + 1] : 0
            if byte == UInt8(ascii: ":") && next == UInt8(ascii: " ") { return false }
            if byte == UInt8(ascii: " ") && next == UInt8(ascii: "#") { return false }
        }
        return !looksNumeric(text) && !looksLikeTimestamp(bytes)
    }

    /// YAML 1.1 timestamps (`2001-12-14`, `2001-12-14t21:59:43.10-05:00`, `2001-12-14 21:59:43.10 -5`), which a
    /// reader would turn into a date: a string starting with YYYY-M-D is quoted.
    static func looksLikeTimestamp(_ bytes: [UInt8]) -> Bool {
        func digits(_ range: Range<Int>) -> Bool {
            range.upperBound <= bytes.count && bytes[range].allSatisfy { $0 >= 48 && $0 <= 57 }
        }
        guard bytes.count >= 8, digits(0..<4), bytes[4] == UInt8(ascii: "-") else { return false }
        var index = 5
        for part in 0..<2 {
            let start = index
            while index < bytes.count, index - start < 2, bytes[index] >= 48, bytes[index] <= 57 { index += 1 }
            guard index > start else { return false }
            if part == 0 {
                guard index < bytes.count, bytes[index] == UInt8(ascii: "-") else { return false }
                index += 1
            }
        }
        return index == bytes.count || [UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: " ")].contains(bytes[index])
    }

    /// Numbers (ints, floats, octal, hex, sexagesimal-ish) and dates that a reader would not keep as strings.
    /// Read byte by byte (every character it allows is ASCII): `fix` asks about every scalar it compares.
    static func looksNumeric(_ text: String) -> Bool {
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        var body = text.utf8[...]
        if body.first == UInt8(ascii: "-") || body.first == UInt8(ascii: "+") { body = body.dropFirst() }
        guard let first = body.first else { return false }
        if first == UInt8(ascii: ".") {
            return body.dropFirst().allSatisfy { isDigit($0) || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
        }
        guard isDigit(first) else { return false }
        if body.starts(with: "0x".utf8) || body.starts(with: "0o".utf8) || body.starts(with: "0b".utf8) { return true }
        return body.allSatisfy { isDigit($0) || "._:eE+-".utf8.contains($0) }
    }

    static func needsDoubleQuotes(_ text: String) -> Bool {
        text.unicodeScalars.contains {
            $0.value < 0x20 || $0.value == 0x7F || $0 == "\u{FEFF}" || $0 == "\u{85}" || $0 == "\u{2028}"
                || $0 == "\u{2029}"
        }
    }

    static func doubleQuoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case _
            where scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\u{FEFF}" || scalar == "\u{85}"
                || scalar == "\u{2028}" || scalar == "\u{2029}":
                result +=
                    "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
