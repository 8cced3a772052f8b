import Foundation
import HTTPTypes
import Hummingbird
import Logging
import TollgateModel
import TollgateStore

/// The dashboard's routes under `/dashboard` (docs/dashboard.md): pages rendered on the server
/// that need no JavaScript, sign-in with an API token to a session cookie, and CSRF tokens on
/// every form that changes something. Roles are the API's: a page needs the least role of the
/// API endpoints that show the same data.
enum DashboardRoutes {
    typealias Page = @Sendable (DashboardCall) async throws -> Response

    static let pages: [(path: String, page: Page)] = [
        ("/dashboard", OverviewPage.render),
        ("/dashboard/artifacts", ArtifactsPage.render),
        ("/dashboard/artifacts/{digest}", ArtifactPage.render),
        ("/dashboard/incidents", IncidentPage.render),
        ("/dashboard/incidents.md", IncidentPage.markdown),
        ("/dashboard/exceptions", ExceptionsPage.render),
        ("/dashboard/remediation", RemediationPage.render),
        ("/dashboard/ledger", LedgerPage.render),
        ("/dashboard/signin", SignInPage.render),
    ]

    static func register(on router: Router<ServerRequestContext>, server: ServerState, dispatcher: RouteDispatcher, dashboard: Dashboard) {
        for (path, page) in pages {
            router.get(RouterPath(path)) { request, context in
                await respond(request, context, server: server, dispatcher: dispatcher, dashboard: dashboard, page: page)
            }
        }
        router.post("/dashboard/signin") { request, context in
            await respond(request, context, server: server, dispatcher: dispatcher, dashboard: dashboard, page: SignInPage.signIn)
        }
        router.post("/dashboard/signout") { request, context in
            await respond(request, context, server: server, dispatcher: dispatcher, dashboard: dashboard, page: SignInPage.signOut)
        }
        // The index takes its snapshot or reads the whole ledger once; start that in the background
        // as soon as the stores are loaded rather than on the first page.
        Task {
            for _ in 0..<6000 {
                if let state = try? server.loaded() {
                    _ = try? await dashboard.index(state)
                    return
                }
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
        router.get("/dashboard/static/dashboard.css") { _, _ in
            APIResponse.bytes(Array(DashboardTemplates.stylesheet.utf8), contentType: "text/css; charset=utf-8",
                              cacheControl: "public, max-age=3600")
        }
    }

    static func respond(_ request: Request, _ context: ServerRequestContext, server: ServerState, dispatcher: RouteDispatcher,
                        dashboard: Dashboard, page: Page) async -> Response {
        var principal: Principal?
        var session: (id: String, session: DashboardSessions.Session)?
        do {
            if let id = CookieHeader(request.headers)[DashboardSessions.cookie], let found = dashboard.sessions.session(id),
               let current = try await current(found.principal, server: server) {
                session = (id, found)
                principal = current
            } else {
                if let id = CookieHeader(request.headers)[DashboardSessions.cookie] { dashboard.sessions.end(id) }
                principal = try await dispatcher.authenticate(request)
            }
            if let wait = dispatcher.limiter.take(principal.map { "\($0.kind.rawValue):\($0.id)" } ?? "address:\(context.remoteAddress)") {
                throw RateLimitedError(retryAfter: wait)
            }
            let call = DashboardCall(request: request, context: context, server: server, dashboard: dashboard,
                                     principal: principal, session: session)
            return try await page(call)
        } catch {
            let call = DashboardCall(request: request, context: context, server: server, dashboard: dashboard,
                                     principal: principal, session: session)
            return await errorPage(error, call)
        }
    }

    /// The session's principal as its token stands now: nil once the token is revoked, expired or
    /// gone (the session ends), its current role otherwise. A session never outlives its token.
    static func current(_ principal: Principal, server: ServerState) async throws -> Principal? {
        guard principal.kind == .token else { return principal }
        let state = try server.loaded()
        guard let record = try await state.stores.tokens.token(id: principal.id), record.isActive(at: Date()) else { return nil }
        return Principal(kind: .token, name: record.name, role: record.role, id: record.id)
    }

    /// The error as a page, with the status the API would give it.
    static func errorPage(_ error: any Error, _ call: DashboardCall) async -> Response {
        let status: Int
        let message: String
        switch error {
        case let error as ServerError where error.kind != .internal && error.kind != .invalidConfiguration:
            status = error.kind.httpStatus
            message = error.reason
        case let error as RateLimitedError:
            status = 429
            message = "too many requests; retry after \(error.retryAfter) s"
        default:
            // Logged with the request id by the API's mapper; the page says only that it failed.
            let response = ErrorMapper.response(for: error, requestID: call.context.id, logger: call.context.logger)
            status = Int(response.status.code)
            message = status >= 500 ? "internal error (request \(call.context.id)); the server log has the reason" : "the request was refused (\(status))"
        }
        var context = await call.page(status == 401 ? "Sign in required" : "Error \(status)", current: "")
        context["message"] = message
        context["signIn"] = status == 401 || (status == 403 && call.session == nil)
        return call.dashboard.renderer.html("error", context, status: HTTPResponse.Status(code: status))
    }
}
