/// A range of image versions such as `>=1.25, <2`, matched against the leading version of a tag.
///
/// Versions compare component by component with missing components as zero, so `<1.27` excludes `1.27.3`
/// and `>=16` includes `16.2`. Write upper bounds as `<NEXT` rather than `<=LAST`.
public struct VersionRange: Sendable, Equatable, CustomStringConvertible {
    public struct Comparator: Sendable, Equatable {
        public enum Operator: String, Sendable, CaseIterable {
            case greaterOrEqual = ">="
            case lessOrEqual = "<="
            case greater = ">"
            case less = "<"
            case equal = "="
        }

        public var op: Operator
        public var version: Version

        func admits(_ candidate: Version) -> Bool {
            switch op {
            case .greaterOrEqual: candidate >= version
            case .lessOrEqual: candidate <= version
            case .greater: candidate > version
            case .less: candidate < version
            case .equal: candidate == version
            }
        }
    }

    public var comparators: [Comparator]

    /// Parses `>=1.25, <2`; returns nil for anything else.
    public init?(_ text: String) {
        var comparators: [Comparator] = []
        for part in text.split(separator: ",") {
            let trimmed = Self.trimmed(part)
            guard let op = Comparator.Operator.allCases.first(where: { trimmed.hasPrefix($0.rawValue) }),
                let version = Version(String(Self.trimmed(trimmed.dropFirst(op.rawValue.count))))
            else { return nil }
            comparators.append(Comparator(op: op, version: version))
        }
        guard !comparators.isEmpty else { return nil }
        self.comparators = comparators
    }

    /// `text` without the spaces and tabs around it; Foundation's `trimmingCharacters(in:)` costs a resolve a
    /// character-set setup on first use.
    private static func trimmed(_ text: Substring) -> Substring {
        let filled: (Character) -> Bool = { $0 != " " && $0 != "\t" }
        guard let first = text.firstIndex(where: filled), let last = text.lastIndex(where: filled) else { return "" }
        return text[first...last]
    }

    public func contains(_ version: Version) -> Bool {
        comparators.allSatisfy { $0.admits(version) }
    }

    /// Whether no version can satisfy every comparator (`>=2, <1`).
    public var isEmpty: Bool {
        let lower = comparators.filter { $0.op == .greaterOrEqual || $0.op == .greater || $0.op == .equal }
        let upper = comparators.filter { $0.op == .lessOrEqual || $0.op == .less || $0.op == .equal }
        for low in lower {
            for high in upper {
                if low.version > high.version { return true }
                let touching = low.version == high.version
                let closed =
                    (low.op == .greaterOrEqual || low.op == .equal) && (high.op == .lessOrEqual || high.op == .equal)
                if touching && !closed { return true }
            }
        }
        return false
    }

    public var description: String {
        comparators.map { "\($0.op.rawValue)\($0.version)" }.joined(separator: ", ")
    }
}

extension VersionRange: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let range = VersionRange(text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "invalid version range \"\(text)\""))
        }
        self = range
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
