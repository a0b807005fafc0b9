/// A dotted numeric version such as `1.27.3`, compared numerically component by component.
public struct Version: Sendable, Comparable, Hashable, CustomStringConvertible {
    public var components: [Int]

    /// Parses `1.27.3` (an optional leading `v` is accepted: `v3.1`).
    public init?(_ text: String) {
        let digits = text.hasPrefix("v") ? String(text.dropFirst()) : text
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard !parts.isEmpty, parts.count <= 8 else { return nil }
        var components: [Int] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 9, part.allSatisfy(\.isASCIIDigit), let value = Int(part) else {
                return nil
            }
            components.append(value)
        }
        self.components = components
    }

    /// The version a tag starts with: `1.27-alpine` -> 1.27, `v3.1.2` -> 3.1.2, `latest` -> nil.
    public init?(leadingVersionOf tag: String) {
        var body = Substring(tag)
        if body.hasPrefix("v") { body = body.dropFirst() }
        let prefix = body.prefix { $0.isASCIIDigit || $0 == "." }
        let trimmed = prefix.hasSuffix(".") ? prefix.dropLast() : prefix
        guard !trimmed.isEmpty, let version = Version(String(trimmed)) else { return nil }
        self = version
    }

    public static func < (lhs: Version, rhs: Version) -> Bool {
        let count = max(lhs.components.count, rhs.components.count)
        for index in 0..<count {
            let left = index < lhs.components.count ? lhs.components[index] : 0
            let right = index < rhs.components.count ? rhs.components[index] : 0
            if left != right { return left < right }
        }
        return false
    }

    public static func == (lhs: Version, rhs: Version) -> Bool {
        !(lhs < rhs) && !(rhs < lhs)
    }

    public func hash(into hasher: inout Hasher) {
        var trimmed = components
        while trimmed.last == 0 { trimmed.removeLast() }
        hasher.combine(trimmed)
    }

    public var description: String { components.map(String.init).joined(separator: ".") }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
    var isASCIIHexDigit: Bool { isASCII && isHexDigit }
}
