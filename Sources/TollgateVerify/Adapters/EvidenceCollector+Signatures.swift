import Foundation
import TollgateModel
import TollgatePolicy
import TollgateSigstore
import X509

/// Cryptographic verification: raw signatures, DSSE envelopes and Sigstore bundles. Trust in the
/// signer is weighed afterwards (`EvidenceCollector.weigh`), per kind of evidence.
extension EvidenceCollector {
    /// A raw signature over the artifact. Without the artifact bytes (the server knows artifacts by
    /// digest) it is checked against the digest, which ECDSA keys support (`PublicKey.verify(signature:digest:)`).
    func verifyRawSignature(_ input: EvidenceInput, artifact: Inputs, into evidence: inout Evidence) {
        // Signature files are base64 (cosign, `tollgate sign`) or raw bytes.
        let text = String(decoding: input.bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let signature = Base64Text.decode(text) ?? input.bytes
        guard !keys.isEmpty else {
            evidence.problems.append(EvidenceProblem(.unverified, input.name, "no --key to verify it with"))
            return
        }
        var reasons: [String] = []
        for key in keys {
            let verdict = artifact.artifactBytes.map { key.verify(signature: signature, message: $0, policy: algorithmPolicy) }
                ?? key.verify(signature: signature, digest: artifact.artifact.digest, policy: algorithmPolicy)
            if verdict.isValid {
                evidence.signatures.append(Self.signature(key: key, source: input.name, signedAt: nil))
                return
            }
            reasons.append("key \(key.keyID.prefix(16)): \(verdict.reason ?? "invalid")")
        }
        evidence.problems.append(EvidenceProblem(.unverified, input.name, "signature not verified (\(reasons.joined(separator: "; ")))"))
    }

    static func signature(key: PublicKey, source: String, signedAt: Date?) -> VerifiedSignature {
        var bits: Int?
        if case .rsa(let size) = key.algorithm { bits = size }
        return VerifiedSignature(signer: .key(id: key.keyID), algorithm: key.algorithm.name, keyBits: bits,
                                 source: source, signedAt: signedAt)
    }

    /// What an envelope's statement must be about.
    enum EnvelopeSubject {
        /// The artifact under decision: a subject with its digest.
        case artifact(Digest)
        /// A Git commit (source audits): a subject with a `gitCommit` digest; which commit is the caller's question.
        case gitCommit
    }

    /// Verifies a DSSE envelope about the artifact with the given keys; returns the statement, its
    /// payload and one signature per key that verified.
    func verifyEnvelope(_ input: EvidenceInput, artifact: Inputs,
                        into evidence: inout Evidence) -> (InTotoStatement, [UInt8], [VerifiedSignature])? {
        verifyEnvelope(input, about: .artifact(artifact.artifact.digest), into: &evidence)
    }

    /// The one verification every DSSE envelope goes through, whatever it is about: envelope, keys,
    /// signatures, payload type, statement, subject. Problems are tagged with `kind` when the caller
    /// knows which kind of evidence the envelope must be. Trust in the signers is weighed afterwards.
    func verifyEnvelope(_ input: EvidenceInput, about subject: EnvelopeSubject, kind: EvidenceKind? = nil,
                        into evidence: inout Evidence) -> (InTotoStatement, [UInt8], [VerifiedSignature])? {
        let noun = kind?.rawValue ?? "attestation"
        let envelope: DSSEEnvelope
        do {
            envelope = try DSSEEnvelope(parsing: input.bytes)
        } catch {
            evidence.problems.append(EvidenceProblem(.unreadable, input.name, "not a DSSE envelope: \(error.reason)", kind: kind))
            return nil
        }
        guard !keys.isEmpty else {
            evidence.problems.append(EvidenceProblem(.unverified, input.name, "no --key to verify the \(noun) with", kind: kind))
            return nil
        }
        let verifier: AttestationVerifier
        do {
            verifier = AttestationVerifier(dsse: try DSSEVerifier(keys: keys, threshold: 1, policy: algorithmPolicy))
        } catch {
            evidence.problems.append(EvidenceProblem(.unverified, input.name, error.reason, kind: kind))
            return nil
        }
        let verdict = switch subject {
        case .artifact(let digest): verifier.verify(envelope, artifact: digest)
        case .gitCommit: verifier.verify(envelope, subject: "digest gitCommit") { $0.digest["gitCommit"] != nil }
        }
        switch verdict {
        case .failed(let reasons):
            let wrongSubject = reasons.contains { $0.contains("subject") }
            evidence.problems.append(EvidenceProblem(wrongSubject ? .wrongSubject : .unverified, input.name,
                                                     "\(noun) not verified: \(reasons.joined(separator: "; "))", kind: kind))
            return nil
        case .verified(let statement, _, let keyIDs):
            let signatures = keys.filter { keyIDs.contains($0.keyID) }.map { Self.signature(key: $0, source: input.name, signedAt: nil) }
            guard !signatures.isEmpty else { return nil }
            return (statement, envelope.payload, signatures)
        }
    }

    /// Verifies a Sigstore bundle for chain, log and signature with any identity (whose identity
    /// counts is the policy's question). A message signature is added to `evidence.signatures`;
    /// a DSSE bundle returns its statement, payload and signature.
    func verifyBundle(_ input: EvidenceInput, artifact: Inputs,
                      into evidence: inout Evidence) async -> (InTotoStatement, [UInt8], VerifiedSignature)? {
        let target: Artifact
        do {
            if let bytes = artifact.artifactBytes {
                target = Artifact(bytes: bytes, filename: artifact.artifact.name)
            } else {
                target = try Artifact(digestString: artifact.artifact.digest.description)
            }
        } catch {
            evidence.problems.append(EvidenceProblem(.unverified, input.name, error.reason))
            return nil
        }
        return await verifyBundle(input, about: target, into: &evidence)
    }

    /// The one verification every Sigstore bundle goes through, whatever it is about (the artifact,
    /// or for a source audit a Git commit): chain, log, signature and subject, with any identity.
    /// Problems are tagged with `kind` when the caller knows which kind of evidence it must be.
    func verifyBundle(_ input: EvidenceInput, about target: Artifact, kind: EvidenceKind? = nil,
                      into evidence: inout Evidence) async -> (InTotoStatement, [UInt8], VerifiedSignature)? {
        guard let trustedRoot else {
            evidence.problems.append(EvidenceProblem(.unverified, input.name, "no Sigstore trusted root to verify the bundle with", kind: kind))
            return nil
        }
        let bundle: UnverifiedBundle
        do {
            bundle = try UnverifiedBundle(json: input.bytes)
        } catch {
            evidence.problems.append(EvidenceProblem(.unreadable, input.name, "not a Sigstore bundle: \(error.reason)", kind: kind))
            return nil
        }
        let verifier = SigstoreVerifier(trustedRoot: trustedRoot, options: VerificationOptions(now: now))
        var policies: [(IdentityPolicy, PublicKey?)] = []
        switch bundle.material {
        case .publicKey:
            policies = keys.map { (IdentityPolicy.publicKey($0), $0) }
            if policies.isEmpty {
                evidence.problems.append(EvidenceProblem(.unverified, input.name, "a key-signed bundle needs --key", kind: kind))
                return nil
            }
        default:
            // Chain, log and signature are checked here; the identity is weighed against the policy later.
            if let any = try? IdentityPolicy.certificate(subjectRegexp: ".*", issuerRegexp: ".*") { policies.append((any, nil)) }
        }
        var failures: [String] = []
        for (policy, key) in policies {
            switch await verifier.verify(bundle, artifact: target, policy: policy) {
            case .failed(let failure):
                failures.append(failure.description)
            case .verified(let verified):
                let signature = Self.signature(verified: verified, key: key, source: input.name)
                guard let payload = verified.statementPayload else {
                    evidence.signatures.append(signature)
                    return nil
                }
                do {
                    return (try InTotoStatement(parsing: payload), payload, signature)
                } catch {
                    evidence.problems.append(EvidenceProblem(.unreadable, input.name, "signed statement is not valid in-toto: \(error.reason)", kind: kind))
                    return nil
                }
            }
        }
        evidence.problems.append(EvidenceProblem(.unverified, input.name, "bundle not verified: \(failures.joined(separator: "; "))", kind: kind))
        return nil
    }

    static func signature(verified: VerifiedBundle, key: PublicKey?, source: String) -> VerifiedSignature {
        let signedAt = verified.signingTimes.map(\.date).min()
        if let key { return signature(key: key, source: source, signedAt: signedAt) }
        let subject = verified.identity?.subjectAlternativeNames.first ?? "(no subject)"
        let issuer = verified.identity?.issuer ?? "(no issuer)"
        var algorithm = "x509"
        var bits: Int?
        if let leaf = verified.bundle.material.leafCertificate,
           let pem = try? leaf.publicKey.serializeAsPEM().pemString,
           let key = try? PublicKey(pem: pem) {
            algorithm = key.algorithm.name
            if case .rsa(let size) = key.algorithm { bits = size }
        }
        return VerifiedSignature(signer: .identity(issuer: issuer, subject: subject), algorithm: algorithm, keyBits: bits,
                                 source: source, signedAt: signedAt, certificate: verified.identity?.facts)
    }
}
