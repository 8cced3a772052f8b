import Foundation
import Hummingbird
import TollgateInventory
import TollgateModel
import TollgatePolicy
import TollgateStore

/// Deployments and incidents, through the inventory: `POST /v1/deployments` records what runs where
/// (`deploy record`/`deploy import`'s `tollgate.dev/deploy/v1` report), and `GET /v1/incidents`
/// answers the incident questions (`tollgate incident`'s `tollgate.dev/incident/v1`).
enum InventoryRoutes {
    static var routes: [APIRoute] {
        [
            APIRoute(.post, "/v1/deployments", .role(.deployer), "recordDeployments", deployments),
            APIRoute(.get, "/v1/incidents", .role(.auditor), "answerIncident", incident),
        ]
    }

    /// The body: one deployment object (`application/json`) or JSON Lines of them
    /// (`application/x-ndjson`), with the fields of `deploy import`.
    @Sendable static func deployments(_ call: APICall) async throws -> Response {
        try call.requireMediaType(["application/json", "application/x-ndjson", "application/jsonl"])
        var bytes = try await call.body()
        if call.mediaType == "application/json" {
            // One object, possibly pretty-printed: checked for depth, then as one line.
            let value: JSONValue
            do {
                value = try JSONValue.parse(bytes, maxBytes: call.server.configuration.limits.maxBodyBytes,
                                            maxDepth: call.server.configuration.limits.maxJSONDepth)
            } catch {
                throw ServerError(.badRequest, "the body is not valid JSON: \(error.reason)")
            }
            guard value.objectValue != nil else { throw ServerError(.badRequest, "the body must be a JSON object (or JSON Lines)") }
            bytes = value.encodedBytes()
        }
        let requests: [DeploymentResolver.Request]
        do {
            requests = try DeploymentLines.parse(Data(bytes), file: "the request body")
        } catch {
            throw ServerError(.badRequest, error.reason)
        }
        let state = try call.state
        try await AlertTriggers.movedTags(requests, state: state, server: call.server, logger: call.context.logger)
        let recorder = InventoryRecorder(ledger: state.ledger, store: state.stores.inventory, actor: call.actor)
        return try APIResponse.json(try await DeploymentRecording.record(requests, with: recorder), status: .created)
    }

    /// Exactly one of `component` (with `versions`), `advisory`, `builder`, `workflow`, `repository`,
    /// `artifact`; `policy` names a published policy that judges the builders and workflows.
    @Sendable static func incident(_ call: APICall) async throws -> Response {
        let given = IncidentQuery.Kind.allCases.compactMap { kind in call.query(kind.rawValue).map { (kind, $0) } }
        guard given.count == 1, let (kind, value) = given.first, !value.isEmpty else {
            throw ServerError(.badRequest, given.isEmpty
                ? "give one of \(IncidentQuery.Kind.allCases.map(\.rawValue).joined(separator: ", "))"
                : "give only one of \(given.map(\.0.rawValue).joined(separator: ", "))")
        }
        let versions = call.query("versions")
        if versions != nil, kind != .component { throw ServerError(.badRequest, "versions goes with component") }
        let state = try call.state
        if kind == .advisory, state.advisories == nil {
            throw ServerError(.unprocessable, "this server has no advisory database (tollgate serve --db)")
        }
        var policy: Policy?
        if let name = call.query("policy") { policy = try await state.policyLibrary.policy(name, version: nil, state: state).0 }
        // Read before the answer is computed (IncidentAnswerCache); nil: the store cannot tell, no caching.
        var cacheKey: IncidentAnswerCache.Key?
        if policy == nil || policy?.digest != nil, let revision = try await state.stores.inventory.revision() {
            cacheKey = IncidentAnswerCache.Key(query: "\(kind.rawValue)=\(value)", versions: versions, policy: policy?.digest?.description,
                                               advisoryRevision: try await state.advisories?.revision(), inventoryRevision: revision)
        }
        if let cacheKey, let bytes = state.incidentAnswers.answer(for: cacheKey) {
            return APIResponse.bytes(bytes, contentType: "application/json")
        }
        let responder = IncidentResponder(inventory: state.stores.inventory, advisories: state.advisories, policy: policy)
        let bytes: [UInt8]
        do {
            bytes = try APIResponse.jsonBytes(try await responder.answer(IncidentQuery(kind, value, versions: versions)))
        } catch let error as InventoryError where error.kind == .invalidQuery {
            throw ServerError(.badRequest, error.reason)
        }
        if let cacheKey { state.incidentAnswers.store(bytes, for: cacheKey) }
        return APIResponse.bytes(bytes, contentType: "application/json")
    }
}
