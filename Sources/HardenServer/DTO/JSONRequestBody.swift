import Foundation
import Hummingbird

/// A JSON request body whose decoding errors name the field at fault in the request's words
/// (`kind must be one of ...`), never a Swift coding key or type.
protocol JSONRequestBody: Decodable, Sendable {
    /// A valid body, shown when the body is not JSON at all.
    static var example: String { get }
    /// What a field takes, where its JSON type does not say it (an enumeration, a string with a format).
    static var expectations: [String: String] { get }
}

extension JSONRequestBody {
    /// Collects the body (up to the context's upload limit) and decodes it.
    static func decode(_ request: Request, context: some RequestContext) async throws -> Self {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        do {
            return try JSONDecoder().decode(Self.self, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            throw invalid(error)
        }
    }

    /// The error for a body that does not decode: which field, and what it takes.
    static func invalid(_ error: DecodingError) -> APIError {
        let path: [any CodingKey]
        let problem: String
        switch error {
        case .keyNotFound(let key, let context):
            path = context.codingPath + [key]
            problem = "is required"
        case .valueNotFound(_, let context):
            path = context.codingPath
            problem = "is required and cannot be null"
        case .typeMismatch(let type, let context):
            path = context.codingPath
            problem = "must be \(expectation(at: path) ?? noun(for: type))"
        case .dataCorrupted(let context):
            path = context.codingPath
            problem = expectation(at: path).map { "must be \($0)" } ?? "has an invalid value"
        @unknown default:
            path = []
            problem = "cannot be read"
        }
        guard let field = path.first?.stringValue else {
            return .badRequest("the body must be a JSON object, e.g. \(example)", field: "body")
        }
        return .badRequest("\(describe(path)) \(problem)", field: field)
    }

    private static func expectation(at path: [any CodingKey]) -> String? {
        path.count == 1 ? path.first.flatMap { expectations[$0.stringValue] } : nil
    }

    /// `references[2]`, `ports[0]`.
    private static func describe(_ path: [any CodingKey]) -> String {
        path.enumerated().map { index, key in
            if let position = key.intValue { return "[\(position)]" }
            return index == 0 ? key.stringValue : ".\(key.stringValue)"
        }.joined()
    }

    /// The JSON type a Swift type is read from.
    private static func noun(for type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type: "an integer"
        case is Double.Type: "a number"
        case is [Any].Type: "an array"
        case is [String: Any].Type: "an object"
        default: "another type (see /openapi.yaml)"
        }
    }
}
