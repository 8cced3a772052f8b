import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import TollgateModel
import TollgateStore

/// One request as a route handler sees it: the request, its principal (nil when anonymous), the
/// server, and readers for its path parameters, query and body that enforce the limits and turn
/// bad input into 400/413/415, never a 500.
struct APICall: Sendable {
    let request: Request
    let context: ServerRequestContext
    let principal: Principal?
    let server: ServerState

    /// The loaded stores and keys (503 while the server is starting).
    var state: LoadedState {
        get throws { try server.loaded() }
    }

    /// The ledger actor: the principal, or for an anonymous request (never a write) `anonymous`.
    var actor: String { principal?.actor ?? "anonymous" }

    /// Whether the caller may see undisclosed resources of an endpoint whose least role is `role`.
    func mayRead(_ role: Role) -> Bool { principal?.role.grants(role) ?? false }

    func parameter(_ name: String) throws -> String {
        guard let value = context.parameters.get(name) else {
            throw ServerError(.badRequest, "the path has no \(name)")
        }
        return value.removingPercentEncoding ?? value
    }

    /// A digest path parameter (`sha256:<hex>`).
    func digest(_ name: String) throws -> Digest {
        try Self.digest(try parameter(name), what: name)
    }

    static func digest(_ text: String, what: String) throws -> Digest {
        do {
            return try Digest(parsing: text)
        } catch {
            throw ServerError(.badRequest, "\(what): \(error.reason)")
        }
    }

    /// A query parameter, if present.
    func query(_ name: String) -> String? {
        request.uri.queryParameters.get(name)
    }

    /// An unsigned integer query parameter.
    func queryInteger(_ name: String, default fallback: UInt64? = nil, range: ClosedRange<UInt64> = 0...UInt64(Int64.max)) throws -> UInt64? {
        guard let text = query(name) else { return fallback }
        guard let value = UInt64(text), range.contains(value) else {
            throw ServerError(.badRequest, "\(name): expected a whole number in \(range.lowerBound)…\(range.upperBound), found '\(text.prefix(40))'")
        }
        return value
    }

    /// The body, refused over the size limit (413) before it is read when Content-Length says so.
    func body() async throws -> [UInt8] {
        let limit = server.configuration.limits.maxBodyBytes
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw ServerError(.tooLarge, "the body is \(length) bytes; the limit is \(limit)")
        }
        do {
            var buffer = try await request.body.collect(upTo: limit)
            return buffer.readBytes(length: buffer.readableBytes) ?? []
        } catch is NIOTooManyBytesError {
            throw ServerError(.tooLarge, "the body is larger than the \(limit)-byte limit")
        }
    }

    /// The media type of the body, lowercased without parameters.
    var mediaType: String? {
        request.headers[.contentType].map { String($0.split(separator: ";")[0]).trimmingCharacters(in: .whitespaces).lowercased() }
    }

    /// Requires one of `types` (415 otherwise).
    func requireMediaType(_ types: [String]) throws {
        guard let mediaType, types.contains(mediaType) else {
            throw ServerError(.unsupportedMediaType, "expected Content-Type \(types.joined(separator: " or ")), found \(mediaType ?? "none")")
        }
    }

    /// A JSON object body, parsed with the size and depth limits (`JSONValue.parse`).
    func jsonObject() async throws -> [String: JSONValue] {
        try requireMediaType(["application/json"])
        let bytes = try await body()
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes, maxBytes: server.configuration.limits.maxBodyBytes,
                                        maxDepth: server.configuration.limits.maxJSONDepth)
        } catch {
            throw ServerError(.badRequest, "the body is not valid JSON: \(error.reason)")
        }
        guard let object = value.objectValue else { throw ServerError(.badRequest, "the body must be a JSON object") }
        return object
    }
}

extension [String: JSONValue] {
    /// An optional string field (400 when present with another type).
    func string(_ key: String, maxLength: Int = 1024) throws -> String? {
        guard let value = self[key], !value.isNull else { return nil }
        guard let text = value.stringValue else { throw ServerError(.badRequest, "\(key) must be a string") }
        guard text.utf8.count <= maxLength else { throw ServerError(.badRequest, "\(key) is longer than \(maxLength) bytes") }
        return text
    }

    func requiredString(_ key: String, maxLength: Int = 1024) throws -> String {
        guard let text = try string(key, maxLength: maxLength), !text.isEmpty else {
            throw ServerError(.badRequest, "\(key) is required")
        }
        return text
    }

    func bool(_ key: String) throws -> Bool? {
        guard let value = self[key], !value.isNull else { return nil }
        guard let flag = value.boolValue else { throw ServerError(.badRequest, "\(key) must be true or false") }
        return flag
    }

    /// Refuses fields outside `allowed` (a typo must not be silently ignored).
    func only(_ allowed: Set<String>) throws {
        if let unknown = keys.sorted().first(where: { !allowed.contains($0) }) {
            throw ServerError(.badRequest, "unknown field '\(unknown.prefix(64))'; expected \(allowed.sorted().joined(separator: ", "))")
        }
    }
}
