import Foundation
import HardenCore
import Yams

/// JSON and YAML renderings of Codable results, stable byte for byte.
enum StructuredOutput {
    static func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try JSONOutput.encode(value), as: UTF8.self)
    }

    static func yaml<T: Encodable>(_ value: T) throws -> String {
        let encoder = YAMLEncoder()
        encoder.options.sortKeys = false
        encoder.options.width = -1
        return try encoder.encode(value)
    }
}
