/// Turns an image reference into a knowledge-base entry and variant, always saying which rule matched.
///
/// ```swift
/// let resolution = try Resolver(knowledgeBase: kb).resolve("library/nginx:1.27-alpine")
/// resolution.match?.variant  // "alpine"
/// ```
public struct Resolver: Sendable {
    public let knowledgeBase: KnowledgeBase

    public init(knowledgeBase: KnowledgeBase) {
        self.knowledgeBase = knowledgeBase
    }

    /// Parses and resolves one reference; `variant` overrides the tag rules.
    public func resolve(_ input: String, variant: String? = nil) throws -> Resolution {
        let reference = try ImageReference.parse(input)
        guard let found = try findEntry(for: reference) else {
            return Resolution(
                input: input, reference: reference, match: nil, facts: nil,
                suggestions: try suggestions(for: reference))
        }
        let selection = try Self.selectVariant(of: found.entry, tag: reference.tag, override: variant)
        let match = Resolution.Match(
            image: found.entry.repository, variant: selection.variant.name, via: found.via,
            reason: "\(found.reason) \(selection.reason)", assumptions: selection.assumptions)
        return Resolution(
            input: input, reference: reference, match: match,
            facts: ImageFacts(entry: found.entry, variant: selection.variant), suggestions: [])
    }

    /// The entry for a reference: by canonical name, then an entry's own aliases, then registry mirrors.
    public func findEntry(for reference: ImageReference) throws -> (
        entry: ImageEntry, via: Resolution.Via, reason: String
    )? {
        let key = reference.lookupKey
        if let found = try knowledgeBase.entry(named: key) {
            return describe(found, name: key)
        }
        if let mirror = try knowledgeBase.mirror(for: key), let target = mirror.rewrite(key),
            let found = try knowledgeBase.entry(named: target)
        {
            return (found.entry, .mirror, "\(reference.repository) is \(found.entry.repository): \(mirror.why).")
        }
        return nil
    }

    private func describe(
        _ found: (entry: ImageEntry, matched: KnowledgeBase.MatchedName), name: String
    ) -> (entry: ImageEntry, via: Resolution.Via, reason: String) {
        switch found.matched {
        case .canonical:
            return (found.entry, .canonical, "\(name) is a knowledge-base entry.")
        case .alias(let alias):
            let via: Resolution.Via = alias.kind == .mirror ? .mirror : .alias
            return (
                found.entry, via,
                "\(name) is listed as \(alias.kind == .mirror ? "a mirror" : "an alias") of \(found.entry.repository)."
            )
        }
    }

    /// Chooses the variant for a tag: `override` if given, else the highest-priority variant whose tag pattern
    /// (and version range) matches, else the default, saying which and why.
    public static func selectVariant(
        of entry: ImageEntry, tag: String?, override: String?
    ) throws(ResolveError) -> (variant: Variant, reason: String, assumptions: [String]) {
        if let override {
            guard let chosen = entry.variant(named: override) else {
                throw .unknownVariant(image: entry.repository, variant: override, available: entry.variants.map(\.name))
            }
            return (chosen, "Variant \"\(chosen.name)\" was chosen by name, over the tag rules.", [])
        }
        guard let tag else {
            let chosen = entry.defaultVariant
            return (
                chosen, "The reference has a digest but no tag, so the default variant \"\(chosen.name)\" was assumed.",
                [
                    "a digest alone does not say which variant it is; assumed the default \"\(chosen.name)\": name the variant if it is another"
                ]
            )
        }
        let version = Version(leadingVersionOf: tag)
        let ordered = entry.variants.enumerated().sorted {
            $0.element.priority != $1.element.priority
                ? $0.element.priority > $1.element.priority : $0.offset < $1.offset
        }.map(\.element)
        for candidate in ordered {
            if let range = candidate.versionRange {
                guard let version, range.contains(version) else { continue }
            }
            if let pattern = candidate.tagPatterns.first(where: { TagPattern.matches($0, tag) }) {
                let range =
                    candidate.versionRange.map { " and version \(version?.description ?? "") is within \($0)" } ?? ""
                return (
                    candidate,
                    "Tag \"\(tag)\" matches pattern \"\(pattern)\"\(range) of variant \"\(candidate.name)\".", []
                )
            }
        }
        let chosen = entry.defaultVariant
        return (
            chosen, "No variant pattern matches tag \"\(tag)\", so the default variant \"\(chosen.name)\" was used.",
            ["tag \"\(tag)\" matches no known variant; assumed the default \"\(chosen.name)\""]
        )
    }

    /// Known repositories whose name is close to the reference's last path component.
    public func suggestions(for reference: ImageReference, limit: Int = 5) throws(KnowledgeBaseError) -> [String] {
        let name = reference.path.split(separator: "/").last ?? ""
        return try knowledgeBase.suggestions.value(for: "\(limit) \(name)") { () throws(KnowledgeBaseError) in
            try closestNames(to: Array(name.unicodeScalars), limit: limit)
        }
    }

    private func closestNames(to wanted: [Unicode.Scalar], limit: Int) throws(KnowledgeBaseError) -> [String] {
        let closeEnough = max(1, wanted.count / 3)
        let wantedLetters = Spelling.letterSet(wanted)
        var scored: [(score: Int, repository: String)] = []
        for known in try knowledgeBase.allSuggestionNames() {
            let name = known.lastComponent
            // A word holds every letter of a word it contains: the letter sets rule most names out first.
            let contained =
                min(wanted.count, name.count) >= 3
                && ((wantedLetters & ~known.letters == 0 && Spelling.contains(name, wanted))
                    || (known.letters & ~wantedLetters == 0 && Spelling.contains(wanted, name)))
            // The distance is at least the difference in length, and at least the letters one has and the other
            // lacks: most names are ruled out without computing it.
            guard
                contained
                    || (abs(wanted.count - name.count) <= closeEnough
                        && Spelling.lettersMissing(wantedLetters, known.letters) <= closeEnough)
            else { continue }
            // A name that contains the other is exactly the difference in length away (delete the rest).
            let distance =
                contained ? abs(wanted.count - name.count) : Spelling.distance(wanted, name, limit: closeEnough)
            if distance <= closeEnough {
                scored.append((distance, known.repository))
            } else if contained {
                scored.append((distance + 10, known.repository))
            }
        }
        var seen: Set<String> = []
        // Closest first; among equals, Docker's official images first, since they are what a bare name means.
        func rank(_ item: (score: Int, repository: String)) -> (Int, Int, String) {
            (item.score, item.repository.hasPrefix("docker.io/library/") ? 0 : 1, item.repository)
        }
        return scored.sorted { rank($0) < rank($1) }
            .map(\.repository).filter { seen.insert($0).inserted }.prefix(limit).map { $0 }
    }
}
