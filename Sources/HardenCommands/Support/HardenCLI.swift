import ArgumentParser
import HardenCore

/// The entry point shared by the executable and the tests: parse, run, map errors to exit codes.
public enum HardenCLI {
    /// Runs harden with `arguments` (without the program name) and returns the exit code.
    public static func run(_ arguments: [String], context: CommandContext) -> Int32 {
        if let helpFor = helpTarget(arguments) {
            context.standardOutput.line(Harden.helpMessage(for: helpFor))
            return ExitStatus.success
        }
        let command: any ParsableCommand
        do {
            command = try Harden.parseAsRoot(arguments)
        } catch {
            return report(parseError: error, context: context)
        }
        guard let hardenCommand = command as? any HardenCommand else {
            // A command group named without a subcommand: show its help.
            context.standardOutput.line(Harden.helpMessage(for: type(of: command)))
            return ExitStatus.success
        }
        do {
            return try hardenCommand.run(in: context)
        } catch let error as any HardenError {
            context.standardError.line("harden: \(error)")
            return ExitStatus.code(for: error.category)
        } catch let error as ExitCode {
            return error.rawValue
        } catch {
            // Core APIs throw HardenErrors; anything else is a bug or the environment, still one line.
            context.standardError.line("harden: unexpected error: \(error.localizedDescription)")
            return ExitStatus.failure
        }
    }

    /// The command whose help `harden [help] SUB... [--help]` asks for, or nil when help is not asked for.
    private static func helpTarget(_ arguments: [String]) -> (any ParsableCommand.Type)? {
        let asksForHelp = arguments.first == "help" || arguments.contains("--help") || arguments.contains("-h")
        guard asksForHelp else { return nil }
        var target: any ParsableCommand.Type = Harden.self
        for word in arguments where word != "help" && !word.hasPrefix("-") {
            guard let next = target.configuration.subcommands.first(where: { $0.configuration.commandName == word })
            else { break }
            target = next
        }
        return target
    }

    private static func report(parseError error: any Error, context: CommandContext) -> Int32 {
        let code = Harden.exitCode(for: error)
        let message = Harden.fullMessage(for: error)
        if code == .success {
            context.standardOutput.line(message)
            return ExitStatus.success
        }
        if !message.isEmpty { context.standardError.line(message) }
        return code == .validationFailure ? ExitStatus.usage : code.rawValue
    }
}
