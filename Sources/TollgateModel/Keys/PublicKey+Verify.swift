import Crypto
import Foundation
import _CryptoExtras

extension PublicKey {
    /// Verifies `signature` over `message` after applying `policy`.
    ///
    /// ECDSA signatures are ASN.1 DER (`Ecdsa-Sig-Value`, RFC 5480 §2.2... RFC 3279 §2.2.3) over the
    /// curve's hash of the message, as `cosign sign-blob` and `openssl dgst -sha256 -sign` make them;
    /// Ed25519 signatures are the raw 64 bytes of RFC 8032; RSA is SHA-256 with PKCS#1 v1.5 or PSS
    /// (salt = hash length), whichever the policy allows.
    public func verify(signature: [UInt8], message: some DataProtocol,
                       policy: AlgorithmPolicy = .default) -> SignatureVerdict {
        if case .invalid(let reason) = policy.check(algorithm) { return .invalid(reason: reason) }
        guard !signature.isEmpty else { return .invalid(reason: "the signature is empty") }
        switch backing {
        case .p256(let key):
            guard let sig = try? P256.Signing.ECDSASignature(derRepresentation: signature) else { return Self.notDER(signature) }
            return key.isValidSignature(sig, for: message) ? .valid : mismatch
        case .p384(let key):
            guard let sig = try? P384.Signing.ECDSASignature(derRepresentation: signature) else { return Self.notDER(signature) }
            return key.isValidSignature(sig, for: message) ? .valid : mismatch
        case .p521(let key):
            guard let sig = try? P521.Signing.ECDSASignature(derRepresentation: signature) else { return Self.notDER(signature) }
            return key.isValidSignature(sig, for: message) ? .valid : mismatch
        case .ed25519(let key):
            guard signature.count == 64 else {
                return .invalid(reason: "an Ed25519 signature has 64 bytes, found \(signature.count)")
            }
            return key.isValidSignature(signature, for: message) ? .valid : mismatch
        case .rsa(let key):
            let sig = _RSA.Signing.RSASignature(rawRepresentation: signature)
            for padding in RSAPadding.allCases where policy.rsaPaddings.contains(padding) {
                let valid = switch padding {
                case .pkcs1v15: key.isValidSignature(sig, for: message, padding: .insecurePKCS1v1_5)
                case .pss: key.isValidSignature(sig, for: message, padding: .PSS)
                }
                if valid { return .valid }
            }
            return mismatch
        }
    }

    /// Verifies `signature` over a digest computed elsewhere (Sigstore hashedrekord), without
    /// rehashing. Supported for ECDSA; Ed25519 is pure (it signs the message, not a digest) and
    /// RSA over an external digest is not offered by swift-crypto's public API, so both are
    /// `invalid` with that reason.
    public func verify(signature: [UInt8], digest: Digest, policy: AlgorithmPolicy = .default) -> SignatureVerdict {
        if case .invalid(let reason) = policy.check(algorithm) { return .invalid(reason: reason) }
        if case .invalid(let reason) = policy.check(digest.algorithm) { return .invalid(reason: reason) }
        guard !signature.isEmpty else { return .invalid(reason: "the signature is empty") }
        switch backing {
        case .p256(let key):
            guard let sig = try? P256.Signing.ECDSASignature(derRepresentation: signature) else { return Self.notDER(signature) }
            return Self.check(digest) { key.isValidSignature(sig, for: $0) }
        case .p384(let key):
            guard let sig = try? P384.Signing.ECDSASignature(derRepresentation: signature) else { return Self.notDER(signature) }
            return Self.check(digest) { key.isValidSignature(sig, for: $0) }
        case .p521(let key):
            guard let sig = try? P521.Signing.ECDSASignature(derRepresentation: signature) else { return Self.notDER(signature) }
            return Self.check(digest) { key.isValidSignature(sig, for: $0) }
        case .ed25519:
            return .invalid(reason: "Ed25519 signs the message itself; it cannot be verified against a \(digest.algorithm.rawValue) digest")
        case .rsa:
            return .invalid(reason: "RSA verification against a precomputed digest is not supported; verify over the message bytes")
        }
    }

    private var mismatch: SignatureVerdict {
        .invalid(reason: "the \(algorithm.name) signature does not match the message and key \(keyID.prefix(16))…")
    }

    private static func notDER(_ signature: [UInt8]) -> SignatureVerdict {
        .invalid(reason: "the ECDSA signature is not ASN.1 DER (\(signature.count) bytes); expected SEQUENCE { r, s }")
    }

    private static func check(_ digest: Digest, _ body: (any Crypto.Digest) -> Bool) -> SignatureVerdict {
        let ok: Bool = switch digest.algorithm {
        case .sha256: body(PrehashedDigest<PrehashedSize32>(bytes: digest.bytes))
        case .sha384: body(PrehashedDigest<PrehashedSize48>(bytes: digest.bytes))
        case .sha512: body(PrehashedDigest<PrehashedSize64>(bytes: digest.bytes))
        }
        return ok ? .valid : .invalid(reason: "the ECDSA signature does not match the \(digest.algorithm.rawValue) digest and key")
    }
}
