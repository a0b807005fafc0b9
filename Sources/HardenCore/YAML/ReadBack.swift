import CYaml
import Foundation
import Yams

/// Whether a YAML text reads as the given documents, checked one libyaml event at a time against them, with no
/// node built: how `SourceEditor` proves an edited text before it is kept. Content is compared as
/// `SourceEditor.sameContent` compares it. An alias or a merge key (`<<`) answers false, since only a full read
/// expands them; the caller then reads the text in full.
enum ReadBack {
    static func matches(_ text: String, _ documents: [Node]) -> Bool {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return false }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            var matcher = Matcher(documents: documents)
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else { return false }
                defer { yaml_event_delete(&event) }
                guard let done = matcher.take(event) else { return false }
                if done { return true }
            }
        }
    }

    /// Walks the documents in step with the events.
    private struct Matcher {
        let documents: [Node]
        var nextDocument = 0
        /// The collections open around the next event, innermost last.
        var stack: [Frame] = []

        enum Frame {
            /// `onKey`: the next node is the key of entry `index`, else its value.
            case mapping(Node.Mapping, index: Int, onKey: Bool)
            case sequence(Node.Sequence, index: Int)
        }

        /// nil on the first difference; true once the stream has ended with every document matched.
        mutating func take(_ event: yaml_event_t) -> Bool? {
            switch event.type {
            case YAML_STREAM_START_EVENT, YAML_DOCUMENT_END_EVENT: return false
            case YAML_STREAM_END_EVENT: return nextDocument == documents.count ? true : nil
            case YAML_DOCUMENT_START_EVENT:
                return nextDocument < documents.count && stack.isEmpty ? false : nil
            case YAML_SCALAR_EVENT:
                guard case .scalar(let expected)? = expectedNode(), matches(event, expected) else {
                    return nil
                }
                return advance()
            case YAML_MAPPING_START_EVENT:
                guard case .mapping(let mapping)? = expectedNode() else { return nil }
                stack.append(.mapping(mapping, index: 0, onKey: true))
                return false
            case YAML_SEQUENCE_START_EVENT:
                guard case .sequence(let sequence)? = expectedNode() else { return nil }
                stack.append(.sequence(sequence, index: 0))
                return false
            case YAML_MAPPING_END_EVENT:
                guard case .mapping(let mapping, let index, true)? = stack.popLast(), index == mapping.count else {
                    return nil
                }
                return advance()
            case YAML_SEQUENCE_END_EVENT:
                guard case .sequence(let sequence, let index)? = stack.popLast(), index == sequence.count else {
                    return nil
                }
                return advance()
            default:
                return nil  // an alias
            }
        }

        /// The node the next event must stand for.
        private func expectedNode() -> Node? {
            switch stack.last {
            case nil: return nextDocument < documents.count ? documents[nextDocument] : nil
            case .mapping(let mapping, let index, let onKey)?:
                guard index < mapping.count else { return nil }
                return onKey ? mapping[index].key : mapping[index].value
            case .sequence(let sequence, let index)?:
                return index < sequence.count ? sequence[index] : nil
            }
        }

        /// Moves past a node just matched.
        private mutating func advance() -> Bool {
            switch stack.popLast() {
            case nil: nextDocument += 1
            case .mapping(let mapping, let index, let onKey)?:
                stack.append(.mapping(mapping, index: onKey ? index : index + 1, onKey: !onKey))
            case .sequence(let sequence, let index)?:
                stack.append(.sequence(sequence, index: index + 1))
            }
            return false
        }

        private func matches(_ event: yaml_event_t, _ expected: Node.Scalar) -> Bool {
            let scalar = event.data.scalar
            var string = expected.string
            let same = string.withUTF8 { bytes in
                guard bytes.count == scalar.length else { return false }
                guard let start = bytes.baseAddress, let value = scalar.value else { return true }
                return memcmp(start, value, bytes.count) == 0
            }
            guard same else { return false }
            let plain = scalar.style == YAML_PLAIN_SCALAR_STYLE
            if plain, expected.string == "<<", case .mapping(_, _, true)? = stack.last { return false }
            return SourceEditor.sameKind(plain: plain, expected)
        }
    }
}
