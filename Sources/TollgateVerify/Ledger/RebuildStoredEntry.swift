import TollgateModel

/// The payload of the `attestation.stored` entry `verify --record` appends for each trusted rebuild
/// attestation (`tollgate.dev/evidence/v1`, as the server writes for stored evidence): the statement
/// is in the blob store under `document`, so `tollgate integrity check` re-hashes it.
struct RebuildStoredEntry: Codable, Sendable {
    var schemaVersion = "tollgate.dev/evidence/v1"
    let subject: String
    let document: String
    var kind = "rebuild"
    var mediaType = DSSE.inTotoPayloadType
    let summary: JSONValue

    init(_ rebuild: RebuildEvidence, subject: Digest) {
        self.subject = subject.description
        document = DigestAlgorithm.sha256.hash(rebuild.statement).description
        summary = .object(["rebuilder": .string(rebuild.rebuilder.description), "match": .bool(rebuild.match),
                           "rebuilt": .string(rebuild.rebuilt.description), "comparison": .string(rebuild.summary)])
    }
}
