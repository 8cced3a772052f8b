import Foundation
import Hummingbird
import TollgateModel

/// The artifacts, 50 a page in digest order (`?after=DIGEST`). Signed out, only the artifacts
/// disclosed to the public (as `GET /v1/artifacts` shows an anonymous caller).
enum ArtifactsPage {
    static let pageSize = 50

    @Sendable static func render(_ call: DashboardCall) async throws -> Response {
        let state = try call.state
        let after = try call.query("after").map { try APICall.digest($0, what: "after") }
        var rows: [[String: Any]] = []
        if call.may(.reader) {
            let index = try await call.index(state)
            for artifact in await index.artifactPage(after: after, limit: pageSize) {
                rows.append(row(artifact.digest, name: artifact.name, version: artifact.version, firstSeen: artifact.firstSeen))
            }
        } else {
            for artifact in try await state.evidence.artifacts(publicOnly: true, after: after, limit: pageSize) {
                rows.append(row(artifact.digest, name: artifact.name, version: artifact.version, firstSeen: artifact.registered))
            }
        }
        var context = await call.page("Artifacts", current: "/dashboard/artifacts")
        if !call.may(.reader) { context["anonymous"] = true }
        context["rows"] = rows
        var pager: [String: Any] = [:]
        if after != nil { pager["previous"] = "/dashboard/artifacts" }
        if rows.count == pageSize, let last = rows.last?["digest"] as? String { pager["next"] = "/dashboard/artifacts?after=\(last)" }
        if !pager.isEmpty { context["pager"] = pager }
        return call.dashboard.renderer.html("artifacts", context)
    }

    static func row(_ digest: Digest, name: String?, version: String?, firstSeen: Date) -> [String: Any] {
        ["href": DashboardCall.href(digest), "name": name ?? "(unnamed)", "version": version ?? "", "digest": digest.description,
         "firstSeen": DashboardCall.time(firstSeen)]
    }
}
