import ArgumentParser
import HardenCore

/// The entry point shared by the executable and the tests: parse, run, map errors to exit codes.
public enum HardenCLI {
    /// Runs harden with `arguments` (without the program name) and returns the exit code.
    public static func run(_ arguments: [String], context: CommandContext) -> Int32 {
        if let references = ResolveCommand.plainReferences(arguments) {
            return execute(in: context) {
                try ResolveCommand.answer(
                    references, variant: nil, output: .text,
                    knowledgeBase: KnowledgeBaseOptions.open(db: nil, seedDirectories: [], in: context),
                    context: context)
            }
        }
        if let unknown = unknownSubcommand(arguments) {
            context.standardError.line("harden: \(unknown)")
            return ExitStatus.usage
        }
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
        return execute(in: context) { try hardenCommand.run(in: context) }
    }

    /// Runs a command's body and maps what it throws to one line on standard error and an exit code.
    private static func execute(in context: CommandContext, _ body: () throws -> Int32) -> Int32 {
        do {
            return try body()
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

    /// An unknown subcommand word (`harden generat nginx`, `harden help bogus`), said with the closest names.
    private static func unknownSubcommand(_ arguments: [String]) -> String? {
        var target: any ParsableCommand.Type = Harden.self
        for word in arguments where word != "help" {
            if word.hasPrefix("-") { return nil }
            let subcommands = target.configuration.subcommands
            guard !subcommands.isEmpty else { return nil }
            if let next = subcommands.first(where: { $0.configuration.commandName == word }) {
                target = next
                continue
            }
            let names = subcommands.compactMap { $0.configuration.commandName }
            let close = names.filter { Spelling.distance(word, $0) <= max(1, word.count / 3) || $0.hasPrefix(word) }
            let hint =
                close.isEmpty
                ? "commands are \(names.joined(separator: ", "))" : "did you mean \(close.joined(separator: ", "))?"
            return "unknown command \"\(Quoted.brief(word, limit: 40))\"; \(hint)"
        }
        return nil
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
