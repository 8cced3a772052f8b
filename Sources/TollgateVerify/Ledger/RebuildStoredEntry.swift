import TollgateModel

/// The payload of the `attestation.stored` entry `verify --record` appends for each trusted rebuild
/// attestation (`tollgate.dev/evidence/v1`, as the server writes for stored evidence): the statement
/// is in the blob store under `document`, so `tollgate integrity check` re-hashes it. The dashboard's
/// artifact page reads these entries back.
public struct RebuildStoredEntry: Codable, Sendable {
    public var schemaVersion = "tollgate.dev/evidence/v1"
    public let subject: String
    public let document: String
    public var kind = "rebuild"
    public var mediaType = DSSE.inTotoPayloadType
    /// `rebuilder` (the trusted signer), `match`, `rebuilt` (digest), `comparison` (summary).
    public let summary: JSONValue

    init(_ rebuild: RebuildEvidence, subject: Digest) {
        self.init(subject: subject, document: DigestAlgorithm.sha256.hash(rebuild.statement), rebuilder: rebuild.rebuilder.description,
                  match: rebuild.match, rebuilt: rebuild.rebuilt, comparison: rebuild.summary)
    }

    public init(subject: Digest, document: Digest, rebuilder: String, match: Bool, rebuilt: Digest, comparison: String) {
        self.subject = subject.description
        self.document = document.description
        summary = .object(["rebuilder": .string(rebuilder), "match": .bool(match),
                           "rebuilt": .string(rebuilt.description), "comparison": .string(comparison)])
    }

    /// Whether this is a rebuild entry (other `attestation.stored` entries share the schema).
    public var isRebuild: Bool { kind == "rebuild" }
}
