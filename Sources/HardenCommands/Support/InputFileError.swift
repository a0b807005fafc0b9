import HardenCore

/// A file named on the command line that cannot be used.
struct InputFileError: HardenError {
    var path: String
    var problem: String
    var category: ErrorCategory { .invalidInput }
    var description: String { "\"\(path)\" \(problem)" }
}
