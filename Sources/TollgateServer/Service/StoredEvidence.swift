import TollgateModel
import TollgateStore
import TollgateVerify

/// The evidence documents the server holds for an artifact, as `EvidenceCollector` inputs: what
/// `POST /v1/decisions` and admission's inline verification both evaluate.
enum StoredEvidence {
    static func add(of digest: Digest, to inputs: inout EvidenceCollector.Inputs, state: LoadedState) async throws {
        for attachment in try await state.evidence.evidence(of: digest) {
            guard let kind = EvidenceDocumentKind(rawValue: attachment.kind),
                  let bytes = try await state.stores.ledger.blob(digest: attachment.document.description) else {
                throw StoreError(.corrupt, "the evidence document \(attachment.document) of \(digest) is missing from the blob store")
            }
            inputs.add(EvidenceInput(name: "\(attachment.kind) \(attachment.document.hex.prefix(12))", bytes: [UInt8](bytes),
                                     modified: attachment.stored), as: kind)
        }
    }
}
