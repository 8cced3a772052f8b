/// A validated `TransparencyLogEntry`: the Rekor entry a bundle claims, with its promise (SET)
/// and proof. Validation here is structural only; ``SigstoreVerifier`` checks the cryptography.
public struct TransparencyLogEntry: Sendable, Equatable {
    public let logIndex: UInt64
    /// The log ID (SHA-256 of the log key's DER SubjectPublicKeyInfo for Rekor v1).
    public let logID: [UInt8]
    public let kind: String
    public let version: String
    /// Seconds since the epoch; `nil` (or 0) for Rekor v2, which has no integrated time.
    public let integratedTime: Int64?
    public let signedEntryTimestamp: [UInt8]?
    public let inclusionProof: BundleInclusionProof?
    public let canonicalizedBody: [UInt8]

    /// "hashedrekord/0.0.1" style label.
    public var kindVersion: String { "\(kind)/\(version)" }

    static let maxBodyBytes = 8 << 20

    init(wire: TransparencyLogEntryWire, at path: String) throws(SigstoreError) {
        func fail(_ message: String) -> SigstoreError { SigstoreError(.malformedBundle, "\(path): \(message)") }
        guard let index = wire.logIndex?.value else { throw fail("logIndex is missing") }
        guard index >= 0 else { throw fail("logIndex is negative (\(index))") }
        logIndex = UInt64(index)
        guard let keyID = wire.logId?.keyId, let logID = Base64Bytes.decode(keyID), !logID.isEmpty else {
            throw fail("logId.keyId is missing or not base64")
        }
        self.logID = logID
        guard let kind = wire.kindVersion?.kind, let version = wire.kindVersion?.version else {
            throw fail("kindVersion is missing")
        }
        self.kind = kind
        self.version = version
        if let time = wire.integratedTime?.value {
            guard time >= 0 else { throw fail("integratedTime is negative") }
            integratedTime = time == 0 ? nil : time
        } else {
            integratedTime = nil
        }
        if let set = wire.inclusionPromise?.signedEntryTimestamp {
            guard let bytes = Base64Bytes.decode(set), !bytes.isEmpty else {
                throw fail("inclusionPromise.signedEntryTimestamp is not base64")
            }
            signedEntryTimestamp = bytes
        } else {
            signedEntryTimestamp = nil
        }
        guard let bodyText = wire.canonicalizedBody, let body = Base64Bytes.decode(bodyText), !body.isEmpty else {
            throw fail("canonicalizedBody is missing or not base64")
        }
        guard body.count <= Self.maxBodyBytes else { throw fail("canonicalizedBody is too large") }
        canonicalizedBody = body
        if let proof = wire.inclusionProof {
            guard let proofIndex = proof.logIndex?.value, proofIndex >= 0 else {
                throw fail("inclusionProof.logIndex is missing or negative")
            }
            guard let size = proof.treeSize?.value, size > 0 else {
                throw fail("inclusionProof.treeSize is missing or not positive")
            }
            guard let rootText = proof.rootHash, let root = Base64Bytes.decode(rootText), root.count == 32 else {
                throw fail("inclusionProof.rootHash is missing or not a 32-byte base64 hash")
            }
            let hashTexts = proof.hashes ?? []
            guard hashTexts.count <= BundleInclusionProof.maxHashes else {
                throw fail("inclusionProof has \(hashTexts.count) hashes; at most \(BundleInclusionProof.maxHashes) are possible")
            }
            var hashes: [[UInt8]] = []
            hashes.reserveCapacity(hashTexts.count)
            for text in hashTexts {
                guard let hash = Base64Bytes.decode(text), hash.count == 32 else {
                    throw fail("inclusionProof.hashes contains a value that is not a 32-byte base64 hash")
                }
                hashes.append(hash)
            }
            inclusionProof = BundleInclusionProof(
                logIndex: UInt64(proofIndex), treeSize: UInt64(size), rootHash: root, hashes: hashes,
                checkpoint: proof.checkpoint?.envelope
            )
        } else {
            inclusionProof = nil
        }
    }
}
