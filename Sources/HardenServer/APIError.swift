import Foundation
import HTTPTypes
import HardenCore
import Hummingbird

/// Every error the service answers with, in one JSON shape:
/// `{"error": {"status": 400, "code": "invalid_input", "message": "..."}}`.
struct APIError: HTTPResponseError {
    var status: HTTPResponse.Status
    var code: String
    var message: String
    /// Seconds after which a refused request may be retried (sent as Retry-After).
    var retryAfter: Int? = nil

    struct Body: Encodable {
        struct Detail: Encodable {
            var status: Int
            var code: String
            var message: String
        }

        var error: Detail
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = try JSONOutput.encode(
            Body(error: .init(status: status.code, code: code, message: message)), pretty: false)
        var headers: HTTPFields = [.contentType: "application/json"]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        return Response(
            status: status, headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// The status for each category of core error, decided here and nowhere else.
    init(_ error: any HardenError) {
        // Option errors name the request's JSON field, never a CLI flag.
        if let error = error as? GenerateError {
            let message = error.message(naming: \.jsonField)
            self.init(
                status: error.category == .notFound ? .notFound : .badRequest,
                code: error.category == .notFound ? "not_found" : "invalid_input", message: message)
            return
        }
        switch error.category {
        case .invalidInput, .invalidOption:
            self.init(status: .badRequest, code: "invalid_input", message: error.description)
        case .notFound: self.init(status: .notFound, code: "not_found", message: error.description)
        case .conflict: self.init(status: .conflict, code: "conflict", message: error.description)
        case .unavailableData, .unavailableEngine:
            self.init(status: .serviceUnavailable, code: "unavailable", message: error.description)
        case .internal: self.init(status: .internalServerError, code: "internal", message: "internal error")
        }
    }

    init(status: HTTPResponse.Status, code: String, message: String, retryAfter: Int? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.retryAfter = retryAfter
    }

    static func badRequest(_ message: String) -> APIError {
        APIError(status: .badRequest, code: "invalid_input", message: message)
    }
    static func notFound(_ message: String) -> APIError {
        APIError(status: .notFound, code: "not_found", message: message)
    }
}
