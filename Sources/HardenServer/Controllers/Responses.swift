import Foundation
import HardenCore
import Hummingbird

/// Responses with a body and content type.
enum Responses {
    static func json(_ data: Data) -> Response {
        body(data, contentType: "application/json")
    }

    /// An answer already in the buffer it is written from (a memoised one): sent without a copy.
    static func json(_ buffer: ByteBuffer) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: buffer))
    }

    static func body(_ data: Data, contentType: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: contentType], body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func text(_ text: String, contentType: String) -> Response {
        body(Data(text.utf8), contentType: contentType)
    }
}

extension Request {
    /// Whether the Accept header asks for a media type (a plain substring match is enough for the few types here).
    func accepts(_ mediaType: String) -> Bool {
        headers[.accept]?.contains(mediaType) ?? false
    }
}

extension Request {
    /// A boolean query parameter: false when absent; anything but true or false is an error about it.
    func booleanQueryParameter(_ name: String) throws -> Bool {
        switch uri.queryParameters[name[...]] {
        case nil, "false": return false
        case "true": return true
        case let value?:
            throw APIError.badRequest(
                "\(name) \"\(Quoted.brief(String(value)))\" must be true or false", field: name)
        }
    }
}
