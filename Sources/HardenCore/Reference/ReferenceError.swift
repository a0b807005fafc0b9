/// Why a string is not a valid image reference. Each case names the rule, following distribution/reference.
public struct ReferenceError: Error, Sendable, Equatable, CustomStringConvertible {
    public var input: String
    public var reason: String

    public init(input: String, reason: String) {
        self.input = input
        self.reason = reason
    }

    public var description: String { "invalid image reference \"\(Quoted.brief(input))\": \(reason)" }
}
