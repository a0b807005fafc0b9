import Foundation
import HardenCore

/// Expands `-` into the references on standard input: one per line, blank lines and `#` comments skipped.
enum ReferenceInput {
    /// What is trimmed around a reference: spaces, tabs and CR only. Invisible characters (a zero-width space
    /// pasted with the name) stay, so that the parser refuses them instead of accepting a name that is not what
    /// it looks like.
    static let blanks = CharacterSet(charactersIn: " \t\r")

    struct UnreadableInput: HardenError {
        var category: ErrorCategory { .invalidInput }
        var description: String { "cannot read references from standard input (not UTF-8 text?)" }
    }

    struct EmptyInput: HardenError {
        var category: ErrorCategory { .invalidInput }
        var description: String { "standard input holds no references; write one per line" }
    }

    static func expand(_ arguments: [String], context: CommandContext) throws -> [String] {
        try arguments.flatMap { argument -> [String] in
            guard argument == "-" else { return [argument] }
            guard let text = context.readStandardInput() else { throw UnreadableInput() }
            let references = text.split(whereSeparator: \.isNewline)
                .map { $0.trimmingCharacters(in: blanks) }
                .filter { !$0.isEmpty && !$0.hasPrefix("#") }
            guard !references.isEmpty else { throw EmptyInput() }
            return references
        }
    }
}
