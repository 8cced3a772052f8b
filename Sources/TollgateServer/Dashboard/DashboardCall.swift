import Foundation
import HTTPTypes
import Hummingbird
import TollgateModel
import TollgateStore

/// One dashboard request: who it is for (a session cookie, or an `Authorization: Bearer` token as
/// the API takes it), the loaded state, and the shared page context (navigation, user, CSRF token).
struct DashboardCall: Sendable {
    let request: Request
    let context: ServerRequestContext
    let server: ServerState
    let dashboard: Dashboard
    let principal: Principal?
    /// The session id and session, when signed in through the sign-in form.
    let session: (id: String, session: DashboardSessions.Session)?
    /// How far behind the ledger the index was when this page took it.
    let indexLag = IndexLag()

    var state: LoadedState {
        get throws { try server.loaded() }
    }

    func query(_ name: String) -> String? {
        request.uri.queryParameters.get(name).map { $0.removingPercentEncoding ?? $0 }
    }

    /// Requires a principal whose role grants `role` (401 signed out, 403 otherwise), as the API does.
    func require(_ role: Role) throws {
        guard let principal else { throw ServerError(.unauthenticated, "sign in to see this page (role \(role.rawValue) or higher)") }
        guard principal.role.grants(role) else {
            throw ServerError(.forbidden, "role \(principal.role.rawValue) may not see this page; it needs \(role.rawValue)")
        }
    }

    func may(_ role: Role) -> Bool { principal?.role.grants(role) ?? false }

    /// The dashboard index for this page (`Dashboard.index`); take it before `page(_:current:)`,
    /// whose context then says when the index was still catching up.
    func index(_ state: LoadedState) async throws -> DashboardIndex {
        let (index, behind) = try await dashboard.index(state)
        indexLag.note(behind)
        return index
    }

    /// The context every page template starts from.
    func page(_ title: String, current: String) async -> [String: Any] {
        let nav: [(String, String)] = [("Overview", "/dashboard"), ("Artifacts", "/dashboard/artifacts"),
                                      ("Incidents", "/dashboard/incidents"), ("Exceptions", "/dashboard/exceptions"), ("Remediation", "/dashboard/remediation"),
                                      ("Ledger", "/dashboard/ledger")]
        var context: [String: Any] = [
            "title": title,
            "nav": nav.map { ["label": $0.0, "href": $0.1, "current": $0.1 == current] as [String: Any] },
            "renderedAt": Self.time(Date()),
            "ledgerSize": (try? await state.ledger.size()).map { String($0) } ?? "unknown",
        ]
        if let behind = indexLag.behind { context["indexNotice"] = IndexLag.notice(behind) }
        if let principal {
            var user: [String: Any] = ["name": principal.name, "role": principal.role.rawValue]
            if let session { user["csrf"] = session.session.csrf }
            context["user"] = user
        }
        return context
    }

    /// `2026-12-05T17:00:00Z`. A format style, not `ISO8601DateFormatter`, which builds an ICU
    /// formatter at each call (a page of 200 rows spent milliseconds on it).
    static func time(_ date: Date) -> String { date.formatted(timeStyle) }
    private static let timeStyle = Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!)

    static func href(_ digest: Digest) -> String { "/dashboard/artifacts/\(digest)" }

    /// A query string value, percent-encoded.
    static func encode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~:")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
