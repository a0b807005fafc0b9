/// Public registries that serve Docker Hub's content under another name. A reference through one of them
/// resolves to the Docker Hub repository; any other registry (a private one included) is never assumed to be
/// Docker Hub unless an entry or a team's overlay lists it as an alias.
enum DockerHubMirrors {
    struct Rule {
        /// The mirror's domain and path prefix, `public.ecr.aws/docker/library/`.
        let prefix: String
        /// What replaces it: `docker.io/library/`.
        let replacement: String
        let reason: String
    }

    static let rules: [Rule] = [
        Rule(
            prefix: "registry-1.docker.io/", replacement: "docker.io/",
            reason: "registry-1.docker.io is Docker Hub's registry endpoint"),
        Rule(
            prefix: "mirror.gcr.io/", replacement: "docker.io/",
            reason: "mirror.gcr.io is Google's pull-through cache of Docker Hub"),
        Rule(
            prefix: "public.ecr.aws/docker/library/", replacement: "docker.io/library/",
            reason: "public.ecr.aws/docker/library is Docker Hub's official-image mirror on Amazon ECR Public"),
    ]

    /// The Docker Hub repository a mirrored repository stands for, with why; nil when it is not a known mirror.
    static func dockerHubRepository(for lookupKey: String) -> (repository: String, reason: String)? {
        for rule in rules where lookupKey.hasPrefix(rule.prefix) {
            var path = String(lookupKey.dropFirst(rule.prefix.count))
            if rule.replacement == "docker.io/" && !path.contains("/") { path = "library/" + path }
            return (rule.replacement + path, rule.reason)
        }
        return nil
    }
}
