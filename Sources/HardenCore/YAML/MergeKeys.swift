import Yams

/// Applies YAML merge keys (`<<: *defaults`) exactly as Kubernetes reads them, so that what harden audits is what
/// the cluster gets. kubectl and the API server decode YAML with go-yaml v2 (through sigs.k8s.io/yaml), which sets
/// keys in document order, a later key replacing an earlier one: explicit keys written after `<<` win, a merge
/// written after a key replaces it, and a list of mappings is merged last to first so that the earlier one wins.
///
/// The same walk enforces the node and depth budget of `YAMLLimits`: aliases are already expanded by the
/// composer, so walking the tree is where an alias bomb would cost, and the walk stops as soon as the budget runs
/// out.
enum MergeKeys {
    static func apply(to node: Node, depth: Int, budget: inout Int, limits: YAMLLimits) throws(YAMLProblem) -> (
        node: Node, changed: Bool
    ) {
        budget -= 1
        guard budget >= 0 else { throw .tooManyNodes(limit: limits.maxNodes) }
        guard depth <= limits.maxDepth else { throw .tooDeep(limit: limits.maxDepth) }
        switch node {
        case .scalar, .alias:
            return (node, false)
        case .sequence(let sequence):
            var changed = false
            var children: [Node] = []
            children.reserveCapacity(sequence.count)
            for child in sequence {
                let applied = try apply(to: child, depth: depth + 1, budget: &budget, limits: limits)
                changed = changed || applied.changed
                children.append(applied.node)
            }
            guard changed else { return (node, false) }
            return (.sequence(.init(children, sequence.tag, sequence.style, sequence.mark, sequence.anchor)), true)
        case .mapping(let mapping):
            return try apply(to: mapping, depth: depth, budget: &budget, limits: limits)
        }
    }

    private static func apply(to mapping: Node.Mapping, depth: Int, budget: inout Int, limits: YAMLLimits)
        throws(YAMLProblem) -> (node: Node, changed: Bool)
    {
        // Almost every mapping has no merge key: walk it without building merged pairs, unless a value changed.
        guard mapping.contains(where: { isMergeKey($0.key) }) else {
            var values: [Node] = []
            values.reserveCapacity(mapping.count)
            var changed = false
            for (_, value) in mapping {
                budget -= 1
                guard budget >= 0 else { throw .tooManyNodes(limit: limits.maxNodes) }
                let applied = try apply(to: value, depth: depth + 1, budget: &budget, limits: limits)
                changed = changed || applied.changed
                values.append(applied.node)
            }
            guard changed else { return (.mapping(mapping), false) }
            var merged = MergedPairs()
            for ((key, _), value) in zip(mapping, values) { merged.set(key, value) }
            return (.mapping(.init(merged.pairs, mapping.tag, mapping.style, mapping.mark, mapping.anchor)), true)
        }
        var merged = MergedPairs()
        var changed = false
        for (key, value) in mapping {
            budget -= 1
            guard budget >= 0 else { throw .tooManyNodes(limit: limits.maxNodes) }
            let applied = try apply(to: value, depth: depth + 1, budget: &budget, limits: limits)
            changed = changed || applied.changed
            guard isMergeKey(key) else {
                merged.set(key, applied.node)
                continue
            }
            changed = true
            switch applied.node {
            case .mapping(let source):
                for (sourceKey, sourceValue) in source { merged.set(sourceKey, sourceValue) }
            case .sequence(let sources):
                for source in sources.reversed() {
                    guard case .mapping(let source) = source else { throw .invalidMerge(line: key.mark?.line) }
                    for (sourceKey, sourceValue) in source { merged.set(sourceKey, sourceValue) }
                }
            default:
                throw .invalidMerge(line: key.mark?.line)
            }
        }
        guard changed else { return (.mapping(mapping), false) }
        return (.mapping(.init(merged.pairs, mapping.tag, mapping.style, mapping.mark, mapping.anchor)), true)
    }

    /// A plain `<<` key, or one tagged `!!merge`; a quoted "<<" is an ordinary key, as in go-yaml.
    static func isMergeKey(_ key: Node) -> Bool {
        guard case .scalar(let scalar) = key else { return false }
        return isMergeKey(scalar)
    }

    static func isMergeKey(_ scalar: Node.Scalar) -> Bool {
        scalar.string == "<<" && (scalar.style == .plain || scalar.tag.rawValue == Tag.Name.merge.rawValue)
    }

    /// Key-value pairs in first-seen order where setting a key again replaces its value.
    private struct MergedPairs {
        var pairs: [(Node, Node)] = []
        private var positions: [String: Int] = [:]

        mutating func set(_ key: Node, _ value: Node) {
            guard let text = key.scalar?.string else {
                pairs.append((key, value))
                return
            }
            if let position = positions[text] {
                pairs[position].1 = value
            } else {
                positions[text] = pairs.count
                pairs.append((key, value))
            }
        }
    }
}
