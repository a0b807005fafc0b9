import Foundation
import HardenCore

/// A text file named on the command line (or `-` for standard input), refused before it is read when it is larger
/// than `limit`: a mistaken path to a disk image must not fill memory.
enum InputText {
    static func read(_ path: String, limit: Int, context: CommandContext) throws -> String {
        if path == "-" {
            guard let text = context.readStandardInput() else {
                throw InputFileError(path: "<stdin>", problem: "cannot be read as UTF-8 text")
            }
            return text
        }
        guard FileManager.default.fileExists(atPath: path) else {
            throw InputFileError(path: Quoted.brief(path), problem: "does not exist")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size <= limit else {
            throw InputFileError(path: Quoted.brief(path), problem: "is \(size) bytes, over the \(limit)-byte limit")
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else { throw InputFileError(path: Quoted.brief(path), problem: "cannot be read as UTF-8 text") }
        return text
    }
}
