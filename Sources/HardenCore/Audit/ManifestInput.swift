import Foundation

/// One manifest file's text, or a problem reading it.
public struct ManifestInput: Sendable {
    public var file: String
    public var text: String

    public init(file: String, text: String) {
        self.file = file
        self.text = text
    }

    /// Reads files, directories (recursively: *.yaml, *.yml, *.json) and `-` (standard input, through `stdin`).
    public static func read(
        _ paths: [String], stdin: () -> String?
    ) -> (inputs: [ManifestInput], problems: [InputProblem]) {
        var inputs: [ManifestInput] = []
        var problems: [InputProblem] = []
        for path in paths {
            if path == "-" {
                if let text = stdin() {
                    inputs.append(ManifestInput(file: "<stdin>", text: text))
                } else {
                    problems.append(
                        InputProblem(file: "<stdin>", line: nil, message: "cannot read standard input as UTF-8 text"))
                }
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                problems.append(InputProblem(file: path, line: nil, message: "no such file or directory"))
                continue
            }
            let files: [String]
            if isDirectory.boolValue {
                let walker = FileManager.default.enumerator(atPath: path)
                files = (walker?.compactMap { $0 as? String } ?? [])
                    .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".json") }
                    .sorted().map { (path as NSString).appendingPathComponent($0) }
            } else {
                files = [path]
            }
            for file in files {
                let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
                if size > YAMLLimits.manifest.maxBytes {
                    problems.append(
                        InputProblem(
                            file: file, line: nil,
                            message: "file is \(size) bytes, over the \(YAMLLimits.manifest.maxBytes)-byte limit"))
                    continue
                }
                guard let data = FileManager.default.contents(atPath: file),
                    let text = String(data: data, encoding: .utf8)
                else {
                    problems.append(InputProblem(file: file, line: nil, message: "cannot be read as UTF-8 text"))
                    continue
                }
                inputs.append(ManifestInput(file: file, text: text))
            }
        }
        return (inputs, problems)
    }
}

/// Input that could not be audited: unreadable, not YAML, too large, an alias bomb, not a Kubernetes object.
public struct InputProblem: Codable, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String

    public var description: String { "\(line.map { "\(file):\($0)" } ?? file): \(message)" }
}
