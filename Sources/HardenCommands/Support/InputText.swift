import Foundation
import HardenCore

/// A text file named on the command line (or `-` for standard input, or a pipe such as `<(kubectl logs POD)`),
/// refused before it is read when it is larger than `limit`: a mistaken path to a disk image must not fill memory.
enum InputText {
    static func read(_ path: String, limit: Int, context: CommandContext) throws -> String {
        if path == "-" {
            guard let text = context.readStandardInput() else {
                throw InputFileError(path: "<stdin>", problem: "cannot be read as UTF-8 text")
            }
            return text
        }
        switch TextFile.read(path, limit: limit, origin: .named) {
        case .success(let text): return text
        case .failure(let problem): throw InputFileError(path: Quoted.brief(path), problem: problem.description)
        }
    }
}
