import Foundation
import TollgateModel

/// A verified signature over an artifact (or over an attestation about it) and its signer.
public struct InventorySignatureRecord: Sendable, Hashable, Codable {
    public var artifact: Digest
    /// What the signature covers: `artifact`, `provenance`, `sbom`, `vulnerability-scan`, ….
    public var evidence: String
    /// The signer: a certificate identity (`subject` + `issuer`) or a key id.
    public var signer: String
    public var issuer: String?
    /// Whether the policy trusted this signer for this evidence when it was recorded.
    public var trusted: Bool
    public var time: Date

    public init(artifact: Digest, evidence: String, signer: String, issuer: String? = nil, trusted: Bool, time: Date) {
        self.artifact = artifact
        self.evidence = evidence
        self.signer = signer
        self.issuer = issuer
        self.trusted = trusted
        self.time = time
    }
}
