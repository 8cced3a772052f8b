import HTTPTypes
import Hummingbird
import TollgateStore

/// One endpoint: method, path (the OpenAPI template, `/v1/artifacts/{digest}`), the least access it
/// needs, and its handler. The route table (`APIRoutes.all`) registers these with the router, is
/// compared with the OpenAPI document by a test, and is the role table of docs/server.md.
struct APIRoute: Sendable {
    /// Who may call an endpoint.
    enum Access: Sendable, Equatable, CustomStringConvertible {
        /// Anyone, without credentials (health, the OpenAPI document, the checkpoint, hash tiles).
        case anonymous
        /// A principal whose role grants this one (`Role.grants`).
        case role(Role)
        /// Anyone for disclosed (public) artifacts and entries; otherwise a principal whose role
        /// grants this one. The handler filters what an anonymous caller sees.
        case disclosed(Role)

        var description: String {
            switch self {
            case .anonymous: "anonymous"
            case .role(let role): role.rawValue
            case .disclosed(let role): "anonymous if public, else \(role.rawValue)"
            }
        }
    }

    let method: HTTPRequest.Method
    let path: String
    let access: Access
    /// The OpenAPI `operationId`.
    let operation: String
    let handler: @Sendable (APICall) async throws -> Response

    init(_ method: HTTPRequest.Method, _ path: String, _ access: Access, _ operation: String,
         _ handler: @escaping @Sendable (APICall) async throws -> Response) {
        self.method = method
        self.path = path
        self.access = access
        self.operation = operation
        self.handler = handler
    }

    /// Whether a request path matches this route's template (`{x}` is one segment, `{x...}` the rest).
    func matches(path requestPath: String) -> Bool {
        let template = path.split(separator: "/", omittingEmptySubsequences: false)
        let actual = requestPath.split(separator: "/", omittingEmptySubsequences: false)
        for (index, part) in template.enumerated() {
            if part.hasPrefix("{") && part.hasSuffix("...}") { return actual.count > index }
            guard index < actual.count else { return false }
            if part.hasPrefix("{") && part.hasSuffix("}") {
                if actual[index].isEmpty { return false }
            } else if part != actual[index] {
                return false
            }
        }
        return template.count == actual.count
    }

    /// The path in Hummingbird's syntax: `{x...}` becomes `**`.
    var routerPath: String {
        path.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("{") && $0.hasSuffix("...}") ? "**" : String($0) }.joined(separator: "/")
    }
}
