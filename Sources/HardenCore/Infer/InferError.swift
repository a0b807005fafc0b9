/// Why a Dockerfile or an inference input was refused. An option error says which option it is about, so that each
/// shell names it in its own words: the CLI as its flag (`--target`), the HTTP API as its query parameter (`target`).
public enum InferError: HardenError, Equatable {
    case tooLarge(bytes: Int, limit: Int)
    case unterminatedHeredoc(word: String, line: Int)
    case noStage
    case unknownTarget(String, stages: [String])
    case invalidBuildArgument(String)

    /// The inference options an error can be about.
    public enum Option: Sendable {
        case target, buildArgument

        /// The CLI flag.
        public var flag: String {
            switch self {
            case .target: "--target"
            case .buildArgument: "--build-arg"
            }
        }

        /// The HTTP API's query parameter.
        public var parameter: String {
            switch self {
            case .target: "target"
            case .buildArgument: "buildArg"
            }
        }
    }

    public var category: ErrorCategory {
        option == nil ? .invalidInput : .invalidOption
    }

    /// The option at fault; nil when the Dockerfile itself is.
    public var option: Option? {
        switch self {
        case .unknownTarget: .target
        case .invalidBuildArgument: .buildArgument
        case .tooLarge, .unterminatedHeredoc, .noStage: nil
        }
    }

    /// The message with its option named by `name`.
    public func message(naming name: (Option) -> String) -> String {
        switch self {
        case .tooLarge(let bytes, let limit):
            "the Dockerfile is \(bytes) bytes, over the \(limit)-byte limit"
        case .unterminatedHeredoc(let word, let line):
            "line \(line): the heredoc <<\(Quoted.brief(word, limit: 20)) is never closed by a line \(Quoted.brief(word, limit: 20)); close it"
        case .noStage:
            "the Dockerfile has no FROM instruction"
        case .unknownTarget(let target, let stages):
            "\(name(.target)) \"\(Quoted.brief(target))\" names no stage; stages are \(stages.isEmpty ? "unnamed" : stages.joined(separator: ", "))"
        case .invalidBuildArgument(let argument):
            "\(name(.buildArgument)) \"\(Quoted.brief(argument))\" must be NAME=VALUE"
        }
    }

    /// The CLI's words.
    public var description: String { message(naming: \.flag) }
}
