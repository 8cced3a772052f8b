import Foundation
import Hummingbird
import TollgateLedger
import TollgateModel
import TollgatePolicy
import TollgateStore
import TollgateVerify

/// Evidence: each document is verified on upload with the gate's own code
/// (`EvidenceCollector.verify(document:as:artifact:)`: the server's keys and Sigstore trusted root,
/// the artifact's digest as subject). A document that does not verify is refused with its reason
/// (422) and not stored; one that does is stored by digest in the ledger's blob store, recorded
/// (`attestation.stored`) and attached to its subject.
enum EvidenceRoutes {
    struct EvidenceList: Encodable {
        let subject: String
        let evidence: [EvidenceView]
    }

    static var routes: [APIRoute] {
        [
            APIRoute(.post, "/v1/artifacts/{digest}/evidence", .role(.publisher), "uploadEvidence", upload),
            APIRoute(.get, "/v1/artifacts/{digest}/evidence", .disclosed(.reader), "listEvidence", list),
            APIRoute(.get, "/v1/artifacts/{digest}/evidence/{document}", .role(.reader), "getEvidenceDocument", document),
        ]
    }

    /// The media types each kind may be sent as.
    static func mediaTypes(_ kind: EvidenceDocumentKind) -> [String] {
        switch kind {
        case .signature: ["application/octet-stream", "text/plain"]
        case .bundle, .attestation, .scan, .sourceAudit: ["application/json", "application/x-ndjson", "application/jsonl"]
        case .sbom: ["application/json", "application/vnd.cyclonedx+json", "application/spdx+json", "application/xml",
                     "application/vnd.cyclonedx+xml", "text/xml", "text/plain", "text/spdx"]
        }
    }

    @Sendable static func upload(_ call: APICall) async throws -> Response {
        let digest = try call.digest("digest")
        guard let kindText = call.query("kind") else {
            throw ServerError(.badRequest, "kind is required: \(EvidenceDocumentKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let kind = EvidenceDocumentKind(rawValue: kindText) else {
            throw ServerError(.badRequest, "kind: expected one of \(EvidenceDocumentKind.allCases.map(\.rawValue).joined(separator: ", ")), found '\(kindText.prefix(32))'")
        }
        try call.requireMediaType(mediaTypes(kind))
        let bytes = try await call.body()
        guard !bytes.isEmpty else { throw ServerError(.badRequest, "the body is empty") }
        if call.mediaType?.contains("json") == true {
            do {
                try JSONDepth.check(bytes, maxDepth: call.server.configuration.limits.maxJSONDepth)
            } catch {
                throw ServerError(.badRequest, error.reason)
            }
        }
        let state = try call.state
        guard let artifact = try await state.evidence.artifact(digest) else {
            throw ServerError(.notFound, "no artifact \(digest); register it first (POST /v1/artifacts)")
        }
        let document = DigestAlgorithm.sha256.hash(bytes)
        if let existing = try await state.evidence.evidence(of: digest).first(where: { $0.document == document }) {
            return try APIResponse.json(EvidenceView(existing, full: true))
        }
        let now = Date()
        let collector = EvidenceCollector(policy: Policy(name: "upload"), keys: state.keys, trustedRoot: state.trustedRoot, now: { now })
        let subject = ArtifactSubject(digest: digest, name: artifact.name, purl: artifact.purl)
        let verification = await collector.verify(document: EvidenceInput(name: "\(kind.rawValue) \(document.hex.prefix(12))", bytes: bytes),
                                                  as: kind, artifact: subject)
        guard verification.isVerified else {
            let reasons = verification.problems.map(\.message)
            AlertTriggers.uploadFailed(digest, kind: kind.rawValue, reasons: reasons, state: state, server: call.server, logger: call.context.logger)
            throw ServerError(.unprocessable, "the \(kind.rawValue) did not verify and was not stored: "
                              + (reasons.isEmpty ? "nothing in it verified" : reasons.joined(separator: "; ")))
        }
        let summary = try LedgerJSON.encode(verification)
        try await state.stores.ledger.putBlob(digest: document.description, data: Data(bytes))
        let mediaType = call.mediaType ?? "application/octet-stream"
        let event = EvidenceStoredEvent(subject: digest.description, document: document.description, kind: kind.rawValue,
                                        mediaType: mediaType, summary: try JSONValue.parse(summary))
        let receipt = try await state.ledger.append(kind: .attestationStored, actor: call.actor, payload: try LedgerJSON.encode(event))
        let (stored, created) = try await state.evidence.attach(EvidenceAttachment(
            subject: digest, document: document, kind: kind.rawValue, mediaType: mediaType, summary: summary,
            stored: receipt.time, storedBy: call.actor, ledgerIndex: receipt.index))
        return try APIResponse.json(EvidenceView(stored, full: true), status: created ? .created : .ok)
    }

    @Sendable static func list(_ call: APICall) async throws -> Response {
        let artifact = try await ArtifactRoutes.visibleArtifact(call)
        let full = call.mayRead(.reader)
        return try APIResponse.json(EvidenceList(subject: artifact.digest.description,
                                                 evidence: try await call.state.evidence.evidence(of: artifact.digest).map { EvidenceView($0, full: full) }))
    }

    @Sendable static func document(_ call: APICall) async throws -> Response {
        let digest = try call.digest("digest")
        let document = try call.digest("document")
        let state = try call.state
        guard let attachment = try await state.evidence.evidence(of: digest).first(where: { $0.document == document }),
              let bytes = try await state.stores.ledger.blob(digest: document.description) else {
            throw ServerError(.notFound, "no document \(document) attached to \(digest)")
        }
        return APIResponse.bytes(Array(bytes), contentType: attachment.mediaType, cacheControl: "private, max-age=31536000, immutable")
    }
}
