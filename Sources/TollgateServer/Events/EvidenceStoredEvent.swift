import TollgateModel

/// The payload of an `attestation.stored` entry (`tollgate.dev/evidence/v1`): the document is in
/// the blob store under `document`.
struct EvidenceStoredEvent: Codable {
    var schemaVersion = "tollgate.dev/evidence/v1"
    let subject: String
    let document: String
    let kind: String
    let mediaType: String
    let summary: JSONValue
}
