import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import TollgateModel

/// Sign-in with an API token (a session cookie: HttpOnly, SameSite=Strict, Secure under TLS) and
/// sign-out. Both forms carry a CSRF token: the sign-in form's matches its own short-lived cookie
/// (double submit, as there is no session yet); the sign-out form's matches the session's.
enum SignInPage {
    static let formLimit = 8 * 1024

    @Sendable static func render(_ call: DashboardCall) async throws -> Response {
        try await form(call, problem: nil, status: .ok)
    }

    static func form(_ call: DashboardCall, problem: String?, status: HTTPResponse.Status) async throws -> Response {
        let token = DashboardSessions.randomToken()
        var context = await call.page("Sign in", current: "")
        context["formCSRF"] = token
        if let problem { context["problem"] = problem }
        return call.dashboard.renderer.html("signin", context, status: status, headers: [
            (.setCookie, CookieHeader.set(DashboardSessions.signInCookie, token, maxAge: 600, secure: call.dashboard.tls)),
        ])
    }

    static func fields(_ call: DashboardCall) async throws -> FormBody {
        let mediaType = call.request.headers[.contentType].map { String($0.split(separator: ";")[0]).trimmingCharacters(in: .whitespaces).lowercased() }
        guard mediaType == "application/x-www-form-urlencoded" else {
            throw ServerError(.unsupportedMediaType, "expected a form (application/x-www-form-urlencoded)")
        }
        do {
            var buffer = try await call.request.body.collect(upTo: formLimit)
            return FormBody(buffer.readBytes(length: buffer.readableBytes) ?? [])
        } catch is NIOTooManyBytesError {
            throw ServerError(.tooLarge, "the form is larger than \(formLimit) bytes")
        }
    }

    @Sendable static func signIn(_ call: DashboardCall) async throws -> Response {
        let submitted = try await fields(call)
        guard let expected = CookieHeader(call.request.headers)[DashboardSessions.signInCookie], let given = submitted["csrf"],
              DashboardSessions.same(expected, given) else {
            throw ServerError(.forbidden, "the form's CSRF token is missing or does not match; reload the sign-in page and try again")
        }
        guard let token = submitted["token"]?.trimmingCharacters(in: .whitespacesAndNewlines), token.hasPrefix("tg_"),
              let record = try await call.state.tokens.authenticate(token) else {
            return try await form(call, problem: "That token is unknown, expired or revoked.", status: .unauthorized)
        }
        let principal = Principal(kind: .token, name: record.name, role: record.role, id: record.id)
        let (id, _) = call.dashboard.sessions.start(principal)
        call.context.logger.info("dashboard sign-in", metadata: ["principal": "token:\(record.id)"])
        var headers = HTTPFields()
        headers[.location] = "/dashboard"
        headers.append(HTTPField(name: .setCookie, value: CookieHeader.set(DashboardSessions.cookie, id,
                                                                           maxAge: Int(call.dashboard.sessions.lifetime), secure: call.dashboard.tls)))
        headers.append(HTTPField(name: .setCookie, value: CookieHeader.set(DashboardSessions.signInCookie, "", maxAge: 0, secure: call.dashboard.tls)))
        return Response(status: .seeOther, headers: headers)
    }

    @Sendable static func signOut(_ call: DashboardCall) async throws -> Response {
        let form = try await fields(call)
        guard let session = call.session else { throw ServerError(.unauthenticated, "not signed in") }
        guard let given = form["csrf"], DashboardSessions.same(session.session.csrf, given) else {
            throw ServerError(.forbidden, "the form's CSRF token is missing or does not match this session")
        }
        call.dashboard.sessions.end(session.id)
        var headers = HTTPFields()
        headers[.location] = "/dashboard/signin"
        headers[.setCookie] = CookieHeader.set(DashboardSessions.cookie, "", maxAge: 0, secure: call.dashboard.tls)
        return Response(status: .seeOther, headers: headers)
    }
}
