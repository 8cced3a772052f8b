@_spi(FixedExpiryValidationTime) import X509
import Crypto
import Foundation
import SwiftASN1
import TollgateModel

extension SigstoreVerifier {
    /// The certificate that issued the leaf, with its key hash for the SCT check.
    struct ChainIssuer {
        let certificate: Certificate
        /// SHA-256 of its DER SubjectPublicKeyInfo, computed once per trusted-root certificate.
        let keyHash: Lazy<[UInt8]>
    }

    /// Step 3: the leaf chains to a Fulcio CA whose `validFor` contains `time`, validated with
    /// swift-certificates' RFC 5280 policy at that fixed time. The CA certificates were checked
    /// against each other when the trusted root loaded, so each one is an anchor here and the
    /// per-bundle cost is the leaf's one signature. Returns the issuing certificate.
    ///
    /// With a ``VerifiedSignatureCache``, a validation that succeeded before for the same leaf DER,
    /// the same instant and the same anchors (all byte for byte) is not repeated: its outcome is a
    /// function of exactly those inputs. The leaf's and issuer's validity at `time` are still
    /// checked here (as are every other step's checks by the caller, for every bundle).
    func verifyChain(leaf: Certificate, leafDER: [UInt8], at time: Date) async throws(VerificationFailure) -> ChainIssuer {
        let valid = trustedRoot.certificateAuthorities.indices.filter { trustedRoot.certificateAuthorities[$0].validFor.contains(time) }
        let authorities = valid.map { trustedRoot.certificateAuthorities[$0] }
        let anchors = authorities.flatMap(\.chain)
        let keyHashes = authorities.flatMap(\.keyHashes)
        guard !anchors.isEmpty else {
            throw VerificationFailure(.certificateChainInvalid, "no Fulcio CA in the trusted root is valid at \(time)")
        }
        var cacheKey: VerifiedSignatureCache.Key?
        // The leaf's DER ends with its signature value.
        let sighting = VerifiedSignatureCache.Sighting(.certificateChain, signature: leafDER)
        if let cache = signatureCache, cache.hasSeen(sighting) {
            let key = Self.chainCacheKey(leafDER: leafDER, time: time, anchorDERs: authorities.flatMap(\.chainDER))
            if let index = cache.lookup(key), anchors.indices.contains(index) {
                let issuer = anchors[index]
                if [leaf, issuer].allSatisfy({ time >= $0.notValidBefore && time <= $0.notValidAfter }) {
                    return ChainIssuer(certificate: issuer, keyHash: keyHashes[index])
                }
            }
            cacheKey = key
        }
        var verifier = Verifier(rootCertificates: anchorStores.store(for: valid, anchors: anchors)) {
            RFC5280Policy(fixedExpiryValidationTime: time)
            FulcioLeafPolicy()
        }
        let result = await verifier.validate(leaf: leaf, intermediates: CertificateStore())
        switch result {
        case .validCertificate(let chain):
            guard chain.count >= 2 else {
                throw VerificationFailure(.certificateChainInvalid, "the signing certificate is itself a trust anchor")
            }
            guard let index = anchors.firstIndex(of: chain[1]) else {
                // Not reached: with no intermediates, the issuer is one of the anchors.
                let issuer = chain[1]
                return ChainIssuer(certificate: issuer, keyHash: Lazy { Array(SHA256.hash(data: SPKI.der(issuer.publicKey))) })
            }
            signatureCache?.remember(sighting, key: cacheKey, value: index)
            return ChainIssuer(certificate: anchors[index], keyHash: keyHashes[index])
        case .couldNotValidate(let failures):
            let detail = failures.first.map { "\($0.policyFailureReason)" } ?? "no path to a Fulcio CA"
            throw VerificationFailure(.certificateChainInvalid,
                                      "the signing certificate (issuer \"\(leaf.issuer)\") does not chain to a Fulcio CA in the trusted root at \(time): \(detail)")
        }
    }

    /// Step 4: at least one embedded SCT verifies against a CT log in the trusted root
    /// (RFC 6962 §3.2 precert entry; the log's `validFor` must contain the SCT time).
    func verifySCT(leaf: Certificate, leafDER: [UInt8], issuer: ChainIssuer) throws(VerificationFailure) {
        let scts: [SignedCertificateTimestamp]
        do { scts = try SignedCertificateTimestamp.list(in: leaf) } catch {
            throw VerificationFailure(.sctInvalid, "the certificate's SCT list is malformed: \(error.message)")
        }
        guard !scts.isEmpty else {
            throw VerificationFailure(.sctInvalid, "the signing certificate has no embedded SCT")
        }
        let tbs: [UInt8]
        do { tbs = try SignedCertificateTimestamp.precertificateTBS(leafDER: leafDER) } catch {
            throw VerificationFailure(.sctInvalid, "cannot rebuild the precertificate: \(error.message)")
        }
        let issuerKeyHash = issuer.keyHash.value
        var seen: [String] = []
        for sct in scts {
            guard let log = trustedRoot.ctLog(id: sct.logID) else {
                seen.append("unknown CT log \(Base64Text.encode(sct.logID))")
                continue
            }
            guard log.validFor.contains(sct.date) else {
                seen.append("CT log \(log.baseURL) not valid at \(sct.date)")
                continue
            }
            guard let key = log.key, let algorithm = sct.algorithm,
                  isValidLogSignature(.signedCertificateTimestamp, key: key, keyDER: log.spkiDER, signature: sct.signature,
                                      data: sct.signedData(issuerKeyHash: issuerKeyHash, tbs: tbs), algorithm: algorithm) else {
                seen.append("signature from \(log.baseURL) does not verify")
                continue
            }
            return
        }
        throw VerificationFailure(.sctInvalid, "no embedded SCT verifies: \(seen.joined(separator: "; "))")
    }
}
