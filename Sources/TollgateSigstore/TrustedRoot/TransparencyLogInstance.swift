import Crypto
import X509

/// A transparency log (Rekor) or CT log the trusted root vouches for, with its key parsed once.
public struct TransparencyLogInstance: Sendable {
    public let baseURL: String
    /// `logId.keyId`: how bundles and SCTs name this log.
    public let logID: [UInt8]
    public let keyDetails: String
    /// The log key; `nil` if the trusted root names an algorithm this verifier cannot use,
    /// in which case nothing verifies against this log (fail closed).
    public let key: Certificate.PublicKey?
    public let spkiDER: [UInt8]
    public let validFor: TimeRange
    /// The raw Ed25519 key, for C2SP signed-note key IDs.
    let ed25519Raw: [UInt8]?

    init(wire: TrustedRootWire.TransparencyLogInstanceWire, at path: String) throws(SigstoreError) {
        func fail(_ message: String) -> SigstoreError { SigstoreError(.invalidTrustedRoot, "\(path): \(message)") }
        baseURL = wire.baseUrl ?? ""
        guard let keyIDText = wire.logId?.keyId, let logID = Base64Bytes.decode(keyIDText), !logID.isEmpty else {
            throw fail("logId.keyId is missing or not base64")
        }
        self.logID = logID
        guard let publicKey = wire.publicKey else { throw fail("publicKey is missing") }
        keyDetails = publicKey.keyDetails ?? ""
        validFor = try CertificateAuthority.timeRange(publicKey.validFor, at: "\(path).publicKey.validFor")
        guard let rawText = publicKey.rawBytes, let raw = Base64Bytes.decode(rawText), !raw.isEmpty else {
            throw fail("publicKey.rawBytes is missing or not base64")
        }
        spkiDER = raw
        let parsed = try? Certificate.PublicKey(derEncoded: raw)
        key = parsed
        if let parsed, let ed = Curve25519.Signing.PublicKey(parsed) {
            ed25519Raw = Array(ed.rawRepresentation)
        } else {
            ed25519Raw = nil
        }
    }

    /// The key ID a C2SP signed-note signature line carries for this log under `name`:
    /// Ed25519 keys use SHA-256(name || 0x0A || 0x01 || key)[:4] (c2sp.org/signed-note);
    /// ECDSA keys (Rekor v1) use SHA-256(PKIX DER)[:4], the log ID prefix.
    func noteKeyID(name: String) -> [UInt8] {
        if let raw = ed25519Raw {
            var input = Array(name.utf8)
            input.append(0x0A)
            input.append(0x01)
            input += raw
            return Array(SHA256.hash(data: input).prefix(4))
        }
        return Array(SHA256.hash(data: spkiDER).prefix(4))
    }
}
