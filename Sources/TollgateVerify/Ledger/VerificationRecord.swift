import Foundation
import TollgateAudit
import TollgateInventory
import TollgateLedger
import TollgateModel
import TollgatePolicy
import TollgateStore

/// The ledger entries `verify --record` appends for one decision, in order, with the documents they
/// name: exception grants and expiries not yet recorded; `artifact.registered` (identity, build facts
/// with who vouches for each, every verified signature and whether the policy trusted it);
/// `sbom.imported` for the trusted SBOM; `findings.observed`; `decision.made` (the decision JSON);
/// and, when given, `tag.observed` and `deployment.recorded`. `InventoryRecorder` appends and
/// indexes them in one request.
public struct VerificationRecord: Sendable {
    public private(set) var drafts: [LedgerEntryDraft] = []
    public private(set) var documents: [Digest: Data] = [:]
    /// The position of the `decision.made` draft (its receipt is the decision's).
    public private(set) var decisionPosition = 0
    /// The exception events appended (`ExceptionEventKey`).
    public private(set) var exceptionEvents: [String] = []

    public init(evidence: Evidence, decision: Decision, policy: Policy, recorder: InventoryRecorder, now: Date,
                recordedExceptions: Set<String>, tag: TagObservedEntry? = nil, deployment: DeploymentRecordedEntry? = nil) throws {
        for (key, draft) in try DecisionRecorder.exceptionDrafts(of: policy, now: now, actor: recorder.actor,
                                                                 alreadyRecorded: recordedExceptions) {
            drafts.append(draft)
            exceptionEvents.append(key)
        }
        var registration = Self.registration(evidence, policy: policy)
        if let provenance = evidence.provenance, let statement = provenance.statement {
            let digest = DigestAlgorithm.sha256.hash(statement)
            documents[digest] = Data(statement)
            for index in registration.provenance.indices where registration.provenance[index].source == .signedStatement {
                registration.provenance[index].document = digest
            }
        }
        drafts.append(try recorder.draft(.artifactRegistered, registration))
        for rebuild in evidence.rebuilds {
            documents[DigestAlgorithm.sha256.hash(rebuild.statement)] = Data(rebuild.statement)
            drafts.append(try recorder.draft(.attestationStored, RebuildStoredEntry(rebuild, subject: evidence.artifact.digest)))
        }
        if let sbom = evidence.sbom, let document = sbom.document {
            documents[sbom.digest] = Data(document)
            let signer: String? = if case .signedStatement(let who) = sbom.origin { who.description } else { nil }
            drafts.append(try recorder.draft(.sbomImported, SBOMImportedEntry(
                artifact: evidence.artifact.digest, document: sbom.digest,
                format: sbom.format.lowercased().hasPrefix("spdx") ? "spdx" : "cyclonedx", via: "attestation", signer: signer)))
        }
        // A scan that ran is observed even when it found nothing: findings an earlier scan had are fixed now.
        if let findings = evidence.scan?.findings {
            drafts.append(try recorder.draft(.findingsObserved, FindingsObservedEntry(
                artifact: evidence.artifact.digest, findings: findings.map { ObservedFinding(advisory: $0.id, purl: $0.purl) })))
        }
        decisionPosition = drafts.count
        drafts.append(try LedgerEntryDraft(kind: .decisionMade, actor: recorder.actor, payload: try DecisionRecorder.payload(decision)))
        if let tag { drafts.append(try recorder.draft(.tagObserved, tag)) }
        if let deployment { drafts.append(try recorder.draft(.deploymentRecorded, deployment)) }
    }

    /// The `artifact.registered` payload for what the gate saw: the artifact as the inventory knows
    /// it across versions (`packageIdentity`), its build facts grouped by who vouches for them, the
    /// claims of provenance nobody trusted (self-asserted), and every verified signature.
    static func registration(_ evidence: Evidence, policy: Policy) -> ArtifactRegisteredEntry {
        let identity = evidence.packageIdentity
        var provenance: [RecordedProvenance] = []
        if let build = evidence.build {
            var byOrigin: [(FactOrigin, RecordedProvenance)] = []
            for fact in [BuildFact.sourceRepository, .sourceCommit, .sourceRef, .workflow, .builder, .trigger] {
                guard let value = build.value(fact), let origin = build.origins[fact] else { continue }
                let index: Int
                if let found = byOrigin.firstIndex(where: { $0.0 == origin }) {
                    index = found
                } else {
                    guard let (source, voucher) = Self.source(origin) else { continue }
                    byOrigin.append((origin, RecordedProvenance(source: source, vouchedBy: voucher)))
                    index = byOrigin.count - 1
                }
                switch fact {
                case .sourceRepository: byOrigin[index].1.repository = ProvenanceFacts.normalise(repository: value)
                case .sourceCommit: byOrigin[index].1.commit = value
                case .sourceRef: byOrigin[index].1.ref = value
                case .workflow: byOrigin[index].1.workflow = value
                case .builder: byOrigin[index].1.builder = value
                case .trigger: byOrigin[index].1.trigger = value
                default: break
                }
            }
            provenance = byOrigin.map(\.1)
        }
        for untrusted in evidence.untrustedProvenance {
            let who = untrusted.signers.map(\.description).joined(separator: ", ")
            provenance.append(RecordedProvenance(
                source: .selfAsserted, vouchedBy: "\(untrusted.source), signed by \(who), not a trusted provenance signer",
                repository: untrusted.facts.sourceRepository, commit: untrusted.facts.sourceCommit, ref: untrusted.facts.sourceRef,
                workflow: untrusted.facts.workflowPath, builder: untrusted.facts.builderID, trigger: untrusted.facts.triggerEvent))
        }
        let artifactSigners = policy.signers(for: .artifactSignature)
        var signatures = evidence.signatures.map { signature in
            Self.signature(signature.signer, evidence: Self.name(.artifactSignature), trusted: artifactSigners.trusts(signature))
        }
        for attestation in evidence.attestations {
            let kind = EvidenceCollector.kind(of: attestation.predicateType).map(Self.name) ?? attestation.predicateType
            signatures.append(Self.signature(attestation.signature.signer, evidence: kind, trusted: attestation.trusted))
        }
        var unique: [RecordedSignature] = []
        for signature in signatures where !unique.contains(signature) { unique.append(signature) }
        var entry = ArtifactRegisteredEntry(digest: evidence.artifact.digest, name: identity.name,
                                            version: identity.purl.flatMap(InventoryPackageKey.version(of:)), purl: identity.purl,
                                            provenance: provenance, signatures: unique, recordedBy: "verify")
        entry.codeOwners = codeOwners(evidence)
        return entry
    }

    /// The CODEOWNERS owners of the build's workflow (else the repository's) that a trusted source
    /// audit of the commit the trusted provenance names states; nil without one.
    static func codeOwners(_ evidence: Evidence) -> RecordedCodeOwners? {
        guard let commit = evidence.build?.sourceCommit?.lowercased(),
              let audit = evidence.sourceAudits.first(where: { $0.commit == commit }), let ownership = audit.predicate.codeOwners,
              let (owners, path) = ownership.owners(ofWorkflow: evidence.build?.workflowPath) else { return nil }
        return RecordedCodeOwners(owners: owners, file: ownership.file, path: path, commit: commit,
                                  vouchedBy: audit.signedBy.map(\.description).joined(separator: ", "))
    }

    /// What a signature covers, as the inventory names it.
    private static func name(_ kind: EvidenceKind) -> String {
        switch kind {
        case .artifactSignature: "artifact"
        case .provenance: "provenance"
        case .sbom: "sbom"
        case .vulnerabilityScan: "vulnerability-scan"
        case .vex: "vex"
        case .sourceAudit: "source-audit"
        case .rebuild: "rebuild"
        }
    }

    private static func source(_ origin: FactOrigin) -> (InventoryTrustSource, String)? {
        switch origin {
        case .certificate(let issuer, let subject): (.certificate, "\(subject) (issuer \(issuer))")
        case .signedStatement(let signer): (.signedStatement, signer.description)
        case .selfAsserted(let source): (.selfAsserted, source)
        case .gate: nil
        }
    }

    private static func signature(_ signer: Signer, evidence: String, trusted: Bool) -> RecordedSignature {
        switch signer {
        case .key(let id): RecordedSignature(evidence: evidence, signer: "key:\(id)", trusted: trusted)
        case .identity(let issuer, let subject): RecordedSignature(evidence: evidence, signer: subject, issuer: issuer, trusted: trusted)
        }
    }
}
