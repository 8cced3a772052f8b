import Foundation
import Hummingbird

/// The remediation queue (reader), 100 items a page: each finding of a running artifact with its
/// severity, where it runs, its due date from the policy's SLO, its status (overdue flagged), its
/// owner and covering exception; `?status=` keeps one status (`fixed`: what later scans no longer found).
enum RemediationPage {
    static let pageSize = 100

    @Sendable static func render(_ call: DashboardCall) async throws -> Response {
        try call.require(.reader)
        let status = try RemediationItem.Status.filter(call.query("status"))
        let state = try call.state
        let index = try await call.index(state)
        let items = try await call.dashboard.remediation.items(state: state, index: index)
        let page = max(1, Int(call.query("page") ?? "1") ?? 1)
        var context = await call.page("Remediation", current: "/dashboard/remediation")
        context["overdue"] = items.filter { $0.status == .overdue }.count
        context["breached"] = items.contains { $0.status == .overdue }
        context["open"] = items.filter { $0.status == .open }.count
        context["excepted"] = items.filter { $0.status == .excepted }.count
        context["fixed"] = items.filter { $0.status == .fixed }.count
        context["filters"] = ([nil] + RemediationItem.Status.allCases).map { filter in
            ["name": filter?.rawValue ?? "all", "href": "/dashboard/remediation" + (filter.map { "?status=\($0.rawValue)" } ?? ""),
             "current": filter == status] as [String: Any]
        }
        let shown = status.map { wanted in items.filter { $0.status == wanted } } ?? items
        let query = status.map { "status=\($0.rawValue)&" } ?? ""
        context["items"] = shown.dropFirst((page - 1) * pageSize).prefix(pageSize).map { item in
            var row: [String: Any] = [
                "advisory": item.advisory, "purl": item.purl, "href": DashboardCall.href(item.artifact),
                "artifact": item.artifactName ?? item.artifact.description, "environments": item.environments.joined(separator: ", "),
                "severity": item.severity.rawValue, "firstSeen": item.firstSeen.map(DashboardCall.time) ?? "not recorded",
                "due": item.due.map(DashboardCall.time) ?? "no SLO", "status": item.status.rawValue, "owner": item.owner,
                "fixedAt": item.fixedAt.map(DashboardCall.time) ?? "",
                "exception": item.exception ?? "", "policies": item.policies.joined(separator: ", "),
            ]
            // Where the owner came from, when there is one: "unassigned (unassigned)" would say nothing twice.
            if item.ownerSource != .unassigned { row["ownerSource"] = item.ownerSource.rawValue }
            return row
        }
        var pager: [String: Any] = [:]
        if page > 1 { pager["previous"] = "/dashboard/remediation?\(query)page=\(page - 1)" }
        if shown.count > page * pageSize { pager["next"] = "/dashboard/remediation?\(query)page=\(page + 1)" }
        if !pager.isEmpty { context["pager"] = pager }
        return call.dashboard.renderer.html("remediation", context)
    }
}
