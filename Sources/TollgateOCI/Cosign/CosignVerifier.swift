import Foundation
import TollgateModel
import TollgateSigstore

/// Verifies cosign signatures as cosign does (cosign `pkg/cosign/verify.go`):
///
/// 1. the payload is simple signing, and "`critical.image.docker-manifest-digest` MUST match the
///    digest of the image being verified";
/// 2. `critical.identity.docker-reference` names the repository being verified (normalised:
///    `alpine` and `index.docker.io/library/alpine` are one);
/// 3. keyed: the signature over the payload verifies with one of `keys`; a Rekor bundle, when
///    present, must verify too;
/// 4. keyless: the certificate (with its chain annotation) and the Rekor bundle make a Sigstore
///    bundle v0.1 that ``SigstoreVerifier`` checks against the trusted root. Whose identity it is
///    is the policy's question, weighed later.
public struct CosignVerifier: Sendable {
    public let keys: [PublicKey]
    public let trustedRoot: TrustedRoot?
    public let algorithmPolicy: AlgorithmPolicy
    public let now: @Sendable () -> Date

    public init(keys: [PublicKey], trustedRoot: TrustedRoot?, algorithmPolicy: AlgorithmPolicy = .default,
                now: @escaping @Sendable () -> Date) {
        self.keys = keys
        self.trustedRoot = trustedRoot
        self.algorithmPolicy = algorithmPolicy
        self.now = now
    }

    /// Verifies `signature` for the image `digest` in `repository` (nil: the reference is not checked).
    public func verify(_ signature: CosignSignature, digest: Digest, repository: Repository?) async -> CosignVerdict {
        let payload: SimpleSigningPayload
        do { payload = try SimpleSigningPayload(parsing: signature.payload) } catch {
            return .failed(CosignFailure(.malformed, error.reason))
        }
        guard payload.manifestDigest == digest else {
            return .failed(CosignFailure(.wrongDigest, "the signature is for \(payload.manifestDigest), not \(digest) (critical.image.docker-manifest-digest)"))
        }
        if let repository {
            let named = try? ImageReference(parsing: payload.dockerReference).repository
            guard named == repository else {
                return .failed(CosignFailure(.wrongReference, "the signature names '\(payload.dockerReference.prefix(200))', not \(repository) (critical.identity.docker-reference)"))
            }
        }
        if let certificate = signature.certificatePEM {
            return await verifyKeyless(signature, certificate: certificate, payload: payload)
        }
        return await verifyKeyed(signature, payload: payload)
    }

    private func verifyKeyed(_ signature: CosignSignature, payload: SimpleSigningPayload) async -> CosignVerdict {
        guard !keys.isEmpty else { return .failed(CosignFailure(.noVerifier, "a key-signed signature needs --key")) }
        var reasons: [String] = []
        for key in keys {
            let verdict = key.verify(signature: signature.signature, message: signature.payload, policy: algorithmPolicy)
            guard verdict.isValid else {
                reasons.append("key \(key.keyID.prefix(16)): \(verdict.reason ?? "invalid")")
                continue
            }
            var verified: VerifiedBundle?
            if let text = signature.rekorBundle, let trustedRoot {
                switch await verifyBundle(text, material: .publicKey, signature: signature, trustedRoot: trustedRoot, policy: .publicKey(key)) {
                case .success(let bundle): verified = bundle
                case .failure(let failure): return .failed(failure)
                }
            }
            return .verified(VerifiedCosignSignature(payload: payload, key: key, bundle: verified, source: signature.source))
        }
        return .failed(CosignFailure(.invalid, "signature not verified (\(reasons.joined(separator: "; ")))"))
    }

    private func verifyKeyless(_ signature: CosignSignature, certificate: String, payload: SimpleSigningPayload) async -> CosignVerdict {
        guard let trustedRoot else { return .failed(CosignFailure(.noVerifier, "no Sigstore trusted root to verify the certificate with")) }
        guard let text = signature.rekorBundle else {
            return .failed(CosignFailure(.invalid, "a keyless signature without a \(CosignAnnotation.rekorBundle) annotation has no verified signing time"))
        }
        let ders: [[UInt8]]
        do { ders = try CosignRekorBundle.certificates(leafPEM: certificate, chainPEM: signature.chainPEM) } catch {
            return .failed(CosignFailure(.malformed, error.reason))
        }
        guard let any = try? IdentityPolicy.certificate(subjectRegexp: ".*", issuerRegexp: ".*") else {
            return .failed(CosignFailure(.noVerifier, "no identity policy"))
        }
        switch await verifyBundle(text, material: .certificates(ders), signature: signature, trustedRoot: trustedRoot, policy: any) {
        case .success(let bundle):
            return .verified(VerifiedCosignSignature(payload: payload, key: nil, bundle: bundle, source: signature.source))
        case .failure(let failure):
            return .failed(failure)
        }
    }

    private func verifyBundle(_ text: String, material: CosignRekorBundle.Material, signature: CosignSignature,
                              trustedRoot: TrustedRoot, policy: IdentityPolicy) async -> Result<VerifiedBundle, CosignFailure> {
        let rekor: CosignRekorBundle
        do { rekor = try CosignRekorBundle(json: text) } catch { return .failure(CosignFailure(.malformed, error.reason)) }
        let json = rekor.sigstoreBundle(material: material, content: .message(signature: signature.signature,
                                                                              digest: DigestAlgorithm.sha256.hash(signature.payload)))
        let verifier = SigstoreVerifier(trustedRoot: trustedRoot, options: VerificationOptions(now: now))
        do {
            switch try await verifier.verify(bundleJSON: json, artifact: Artifact(bytes: signature.payload), policy: policy) {
            case .verified(let bundle): return .success(bundle)
            case .failed(let failure): return .failure(CosignFailure(.invalid, "\(failure)"))
            }
        } catch {
            return .failure(CosignFailure(.malformed, error.reason))
        }
    }
}
