import HardenCore

/// JSON and YAML renderings of Codable results, stable byte for byte, with the same encoders as generated specs.
enum StructuredOutput {
    static func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try JSONOutput.encode(value), as: UTF8.self)
    }

    static func yaml<T: Encodable>(_ value: T) throws -> String {
        try BlockYAMLEncoder().encode(value)
    }
}
