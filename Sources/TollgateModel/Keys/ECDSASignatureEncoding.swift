import Crypto

/// ECDSA signatures come as DER (`SEQUENCE { r, s }`: X.509, cosign, Tollgate) or raw `r‖s`
/// (PKCS#11's CKM_ECDSA, WebCrypto, JOSE). Tollgate keeps DER; this converts through swift-crypto.
public enum ECDSASignatureEncoding {
    /// The DER form of a raw `r‖s` signature for an ECDSA key of `algorithm`, or nil when `raw` is
    /// not exactly two coordinates long for that curve (or the key is not ECDSA).
    public static func der(fromRaw raw: [UInt8], algorithm: KeyAlgorithm) -> [UInt8]? {
        switch algorithm {
        case .ecdsaP256 where raw.count == 64:
            return (try? P256.Signing.ECDSASignature(rawRepresentation: raw)).map { Array($0.derRepresentation) }
        case .ecdsaP384 where raw.count == 96:
            return (try? P384.Signing.ECDSASignature(rawRepresentation: raw)).map { Array($0.derRepresentation) }
        case .ecdsaP521 where raw.count == 132:
            return (try? P521.Signing.ECDSASignature(rawRepresentation: raw)).map { Array($0.derRepresentation) }
        default:
            return nil
        }
    }
}
