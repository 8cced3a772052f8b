import Foundation
import Hummingbird

/// Exceptions (reader, as `GET /v1/exceptions`): owner, reason, compensating control, expiry and
/// status, what each one matches and the artifacts whose recorded decisions it covered.
enum ExceptionsPage {
    @Sendable static func render(_ call: DashboardCall) async throws -> Response {
        try call.require(.reader)
        let state = try call.state
        let index = try await call.index(state)
        var artifactNames: [String: String] = [:]
        let rows = try await ExceptionRows(state: state, index: index, now: Date()).rows
        for digest in Set(rows.flatMap(\.artifacts)) {
            artifactNames[digest.description] = await index.artifact(digest)?.name
        }
        var context = await call.page("Exceptions", current: "/dashboard/exceptions")
        var table: [[String: Any]] = []
        for row in rows {
            let covered: [[String: Any]] = row.artifacts.sorted { $0.description < $1.description }.prefix(50).map { digest in
                ["href": DashboardCall.href(digest), "label": artifactNames[digest.description] ?? digest.description]
            }
            var line: [String: Any] = ["policy": row.policy, "id": row.id, "owner": row.owner, "reason": row.reason]
            line["control"] = row.control ?? "none"
            line["expires"] = DashboardCall.time(row.expires)
            line["status"] = row.status
            line["covers"] = row.covers
            line["artifacts"] = covered
            if row.artifactCount > covered.count { line["more"] = row.artifactCount - covered.count }
            table.append(line)
        }
        context["rows"] = table
        return call.dashboard.renderer.html("exceptions", context)
    }
}
