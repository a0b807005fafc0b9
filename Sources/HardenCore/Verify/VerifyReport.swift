/// How `harden verify` runs an image.
public struct VerifyOptions: Sendable {
    /// How long the container is watched.
    public var seconds = 10
    public var probes: [VerifyProbe] = []
    /// Add the paths a run shows it writes and run again, at most `rounds` times.
    public var learn = false
    public var rounds = 5
    /// Pull a missing image instead of refusing (never by default).
    public var pull = false
    public var variant: String?

    public static let secondsRange = 1...600
    public static let roundsRange = 1...20

    public init() {}
}

/// What `harden verify` saw: the JSON contract of `harden verify --output json`.
public struct VerifyReport: Encodable, Sendable {
    public struct Learned: Encodable, Sendable {
        public var writablePaths: [String]
        /// The entry as an overlay seed file with the learned paths, to review and add with --seed-dir.
        public var seed: String?
    }

    public var reference: String
    public var engine: String
    /// The engine command line of the last run, as run.
    public var command: [String]
    public var verified: Bool
    /// The container's exit code, or nil when it was still running at the end.
    public var exitCode: Int32?
    /// The seconds it was watched when it was still running at the end, else nil.
    public var runningAfterSeconds: Int?
    public var probes: [VerifyProbe.Result]
    public var findings: [DiagnosisFinding]
    public var learned: Learned?
    /// How many runs it took (more than one with --learn).
    public var rounds: Int
    /// The last lines of the container's log, for the text output.
    public var logTail: [String]

    enum CodingKeys: String, CodingKey {
        case reference, engine, command, verified, exitCode, runningAfterSeconds, probes, findings, learned, rounds
    }

    /// Every key, with explicit nulls, as the contract documents.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(reference, forKey: .reference)
        try container.encode(engine, forKey: .engine)
        try container.encode(command, forKey: .command)
        try container.encode(verified, forKey: .verified)
        try container.encode(exitCode, forKey: .exitCode)
        try container.encode(runningAfterSeconds, forKey: .runningAfterSeconds)
        try container.encode(probes, forKey: .probes)
        try container.encode(findings, forKey: .findings)
        try container.encode(learned, forKey: .learned)
        try container.encode(rounds, forKey: .rounds)
    }
}
