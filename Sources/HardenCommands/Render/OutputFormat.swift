import ArgumentParser

/// `--output` for listing commands.
enum ListFormat: String, ExpressibleByArgument, CaseIterable {
    case table
    case json
    case yaml
}

/// `--output` for commands that explain one answer.
enum DetailFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
    case yaml
}
