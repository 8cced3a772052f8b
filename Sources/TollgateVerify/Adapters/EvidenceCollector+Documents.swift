import Foundation
import TollgateModel
import TollgateSBOM

/// One document at a time, as the server verifies uploads: the same verification `collect` runs
/// (signatures with the collector's keys, bundles against its trusted root, DSSE envelopes,
/// subjects against the artifact), without weighing trust, which needs a policy.
extension EvidenceCollector {
    public func verify(document input: EvidenceInput, as kind: EvidenceDocumentKind, artifact: ArtifactSubject) async -> DocumentVerification {
        var result = DocumentVerification(kind: kind)
        var evidence = Evidence(artifact: artifact)
        let inputs = Inputs(artifact: artifact)
        func add(_ statement: InTotoStatement, _ signatures: [VerifiedSignature]) {
            let predicate = statement.predicate
            var provenance: ProvenanceFacts?
            if SLSAProvenance.predicateTypes.contains(statement.predicateType) {
                do {
                    provenance = try SLSAProvenance(predicateType: statement.predicateType, predicate: predicate).facts
                } catch {
                    evidence.problems.append(EvidenceProblem(.unreadable, input.name, "signed provenance is not valid SLSA: \(error.reason)", kind: .provenance))
                    return
                }
            }
            var sbom: SBOMSummary?
            if Self.sbomPredicateTypes.contains(statement.predicateType) {
                do {
                    sbom = SBOMSummary(try SBOMReader.read(json: predicate, filename: input.name).sbom)
                } catch {
                    evidence.problems.append(EvidenceProblem(.unreadable, input.name, "attested SBOM is not readable: \(error.reason)", kind: .sbom))
                    return
                }
            }
            result.statements.append(.init(predicateType: statement.predicateType, signatures: signatures, provenance: provenance, sbom: sbom))
        }
        switch kind {
        case .signature:
            verifyRawSignature(input, artifact: inputs, into: &evidence)
        case .sbom:
            do {
                result.sbom = SBOMSummary(try SBOMReader.read(data: Data(input.bytes), filename: input.name).sbom)
            } catch {
                evidence.problems.append(EvidenceProblem(.unreadable, input.name, "not a readable SBOM: \(error.reason)", kind: .sbom))
            }
        case .sourceAudit:
            if let (statement, _, signatures) = await verifySourceAudit(input, into: &evidence),
               sourceAudit(statement, input: input, into: &evidence) != nil {
                add(statement, signatures)
            }
        case .bundle, .attestation, .scan:
            if kind == .scan, !Self.isSignedDocument(input.bytes) {
                evidence.problems.append(EvidenceProblem(.unsigned, input.name,
                    "a scan counts only as a signed attestation (`tollgate scan --attest`); a plain report is self-asserted", kind: .vulnerabilityScan))
            } else if Self.looksLikeSigstoreBundle(input.bytes) {
                if let (statement, _, signature) = await verifyBundle(input, artifact: inputs, into: &evidence) {
                    add(statement, [signature])
                }
            } else {
                for (index, line) in Self.jsonLines(input.bytes).enumerated() {
                    let name = index == 0 ? input.name : "\(input.name)#\(index + 1)"
                    if let (statement, _, signatures) = verifyEnvelope(EvidenceInput(name: name, bytes: line), artifact: inputs, into: &evidence) {
                        add(statement, signatures)
                    }
                }
            }
        }
        result.signatures = evidence.signatures
        result.problems = evidence.problems
        return result
    }
}

extension EvidenceCollector.Inputs {
    /// Adds a stored document where `collect` expects that kind (a second SBOM or scan replaces the first).
    public mutating func add(_ input: EvidenceInput, as kind: EvidenceDocumentKind) {
        switch kind {
        case .signature: signatures.append(input)
        case .bundle: bundles.append(input)
        case .attestation: attestations.append(input)
        case .sbom: sbom = input
        case .scan: scan = input
        case .sourceAudit: sourceAudits.append(input)
        }
    }
}
