import Foundation
import TollgateInventory
import TollgateModel
import TollgateSBOM
import TollgateSigstore
import TollgateVulnerabilities
import X509

/// Turns evidence files into verified `Evidence`: verifies signatures, Sigstore bundles and DSSE
/// attestations, and reads SBOMs and scan reports. What fails verification is left out and
/// listed in `problems`, so the gate fails closed and says why.
///
/// Identity matching is the gate's job (`artifact.signature`): Sigstore bundles are verified here
/// for chain, log and signature with any identity, and the verified identity is handed on.
public struct EvidenceCollector: Sendable {
    public var keys: [PublicKey]
    public var trustedRoot: TrustedRoot?
    public var algorithmPolicy: AlgorithmPolicy
    public var now: @Sendable () -> Date

    public init(keys: [PublicKey] = [], trustedRoot: TrustedRoot? = nil, algorithmPolicy: AlgorithmPolicy = .default,
                now: @escaping @Sendable () -> Date) {
        self.keys = keys
        self.trustedRoot = trustedRoot
        self.algorithmPolicy = algorithmPolicy
        self.now = now
    }

    /// The predicate types read as SBOMs when they arrive in an attestation.
    static let sbomPredicateTypes: Set<String> = [
        "https://cyclonedx.org/bom", "https://cyclonedx.org/bom/v1.4", "https://cyclonedx.org/bom/v1.5",
        "https://cyclonedx.org/bom/v1.6", "https://spdx.dev/Document", "https://spdx.dev/Document/v2.3",
    ]

    public struct Inputs: Sendable {
        public var artifact: ArtifactSubject
        /// The artifact bytes, when available (message-signature bundles sign them).
        public var artifactBytes: [UInt8]?
        /// Raw signatures over the artifact, verified with `keys`.
        public var signatures: [EvidenceInput] = []
        /// Sigstore bundles (message signatures or DSSE attestations).
        public var bundles: [EvidenceInput] = []
        /// DSSE envelopes (or Sigstore bundles) holding in-toto attestations.
        public var attestations: [EvidenceInput] = []
        public var sbom: EvidenceInput?
        public var scan: EvidenceInput?
        public var inventory: Inventory?

        public init(artifact: ArtifactSubject, artifactBytes: [UInt8]? = nil) {
            self.artifact = artifact
            self.artifactBytes = artifactBytes
        }
    }

    public func collect(_ inputs: Inputs) async -> Evidence {
        var evidence = Evidence(artifact: inputs.artifact)
        for input in inputs.signatures { verifyRawSignature(input, artifact: inputs, into: &evidence) }
        for input in inputs.bundles { await verifyBundle(input, artifact: inputs, into: &evidence) }
        for input in inputs.attestations {
            if Self.looksLikeSigstoreBundle(input.bytes) {
                await verifyBundle(input, artifact: inputs, into: &evidence)
            } else {
                // `.intoto.jsonl` (slsa-github-generator) may hold one envelope per line.
                for (index, line) in Self.jsonLines(input.bytes).enumerated() {
                    let name = index == 0 ? input.name : "\(input.name)#\(index + 1)"
                    verifyEnvelope(EvidenceInput(name: name, bytes: line, modified: input.modified), artifact: inputs, into: &evidence)
                }
            }
        }
        if let input = inputs.sbom, evidence.sbom == nil || evidence.sbom?.attested == false {
            do {
                let result = try SBOMReader.read(data: Data(input.bytes), filename: input.name)
                evidence.sbom = SBOMEvidence(sbom: result.sbom, attested: false, source: input.name)
            } catch {
                evidence.problems.append("\(input.name): not a readable SBOM: \(error.reason)")
            }
        }
        if let input = inputs.scan {
            do {
                let decoder = JSONDecoder()
                let report = try decoder.decode(ScanReport.self, from: Data(input.bytes))
                let stamped = Self.reportTime(input.bytes)
                evidence.scan = ScanEvidence(report: report, scannedAt: stamped ?? input.modified ?? now(),
                                             source: stamped == nil ? "\(input.name) (dated by file time)" : input.name)
            } catch {
                evidence.problems.append("\(input.name): not a \(ScanReport.schema) report")
            }
        }
        if let inventory = inputs.inventory {
            evidence.history = HistoryEvidence(inventory: inventory, artifact: inputs.artifact,
                                               findings: evidence.scan?.findings ?? [])
        }
        return evidence
    }

    // MARK: - Raw signatures

    private func verifyRawSignature(_ input: EvidenceInput, artifact: Inputs, into evidence: inout Evidence) {
        guard let message = artifact.artifactBytes else {
            evidence.problems.append("\(input.name): a raw signature needs the artifact file")
            return
        }
        // Signature files are base64 (cosign, `tollgate sign`) or raw bytes.
        let text = String(decoding: input.bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let signature = Data(base64Encoded: text).map { [UInt8]($0) } ?? input.bytes
        guard !keys.isEmpty else {
            evidence.problems.append("\(input.name): no --key to verify it with")
            return
        }
        var reasons: [String] = []
        for key in keys {
            let verdict = key.verify(signature: signature, message: message, policy: algorithmPolicy)
            if verdict.isValid {
                evidence.signatures.append(Self.signature(key: key, source: input.name, signedAt: nil))
                return
            }
            reasons.append("key \(key.keyID.prefix(16)): \(verdict.reason ?? "invalid")")
        }
        evidence.problems.append("\(input.name): signature not verified (\(reasons.joined(separator: "; ")))")
    }

    static func signature(key: PublicKey, source: String, signedAt: Date?) -> VerifiedSignature {
        var bits: Int?
        if case .rsa(let size) = key.algorithm { bits = size }
        return VerifiedSignature(signer: .key(id: key.keyID), algorithm: key.algorithm.name, keyBits: bits,
                                 source: source, signedAt: signedAt)
    }

    // MARK: - DSSE envelopes

    private func verifyEnvelope(_ input: EvidenceInput, artifact: Inputs, into evidence: inout Evidence) {
        let envelope: DSSEEnvelope
        do {
            envelope = try DSSEEnvelope(parsing: input.bytes)
        } catch {
            evidence.problems.append("\(input.name): not a DSSE envelope: \(error.reason)")
            return
        }
        guard !keys.isEmpty else {
            evidence.problems.append("\(input.name): no --key to verify the attestation with")
            return
        }
        let verifier: AttestationVerifier
        do {
            verifier = AttestationVerifier(dsse: try DSSEVerifier(keys: keys, threshold: 1, policy: algorithmPolicy))
        } catch {
            evidence.problems.append("\(input.name): \(error.reason)")
            return
        }
        switch verifier.verify(envelope, artifact: artifact.artifact.digest) {
        case .failed(let reasons):
            evidence.problems.append("\(input.name): attestation not verified: \(reasons.joined(separator: "; "))")
        case .verified(let statement, _, let keyIDs):
            guard let key = keys.first(where: { keyIDs.contains($0.keyID) }) else { return }
            let signature = Self.signature(key: key, source: input.name, signedAt: nil)
            accept(statement: statement, signature: signature, source: input.name, into: &evidence)
        }
    }

    /// Files a verified statement by predicate type: SLSA provenance, an attested SBOM, or another attestation.
    private func accept(statement: InTotoStatement, signature: VerifiedSignature, source: String, into evidence: inout Evidence) {
        evidence.attestations.append(VerifiedAttestation(predicateType: statement.predicateType, signature: signature))
        if SLSAProvenance.predicateTypes.contains(statement.predicateType) {
            do {
                let provenance = try SLSAProvenance(predicateType: statement.predicateType, predicate: statement.predicate)
                evidence.provenance = ProvenanceEvidence(facts: provenance.facts, signedBy: signature.signer, source: source)
            } catch {
                evidence.problems.append("\(source): signed provenance is not valid SLSA: \(error.reason)")
            }
        } else if Self.sbomPredicateTypes.contains(statement.predicateType) {
            do {
                let bytes = statement.predicate.encodedBytes()
                let result = try SBOMReader.read(data: Data(bytes), filename: source)
                evidence.sbom = SBOMEvidence(sbom: result.sbom, attested: true, source: source)
            } catch {
                evidence.problems.append("\(source): attested SBOM is not readable: \(error.reason)")
            }
        }
    }

    /// The non-empty lines of a JSON Lines file, or the whole file when it is one (possibly pretty) JSON document.
    static func jsonLines(_ bytes: [UInt8]) -> [[UInt8]] {
        let lines = bytes.split(separator: UInt8(ascii: "\n")).map(Array.init)
            .filter { line in line.contains { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\r") && $0 != UInt8(ascii: "\t") } }
        guard lines.count > 1, lines.allSatisfy({ (try? JSONValue.parse($0)) != nil }) else { return [bytes] }
        return lines
    }

    // MARK: - Sigstore bundles

    static func looksLikeSigstoreBundle(_ bytes: [UInt8]) -> Bool {
        guard let value = try? JSONValue.parse(bytes), let mediaType = value["mediaType"]?.stringValue else { return false }
        return mediaType.hasPrefix("application/vnd.dev.sigstore.bundle")
    }

    private func verifyBundle(_ input: EvidenceInput, artifact: Inputs, into evidence: inout Evidence) async {
        guard let trustedRoot else {
            evidence.problems.append("\(input.name): no Sigstore trusted root to verify the bundle with")
            return
        }
        let bundle: UnverifiedBundle
        do {
            bundle = try UnverifiedBundle(json: input.bytes)
        } catch {
            evidence.problems.append("\(input.name): not a Sigstore bundle: \(error.reason)")
            return
        }
        let target: Artifact
        do {
            if let bytes = artifact.artifactBytes {
                target = Artifact(bytes: bytes, filename: artifact.artifact.name)
            } else {
                target = try Artifact(digestString: artifact.artifact.digest.description)
            }
        } catch {
            evidence.problems.append("\(input.name): \(error.reason)")
            return
        }
        let verifier = SigstoreVerifier(trustedRoot: trustedRoot, options: VerificationOptions(now: now))
        var policies: [(IdentityPolicy, PublicKey?)] = []
        switch bundle.material {
        case .publicKey:
            for key in keys {
                if let policy = try? IdentityPolicy.publicKey(pem: key.pem) { policies.append((policy, key)) }
            }
            if policies.isEmpty {
                evidence.problems.append("\(input.name): a key-signed bundle needs --key")
                return
            }
        default:
            // Any identity: the gate's signature rule decides whose identity counts.
            if let any = try? IdentityPolicy.certificate(subjectRegexp: ".*", issuerRegexp: ".*") { policies.append((any, nil)) }
        }
        var failures: [String] = []
        for (policy, key) in policies {
            switch await verifier.verify(bundle, artifact: target, policy: policy) {
            case .failed(let failure):
                failures.append(failure.description)
            case .verified(let verified):
                let signature = Self.signature(verified: verified, key: key, source: input.name)
                if let payload = verified.statementPayload {
                    do {
                        let statement = try InTotoStatement(parsing: payload)
                        accept(statement: statement, signature: signature, source: input.name, into: &evidence)
                    } catch {
                        evidence.problems.append("\(input.name): signed statement is not valid in-toto: \(error.reason)")
                    }
                } else {
                    evidence.signatures.append(signature)
                }
                return
            }
        }
        evidence.problems.append("\(input.name): bundle not verified: \(failures.joined(separator: "; "))")
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
                                 source: source, signedAt: signedAt)
    }

    /// A scan report's own timestamp, if it carries one.
    static func reportTime(_ bytes: [UInt8]) -> Date? {
        guard let value = try? JSONValue.parse(bytes) else { return nil }
        for key in ["scannedAt", "generatedAt", "created", "timestamp"] {
            if let text = value[key]?.stringValue, let date = ISO8601DateFormatter().date(from: text) { return date }
        }
        return nil
    }
}
