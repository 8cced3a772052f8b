import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import TollgateModel

/// Building responses: versioned JSON (the same encoder as the CLI's reports), raw documents, and
/// the `{code, message}` error body.
enum APIResponse {
    /// `value` as pretty, key-sorted JSON.
    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        bytes(try jsonBytes(value), contentType: "application/json", status: status)
    }

    /// The body `json(_:status:)` sends.
    static func jsonBytes<T: Encodable>(_ value: T) throws -> [UInt8] {
        Array(try JSONOutput.encode(value)) + [UInt8(ascii: "\n")]
    }

    /// Raw bytes with their media type; `cacheControl` replaces the default `no-store`.
    static func bytes(_ bytes: [UInt8], contentType: String, status: HTTPResponse.Status = .ok, cacheControl: String? = nil) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.contentLength] = String(bytes.count)
        if let cacheControl { headers[.cacheControl] = cacheControl }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// The error body every failure has.
    struct ErrorBody: Encodable {
        let code: String
        let message: String
    }

    static func error(code: String, message: String, status: Int, headers extra: [(HTTPField.Name, String)] = []) -> Response {
        let body = (try? JSONOutput.encode(ErrorBody(code: code, message: message))) ?? Data("{\"code\":\"server.internal\",\"message\":\"internal error\"}".utf8)
        var response = bytes(Array(body) + [UInt8(ascii: "\n")], contentType: "application/json",
                             status: HTTPResponse.Status(code: status))
        for (name, value) in extra { response.headers[name] = value }
        return response
    }
}
