import Foundation
import Hummingbird
import TollgateLedger
import TollgateInventory
import TollgateModel
import TollgateStore

/// Artifacts: register by digest with name, version and purl; list; read (with evidence and
/// decisions); disclose to anonymous readers.
enum ArtifactRoutes {
    struct ArtifactList: Encodable {
        let artifacts: [ArtifactView]
        /// Pass as `after` for the next page; absent on the last page.
        let next: String?
    }

    struct ArtifactDetail: Encodable {
        let artifact: ArtifactView
        let evidence: [EvidenceView]
        let decisions: [DecisionView]
    }

    static var routes: [APIRoute] {
        [
            APIRoute(.post, "/v1/artifacts", .role(.publisher), "registerArtifact", register),
            APIRoute(.get, "/v1/artifacts", .disclosed(.reader), "listArtifacts", list),
            APIRoute(.get, "/v1/artifacts/{digest}", .disclosed(.reader), "getArtifact", get),
            APIRoute(.put, "/v1/artifacts/{digest}/disclosure", .role(.admin), "setDisclosure", setDisclosure),
        ]
    }

    @Sendable static func register(_ call: APICall) async throws -> Response {
        let body = try await call.jsonObject()
        try body.only(["digest", "name", "version", "purl"])
        let digest = try APICall.digest(try body.requiredString("digest"), what: "digest")
        let name = try body.string("name"), version = try body.string("version"), purl = try body.string("purl")
        if let purl {
            do { _ = try PackageURL(parsing: purl) } catch { throw ServerError(.badRequest, "purl: \(error.reason)") }
        }
        let state = try call.state
        if let existing = try await state.evidence.artifact(digest) {
            guard existing.name == name, existing.version == version, existing.purl == purl else {
                throw ServerError(.conflict, "\(digest) is registered as \(describe(existing)); an artifact's identity does not change")
            }
            return try APIResponse.json(ArtifactView(existing, full: true))
        }
        // Recorded as the inventory records artifacts, so it is indexed (and replayed by `inventory rebuild`).
        let recorder = InventoryRecorder(ledger: state.ledger, store: state.stores.inventory, actor: call.actor)
        let entry = ArtifactRegisteredEntry(digest: digest, name: name, version: version, purl: purl, recordedBy: "register")
        guard let receipt = try await recorder.record([try recorder.draft(.artifactRegistered, entry)]).first else {
            throw ServerError(.internal, "the ledger acknowledged no entry for the registration")
        }
        let (stored, created) = try await state.evidence.register(ArtifactRegistration(
            digest: digest, name: name, version: version, purl: purl, registered: receipt.time, registeredBy: call.actor,
            ledgerIndex: receipt.index))
        return try APIResponse.json(ArtifactView(stored, full: true), status: created ? .created : .ok)
    }

    @Sendable static func list(_ call: APICall) async throws -> Response {
        let limit = Int(try call.queryInteger("limit", default: 100, range: 1...1000) ?? 100)
        let after = try call.query("after").map { try APICall.digest($0, what: "after") }
        let full = call.mayRead(.reader)
        let artifacts = try await call.state.evidence.artifacts(publicOnly: !full, after: after, limit: limit)
        return try APIResponse.json(ArtifactList(artifacts: artifacts.map { ArtifactView($0, full: full) },
                                                 next: artifacts.count == limit ? artifacts.last?.digest.description : nil))
    }

    @Sendable static func get(_ call: APICall) async throws -> Response {
        let artifact = try await visibleArtifact(call)
        let state = try call.state
        let full = call.mayRead(.reader)
        return try APIResponse.json(ArtifactDetail(
            artifact: ArtifactView(artifact, full: full),
            evidence: try await state.evidence.evidence(of: artifact.digest).map { EvidenceView($0, full: full) },
            decisions: try await DecisionView.latest(of: artifact.digest, state: state).map(\.0)))
    }

    @Sendable static func setDisclosure(_ call: APICall) async throws -> Response {
        let digest = try call.digest("digest")
        let body = try await call.jsonObject()
        try body.only(["public"])
        guard let isPublic = try body.bool("public") else { throw ServerError(.badRequest, "public is required (true or false)") }
        let state = try call.state
        guard let existing = try await state.evidence.artifact(digest) else { throw ServerError(.notFound, "no artifact \(digest)") }
        guard existing.isPublic != isPublic else { return try APIResponse.json(ArtifactView(existing, full: true)) }
        _ = try await state.ledger.append(kind: .disclosureChanged, actor: call.actor,
                                          payload: try LedgerJSON.encode(DisclosureChangedEvent(digest: digest.description, public: isPublic)))
        guard let updated = try await state.evidence.setPublic(digest, isPublic) else { throw ServerError(.notFound, "no artifact \(digest)") }
        return try APIResponse.json(ArtifactView(updated, full: true))
    }

    /// The artifact at `{digest}` if the caller may see it. An anonymous caller gets the same 401
    /// for an undisclosed artifact as for one that does not exist: nothing private leaks, not even
    /// whether it exists.
    static func visibleArtifact(_ call: APICall) async throws -> ArtifactRegistration {
        let digest = try call.digest("digest")
        let artifact = try await call.state.evidence.artifact(digest)
        if call.mayRead(.reader) {
            guard let artifact else { throw ServerError(.notFound, "no artifact \(digest)") }
            return artifact
        }
        guard let artifact, artifact.isPublic else {
            throw ServerError(.unauthenticated, "authentication required: this artifact is not disclosed to anonymous readers, or does not exist")
        }
        return artifact
    }

    private static func describe(_ artifact: ArtifactRegistration) -> String {
        "name \(artifact.name ?? "(none)"), version \(artifact.version ?? "(none)"), purl \(artifact.purl ?? "(none)")"
    }
}
