import Foundation
import HTTPTypes
import Hummingbird
import Logging
import TollgateAdmission
import TollgateModel

/// Runs one route for one request: authenticates the bearer credential, checks the route's least
/// access, applies the principal's rate limit and the request time limit, and calls the handler.
/// It logs one line per request with the principal's id (a token id, never a token).
struct RouteDispatcher: Sendable {
    let server: ServerState
    let limiter: RateLimiter

    func respond(_ route: APIRoute, _ request: Request, _ context: ServerRequestContext) async -> Response {
        let started = ContinuousClock.now
        var principal: Principal?
        var response: Response
        do {
            principal = try await authenticate(request)
            if principal == nil, AdmissionRoutes.operations.contains(route.operation), server.configuration.tlsClientCA != nil {
                principal = try await ClientCertificate.principal(of: context.channel)
            }
            try authorize(route.access, principal)
            if let wait = limiter.take(principal.map { "\($0.kind.rawValue):\($0.id)" } ?? "address:\(context.remoteAddress)") {
                throw RateLimitedError(retryAfter: wait)
            }
            let call = APICall(request: request, context: context, principal: principal, server: server)
            response = try await Self.withTimeout(server.configuration.limits.requestTimeout) { try await route.handler(call) }
        } catch {
            response = ErrorMapper.response(for: error, requestID: context.requestID, logger: context.logger)
        }
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.info("\(request.method.rawValue) \(request.uri.path) \(response.status.code)", metadata: [
            "principal": "\(principal.map { "\($0.kind.rawValue):\($0.id)" } ?? "anonymous")",
            "ms": "\(String(format: "%.1f", milliseconds))",
        ])
        return response
    }

    /// The principal of the `Authorization: Bearer …` header: an API token (`tg_…`) or a CI OIDC
    /// token (a JWT); nil without the header. A credential that does not authenticate is refused
    /// (401) even on anonymous endpoints, so a client never mistakes a dead token for access.
    func authenticate(_ request: Request) async throws -> Principal? {
        guard let header = request.headers[.authorization] else { return nil }
        guard header.count > 7, header.prefix(7).lowercased() == "bearer " else {
            throw ServerError(.unauthenticated, "expected 'Authorization: Bearer TOKEN'")
        }
        let token = header.dropFirst(7).trimmingCharacters(in: .whitespaces)
        let state = try server.loaded()
        if token.hasPrefix("tg_") {
            guard let record = try await state.tokens.authenticate(token) else {
                throw ServerError(.unauthenticated, "the API token is unknown, expired or revoked")
            }
            return Principal(kind: .token, name: record.name, role: record.role, id: record.id)
        }
        if OIDCVerifier.looksLikeJWT(token) {
            guard let oidc = state.oidc else {
                throw ServerError(.unauthenticated, "OIDC token refused: this server trusts no OIDC issuer (--oidc-trust)")
            }
            return try await oidc.verify(token)
        }
        throw ServerError(.unauthenticated, "the bearer token is neither a Tollgate API token nor an OIDC JWT")
    }

    func authorize(_ access: APIRoute.Access, _ principal: Principal?) throws {
        switch access {
        case .anonymous:
            return
        case .role(let role):
            guard let principal else { throw ServerError(.unauthenticated, "authentication required (role \(role.rawValue) or higher)") }
            guard principal.role.grants(role) else {
                throw ServerError(.forbidden, "role \(principal.role.rawValue) may not do this; it needs \(role.rawValue)")
            }
        case .disclosed(let role):
            if let principal, !principal.role.grants(role) {
                throw ServerError(.forbidden, "role \(principal.role.rawValue) may not do this; it needs \(role.rawValue)")
            }
        }
    }

    /// Runs `body`, or fails with 503 once `limit` has passed: the answer is sent on time even
    /// when the work does not notice its cancellation at once (a task group would wait for it).
    /// The work is cancelled then, and stops at its next check; a ledger append already queued
    /// still completes, and retrying the request is safe.
    static func withTimeout(_ limit: Duration, _ body: @escaping @Sendable () async throws -> Response) async throws -> Response {
        let work = Task { try await body() }
        let outcome = await withTaskCancellationHandler {
            await Deadline.wait(for: work, within: limit)
        } onCancel: {
            work.cancel()
        }
        switch outcome {
        case .value(let response):
            return response
        case .failure(let error):
            throw error
        case .timedOut:
            work.cancel()
            throw ServerError(.unavailable, "the request took longer than \(limit.components.seconds) s")
        }
    }
}
