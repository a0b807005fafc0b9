import Yams

/// Turns a change of YAML documents into edits of their source text, so that comments, key order, quoting, flow
/// style, indentation and document separators outside the change stay as the author wrote them.
///
/// The result is checked: it must read back as exactly the changed documents, or `edit` throws why and the caller
/// re-emits the documents instead (with a note that formatting was not kept).
enum SourceEditor {
    /// Why a change could not be made in place.
    struct Unpreservable: Error, CustomStringConvertible {
        let description: String
    }

    /// `text` edited so that it reads as `changed`, given that it reads as `original` (document for document).
    /// `sources`: where the nodes of `text` sit, when its reading already found them (`SafeYAML.locatedDocuments`).
    static func edit(_ text: String, original: [Node], changed: [Node], sources: [SourceNode]? = nil)
        throws(Unpreservable) -> String
    {
        guard original.count == changed.count, let sources = sources ?? SourceTree.documents(text),
            sources.count == original.count
        else { throw Unpreservable(description: "the file's documents could not be matched to its text") }
        var editor = Editor(text: text)
        for index in original.indices {
            try editor.diff(original[index], changed[index], sources[index], slot: .root, inFlow: false, depth: 0)
        }
        let result = try editor.apply()
        if result.utf8.count <= YAMLLimits.manifest.maxBytes, ReadBack.matches(result, changed) { return result }
        // Read back as an audit reads it, for what the text's own reading does not settle (aliases, merge keys) or
        // refuses; the result stands only if that reading holds the changed documents.
        let reread: [Node]
        do {
            reread = try SafeYAML.documents(result, limits: .manifest, resolver: .basic)
        } catch {
            throw Unpreservable(description: "the edited text did not read back: \(error)")
        }
        guard reread.count == changed.count, zip(reread, changed).allSatisfy(sameContent) else {
            throw Unpreservable(description: "the edited text read back differently")
        }
        return result
    }

    /// Whether a scalar read from a text, `plain` or not, with the same text as `scalar`, reads as the same kind of
    /// value, as `sameContent(_:_:)` compares scalars.
    static func sameKind(plain: Bool, _ scalar: Node.Scalar) -> Bool {
        plain == isPlain(scalar) || (plain && !YAMLScalar.isPlainSafe(scalar.string)) == readsAsNonString(scalar)
    }

    /// How many entries of two mappings, from the first, have the same key and value (`sameContent`). By index,
    /// each pair read once: Yams' mapping iterator copies every pair into a new array first.
    static func sameLeadingEntries(_ x: Node.Mapping, _ y: Node.Mapping) -> Int {
        var count = 0
        for (i, j) in zip(x.indices, y.indices) {
            let (a, b) = (x[i], y[j])
            guard sameContent(a.key, b.key), sameContent(a.value, b.value) else { break }
            count += 1
        }
        return count
    }

    /// How many items of two sequences, from the first, are the same (`sameContent`).
    static func sameLeadingItems(_ x: Node.Sequence, _ y: Node.Sequence) -> Int {
        var count = 0
        for (i, j) in zip(x.indices, y.indices) {
            guard sameContent(x[i], y[j]) else { break }
            count += 1
        }
        return count
    }

    /// Whether two documents hold the same content: the same structure and strings, and every scalar of the same
    /// kind (a plain `80`, `true` or empty value is not a string, a quoted one or a plain name is). Cheaper than
    /// `Node ==`, which resolves every scalar's tag with regular expressions, and independent of the resolver each
    /// side was read with.
    static func sameContent(_ a: Node, _ b: Node) -> Bool {
        switch (a, b) {
        case (.scalar(let x), .scalar(let y)):
            // The same text in the same style reads the same (plain and unstated are one style); only a change of
            // style needs the kind checked.
            return x.string == y.string
                && (x.style == y.style || isPlain(x) && isPlain(y) || readsAsNonString(x) == readsAsNonString(y))
        case (.mapping(let x), .mapping(let y)):
            return sameBits(x, y) || x.count == y.count && sameLeadingEntries(x, y) == x.count
        case (.sequence(let x), .sequence(let y)):
            return sameBits(x, y) || x.count == y.count && sameLeadingItems(x, y) == x.count
        default:
            return false
        }
    }

    /// Whether two collections are the same bits: then they hold the very same storage, so the same content. A fixed
    /// document shares its storage with the original wherever the fixer did not edit it, so most comparisons end
    /// here without a walk. Bits that differ (another copy, or only padding) say nothing: those are compared in full.
    private static func sameBits<Collection>(_ x: Collection, _ y: Collection) -> Bool {
        withUnsafeBytes(of: x) { x in withUnsafeBytes(of: y) { y in x.elementsEqual(y) } }
    }

    private static func readsAsNonString(_ scalar: Node.Scalar) -> Bool {
        isPlain(scalar) && !YAMLScalar.isPlainSafe(scalar.string)
    }

    private static func isPlain(_ scalar: Node.Scalar) -> Bool { scalar.style == .plain || scalar.style == .any }
}

/// One splice: `range` of the original text replaced by `text`. `depth` orders insertions at one place: the deeper
/// node's text comes first, since it continues the entry that ends there.
private struct Splice {
    var range: Range<Int>
    var text: String
    var depth: Int
}

private enum Slot {
    case root
    case value(key: SourceNode)
    case item
}

private struct Editor {
    let scalars: [Unicode.Scalar]
    /// The same text as UTF-8, and where each scalar starts in it (empty for an ASCII text, where they agree).
    let utf8: [UInt8]
    let scalarStarts: [Int]
    let newline: String
    /// How far a block list sits under its key in this file (0 as kubectl writes it, or 2).
    let sequenceIndent: Int
    /// A JSON manifest gets JSON in its flow collections.
    let isJSON: Bool
    var splices: [Splice] = []

    init(text: String) {
        utf8 = Array(text.utf8)
        // Most manifests are ASCII: each byte is its scalar, without decoding the text twice.
        scalars = utf8.allSatisfy { $0 < 0x80 } ? utf8.map { Unicode.Scalar($0) } : Array(text.unicodeScalars)
        if utf8.count != scalars.count {
            var starts: [Int] = []
            starts.reserveCapacity(scalars.count + 1)
            var offset = 0
            for scalar in scalars {
                starts.append(offset)
                offset += UTF8.width(scalar)
            }
            starts.append(offset)
            scalarStarts = starts
        } else {
            scalarStarts = []
        }
        newline = scalars.contains("\r") ? "\r\n" : "\n"
        sequenceIndent = Self.sequenceIndent(in: scalars)
        isJSON = scalars.first { !$0.properties.isWhitespace } == "{"
    }

    mutating func diff(_ original: Node, _ changed: Node, _ source: SourceNode, slot: Slot, inFlow: Bool, depth: Int)
        throws(SourceEditor.Unpreservable)
    {
        // Entries (or items) known to be the same, from the front: those are not compared again below, so a
        // change deep in a document is found with one walk of what comes before it, not one per level.
        let leading: Int
        switch (original, changed) {
        case (.mapping(let old), .mapping(let new)):
            leading = SourceEditor.sameLeadingEntries(old, new)
            if leading == old.count && leading == new.count { return }
        case (.sequence(let old), .sequence(let new)):
            leading = SourceEditor.sameLeadingItems(old, new)
            if leading == old.count && leading == new.count { return }
        default:
            guard !SourceEditor.sameContent(original, changed) else { return }
            leading = 0
        }
        if source.isAnchored {
            throw .init(description: "the change touches anchored content that aliases share")
        }
        if !inFlow, source.isFlow, case .value = slot, Self.isEmptyCollection(source) {
            // `securityContext: {}` in a block file becomes a block like the rest of the file.
            return try replace(source, with: changed, slot: slot, inFlow: false, depth: depth)
        }
        let inFlow = inFlow || source.isFlow
        switch (original, changed, source.kind) {
        case (.mapping(let old), .mapping(let new), .mapping(let pairs)):
            try diffMapping(old, new, source, pairs: pairs, leading: leading, inFlow: inFlow, depth: depth)
        case (.sequence(let old), .sequence(let new), .sequence(let items)):
            try diffSequence(
                Array(old), Array(new), source, items: items, leading: leading, inFlow: inFlow, depth: depth)
        case (.scalar(let old), .scalar, .scalar(_, let plain)):
            if plain, text(source.start..<source.end) != old.string {
                throw .init(description: "a value's text could not be located")
            }
            splices.append(
                Splice(range: source.start..<source.end, text: render(changed, inFlow: inFlow), depth: depth))
        default:
            try replace(source, with: changed, slot: slot, inFlow: inFlow, depth: depth)
        }
    }

    // MARK: Mappings

    private mutating func diffMapping(
        _ old: Node.Mapping, _ new: Node.Mapping, _ source: SourceNode,
        pairs: [(key: SourceNode, value: SourceNode)], leading: Int, inFlow: Bool, depth: Int
    ) throws(SourceEditor.Unpreservable) {
        if pairs.contains(where: { $0.key.key == "<<" }) {
            throw .init(description: "the change touches a mapping built with a merge key (<<)")
        }
        // By index and key text throughout: Yams' mapping iterator copies every pair first, and `mapping[key]`
        // resolves every key's tag.
        var sourceByKey: [String: Int] = [:]
        for index in pairs.indices { if let key = pairs[index].key.key { sourceByKey[key] = index } }
        let newKeys = KeyIndex(new)
        let oldKeys = KeyIndex(old)
        let removed = old.indices.filter { newKeys.index(of: old[$0].key, in: new) == nil }
        // A flow mapping that loses a key is written anew as a whole (before any edit inside it).
        if inFlow, !removed.isEmpty { return try replaceWhole(source, with: .mapping(new), depth: depth) }
        var inserted: [(Node, Node)] = []
        for index in new.indices.dropFirst(leading) {
            let key = new[index].key
            guard let previous = oldKeys.index(of: key, in: old) else {
                inserted.append((key, new[index].value))
                continue
            }
            guard let name = key.scalar?.string, let pair = sourceByKey[name] else {
                throw .init(description: "a key could not be located in the text")
            }
            try diff(
                old[previous].value, new[index].value, pairs[pair].value, slot: .value(key: pairs[pair].key),
                inFlow: inFlow, depth: depth + 1)
        }
        for index in removed {
            guard let name = old[index].key.scalar?.string, let pair = sourceByKey[name] else {
                throw .init(description: "a removed key could not be located in the text")
            }
            try removeLines(from: pairs[pair].key.start, to: pairs[pair].value.end, depth: depth)
        }
        guard !inserted.isEmpty else { return }
        let addition = Node.Mapping(inserted)
        if inFlow {
            guard scalars.indices.contains(source.start), scalars[source.start] == "{" else {
                throw .init(description: "a flow mapping could not be located")
            }
            if let last = pairs.last {
                splices.append(
                    Splice(
                        range: last.value.end..<last.value.end, text: flowEntries(addition, after: last.key),
                        depth: depth))
            } else {
                let entries = addition.map { "\(flow($0.key)): \(flow($0.value))" }
                splices.append(
                    Splice(
                        range: source.start + 1..<source.start + 1, text: entries.joined(separator: ", "), depth: depth)
                )
            }
            return
        }
        guard let first = pairs.first else { throw .init(description: "an empty block mapping") }
        let lines = NodeText.indented(
            NodeText.blockLines(.mapping(addition), sequenceIndent: sequenceIndent), by: column(of: first.key.start))
        insertLines(lines, after: source.end, depth: depth)
    }

    /// Entries added after the last one of a flow mapping: on one line after it, or, where that entry has a line
    /// of its own (pretty-printed JSON), each on its own line, pretty-printed alike.
    private func flowEntries(_ addition: Node.Mapping, after lastKey: SourceNode) -> String {
        flowAppendix(
            addition.map { (flow($0.key) + ": ", NodeText.json($0.key) + ": ", $0.value) }, after: lastKey.start)
    }

    /// Items added after the last one of a flow list, laid out as `flowEntries` lays out entries.
    private func flowItems(_ addition: [Node], after last: SourceNode) -> String {
        flowAppendix(addition.map { ("", "", $0) }, after: last.start)
    }

    /// `parts`: each one's prefix on one line, its prefix pretty-printed, and its value.
    private func flowAppendix(_ parts: [(inline: String, pretty: String, value: Node)], after start: Int) -> String {
        let lineStart = lineStart(of: start)
        guard scalars[lineStart..<start].allSatisfy({ $0 == " " }) else {
            return parts.map { ", " + $0.inline + flow($0.value) }.joined()
        }
        let column = start - lineStart
        let unit = max(1, column - indentation(ofLineBefore: lineStart, below: column))
        let padding = String(repeating: " ", count: column)
        return parts.map {
            "," + newline + padding + $0.pretty
                + NodeText.prettyFlow($0.value, column: column, unit: unit).replacingNewlines(with: newline)
        }.joined()
    }

    /// The indentation of the nearest line above `lineStart` indented less than `column` (the collection's opener).
    private func indentation(ofLineBefore lineStart: Int, below column: Int) -> Int {
        var end = lineStart
        while end > 0 {
            let start = self.lineStart(of: end - 1)
            let indent = scalars[start..<end].prefix { $0 == " " }.count
            if indent < column, start + indent < end - 1 { return indent }
            end = start
        }
        return max(0, column - 2)
    }

    // MARK: Sequences

    /// Items are matched by identity (`name` for containers and volumes, `mountPath` for mounts, kind and name for
    /// objects), items without one by equality or else by position: kept items are diffed in place, dropped ones
    /// removed, new ones inserted after the kept item they follow.
    private mutating func diffSequence(
        _ old: [Node], _ new: [Node], _ source: SourceNode, items: [SourceNode], leading: Int, inFlow: Bool,
        depth: Int
    ) throws(SourceEditor.Unpreservable) {
        guard items.count == old.count else { throw .init(description: "a list could not be matched to its text") }
        var matches: [(old: Int, new: Int)] = []
        var next = 0
        var insertedAfter: [Int?: [Node]] = [:]
        let oldIdentities = old.map(Self.identity)
        for (newIndex, item) in new.enumerated() {
            let identity = Self.identity(of: item)
            var found = old.indices[next...].first { index in
                identity.map { oldIdentities[index] == $0 } ?? SourceEditor.sameContent(old[index], item)
            }
            if found == nil, identity == nil, next < old.count, oldIdentities[next] == nil,
                !new[(newIndex + 1)...].contains(where: { SourceEditor.sameContent($0, old[next]) })
            {
                found = next
            }
            if let found {
                matches.append((found, newIndex))
                next = found + 1
            } else {
                insertedAfter[matches.last?.old, default: []].append(item)
            }
        }
        let kept = Set(matches.map(\.old))
        let dropped = old.indices.filter { !kept.contains($0) }
        // A flow list grows in place only at its end; any other change writes it anew as a whole.
        if inFlow, !dropped.isEmpty || !insertedAfter.isEmpty,
            !(dropped.isEmpty && !items.isEmpty && Array(insertedAfter.keys) == [items.count - 1])
        {
            return try replaceWhole(source, with: Node(new), depth: depth)
        }
        for match in matches where match.old != match.new || match.new >= leading {
            try diff(old[match.old], new[match.new], items[match.old], slot: .item, inFlow: inFlow, depth: depth + 1)
        }
        guard !dropped.isEmpty || !insertedAfter.isEmpty else { return }
        if inFlow, let last = items.last {
            let text = flowItems(insertedAfter[items.count - 1] ?? [], after: last)
            return splices.append(Splice(range: last.end..<last.end, text: text, depth: depth))
        }
        guard let firstItem = items.first else { throw .init(description: "an empty block list") }
        let dash = try dashColumn(of: firstItem)
        for index in dropped {
            try removeLines(from: try dashPosition(of: items[index]), to: items[index].end, depth: depth)
        }
        for (after, additions) in insertedAfter {
            let lines = NodeText.indented(
                additions.flatMap { NodeText.item(NodeText.blockLines($0, sequenceIndent: sequenceIndent)) }, by: dash)
            if let after {
                insertLines(lines, after: items[after].end, depth: depth)
            } else {
                let start = lineStart(of: try dashPosition(of: firstItem))
                splices.append(Splice(range: start..<start, text: joined(lines), depth: depth))
            }
        }
    }

    private static func isEmptyCollection(_ source: SourceNode) -> Bool {
        switch source.kind {
        case .mapping(let pairs): pairs.isEmpty
        case .sequence(let items): items.isEmpty
        default: false
        }
    }

    private static func identity(of item: Node) -> String? {
        for key in ["name", "mountPath"] {
            if let value = item.value(key)?.scalar?.string { return key + "=" + value }
        }
        if let kind = item.value("kind")?.scalar?.string,
            let name = item.value(at: ["metadata", "name"])?.scalar?.string
        {
            return "object=" + kind + "/" + name
        }
        return nil
    }

    // MARK: Replacing a whole value

    private mutating func replace(_ source: SourceNode, with changed: Node, slot: Slot, inFlow: Bool, depth: Int)
        throws(SourceEditor.Unpreservable)
    {
        if inFlow { return try replaceWhole(source, with: changed, depth: depth) }
        guard case .value(let key) = slot else {
            throw .init(description: "a list item or document changed its type")
        }
        let indent = column(of: key.start)
        let lines: [String]
        switch changed {
        case .mapping(let mapping) where !mapping.isEmpty:
            lines = NodeText.indented(NodeText.blockLines(changed, sequenceIndent: sequenceIndent), by: indent + 2)
        case .sequence(let sequence) where !sequence.isEmpty:
            lines = NodeText.indented(
                NodeText.blockLines(changed, sequenceIndent: sequenceIndent), by: indent + sequenceIndent)
        default:
            return try replaceAfterKey(key, through: source, with: ": " + render(changed, inFlow: false), depth)
        }
        try replaceAfterKey(key, through: source, with: ":" + newline + lines.joined(separator: newline), depth)
    }

    /// Replaces from the end of `key` through its colon and the old value; what follows on the line stays.
    private mutating func replaceAfterKey(_ key: SourceNode, through value: SourceNode, with text: String, _ depth: Int)
        throws(SourceEditor.Unpreservable)
    {
        let searchEnd = value.start > key.end ? value.start : lineEnd(of: key.end)
        guard let colon = scalars[key.end..<searchEnd].firstIndex(of: ":") else {
            throw .init(description: "a value could not be located after its key")
        }
        splices.append(Splice(range: key.end..<max(value.end, colon + 1), text: text, depth: depth))
    }

    private mutating func replaceWhole(_ source: SourceNode, with changed: Node, depth: Int)
        throws(SourceEditor.Unpreservable)
    {
        guard source.isFlow else { throw .init(description: "a block collection cannot be rewritten as flow") }
        splices.append(Splice(range: source.start..<source.end, text: flow(changed), depth: depth))
    }

    private func render(_ node: Node, inFlow: Bool) -> String {
        inFlow ? flow(node) : NodeText.scalar(node)
    }

    private func flow(_ node: Node) -> String { NodeText.flow(node, json: isJSON) }

    // MARK: Lines

    private mutating func insertLines(_ lines: [String], after end: Int, depth: Int) {
        let position = end > 0 && scalars[end - 1] == "\n" ? end : lineEnd(of: end)
        // A file without a final newline keeps it that way.
        let text =
            position == scalars.count && position > 0 && scalars[position - 1] != "\n"
            ? newline + lines.joined(separator: newline) : joined(lines)
        splices.append(Splice(range: position..<position, text: text, depth: depth))
    }

    /// Removes the whole lines from `start` to `end`; `start` must be the first thing on its line.
    private mutating func removeLines(from start: Int, to end: Int, depth: Int) throws(SourceEditor.Unpreservable) {
        let first = lineStart(of: start)
        guard scalars[first..<start].allSatisfy({ $0 == " " }) else {
            throw .init(description: "an entry to remove shares its line with another")
        }
        let last = end > 0 && scalars[end - 1] == "\n" ? end : lineEnd(of: end)
        splices.append(Splice(range: first..<last, text: "", depth: depth))
    }

    private func joined(_ lines: [String]) -> String { lines.map { $0 + newline }.joined() }

    private func lineStart(of position: Int) -> Int {
        var index = min(position, scalars.count)
        while index > 0, scalars[index - 1] != "\n" { index -= 1 }
        return index
    }

    /// Just past the newline that ends the line holding `position` (or the end of the text).
    private func lineEnd(of position: Int) -> Int {
        var index = position
        while index < scalars.count, scalars[index] != "\n" { index += 1 }
        return min(index + 1, scalars.count)
    }

    private func column(of position: Int) -> Int { position - lineStart(of: position) }

    private func text(_ range: Range<Int>) -> String {
        var string = ""
        string.unicodeScalars.append(contentsOf: scalars[range])
        return string
    }

    /// Where the `-` of a block list item is: before its content on the same line.
    private func dashPosition(of item: SourceNode) throws(SourceEditor.Unpreservable) -> Int {
        var index = item.start - 1
        while index >= 0, scalars[index] == " " { index -= 1 }
        guard index >= 0, scalars[index] == "-" else { throw .init(description: "a list item's dash was not found") }
        return index
    }

    private func dashColumn(of item: SourceNode) throws(SourceEditor.Unpreservable) -> Int {
        column(of: try dashPosition(of: item))
    }

    /// Whether a block list under a key is indented (2) or not (0), from the first one in the file.
    private static func sequenceIndent(in scalars: [Unicode.Scalar]) -> Int {
        var previousKeyIndent: Int?
        var lineStart = 0
        while lineStart < scalars.count {
            var lineEnd = lineStart
            while lineEnd < scalars.count, scalars[lineEnd] != "\n" { lineEnd += 1 }
            var contentEnd = lineEnd
            while contentEnd > lineStart, scalars[contentEnd - 1] == "\r" || scalars[contentEnd - 1] == " " {
                contentEnd -= 1
            }
            var indent = lineStart
            while indent < contentEnd, scalars[indent] == " " { indent += 1 }
            if indent < contentEnd {
                let column = indent - lineStart
                if scalars[indent] == "-", indent + 1 < contentEnd, scalars[indent + 1] == " ",
                    let keyIndent = previousKeyIndent
                {
                    return column > keyIndent ? 2 : 0
                }
                previousKeyIndent = scalars[indent] != "#" && scalars[contentEnd - 1] == ":" ? column : nil
            }
            lineStart = lineEnd + 1
        }
        return 2
    }

    // MARK: Applying

    /// Where each key of a mapping is, by key text, for mappings whose keys are all scalars (a manifest's always
    /// are): Yams' `mapping[key]` compares nodes, resolving every key's tag, and was a fifth of a fix.
    private enum KeyIndex {
        case text([String: Int])
        case nodes

        init(_ mapping: Node.Mapping) {
            var indices: [String: Int] = [:]
            indices.reserveCapacity(mapping.count)
            for index in mapping.indices {
                guard case .scalar(let key) = mapping[index].key else {
                    self = .nodes
                    return
                }
                indices[key.string] = index
            }
            self = .text(indices)
        }

        func index(of key: Node, in mapping: Node.Mapping) -> Int? {
            guard case .text(let indices) = self, case .scalar(let scalar) = key else {
                return mapping.firstIndex { $0.key == key }
            }
            return indices[scalar.string]
        }
    }

    func apply() throws(SourceEditor.Unpreservable) -> String {
        let ordered = splices.enumerated().sorted { a, b in
            if a.element.range.lowerBound != b.element.range.lowerBound {
                return a.element.range.lowerBound < b.element.range.lowerBound
            }
            if a.element.range.isEmpty != b.element.range.isEmpty { return a.element.range.isEmpty }
            if a.element.depth != b.element.depth { return a.element.depth > b.element.depth }
            return a.offset < b.offset
        }.map(\.element)
        // Offsets count scalars (as libyaml's marks do); the text is copied as UTF-8 bytes between them.
        var output: [UInt8] = []
        output.reserveCapacity(utf8.count + ordered.reduce(0) { $0 + $1.text.utf8.count })
        var position = 0
        for splice in ordered {
            guard splice.range.lowerBound >= position else {
                throw .init(description: "two changes overlap in the text")
            }
            output.append(contentsOf: utf8[byteOffset(position)..<byteOffset(splice.range.lowerBound)])
            output.append(contentsOf: splice.text.utf8)
            position = splice.range.upperBound
        }
        output.append(contentsOf: utf8[byteOffset(position)...])
        return String(decoding: output, as: UTF8.self)
    }

    /// Where the scalar at `offset` starts in `utf8`: the offset itself in an ASCII text.
    private func byteOffset(_ offset: Int) -> Int {
        scalarStarts.isEmpty ? offset : scalarStarts[offset]
    }
}

extension String {
    fileprivate func replacingNewlines(with newline: String) -> String {
        newline == "\n" ? self : split(separator: "\n", omittingEmptySubsequences: false).joined(separator: newline)
    }
}
