extension ImageReference {
    /// Docker Hub's canonical domain; `index.docker.io` is its legacy name.
    public static let defaultDomain = "docker.io"
    static let legacyDefaultDomain = "index.docker.io"
    /// Official images live under this namespace on Docker Hub.
    static let officialNamespace = "library"
    /// NameTotalLengthMax in distribution/reference, which (since v0.6) bounds the path, not domain + path.
    public static let maxNameLength = 255
    /// The tag grammar `[\w][\w.-]{0,127}`.
    public static let maxTagLength = 128

    /// Parses and normalises a reference, or throws the exact rule it breaks.
    public static func parse(_ input: String) throws(ReferenceError) -> ImageReference {
        func fail(_ reason: String) -> ReferenceError { ReferenceError(input: input, reason: reason) }

        guard !input.isEmpty else { throw fail("reference is empty") }
        guard input.utf8.count <= 1024 else { throw fail("reference is longer than 1024 characters") }
        // ASCII is decided by value (its whitespace and the controls refused here all lie at or below U+0020):
        // Unicode's property tables, which cost hundreds of instructions a scalar, are asked only of the rest.
        let isRefused = { (scalar: Unicode.Scalar) in
            scalar.isASCII ? scalar.value <= 0x20 : scalar.properties.isWhitespace
        }
        if let bad = input.unicodeScalars.first(where: isRefused) {
            throw fail(
                "contains whitespace or a control character (U+\(String(bad.value, radix: 16, uppercase: true)))")
        }
        if isHexIdentifier(input) {
            throw fail("a 64-character hexadecimal string is an image ID, not a repository name")
        }

        var remainder = Substring(input)
        var digest: String?
        if let at = remainder.firstIndex(of: "@") {
            let digestText = String(remainder[remainder.index(after: at)...])
            remainder = remainder[..<at]
            digest = try validatedDigest(digestText, fail: fail)
        }

        var tag: String?
        if let colon = remainder.lastIndex(of: ":"), !remainder[colon...].contains(Character("/")) {
            let tagText = String(remainder[remainder.index(after: colon)...])
            remainder = remainder[..<colon]
            tag = try validatedTag(tagText, fail: fail)
        }

        let name = String(remainder)
        guard !name.isEmpty else { throw fail("repository name is empty") }
        var (domain, path) = splitDomain(name)
        if domain == legacyDefaultDomain { domain = defaultDomain }
        if domain == defaultDomain && !path.contains(Character("/")) { path = "\(officialNamespace)/\(path)" }

        if domain != defaultDomain || name.contains(Character("/")) {
            try validateDomain(domain, fail: fail)
        }
        guard path.lowercased() == path else { throw fail("repository name must be lowercase") }
        try validatePath(path, fail: fail)
        guard path.utf8.count <= maxNameLength else {
            throw fail("repository path must not be more than \(maxNameLength) characters")
        }
        let implicit = tag == nil && digest == nil
        return ImageReference(
            domain: domain, path: path, tag: implicit ? "latest" : tag, digest: digest, tagIsImplicit: implicit)
    }

    /// Parses a repository name alone (no tag, no digest), as seed files and aliases write them.
    public static func parseRepository(_ input: String) throws(ReferenceError) -> ImageReference {
        let reference = try parse(input)
        guard !input.contains(Character("@")), reference.tagIsImplicit else {
            throw ReferenceError(input: input, reason: "a repository takes no tag or digest")
        }
        return reference
    }

    /// distribution's splitDockerDomain: the first component is a domain only if it contains `.` or `:`, is
    /// `localhost`, or has an uppercase letter (which a path component cannot).
    private static func splitDomain(_ name: String) -> (domain: String, path: String) {
        guard let slash = name.firstIndex(of: "/") else { return (defaultDomain, name) }
        let first = String(name[..<slash])
        let isDomain =
            first.contains(Character(".")) || first.contains(Character(":")) || first == "localhost"
            || first.lowercased() != first
        return isDomain ? (first, String(name[name.index(after: slash)...])) : (defaultDomain, name)
    }

    private static func validateDomain(_ domain: String, fail: (String) -> ReferenceError) throws(ReferenceError) {
        var host = Substring(domain)
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { throw fail("IPv6 host \"\(domain)\" is missing \"]\"") }
            let address = host[host.index(after: host.startIndex)..<close]
            guard !address.isEmpty, address.contains(":"), address.allSatisfy({ $0.isASCIIHexDigit || $0 == ":" })
            else {
                throw fail("\"\(address)\" is not a valid IPv6 address")
            }
            host = host[host.index(after: close)...]
            if !host.isEmpty {
                guard host.hasPrefix(":") else { throw fail("unexpected \"\(host)\" after IPv6 host") }
                try validatePort(String(host.dropFirst()), fail: fail)
            }
            return
        }
        if let colon = host.firstIndex(of: ":") {
            try validatePort(String(host[host.index(after: colon)...]), fail: fail)
            host = host[..<colon]
        }
        guard !host.isEmpty else { throw fail("registry host is empty") }
        for component in host.split(separator: ".", omittingEmptySubsequences: false) {
            let valid =
                !component.isEmpty && component.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
                && component.first != "-" && component.last != "-"
            guard valid else { throw fail("registry host \"\(host)\" is not a valid host name") }
        }
    }

    private static func validatePort(_ port: String, fail: (String) -> ReferenceError) throws(ReferenceError) {
        guard !port.isEmpty, port.allSatisfy(\.isASCIIDigit) else {
            throw fail("registry port \"\(port)\" must be a number")
        }
    }

    /// path-component := [a-z0-9]+ (separator [a-z0-9]+)*, separator := [_.] | __ | -+
    private static func validatePath(_ path: String, fail: (String) -> ReferenceError) throws(ReferenceError) {
        for component in path.split(separator: "/", omittingEmptySubsequences: false) {
            guard !component.isEmpty else { throw fail("repository path has an empty component") }
            let scalars = Array(component.unicodeScalars)
            func isAlphanumeric(_ s: Unicode.Scalar) -> Bool { ("a"..."z").contains(s) || ("0"..."9").contains(s) }
            guard let first = scalars.first, let last = scalars.last, isAlphanumeric(first), isAlphanumeric(last) else {
                throw fail(
                    "path component \"\(Quoted.brief(component))\" must start and end with a lowercase letter or digit")
            }
            var index = 0
            while index < scalars.count {
                if isAlphanumeric(scalars[index]) {
                    index += 1
                    continue
                }
                var run = ""
                while index < scalars.count && !isAlphanumeric(scalars[index]) {
                    run.unicodeScalars.append(scalars[index])
                    index += 1
                }
                let allowedSeparator = run == "." || run == "_" || run == "__" || run.allSatisfy { $0 == "-" }
                guard allowedSeparator else {
                    throw fail(
                        "path component \"\(Quoted.brief(component))\" has an invalid separator \"\(Quoted.brief(run))\""
                    )
                }
            }
        }
    }

    /// tag := [\w][\w.-]{0,127}
    private static func validatedTag(_ tag: String, fail: (String) -> ReferenceError) throws(ReferenceError) -> String {
        guard !tag.isEmpty else { throw fail("tag is empty") }
        guard tag.count <= maxTagLength else { throw fail("tag is longer than \(maxTagLength) characters") }
        func isWord(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber || c == "_") }
        guard let first = tag.first, isWord(first) else {
            throw fail("tag \"\(tag)\" must start with a letter, digit or underscore")
        }
        guard tag.allSatisfy({ isWord($0) || $0 == "." || $0 == "-" }) else {
            throw fail("tag \"\(tag)\" may contain only letters, digits, \"_\", \".\" and \"-\"")
        }
        return tag
    }

    /// digest := algorithm ":" hex; registered algorithms need their exact length of lowercase hex.
    private static func validatedDigest(_ digest: String, fail: (String) -> ReferenceError) throws(ReferenceError)
        -> String
    {
        guard let colon = digest.firstIndex(of: ":") else { throw fail("digest \"\(digest)\" must be algorithm:hex") }
        let algorithm = String(digest[..<colon])
        let hex = String(digest[digest.index(after: colon)...])
        let components = algorithm.split(omittingEmptySubsequences: false) { "+.-_".contains($0) }
        let algorithmIsValid = components.allSatisfy { component in
            guard let first = component.first, first.isASCII, first.isLetter else { return false }
            return component.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
        guard algorithmIsValid else { throw fail("invalid digest algorithm \"\(algorithm)\"") }
        let lengths = ["sha256": 64, "sha384": 96, "sha512": 128]
        guard let expected = lengths[algorithm] else {
            throw fail("unsupported digest algorithm \"\(algorithm)\"; use sha256, sha384 or sha512")
        }
        guard hex.allSatisfy({ $0.isASCIIHexDigit }) else { throw fail("digest must be hexadecimal") }
        guard hex.count == expected else {
            throw fail("invalid digest length: \(algorithm) needs \(expected) hex characters, got \(hex.count)")
        }
        guard hex.lowercased() == hex else { throw fail("digest hex must be lowercase") }
        return digest
    }

    private static func isHexIdentifier(_ text: String) -> Bool {
        text.count == 64 && text.allSatisfy { $0.isASCIIHexDigit && ($0.isNumber || $0.isLowercase) }
    }
}
