import Crypto
import Foundation

/// A certificate transparency log that only signs: it returns RFC 6962 §3.2 SCTs for
/// precertificates, to be embedded in the leaf (extension 1.3.6.1.4.1.11129.2.4.2).
///
/// The encoding is written here from the RFC, independently of the verifier's parser, so a
/// verifier test cannot pass merely because both sides share a mistake.
public struct TestCTLog: Sendable {
    public let baseURL: String
    let key: P256.Signing.PrivateKey

    public init(baseURL: String = "https://ctfe.tollgate.test/test", key: P256.Signing.PrivateKey = P256.Signing.PrivateKey()) {
        self.baseURL = baseURL
        self.key = key
    }

    /// The log's SubjectPublicKeyInfo DER.
    public var spkiDER: [UInt8] { Array(key.publicKey.derRepresentation) }

    /// RFC 6962 §3.2: the log ID is the SHA-256 of the log's public key (DER SPKI).
    public var logID: [UInt8] { Array(SHA256.hash(data: spkiDER)) }

    /// One serialized `SignedCertificateTimestamp` (v1, no extensions, ecdsa/sha256) over the
    /// precert entry: `issuerKeyHash` (SHA-256 of the issuer's SPKI) and the precertificate's
    /// TBSCertificate (the leaf's TBS without the SCT list extension).
    public func sct(precertificateTBS tbs: [UInt8], issuerKeyHash: [UInt8], timestamp: Date) throws -> [UInt8] {
        let millis = UInt64(max(0, (timestamp.timeIntervalSince1970 * 1000).rounded(.down)))
        var signed: [UInt8] = [0, 0] // sct_version v1, signature_type certificate_timestamp
        signed += Self.uint(millis, width: 8)
        signed += [0, 1] // entry_type precert_entry
        signed += issuerKeyHash
        signed += Self.uint(UInt64(tbs.count), width: 3) + tbs
        signed += [0, 0] // no CtExtensions
        let signature = Array(try key.signature(for: signed).derRepresentation)
        var sct: [UInt8] = [0] // version v1
        sct += logID
        sct += Self.uint(millis, width: 8)
        sct += [0, 0] // extensions
        sct += [4, 3] // SignatureAndHashAlgorithm: sha256, ecdsa
        sct += Self.uint(UInt64(signature.count), width: 2) + signature
        return sct
    }

    /// `SignedCertificateTimestampList`: a 2-byte length, then each SCT with its 2-byte length.
    public static func sctList(_ scts: [[UInt8]]) -> [UInt8] {
        let items = scts.flatMap { uint(UInt64($0.count), width: 2) + $0 }
        return uint(UInt64(items.count), width: 2) + items
    }

    static func uint(_ value: UInt64, width: Int) -> [UInt8] {
        (0..<width).reversed().map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
    }
}
