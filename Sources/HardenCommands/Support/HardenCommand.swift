import ArgumentParser

/// A harden subcommand: parses its arguments, calls one core API, renders the result.
protocol HardenCommand: ParsableCommand {
    /// Runs the command; returns the exit status for outcomes that are not errors (not found, findings).
    func run(in context: CommandContext) throws -> Int32
}

extension HardenCommand {
    mutating func run() throws {
        let status = try run(in: .process)
        if status != ExitStatus.success { throw ExitCode(status) }
    }
}
