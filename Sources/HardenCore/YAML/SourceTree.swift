import CYaml

/// Where each node of a YAML text sits in that text, for editing the text in place instead of re-emitting it.
///
/// Offsets count Unicode scalars from the start of the text, as libyaml's marks do. Only text already accepted by
/// `SafeYAML` is read here, so its size and nesting are bounded.
struct SourceNode {
    enum Kind {
        /// `plain`: written without quotes or a block indicator, so the text between the offsets is the value.
        case scalar(String, plain: Bool)
        case mapping([(key: SourceNode, value: SourceNode)])
        case sequence([SourceNode])
        case alias
    }

    var kind: Kind
    /// The first scalar of the node's text (for a block collection: of its first entry).
    var start: Int
    /// Just past the node's last scalar: a flow collection's closing bracket, a block collection's last entry.
    var end: Int
    var isFlow: Bool
    /// Anchored content is shared with its aliases: editing it would edit them too.
    var isAnchored: Bool

    var key: String? { if case .scalar(let text, _) = kind { text } else { nil } }
}

enum SourceTree {
    /// The root node of every document, or nil when libyaml cannot read the text.
    static func documents(_ text: String) -> [SourceNode]? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer -> [SourceNode]? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            var builder = Builder()
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                guard builder.take(event) else { return nil }
                if let documents = builder.documents { return documents }
            }
        }
    }

    /// Builds the nodes from libyaml's events, one at a time: `documents` reads a text with it, and
    /// `EventComposer` feeds it the events it composes `Node`s from, so a text read once gives both.
    struct Builder {
        /// Every document's root, once the stream has ended.
        private(set) var documents: [SourceNode]?
        private var finished: [SourceNode] = []
        private var stack: [Open] = []

        private struct Open {
            var node: SourceNode
            var items: [SourceNode] = []
        }

        /// Takes the next event; false when the events do not nest (which libyaml never produces).
        mutating func take(_ event: yaml_event_t) -> Bool {
            let start = Int(event.start_mark.index)
            let end = Int(event.end_mark.index)
            switch event.type {
            case YAML_STREAM_END_EVENT:
                documents = finished
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let value = String(
                    decoding: UnsafeBufferPointer(start: scalar.value, count: Int(scalar.length)), as: UTF8.self)
                attach(
                    SourceNode(
                        kind: .scalar(value, plain: scalar.style == YAML_PLAIN_SCALAR_STYLE), start: start, end: end,
                        isFlow: false, isAnchored: scalar.anchor != nil))
            case YAML_ALIAS_EVENT:
                attach(SourceNode(kind: .alias, start: start, end: end, isFlow: false, isAnchored: true))
            case YAML_SEQUENCE_START_EVENT:
                let flow = event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
                stack.append(
                    Open(
                        node: SourceNode(
                            kind: .sequence([]), start: start, end: end, isFlow: flow,
                            isAnchored: event.data.sequence_start.anchor != nil)))
            case YAML_MAPPING_START_EVENT:
                let flow = event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
                stack.append(
                    Open(
                        node: SourceNode(
                            kind: .mapping([]), start: start, end: end, isFlow: flow,
                            isAnchored: event.data.mapping_start.anchor != nil)))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard var open = stack.popLast() else { return false }
                var entries = open.items
                if case .sequence = open.node.kind {
                    open.node.kind = .sequence(open.items)
                } else {
                    guard open.items.count % 2 == 0 else { return false }
                    let pairs = stride(from: 0, to: open.items.count, by: 2).map {
                        Self.pair(open.items[$0], open.items[$0 + 1])
                    }
                    open.node.kind = .mapping(pairs)
                    entries = pairs.flatMap { [$0.key, $0.value] }
                }
                if open.node.isFlow {
                    open.node.end = end
                } else if let first = entries.first, let last = entries.last {
                    open.node.start = first.start
                    open.node.end = last.end
                }
                attach(open.node)
            default:
                break
            }
            return true
        }

        private mutating func attach(_ node: SourceNode) {
            if stack.isEmpty { finished.append(node) } else { stack[stack.count - 1].items.append(node) }
        }

        /// libyaml places an empty value (`key:` and nothing) at the next token, possibly lines below: place it
        /// right after its key instead, so that the mapping ends where its text does.
        private static func pair(_ key: SourceNode, _ value: SourceNode) -> (key: SourceNode, value: SourceNode) {
            guard case .scalar("", plain: true) = value.kind else { return (key, value) }
            var placed = value
            placed.start = key.end
            placed.end = key.end
            return (key, placed)
        }
    }
}
