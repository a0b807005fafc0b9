import Foundation
import HTTPTypes
import HardenCore
import Hummingbird

/// Every error the service answers with, in one JSON shape:
/// `{"error": {"status": 400, "code": "invalid_input", "field": "kind", "message": "..."}}`.
///
/// `field` names the part of the request at fault in the request's own words: a field of the JSON body
/// (`references`, `kind`), a query or path parameter (`ref`, `variant`, `repository`), `body` for the body as a
/// whole, or null when no one part is at fault (a busy service, a wrong method, a damaged knowledge base).
struct APIError: HTTPResponseError {
    var status: HTTPResponse.Status
    var code: String
    var field: String?
    var message: String
    /// Seconds after which a refused request may be retried (sent as Retry-After).
    var retryAfter: Int? = nil

    struct Body: Encodable {
        struct Detail: Encodable {
            var status: Int
            var code: String
            var field: String?
            var message: String

            enum CodingKeys: String, CodingKey {
                case status, code, field, message
            }

            /// `field` is always present, null when no one part of the request is at fault.
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(status, forKey: .status)
                try container.encode(code, forKey: .code)
                try container.encode(field, forKey: .field)
                try container.encode(message, forKey: .message)
            }
        }

        var error: Detail
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = try JSONOutput.encode(
            Body(error: .init(status: status.code, code: code, field: field, message: message)), pretty: false)
        var headers: HTTPFields = [.contentType: "application/json"]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        return Response(
            status: status, headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// The status for each category of core error, and the field it is about, decided here and nowhere else.
    init(_ error: any HardenError) {
        let (field, message) = Self.words(for: error, input: nil)
        switch error.category {
        case .invalidInput, .invalidOption:
            self.init(status: .badRequest, code: "invalid_input", field: field, message: message)
        case .notFound: self.init(status: .notFound, code: "not_found", field: field, message: message)
        case .conflict: self.init(status: .conflict, code: "conflict", field: field, message: message)
        case .unavailableData, .unavailableEngine:
            // The operator's remedy (rebuild with `harden db build`) and the file's path are for the service's log,
            // not for its clients.
            let core = (error as? RequestFieldError)?.underlying ?? error
            let problem = (core as? KnowledgeBaseError).map {
                "the service's knowledge base is unavailable: \($0.problem)"
            }
            self.init(status: .serviceUnavailable, code: "unavailable", message: problem ?? error.description)
        case .internal: self.init(status: .internalServerError, code: "internal", message: "internal error")
        }
    }

    /// The request field a core error is about, and its message in the API's words. Errors that carry a field of
    /// their own name it; the others are about `input`, the field the route read their input from.
    private static func words(for error: any HardenError, input: String?) -> (field: String?, message: String) {
        switch error {
        case let error as RequestFieldError:
            return words(for: error.underlying, input: error.field)
        case let error as GenerateError:
            // Option errors name the request's JSON field, never a CLI flag.
            let field =
                switch error {
                case .invalidOption(let option, _): option.jsonField
                case .unknownImage: GenerateOptions.Field.references.jsonField
                }
            return (field, error.message(naming: \.jsonField))
        case let error as ResolveError:
            switch error {
            case .unknownVariant: return ("variant", error.description)
            }
        case let error as InferError:
            return (error.option?.parameter ?? "body", error.message(naming: \.parameter))
        case is DiagnoseError:
            return ("body", error.description)
        default:
            return (input, error.description)
        }
    }

    init(
        status: HTTPResponse.Status, code: String, field: String? = nil, message: String, retryAfter: Int? = nil
    ) {
        self.status = status
        self.code = code
        self.field = field
        self.message = message
        self.retryAfter = retryAfter
    }

    static func badRequest(_ message: String, field: String?) -> APIError {
        APIError(status: .badRequest, code: "invalid_input", field: field, message: message)
    }
    static func notFound(_ message: String, field: String?) -> APIError {
        APIError(status: .notFound, code: "not_found", field: field, message: message)
    }
}
