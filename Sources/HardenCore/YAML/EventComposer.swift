import CYaml
import Yams

/// Composes `Node`s straight from libyaml's events: the nodes Yams' composer builds, without its object per event,
/// Foundation string per scalar and dictionary of nodes per mapping, which cost three times libyaml's own parse.
///
/// The nodes match Yams' in every field harden reads: the same tags (left implicit for `resolver` to settle when a
/// value is read), scalar styles and marks; collection styles are `.any`, as Yams leaves them (it reads them from
/// the end event, where libyaml sets none). Anchors are not kept on nodes: Yams holds them weakly, so they are
/// gone once its parser is, and nothing here reads them. The errors are Yams' too, in the same order: libyaml's,
/// undefined aliases, duplicate keys when their mapping ends. Nesting is kept on a stack, not by recursion.
final class EventComposer {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let parserReady: Bool
    /// libyaml reads its input as it goes, so it gets a copy that lives as long as the parser.
    private let input: UnsafeMutableBufferPointer<UInt8>
    /// For the position of a reader error, which libyaml counts in bytes.
    private let text: String
    private let resolver: Yams.Resolver
    private let constructor = Constructor.shared
    /// Anchored nodes by name. As in Yams, an alias may name an anchor of an earlier document of the stream.
    private var anchors: [String: (node: Node, extent: Extent)] = [:]
    /// Anchors inside skipped values: an alias to one stands for the null that replaced it.
    private var skippedAnchors: Set<String> = []
    private var ended = false
    /// Where each node sits in the text, built from the same events when asked for (see `SourceTree`); nil when not
    /// asked for, or if its events did not nest.
    private var sourceTree: SourceTree.Builder?
    /// Whether a document of this apiVersion and kind is read for its identity only (see `skimmedKeys`).
    private let skims: (@Sendable (_ apiVersion: String, _ kind: String) -> Bool)?

    /// The top-level keys a skimmed document keeps; every other value is skipped event by event, unbuilt, and
    /// stands as a null (duplicate keys and merge keys inside it are not looked for).
    static let skimmedKeys: Set<String> = ["apiVersion", "kind", "metadata"]

    /// - Parameters:
    ///   - skims: the documents to skim, decided once their apiVersion and kind have been read; values before
    ///     those keys are always composed.
    ///   - locatesNodes: also build where each node sits in the text (`sourceDocuments`), for editing it in place
    ///     without reading it a second time. Not with `skims`, whose skipped values would be missing from it.
    init(
        _ text: String, resolver: Yams.Resolver,
        skims: (@Sendable (_ apiVersion: String, _ kind: String) -> Bool)? = nil, locatesNodes: Bool = false
    ) throws(YAMLProblem) {
        self.text = text
        self.resolver = resolver
        self.skims = skims
        sourceTree = locatesNodes && skims == nil ? SourceTree.Builder() : nil
        let utf8 = text.utf8
        // libyaml refuses a null input pointer, so even empty text gets a byte.
        input = .allocate(capacity: max(1, utf8.count))
        _ = input.initialize(from: utf8)
        parser = .allocate(capacity: 1)
        parserReady = yaml_parser_initialize(parser) == 1
        guard parserReady else { throw .syntax(line: nil, message: "Memory error") }
        yaml_parser_set_input_string(parser, input.baseAddress, utf8.count)
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        var event = yaml_event_t()
        try parse(&event)  // the stream's start
        yaml_event_delete(&event)
    }

    deinit {
        if parserReady { yaml_parser_delete(parser) }
        parser.deallocate()
        input.deallocate()
    }

    /// The next document's root node and its extent, nil after the last.
    func nextDocument() throws(YAMLProblem) -> (node: Node, extent: Extent)? {
        guard !ended else { return nil }
        var event = yaml_event_t()
        try parse(&event)
        let type = event.type
        yaml_event_delete(&event)
        guard type != YAML_STREAM_END_EVENT else {
            ended = true
            return nil
        }
        let root = try composeNode()
        try parse(&event)  // the document's end
        yaml_event_delete(&event)
        return root
    }

    /// What `MergeKeys.apply` would meet walking a node, counted as the node is composed, so that a document
    /// without merge keys and within budget need not be walked again.
    struct Extent {
        /// What the walk charges to the node budget: one per node and one more per mapping entry, aliases expanded
        /// (saturating: an alias bomb's count overflows).
        var charge = 1
        /// How many levels below the node the walk goes (keys are not walked).
        var height = 0
        /// Whether a merge key (`<<`) is reached, which only the walk applies.
        var hasMergeKey = false

        mutating func add(value: Extent, entry: Int) {
            let (sum, overflow) = charge.addingReportingOverflow(value.charge &+ entry)
            charge = overflow || value.charge == .max ? .max : sum
            height = max(height, value.height + 1)
            hasMergeKey = hasMergeKey || value.hasMergeKey
        }
    }

    /// A collection whose end event has not come yet.
    private struct Open {
        var isMapping: Bool
        var tag: Tag
        var mark: Mark
        var anchor: String?
        var items: [Node] = []
        var pairs: [(Node, Node)] = []
        var pendingKey: Node?
        /// The text of each key, to find duplicates without hashing nodes; nil once a key is not a scalar.
        var keyTexts: [String]? = []
        var extent = Extent()

        /// The text of a scalar value under a scalar key, among the pairs read so far.
        func scalarValue(_ key: String) -> String? {
            for (candidate, value) in pairs {
                if case .scalar(let name) = candidate, name.string == key, case .scalar(let scalar) = value {
                    return scalar.string
                }
            }
            return nil
        }

        mutating func add(_ node: Node, _ extent: Extent) {
            guard isMapping else {
                self.extent.add(value: extent, entry: 0)
                items.append(node)
                return
            }
            guard let key = pendingKey else {
                pendingKey = node
                if case .scalar(let scalar) = node {
                    keyTexts?.append(scalar.string)
                    self.extent.hasMergeKey = self.extent.hasMergeKey || MergeKeys.isMergeKey(scalar)
                } else {
                    keyTexts = nil
                }
                return
            }
            pairs.append((key, node))
            pendingKey = nil
            self.extent.add(value: extent, entry: 1)
        }
    }

    private func composeNode() throws(YAMLProblem) -> (node: Node, extent: Extent) {
        var stack: [Open] = []
        var event = yaml_event_t()
        while true {
            if stack.count == 1, let root = stack.first, skips(valueOf: root) {
                stack[0].add(try skipValue(), Extent())
                continue
            }
            try parse(&event)
            defer { yaml_event_delete(&event) }
            let node: Node
            var extent = Extent()
            switch event.type {
            case YAML_SCALAR_EVENT:
                node = scalar(event)
                if let anchor = event.data.scalar.anchor { anchors[String(cString: anchor)] = (node, extent) }
            case YAML_ALIAS_EVENT:
                let name = event.data.alias.anchor.map { String(cString: $0) }
                if let anchored = name.flatMap({ anchors[$0] }) {
                    (node, extent) = anchored
                } else if let name, skippedAnchors.contains(name) {
                    node = null(at: mark(event))
                } else {
                    throw .syntax(line: Int(event.start_mark.line) + 1, message: "found undefined alias")
                }
            case YAML_SEQUENCE_START_EVENT:
                let start = event.data.sequence_start
                stack.append(
                    open(event, isMapping: false, implicit: start.implicit, tag: start.tag, anchor: start.anchor))
                continue
            case YAML_MAPPING_START_EVENT:
                let start = event.data.mapping_start
                stack.append(
                    open(event, isMapping: true, implicit: start.implicit, tag: start.tag, anchor: start.anchor))
                continue
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let open = stack.popLast() else { throw unexpected(event) }
                node = try collection(open)
                extent = open.extent
                if let anchor = open.anchor { anchors[anchor] = (node, extent) }
            default:
                throw unexpected(event)
            }
            guard !stack.isEmpty else { return (node, extent) }
            stack[stack.count - 1].add(node, extent)
        }
    }

    /// Whether the value about to be read, under the root mapping's pending key, is skipped.
    private func skips(valueOf root: Open) -> Bool {
        guard let skims, root.isMapping, case .scalar(let key)? = root.pendingKey,
            !Self.skimmedKeys.contains(key.string), let kind = root.scalarValue("kind"),
            let apiVersion = root.scalarValue("apiVersion")
        else { return false }
        return skims(apiVersion, kind)
    }

    /// Reads the events of one value without building it; a null stands in its place.
    private func skipValue() throws(YAMLProblem) -> Node {
        var start: Mark?
        var depth = 0
        repeat {
            var event = yaml_event_t()
            try parse(&event)
            defer { yaml_event_delete(&event) }
            start = start ?? mark(event)
            depth += try nesting(skipping: event)
        } while depth > 0
        return null(at: start)
    }

    /// How a skipped event changes the nesting; an anchor it defines is noted.
    private func nesting(skipping event: yaml_event_t) throws(YAMLProblem) -> Int {
        let anchor: UnsafeMutablePointer<yaml_char_t>?
        let change: Int
        switch event.type {
        case YAML_SCALAR_EVENT: (anchor, change) = (event.data.scalar.anchor, 0)
        case YAML_ALIAS_EVENT: (anchor, change) = (nil, 0)
        case YAML_SEQUENCE_START_EVENT: (anchor, change) = (event.data.sequence_start.anchor, 1)
        case YAML_MAPPING_START_EVENT: (anchor, change) = (event.data.mapping_start.anchor, 1)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT: (anchor, change) = (nil, -1)
        default: throw unexpected(event)
        }
        if let anchor { skippedAnchors.insert(String(cString: anchor)) }
        return change
    }

    /// The null that stands for a skipped value, marked where the value began.
    private func null(at mark: Mark?) -> Node {
        .scalar(.init("", Tag(.null, resolver, constructor), .plain, mark))
    }

    private func scalar(_ event: yaml_event_t) -> Node {
        let data = event.data.scalar
        let value = String(decoding: UnsafeBufferPointer(start: data.value, count: data.length), as: UTF8.self)
        // A quoted scalar without a tag is a string, as Yams reads it.
        let tag = data.quoted_implicit == 1 ? Tag(.str, resolver, constructor) : tag(data.tag)
        let style = Node.Scalar.Style(rawValue: data.style.rawValue) ?? .any
        return .scalar(.init(value, tag, style, mark(event)))
    }

    private func collection(_ open: Open) throws(YAMLProblem) -> Node {
        guard open.isMapping else { return .sequence(.init(open.items, open.tag, .any, open.mark)) }
        if let problem = DuplicateKeys.problem(in: open.pairs, texts: open.keyTexts) { throw problem }
        return .mapping(.init(open.pairs, open.tag, .any, open.mark))
    }

    /// A sequence or mapping just started: its tag (none when implicit), where it starts, and its anchor.
    private func open(
        _ event: yaml_event_t, isMapping: Bool, implicit: Int32, tag name: UnsafeMutablePointer<yaml_char_t>?,
        anchor: UnsafeMutablePointer<yaml_char_t>?
    ) -> Open {
        Open(
            isMapping: isMapping, tag: tag(implicit != 0 ? nil : name), mark: mark(event),
            anchor: anchor.map { String(cString: $0) })
    }

    private func tag(_ name: UnsafeMutablePointer<yaml_char_t>?) -> Tag {
        Tag(name.map { Tag.Name(rawValue: String(cString: $0)) } ?? .implicit, resolver, constructor)
    }

    private func mark(_ event: yaml_event_t) -> Mark {
        Mark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
    }

    private func unexpected(_ event: yaml_event_t) -> YAMLProblem {
        .syntax(line: Int(event.start_mark.line) + 1, message: "unexpected YAML event")
    }

    /// Every document's source nodes once the stream has been read to its end (see `locatesNodes`).
    var sourceDocuments: [SourceNode]? { sourceTree?.documents }

    private func parse(_ event: inout yaml_event_t) throws(YAMLProblem) {
        guard yaml_parser_parse(parser, &event) == 1 else { throw YAMLProblem(parser.pointee, text: text) }
        if sourceTree?.take(event) == false { sourceTree = nil }
    }
}

extension Constructor {
    /// The constructor of every node harden composes or builds. `Constructor.default` makes a new one, with its
    /// tables, on every call (once per file read, once per node built). It is never changed once made (tables of
    /// functions), so one serves every thread.
    nonisolated(unsafe) static let shared = Constructor.default
}

extension Mark {
    /// Yams gives `Mark` no public initializer. It is two `Int`s, line then column, which `unsafeBitCast` checks
    /// by size and the YAML tests check by value.
    init(line: Int, column: Int) {
        self = unsafeBitCast((line, column), to: Mark.self)
    }
}
