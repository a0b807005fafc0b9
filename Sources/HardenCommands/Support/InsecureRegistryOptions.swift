import ArgumentParser

/// `--insecure-registry HOST[:PORT]` for every command that pulls: the registries reached over plain HTTP. Each
/// command says when it applies.
struct InsecureRegistryOptions: ParsableArguments {
    @Option(
        name: .customLong("insecure-registry"),
        help: ArgumentHelp(
            "A registry reached over plain HTTP when pulling (repeatable); every other one over HTTPS, loopback included.",
            valueName: "host:port"))
    var hosts: [String] = []
}
