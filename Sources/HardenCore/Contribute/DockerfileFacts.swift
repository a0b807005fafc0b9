import Foundation

/// The facts a Dockerfile states directly, read from its final stage: USER, EXPOSE, VOLUME, WORKDIR.
///
/// A starting point for a seed entry, never a substitute for reading the entrypoint: a Dockerfile does not say
/// which paths the process writes at run time.
public struct DockerfileFacts: Sendable, Equatable {
    public struct ExposedPort: Sendable, Equatable {
        public var port: Int
        public var `protocol`: Port.TransportProtocol
    }

    /// The final USER, exactly as written (after ARG/ENV substitution), or nil when the final stage sets none.
    public var user: String?
    public var ports: [ExposedPort] = []
    public var volumes: [String] = []
    public var workdir: String?

    /// Reads the final stage of `text`. Variables from ARG and ENV defaults are substituted.
    public init(parsing text: String) {
        var variables: [String: String] = [:]
        for instruction in Self.instructions(in: text) {
            let (keyword, argument) = instruction
            switch keyword {
            case "FROM":
                user = nil
                ports = []
                volumes = []
                workdir = nil
            case "ARG", "ENV":
                for (name, value) in Self.assignments(argument) { variables[name] = value }
            case "USER":
                user = Self.substitute(argument, variables)
            case "EXPOSE":
                for word in argument.split(separator: " ") {
                    let parts = Self.substitute(String(word), variables).split(separator: "/")
                    guard let first = parts.first, let port = Int(first) else { continue }
                    let proto = parts.count > 1 ? Port.TransportProtocol(rawValue: parts[1].uppercased()) ?? .tcp : .tcp
                    ports.append(ExposedPort(port: port, protocol: proto))
                }
            case "VOLUME":
                volumes += Self.words(argument).map { Self.substitute($0, variables) }
            case "WORKDIR":
                workdir = Self.substitute(argument, variables)
            default:
                break
            }
        }
    }

    /// Logical instructions: continuation lines joined, comments and blank lines dropped.
    static func instructions(in text: String) -> [(String, String)] {
        var result: [(String, String)] = []
        var current = ""
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if current.isEmpty && (line.isEmpty || line.hasPrefix("#")) { continue }
            if line.hasSuffix("\\") {
                current += line.dropLast() + " "
                continue
            }
            current += line
            let parts = current.split(separator: " ", maxSplits: 1)
            if let keyword = parts.first {
                result.append(
                    (keyword.uppercased(), parts.count > 1 ? String(parts[1]).trimmingCharacters(in: .whitespaces) : "")
                )
            }
            current = ""
        }
        return result
    }

    /// `A=1 B="2"` or the legacy `A 1`.
    static func assignments(_ argument: String) -> [(String, String)] {
        if !argument.contains("=") {
            let parts = argument.split(separator: " ", maxSplits: 1)
            return parts.count == 2 ? [(String(parts[0]), String(parts[1]))] : []
        }
        return words(argument).compactMap { word in
            let pair = word.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { return nil }
            return (String(pair[0]), String(pair[1]).trimmingCharacters(in: CharacterSet(charactersIn: "\"'")))
        }
    }

    /// A JSON array (`["/data", "/logs"]`) or space-separated words.
    static func words(_ argument: String) -> [String] {
        if argument.hasPrefix("[") {
            return argument.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }.filter { !$0.isEmpty }
        }
        return argument.split(separator: " ").map(String.init)
    }

    /// Replaces `$NAME` and `${NAME}` with known values; unknown variables stay as written.
    static func substitute(_ text: String, _ variables: [String: String]) -> String {
        var result = text
        for (name, value) in variables.sorted(by: { $0.key.count > $1.key.count }) {
            result = result.replacingOccurrences(of: "${\(name)}", with: value).replacingOccurrences(
                of: "$\(name)", with: value)
        }
        return result
    }
}
