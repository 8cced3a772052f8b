import Foundation
import Hummingbird

/// The remediation queue as the dashboard shows it (`RemediationQueue`), as JSON
/// (`tollgate.dev/remediation/v1`); `?status=` keeps one status.
enum RemediationRoutes {
    struct Report: Encodable {
        var schemaVersion = "tollgate.dev/remediation/v1"
        let now: Date
        let items: [RemediationItem]
    }

    static var routes: [APIRoute] {
        [APIRoute(.get, "/v1/remediation", .role(.reader), "listRemediation", list)]
    }

    @Sendable static func list(_ call: APICall) async throws -> Response {
        let status = try RemediationItem.Status.filter(call.query("status"))
        let state = try call.state
        let now = Date()
        let items = try await RemediationQueue.items(state: state, index: try await call.server.index.current(state), now: now)
        return try APIResponse.json(Report(now: now, items: status.map { wanted in items.filter { $0.status == wanted } } ?? items))
    }
}
