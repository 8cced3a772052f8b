import Crypto
import TollgateTransparency
import TollgateModel
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
    /// The log key in the form its checkpoints are signed with; `nil` when it is neither
    /// Ed25519 (Rekor v2) nor ECDSA P-256 (Rekor v1), so no checkpoint verifies (fail closed).
    private let noteKey: NoteKey?

    private enum NoteKey: Sendable {
        case ed25519(Curve25519.Signing.PublicKey)
        /// The verifier under the empty name, made on first use (its key ID needs the key's DER).
        case ecdsaP256(Lazy<ECDSANoteVerifier>)
    }

    init(wire: TrustedRootWire.TransparencyLogInstanceWire, at path: String) throws(SigstoreError) {
        func fail(_ message: String) -> SigstoreError { SigstoreError(.invalidTrustedRoot, "\(path): \(message)") }
        guard let keyIDText = wire.logId?.keyId, let logID = Base64Bytes.decode(keyIDText), !logID.isEmpty else {
            throw fail("logId.keyId is missing or not base64")
        }
        guard let publicKey = wire.publicKey else { throw fail("publicKey is missing") }
        let validFor = try CertificateAuthority.timeRange(publicKey.validFor, at: "\(path).publicKey.validFor")
        guard let rawText = publicKey.rawBytes, let raw = Base64Bytes.decode(rawText), !raw.isEmpty else {
            throw fail("publicKey.rawBytes is missing or not base64")
        }
        self.init(baseURL: wire.baseUrl ?? "", logID: logID, keyDetails: publicKey.keyDetails ?? "", spkiDER: raw, validFor: validFor)
    }

    /// A log from already-validated parts (the JSON form above, or a shipped trusted root);
    /// the key is parsed here.
    init(baseURL: String, logID: [UInt8], keyDetails: String, spkiDER: [UInt8], validFor: TimeRange) {
        self.baseURL = baseURL
        self.logID = logID
        self.keyDetails = keyDetails
        self.validFor = validFor
        self.spkiDER = spkiDER
        let parsed = try? Certificate.PublicKey(derEncoded: spkiDER)
        key = parsed
        if let parsed, let ed = Curve25519.Signing.PublicKey(parsed) {
            noteKey = .ed25519(ed)
        } else if let parsed, let p256 = P256.Signing.PublicKey(parsed) {
            noteKey = .ecdsaP256(Lazy { ECDSANoteVerifier(name: "", publicKey: p256) })
        } else {
            noteKey = nil
        }
    }

    /// The signed-note verifiers for a checkpoint from this log with `origin`: one per key name
    /// the log may sign under. Ed25519 logs (Rekor v2) sign under the origin with the C2SP key
    /// ID (c2sp.org/signed-note#verifier-keys); ECDSA logs (Rekor v1) use the legacy key ID
    /// SHA-256(PKIX DER)[:4] and sign under the origin without its " - <tree ID>" shard suffix
    /// (`rekor.sigstore.dev - 2605736670972794746` is signed as `rekor.sigstore.dev`).
    func noteVerifiers(origin: String) -> [any NoteVerifier] {
        guard let noteKey else { return [] }
        var names = [origin]
        let utf8 = Array(origin.utf8)
        if utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII (every origin seen so far): each byte is its own character, so a byte search
            // finds exactly the separators `range(of:)` finds, without Foundation's string search
            // (0.3% of a `verify-bundle --batch` bundle, docs/benchmarks.md issue #13).
            var index = 0
            while index + 3 <= utf8.count {
                guard utf8[index] == 0x20, utf8[index + 1] == 0x2D, utf8[index + 2] == 0x20 else {
                    index += 1
                    continue
                }
                if index > 0 { names.append(String(decoding: utf8[..<index], as: UTF8.self)) }
                index += 3
            }
        } else {
            var rest = origin.startIndex..<origin.endIndex
            while let separator = origin.range(of: " - ", range: rest) {
                if separator.lowerBound > origin.startIndex { names.append(String(origin[..<separator.lowerBound])) }
                rest = separator.upperBound..<origin.endIndex
            }
        }
        return names.map { name -> any NoteVerifier in
            switch noteKey {
            case .ed25519(let key): Ed25519NoteVerifier(name: name, publicKey: key)
            case .ecdsaP256(let verifier): verifier.value.named(name)
            }
        }
    }
}
