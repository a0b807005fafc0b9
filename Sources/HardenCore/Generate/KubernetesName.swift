/// DNS-1123 label names for containers, volumes and workloads, derived readably from paths and images.
public enum KubernetesName {
    /// DNS-1123 label length limit.
    public static let maxLength = 63

    /// `/var/cache/nginx` -> `var-cache-nginx`; `nginxinc/nginx-unprivileged` -> `nginx-unprivileged`.
    public static func label(from text: String, fallback: String) -> String {
        var result = ""
        for character in text.lowercased() {
            if character.isASCII && (character.isLetter || character.isNumber) {
                result.append(character)
            } else if !result.isEmpty && result.last != "-" {
                result.append("-")
            }
        }
        while result.hasSuffix("-") { result.removeLast() }
        if result.count > maxLength {
            result = String(result.prefix(maxLength))
            while result.hasSuffix("-") { result.removeLast() }
        }
        return result.isEmpty ? fallback : result
    }

    /// A Service's name must also start with a letter (DNS-1035): `3d-api` becomes `svc-3d-api`.
    public static func serviceName(_ name: String) -> String {
        guard let first = name.first, !first.isLetter else { return name }
        return label(from: "svc-\(name)", fallback: "svc")
    }

    /// Whether `name` is a valid DNS-1123 label.
    public static func isLabel(_ name: String) -> Bool {
        guard !name.isEmpty, name.count <= maxLength, let first = name.first, let last = name.last else { return false }
        let allowed = name.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
        return allowed && first != "-" && last != "-"
    }

    /// `base`, or `base-2`, `base-3`... whichever is not yet in `taken`; records the result in `taken`.
    public static func unique(_ base: String, in taken: inout Set<String>) -> String {
        var candidate = base
        var counter = 2
        while taken.contains(candidate) {
            let suffix = "-\(counter)"
            candidate = String(base.prefix(maxLength - suffix.count)) + suffix
            counter += 1
        }
        taken.insert(candidate)
        return candidate
    }
}
