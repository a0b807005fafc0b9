import Foundation

/// Where a command reads and writes: the real process streams, or buffers in tests.
public struct CommandContext: Sendable {
    public var standardOutput: any TextOutput
    public var standardError: any TextOutput
    public var environment: [String: String]
    /// Reads all of standard input; nil when it cannot be read.
    public var readStandardInput: @Sendable () -> String?
    /// Reads the next line of standard input (without its newline); nil at the end. Streams input that can be
    /// larger than memory (`harden resolve -`).
    public var readStandardInputLine: @Sendable () -> String?
    /// Whether standard output is a terminal (colour, tables).
    public var outputIsTerminal: Bool
    /// Where the command's knowledge base is kept until the process exits, instead of being closed when the command
    /// ends (see `KeptUntilExit`); nil closes it as usual.
    public var keptUntilExit: KeptUntilExit?

    public init(
        standardOutput: any TextOutput, standardError: any TextOutput, environment: [String: String],
        readStandardInput: @escaping @Sendable () -> String?, outputIsTerminal: Bool,
        readStandardInputLine: (@Sendable () -> String?)? = nil, keptUntilExit: KeptUntilExit? = nil
    ) {
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.environment = environment
        self.readStandardInput = readStandardInput
        self.readStandardInputLine = readStandardInputLine ?? LineReader(readStandardInput).next
        self.outputIsTerminal = outputIsTerminal
        self.keptUntilExit = keptUntilExit
    }

    /// The process's own streams and environment.
    public static var process: CommandContext {
        CommandContext(
            standardOutput: FileHandleOutput(.standardOutput), standardError: FileHandleOutput(.standardError),
            environment: ProcessInfo.processInfo.environment,
            readStandardInput: {
                String(data: FileHandle.standardInput.readDataToEndOfFile(), encoding: .utf8)
            },
            outputIsTerminal: isatty(STDOUT_FILENO) == 1,
            readStandardInputLine: { readLine(strippingNewline: true) }, keptUntilExit: .process)
    }
}

/// A text stream a command writes to.
public protocol TextOutput: Sendable {
    func write(_ text: String)
    /// Writes `text` followed by a newline.
    func line(_ text: String)
}

extension TextOutput {
    public func line(_ text: String) { write(text + "\n") }
}

/// Writes to a file handle (stdout, stderr).
public struct FileHandleOutput: TextOutput {
    let handle: FileHandle

    public init(_ handle: FileHandle) { self.handle = handle }

    /// A write that fails (a full disk, a closed pipe) ends the process with a one-line error and exit status 1:
    /// a report cut short must never look like a complete one.
    public func write(_ text: String) {
        guard let error = Self.write(text, to: handle.fileDescriptor) else { return }
        let stream =
            handle.fileDescriptor == STDOUT_FILENO ? "standard output" : "file descriptor \(handle.fileDescriptor)"
        _ = Self.write("harden: cannot write to \(stream): \(String(cString: strerror(error)))\n", to: STDERR_FILENO)
        exit(ExitStatus.failure)
    }

    /// A long text (a whole report) is written as it is and its newline after it, instead of being copied to
    /// append one; a short line stays one write, so lines of concurrent writers do not interleave.
    public func line(_ text: String) {
        guard text.utf8.count >= 1 << 16 else { return write(text + "\n") }
        write(text)
        write("\n")
    }

    /// The text's UTF-8 bytes, as they are stored, through as many `write` calls as the descriptor takes; the
    /// `errno` of a write that fails, nil when all was written.
    static func write(_ text: String, to descriptor: Int32) -> Int32? {
        var text = text
        return text.withUTF8 { bytes -> Int32? in
            guard var next = bytes.baseAddress else { return nil }
            var left = bytes.count
            while left > 0 {
                let written = Foundation.write(descriptor, next, left)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return written < 0 ? errno : EIO }
                next += written
                left -= written
            }
            return nil
        }
    }
}

/// Collects everything written, for tests.
public final class BufferedOutput: TextOutput, @unchecked Sendable {
    private let lock = NSLock()
    private var buffer = ""

    public init() {}

    public func write(_ text: String) { lock.withLock { buffer += text } }

    public var text: String { lock.withLock { buffer } }
}

/// Lines of an input read whole, handed out one at a time (for contexts that read standard input at once).
final class LineReader: @unchecked Sendable {
    private let lock = NSLock()
    private let read: @Sendable () -> String?
    private var lines: [Substring]?
    private var index = 0

    init(_ read: @escaping @Sendable () -> String?) {
        self.read = read
    }

    @Sendable func next() -> String? {
        lock.withLock {
            if lines == nil {
                lines = (read() ?? "").split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            }
            guard let lines, index < lines.count else { return nil }
            defer { index += 1 }
            return String(lines[index])
        }
    }
}
