import Foundation
import TollgateModel
import TollgateSigstore

/// Verifies SLSA provenance for an artifact offline, as slsa-verifier does: the envelope's
/// signature (a DSSE envelope with keys, or a Sigstore bundle with a certificate identity or
/// key), the subject digest, then source repository, tag or branch, and builder id.
public struct ProvenanceVerifier: Sendable {
    /// How the provenance's signer is trusted.
    public enum Trust: Sendable {
        /// DSSE envelope or key-signed bundle verified with these keys.
        case keys([PublicKey])
        /// Sigstore bundle whose Fulcio certificate matches this identity.
        case identity(IdentityPolicy)
    }

    public var trust: Trust
    public var trustedRoot: TrustedRoot?
    public var now: @Sendable () -> Date

    public init(trust: Trust, trustedRoot: TrustedRoot? = nil, now: @escaping @Sendable () -> Date) {
        self.trust = trust
        self.trustedRoot = trustedRoot
        self.now = now
    }

    public func verify(provenance bytes: [UInt8], artifact: Digest, expectations: ProvenanceExpectations) async -> ProvenanceVerdict {
        var checks: [ProvenanceCheck] = []
        let (statement, signer, signatureCheck) = await verifySignature(bytes, artifact: artifact)
        checks.append(signatureCheck)
        guard let statement else { return ProvenanceVerdict(checks: checks, facts: nil, signer: nil) }
        let provenance: SLSAProvenance
        do {
            provenance = try SLSAProvenance(predicateType: statement.predicateType, predicate: statement.predicate)
            checks.append(ProvenanceCheck(name: "predicate", passed: true, expected: "SLSA provenance v0.2 or v1",
                                          actual: statement.predicateType))
        } catch {
            checks.append(ProvenanceCheck(name: "predicate", passed: false, expected: "SLSA provenance v0.2 or v1",
                                          actual: error.reason))
            return ProvenanceVerdict(checks: checks, facts: nil, signer: signer)
        }
        let facts = provenance.facts
        let wanted = ProvenanceFacts.normalise(repository: expectations.sourceURI).lowercased()
        let actualRepository = facts.sourceRepository ?? "(none)"
        checks.append(ProvenanceCheck(name: "source repository", passed: actualRepository.lowercased() == wanted,
                                      expected: wanted, actual: actualRepository))
        if let tag = expectations.sourceTag {
            let expected = tag.hasPrefix("refs/tags/") ? tag : "refs/tags/\(tag)"
            checks.append(ProvenanceCheck(name: "source tag", passed: facts.sourceRef == expected,
                                          expected: expected, actual: facts.sourceRef ?? "(none)"))
        }
        if let branch = expectations.sourceBranch {
            let expected = branch.hasPrefix("refs/heads/") ? branch : "refs/heads/\(branch)"
            checks.append(ProvenanceCheck(name: "source branch", passed: facts.sourceRef == expected,
                                          expected: expected, actual: facts.sourceRef ?? "(none)"))
        }
        if let builder = expectations.builderID {
            let passed: Bool
            if builder.contains("@") {
                passed = facts.builderID == builder
            } else {
                passed = facts.builderID == builder || facts.builderID.hasPrefix(builder + "@")
            }
            checks.append(ProvenanceCheck(name: "builder id", passed: passed, expected: builder, actual: facts.builderID))
        }
        return ProvenanceVerdict(checks: checks, facts: facts, signer: signer)
    }

    private func verifySignature(_ bytes: [UInt8], artifact: Digest) async -> (InTotoStatement?, Signer?, ProvenanceCheck) {
        if EvidenceCollector.looksLikeSigstoreBundle(bytes) {
            return await verifyBundle(bytes, artifact: artifact)
        }
        let expected = "a DSSE envelope signed by a trusted key whose subject is \(artifact)"
        guard case .keys(let keys) = trust, !keys.isEmpty else {
            return (nil, nil, ProvenanceCheck(name: "signature", passed: false, expected: expected,
                                              actual: "a DSSE envelope, which needs --key"))
        }
        do {
            let envelope = try DSSEEnvelope(parsing: bytes)
            let verifier = AttestationVerifier(dsse: try DSSEVerifier(keys: keys))
            switch verifier.verify(envelope, artifact: artifact) {
            case .failed(let reasons):
                return (nil, nil, ProvenanceCheck(name: "signature", passed: false, expected: expected,
                                                  actual: reasons.joined(separator: "; ")))
            case .verified(let statement, _, let keyIDs):
                let signer = Signer.key(id: keyIDs.first ?? "")
                return (statement, signer, ProvenanceCheck(name: "signature", passed: true, expected: expected,
                                                           actual: "signed by \(signer)"))
            }
        } catch {
            return (nil, nil, ProvenanceCheck(name: "signature", passed: false, expected: expected, actual: error.reason))
        }
    }

    private func verifyBundle(_ bytes: [UInt8], artifact: Digest) async -> (InTotoStatement?, Signer?, ProvenanceCheck) {
        let expected = "a Sigstore bundle verified against the trusted root, about \(artifact)"
        func failed(_ actual: String) -> (InTotoStatement?, Signer?, ProvenanceCheck) {
            (nil, nil, ProvenanceCheck(name: "signature", passed: false, expected: expected, actual: actual))
        }
        guard let trustedRoot else { return failed("no trusted root") }
        let policies: [(IdentityPolicy, PublicKey?)]
        switch trust {
        case .identity(let policy): policies = [(policy, nil)]
        case .keys(let keys): policies = keys.map { (IdentityPolicy.publicKey($0), $0) }
        }
        let bundle: UnverifiedBundle
        let target: Artifact
        do {
            bundle = try UnverifiedBundle(json: bytes)
            target = try Artifact(digestString: artifact.description)
        } catch {
            return failed(error.reason)
        }
        var reasons: [String] = []
        let verifier = SigstoreVerifier(trustedRoot: trustedRoot, options: VerificationOptions(now: now))
        for (policy, key) in policies {
            switch await verifier.verify(bundle, artifact: target, policy: policy) {
            case .failed(let failure): reasons.append(failure.description)
            case .verified(let verified):
                guard let payload = verified.statementPayload else { return failed("the bundle holds a message signature, not an attestation") }
                do {
                    let statement = try InTotoStatement(parsing: payload)
                    let signer = EvidenceCollector.signature(verified: verified, key: key, source: "bundle").signer
                    return (statement, signer, ProvenanceCheck(name: "signature", passed: true, expected: expected,
                                                               actual: "signed by \(signer)"))
                } catch {
                    return failed(error.reason)
                }
            }
        }
        return failed(reasons.isEmpty ? "no usable key" : reasons.joined(separator: "; "))
    }
}
