import CYaml
import Yams

extension YAMLProblem {
    /// libyaml's error, worded as Yams words it.
    init(_ parser: yaml_parser_t, text: String) {
        let problem = parser.problem.map { String(cString: $0) } ?? ""
        switch parser.error {
        case YAML_SCANNER_ERROR, YAML_PARSER_ERROR, YAML_COMPOSER_ERROR:
            let context = parser.context.map { String(cString: $0) }
            let message = [context, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            self = .syntax(line: Int(parser.problem_mark.line) + 1, message: Quoted.brief(message, limit: 200))
        case YAML_READER_ERROR:
            // Yams counts the offset in characters, for the line and column of its message.
            let offset = text.utf8
                .index(text.utf8.startIndex, offsetBy: parser.problem_offset, limitedBy: text.utf8.endIndex)?
                .samePosition(in: text).map { text.distance(from: text.startIndex, to: $0) }
            let error = YamlError.reader(
                problem: problem, offset: offset, value: parser.problem_value, yaml: text)
            self = .syntax(line: nil, message: Quoted.brief("\(error)", limit: 200))
        default:
            self = .syntax(line: nil, message: "Memory error")
        }
    }
}
