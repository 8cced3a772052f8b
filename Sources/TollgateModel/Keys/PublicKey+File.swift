import Crypto
import _CryptoExtras

extension PublicKey {
    /// Verifies `signature` over the contents of the file at `path`, with the same rules as
    /// `verify(signature:message:policy:)`. ECDSA and RSA stream the file in constant memory.
    /// Throws only when the file cannot be read.
    public func verify(signature: [UInt8], fileAt path: String, policy: AlgorithmPolicy = .default) throws(ModelError) -> SignatureVerdict {
        if case .invalid(let reason) = policy.check(algorithm) { return .invalid(reason: reason) }
        guard !signature.isEmpty else { return .invalid(reason: "the signature is empty") }
        let mismatch = SignatureVerdict.invalid(reason: "the \(algorithm.name) signature does not match the file and key \(keyID.prefix(16))…")
        let notDER = SignatureVerdict.invalid(reason: "the ECDSA signature is not ASN.1 DER (\(signature.count) bytes); expected SEQUENCE { r, s }")
        switch backing {
        case .p256(let key):
            guard let sig = try? P256.Signing.ECDSASignature(derRepresentation: signature) else { return notDER }
            return key.isValidSignature(sig, for: try FileMessage.hash(path, using: SHA256.self)) ? .valid : mismatch
        case .p384(let key):
            guard let sig = try? P384.Signing.ECDSASignature(derRepresentation: signature) else { return notDER }
            return key.isValidSignature(sig, for: try FileMessage.hash(path, using: SHA384.self)) ? .valid : mismatch
        case .p521(let key):
            guard let sig = try? P521.Signing.ECDSASignature(derRepresentation: signature) else { return notDER }
            return key.isValidSignature(sig, for: try FileMessage.hash(path, using: SHA512.self)) ? .valid : mismatch
        case .rsa(let key):
            let digest = try FileMessage.hash(path, using: SHA256.self)
            let sig = _RSA.Signing.RSASignature(rawRepresentation: signature)
            for padding in RSAPadding.allCases where policy.rsaPaddings.contains(padding) {
                let valid = switch padding {
                case .pkcs1v15: key.isValidSignature(sig, for: digest, padding: .insecurePKCS1v1_5)
                case .pss: key.isValidSignature(sig, for: digest, padding: .PSS)
                }
                if valid { return .valid }
            }
            return mismatch
        case .ed25519:
            return verify(signature: signature, message: try FileMessage.read(path, limit: PrivateKey.maxEd25519FileBytes), policy: policy)
        }
    }
}
