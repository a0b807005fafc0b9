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

        /// An open collection and where the walk is in it. Only the position changes from event to event, in
        /// place: the collection itself is not copied out and back for every node.
        struct Frame {
            enum Collection {
                case mapping(Node.Mapping)
                case sequence(Node.Sequence)
            }
            let collection: Collection
            var index = 0
            /// In a mapping, whether the next node is the key of entry `index`, else its value.
            var onKey = true

            init(_ mapping: Node.Mapping) { collection = .mapping(mapping) }

            init(_ sequence: Node.Sequence) { collection = .sequence(sequence) }

            var isMapping: Bool {
                if case .mapping = collection { true } else { false }
            }

            var count: Int {
                switch collection {
                case .mapping(let mapping): mapping.count
                case .sequence(let sequence): sequence.count
                }
            }
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
                stack.append(Frame(mapping))
                return false
            case YAML_SEQUENCE_START_EVENT:
                guard case .sequence(let sequence)? = expectedNode() else { return nil }
                stack.append(Frame(sequence))
                return false
            case YAML_MAPPING_END_EVENT, YAML_SEQUENCE_END_EVENT:
                let isMapping = event.type == YAML_MAPPING_END_EVENT
                guard let frame = stack.last, frame.isMapping == isMapping, frame.index == frame.count,
                    frame.onKey
                else { return nil }
                stack.removeLast()
                return advance()
            default:
                return nil  // an alias
            }
        }

        /// The node the next event must stand for.
        private func expectedNode() -> Node? {
            guard let last = stack.indices.last else {
                return nextDocument < documents.count ? documents[nextDocument] : nil
            }
            let (index, onKey) = (stack[last].index, stack[last].onKey)
            guard index < stack[last].count else { return nil }
            switch stack[last].collection {
            case .mapping(let mapping): return onKey ? mapping[index].key : mapping[index].value
            case .sequence(let sequence): return sequence[index]
            }
        }

        /// Moves past a node just matched.
        private mutating func advance() -> Bool {
            guard let last = stack.indices.last else {
                nextDocument += 1
                return false
            }
            if stack[last].isMapping {
                if !stack[last].onKey { stack[last].index += 1 }
                stack[last].onKey.toggle()
            } else {
                stack[last].index += 1
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
            if plain, expected.string == "<<", let frame = stack.last, frame.isMapping, frame.onKey { return false }
            return SourceEditor.sameKind(plain: plain, expected)
        }
    }
}
