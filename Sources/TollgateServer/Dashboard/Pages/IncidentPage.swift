import Foundation
import HTTPTypes
import Hummingbird
import TollgateInventory
import TollgateModel
import TollgatePolicy

/// Incident search (auditor, as `GET /v1/incidents`): the `tollgate.dev/incident/v1` answer as a
/// page, and as the Markdown `tollgate incident --format markdown` prints (`/dashboard/incidents.md`).
/// `?kind=component&q=pkg:pypi/urllib3&versions=vers:pypi/<1.26.5[&policy=NAME]`.
enum IncidentPage {
    @Sendable static func render(_ call: DashboardCall) async throws -> Response {
        try call.require(.auditor)
        var context = await call.page("Incident search", current: "/dashboard/incidents")
        let kind = call.query("kind") ?? IncidentQuery.Kind.component.rawValue
        let q = call.query("q") ?? "", versions = call.query("versions") ?? ""
        context["kinds"] = IncidentQuery.Kind.allCases.map { ["value": $0.rawValue, "selected": $0.rawValue == kind] as [String: Any] }
        context["q"] = q
        context["versions"] = versions
        if !q.isEmpty, let answer = try await answer(call) {
            var parameters = "kind=\(DashboardCall.encode(kind))&q=\(DashboardCall.encode(q))"
            if !versions.isEmpty { parameters += "&versions=\(DashboardCall.encode(versions))" }
            if let policy = call.query("policy") { parameters += "&policy=\(DashboardCall.encode(policy))" }
            context["answer"] = [
                "status": answer.status.rawValue, "summary": answer.summary, "markdownURL": "/dashboard/incidents.md?\(parameters)",
                "artifactCount": answer.artifactSearch.artifacts.count, "searched": answer.artifactSearch.searched,
                "artifactStatement": answer.artifactSearch.statement,
                "artifacts": answer.artifactSearch.artifacts.prefix(200).map { artifact in
                    ["href": DashboardCall.href(artifact.digest), "name": artifact.name ?? "(unnamed)", "version": artifact.version ?? "",
                     "digest": artifact.digest.description,
                     "matches": artifact.matches.map(\.purl)] as [String: Any]
                },
                "running": answer.runtimeSearch.running,
                "deployments": answer.runtimeSearch.deployments.prefix(200).map {
                    ["slot": $0.slot, "image": $0.image ?? $0.digest?.description ?? "", "running": $0.running,
                     "lastSeen": DashboardCall.time($0.lastSeen)] as [String: Any]
                },
                "markdown": IncidentMarkdown.render(answer),
            ] as [String: Any]
        }
        return call.dashboard.renderer.html("incident", context)
    }

    @Sendable static func markdown(_ call: DashboardCall) async throws -> Response {
        try call.require(.auditor)
        guard let answer = try await answer(call) else { throw ServerError(.badRequest, "q is required") }
        var response = APIResponse.bytes(Array(IncidentMarkdown.render(answer).utf8), contentType: "text/markdown; charset=utf-8")
        response.headers[.contentDisposition] = "attachment; filename=\"incident.md\""
        return response
    }

    static func answer(_ call: DashboardCall) async throws -> IncidentAnswer? {
        guard let q = call.query("q"), !q.isEmpty else { return nil }
        let text = call.query("kind") ?? IncidentQuery.Kind.component.rawValue
        guard let kind = IncidentQuery.Kind(rawValue: text) else {
            throw ServerError(.badRequest, "kind: expected one of \(IncidentQuery.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let versions = call.query("versions").flatMap { $0.isEmpty ? nil : $0 }
        if versions != nil, kind != .component { throw ServerError(.badRequest, "versions goes with a component question") }
        let state = try call.state
        if kind == .advisory, state.advisories == nil {
            throw ServerError(.unprocessable, "this server has no advisory database (tollgate serve --db)")
        }
        var policy: Policy?
        if let name = call.query("policy"), !name.isEmpty { policy = try await state.policyLibrary.policy(name, version: nil, state: state).0 }
        let responder = IncidentResponder(inventory: state.stores.inventory, advisories: state.advisories, policy: policy)
        do {
            return try await responder.answer(IncidentQuery(kind, q, versions: versions))
        } catch let error as InventoryError where error.kind == .invalidQuery {
            throw ServerError(.badRequest, error.reason)
        }
    }
}
