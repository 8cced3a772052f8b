import Foundation
import Hummingbird
import TollgatePolicy

/// Exceptions of the newest version of every published policy, as `tollgate exceptions list`
/// reports them (`?expiring=14d` keeps those expiring within 14 days, expired ones included).
enum ExceptionRoutes {
    static var routes: [APIRoute] {
        [APIRoute(.get, "/v1/exceptions", .role(.reader), "listExceptions", list)]
    }

    @Sendable static func list(_ call: APICall) async throws -> Response {
        var window: PolicyDuration?
        if let text = call.query("expiring") {
            guard let duration = PolicyDuration(parsing: text) else {
                throw ServerError(.badRequest, "expiring: expected a duration like 14d, 12h or 2w, found '\(text.prefix(32))'")
            }
            window = duration
        }
        let state = try call.state
        var policies: [Policy] = []
        for latest in try await state.policies.latest() {
            policies.append(try await state.policyLibrary.policy(latest.name, version: latest.version, state: state).0)
        }
        return try APIResponse.json(ExceptionReport(policies: policies, now: Date(), expiringWithin: window))
    }
}
