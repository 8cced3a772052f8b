import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import TollgateModel

/// Requests to a Tollgate server for the `--server` mode of the commands. A refusal becomes
/// `cli.server` with the server's own `{code, message}`.
struct ServerClient: Sendable {
    let base: String
    let http: HTTPClient
    let credential: String?

    /// The body of a 2xx answer to `method path` (with `body` as `contentType`), or of a status in
    /// `accepting`.
    func send(_ method: NIOHTTP1.HTTPMethod, _ path: String, body: [UInt8]? = nil, contentType: String = "application/json",
              accepting: Set<UInt> = []) async throws -> [UInt8] {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        if let credential { request.headers.add(name: "Authorization", value: "Bearer \(credential)") }
        if let body {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response: HTTPClientResponse
        let bytes: [UInt8]
        do {
            response = try await http.execute(request, timeout: .seconds(120))
            bytes = Array(buffer: try await response.body.collect(upTo: 256 << 20))
        } catch {
            throw CLIError(.server, "cannot reach \(base): \(ErrorText.describe(error))")
        }
        guard (200..<300).contains(Int(response.status.code)) || accepting.contains(response.status.code) else {
            let reply = try? JSONValue.parse(bytes)
            let code = reply?["code"]?.stringValue ?? "HTTP \(response.status.code)"
            let message = reply?["message"]?.stringValue ?? response.status.reasonPhrase
            throw CLIError(.server, "\(base) refused (\(response.status.code) \(code)): \(message)")
        }
        return bytes
    }

    /// Decodes a report the server encoded with `JSONOutput` (ISO 8601 dates).
    func decode<T: Decodable>(_ type: T.Type, _ bytes: [UInt8]) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(type, from: Data(bytes))
        } catch {
            throw CLIError(.server, "\(base) answered a report this tollgate cannot read: \(ErrorText.describe(error))")
        }
    }

    /// `path?name=value&…` with the values percent-encoded.
    static func path(_ path: String, query: [(String, String?)]) -> String {
        var components = URLComponents()
        components.path = path
        components.queryItems = query.compactMap { name, value in value.map { URLQueryItem(name: name, value: $0) } }
        // `+` is a space to most servers' query parsers: encode it.
        return (components.string ?? path).replacingOccurrences(of: "+", with: "%2B")
    }
}
