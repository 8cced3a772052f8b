import Foundation
import TollgateModel
import TollgateStore

/// An attached evidence document: its digest, kind and what verification found when it was uploaded.
struct EvidenceView: Encodable {
    let document: String
    let kind: String
    let mediaType: String
    let stored: Date
    let storedBy: String?
    let ledgerIndex: UInt64
    /// The upload's `DocumentVerification` (signers, provenance and SBOM summaries).
    let verification: JSONValue

    init(_ attachment: EvidenceAttachment, full: Bool) {
        document = attachment.document.description
        kind = attachment.kind
        mediaType = attachment.mediaType
        stored = attachment.stored
        storedBy = full ? attachment.storedBy : nil
        ledgerIndex = attachment.ledgerIndex
        verification = (try? JSONValue.parse(attachment.summary)) ?? .null
    }
}
