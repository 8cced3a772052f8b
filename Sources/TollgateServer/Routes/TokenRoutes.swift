import Foundation
import Hummingbird
import TollgateData
import TollgatePolicy
import TollgateStore

/// API tokens (admin): the same `TokenAuthority` and reports as `tollgate token …`; the created
/// token is in the response once and nowhere else.
enum TokenRoutes {
    static var routes: [APIRoute] {
        [
            APIRoute(.get, "/v1/tokens", .role(.admin), "listTokens", list),
            APIRoute(.post, "/v1/tokens", .role(.admin), "createToken", create),
            APIRoute(.delete, "/v1/tokens/{id}", .role(.admin), "revokeToken", revoke),
        ]
    }

    @Sendable static func list(_ call: APICall) async throws -> Response {
        let now = Date()
        return try APIResponse.json(TokenListReport(tokens: try await call.state.tokens.list().map { TokenSummary($0, now: now) }))
    }

    @Sendable static func create(_ call: APICall) async throws -> Response {
        let body = try await call.jsonObject()
        try body.only(["name", "role", "expires"])
        let name = try body.requiredString("name", maxLength: 200)
        let roleText = try body.requiredString("role", maxLength: 32)
        guard let role = Role(rawValue: roleText) else {
            throw ServerError(.badRequest, "role: expected one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var lifetime: TimeInterval?
        if let text = try body.string("expires", maxLength: 32) {
            guard let duration = PolicyDuration(parsing: text), duration.seconds > 0 else {
                throw ServerError(.badRequest, "expires: expected a duration like 90d, 12h or 2w")
            }
            lifetime = duration.seconds
        }
        do {
            let created = try await call.state.tokens.create(name: name, role: role, lifetime: lifetime, actor: call.actor)
            return try APIResponse.json(TokenCreatedReport(created), status: .created)
        } catch let error as StoreError where error.kind == .invalidConfiguration {
            throw ServerError(.badRequest, error.reason)
        }
    }

    @Sendable static func revoke(_ call: APICall) async throws -> Response {
        let id = try call.parameter("id")
        guard let revoked = try await call.state.tokens.revoke(id: id, actor: call.actor) else {
            throw ServerError(.notFound, "no token with id '\(id.prefix(64))'")
        }
        return try APIResponse.json(TokenSummary(revoked, now: Date()))
    }
}
