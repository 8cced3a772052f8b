import Crypto
import Foundation
import TollgateTransparency
import X509

extension SigstoreVerifier {
    /// `key.isValidSignature(signature, for: data, signatureAlgorithm:)` for a key of the trusted
    /// root (a Rekor or CT log key, a timestamp authority's certificate), remembered in
    /// ``VerifiedSignatureCache`` when this verifier has one. `keyDER` is the SubjectPublicKeyInfo
    /// or certificate DER `key` was parsed from: with the algorithm, the signature and the signed
    /// bytes it is the cache key, so only this exact check can hit.
    func isValidLogSignature(_ kind: VerifiedSignatureCache.Kind, key: Certificate.PublicKey, keyDER: [UInt8],
                             signature: [UInt8], data: [UInt8], algorithm: Certificate.SignatureAlgorithm) -> Bool {
        guard let cache = signatureCache else {
            return Self.checkLogSignature(key: key, signature: signature, data: data, algorithm: algorithm)
        }
        return cache.remembering(VerifiedSignatureCache.Sighting(kind, signature: signature),
                                 key: { VerifiedSignatureCache.Key(kind, [keyDER, Array(algorithm.description.utf8), signature, data]) },
                                 check: { Self.checkLogSignature(key: key, signature: signature, data: data, algorithm: algorithm) })
    }

    /// One log signature check. A P-256 key with ECDSA-SHA256 (every Rekor v1 and CT log key so
    /// far) goes straight to swift-crypto: the DER signature parsed by BoringSSL (strict DER), the
    /// SHA-256 of the data, one verify. swift-certificates' generic path converted the signature
    /// through an ASN.1 parse and a raw copy (~1.5 µs a check, three a bundle). Anything else
    /// takes swift-certificates' path.
    static func checkLogSignature(key: Certificate.PublicKey, signature: [UInt8], data: [UInt8], algorithm: Certificate.SignatureAlgorithm) -> Bool {
        if algorithm == .ecdsaWithSHA256, let p256 = P256.Signing.PublicKey(key) {
            guard let parsed = try? P256.Signing.ECDSASignature(derRepresentation: signature) else { return false }
            return p256.isValidSignature(parsed, for: SHA256.hash(data: data))
        }
        return key.isValidSignature(signature, for: data, signatureAlgorithm: algorithm)
    }

    /// The note verifiers of `log` for checkpoints, each remembering its successful checks when
    /// this verifier has a cache.
    func checkpointVerifiers(_ log: TransparencyLogInstance, origin: String) -> [any NoteVerifier] {
        let verifiers = log.noteVerifiers(origin: origin)
        guard let cache = signatureCache else { return verifiers }
        return verifiers.map { CachingNoteVerifier(inner: $0, keyDER: log.spkiDER, cache: cache) }
    }

    /// The cache key of a chain validation: the leaf's exact DER, the validation instant and the
    /// exact DER of every anchor offered, in order.
    static func chainCacheKey(leafDER: [UInt8], time: Date, anchorDERs: [[UInt8]]) -> VerifiedSignatureCache.Key {
        let bits = time.timeIntervalSinceReferenceDate.bitPattern
        let instant = (0..<8).map { UInt8(truncatingIfNeeded: bits >> UInt64(56 - 8 * $0)) }
        return VerifiedSignatureCache.Key(.certificateChain, [leafDER, instant] + anchorDERs)
    }
}

/// A ``NoteVerifier`` that remembers the signature lines it verified, keyed by the log key's DER,
/// the key name and ID, the exact note text and the exact signature. Only plain `.verified`
/// outcomes are remembered; failures and cosignatures are checked every time.
struct CachingNoteVerifier: NoteVerifier {
    let inner: any NoteVerifier
    let keyDER: [UInt8]
    let cache: VerifiedSignatureCache

    var name: String { inner.name }
    var keyID: [UInt8] { inner.keyID }

    func verify(text: [UInt8], signature: [UInt8]) -> NoteSignatureCheck {
        // A check that did not verify is returned as it was (its reason), never remembered.
        var result = NoteSignatureCheck.verified
        _ = cache.remembering(VerifiedSignatureCache.Sighting(.noteSignature, signature: signature),
                              key: { VerifiedSignatureCache.Key(.noteSignature, [keyDER, Array(inner.name.utf8), inner.keyID, text, signature]) },
                              check: {
                                  result = inner.verify(text: text, signature: signature)
                                  return result == .verified
                              })
        return result
    }
}
