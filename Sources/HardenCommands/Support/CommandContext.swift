import Foundation

/// Where a command reads and writes: the real process streams, or buffers in tests.
public struct CommandContext: Sendable {
    public var standardOutput: any TextOutput
    public var standardError: any TextOutput
    public var environment: [String: String]
    /// Reads all of standard input; nil when it cannot be read.
    public var readStandardInput: @Sendable () -> String?
    /// Whether standard output is a terminal (colour, tables).
    public var outputIsTerminal: Bool

    public init(
        standardOutput: any TextOutput, standardError: any TextOutput, environment: [String: String],
        readStandardInput: @escaping @Sendable () -> String?, outputIsTerminal: Bool
    ) {
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.environment = environment
        self.readStandardInput = readStandardInput
        self.outputIsTerminal = outputIsTerminal
    }

    /// The process's own streams and environment.
    public static var process: CommandContext {
        CommandContext(
            standardOutput: FileHandleOutput(.standardOutput), standardError: FileHandleOutput(.standardError),
            environment: ProcessInfo.processInfo.environment,
            readStandardInput: {
                String(data: FileHandle.standardInput.readDataToEndOfFile(), encoding: .utf8)
            },
            outputIsTerminal: isatty(STDOUT_FILENO) == 1)
    }
}

/// A text stream a command writes to.
public protocol TextOutput: Sendable {
    func write(_ text: String)
}

extension TextOutput {
    /// Writes `text` followed by a newline.
    public func line(_ text: String = "") { write(text + "\n") }
}

/// Writes to a file handle (stdout, stderr).
public struct FileHandleOutput: TextOutput {
    let handle: FileHandle

    public init(_ handle: FileHandle) { self.handle = handle }

    public func write(_ text: String) { handle.write(Data(text.utf8)) }
}

/// Collects everything written, for tests.
public final class BufferedOutput: TextOutput, @unchecked Sendable {
    private let lock = NSLock()
    private var buffer = ""

    public init() {}

    public func write(_ text: String) { lock.withLock { buffer += text } }

    public var text: String { lock.withLock { buffer } }
}
