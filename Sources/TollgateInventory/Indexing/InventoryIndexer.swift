import Foundation
import TollgateLedger
import TollgateModel
import TollgateSBOM
import TollgateStore

/// The one mapping from a ledger entry to the inventory rows it implies. Every inventory write goes
/// through it (`InventoryRecorder` right after the append, `InventoryRebuilder` replaying the whole
/// ledger), so a rebuilt inventory answers exactly as the live one did.
///
/// Times are the entry's (the ledger's clock), except where the payload carries the recorder's
/// `observedAt` (a migrated record, an imported deployment). The mapping is a pure function of the
/// entry and the documents it names: batches are idempotent and order-independent, so replaying
/// entries in any grouping gives the same store.
public struct InventoryIndexer: Sendable {
    public let documents: InventoryDocuments

    public init(documents: InventoryDocuments) {
        self.documents = documents
    }

    /// The rows of the entry at `index`. Kinds the inventory does not index (notes, keys, drills, trust updates)
    /// give an empty batch. Throws `inventory.invalid-entry` for a payload that is not its kind's
    /// JSON, and `inventory.missing-document` when a named document is not stored.
    public func batch(for stored: LedgerEntry, at index: UInt64) async throws -> InventoryBatch {
        var batch = InventoryBatch()
        if Self.unindexed.contains(stored.kind) { return batch }
        let entry = stored.payload == nil ? try stored.withPayload(try await documents.payload(of: stored)) : stored
        switch entry.kind {
        case .artifactRegistered:
            let payload = try decode(ArtifactRegisteredEntry.self, entry, ArtifactRegisteredEntry.currentSchemaVersion)
            let time = payload.observedAt ?? entry.time
            batch.artifacts.append(InventoryArtifactRecord(digest: payload.digest, name: payload.name, version: payload.version,
                                                           purl: payload.purl, mediaType: payload.mediaType, time: time))
            for fact in payload.provenance where !fact.isEmpty {
                batch.provenance.append(InventoryProvenanceRecord(
                    artifact: payload.digest, source: fact.source, vouchedBy: fact.vouchedBy, repository: fact.repository,
                    commit: fact.commit, ref: fact.ref, workflow: fact.workflow, builder: fact.builder, trigger: fact.trigger,
                    document: fact.document, time: time))
            }
            for signature in payload.signatures {
                batch.signatures.append(InventorySignatureRecord(artifact: payload.digest, evidence: signature.evidence,
                                                                 signer: signature.signer, issuer: signature.issuer,
                                                                 trusted: signature.trusted, time: time))
            }
        case .sbomImported:
            let payload = try decode(SBOMImportedEntry.self, entry, SBOMImportedEntry.currentSchemaVersion)
            let time = payload.observedAt ?? entry.time
            let document = try await documents.document(payload.document)
            let sbom: SBOM
            do {
                sbom = try SBOMReader.read(data: document, filename: "document \(payload.document)").sbom
            } catch {
                throw InventoryError(.invalidEntry, "entry \(index): the SBOM document \(payload.document) is not readable: \(error.reason)")
            }
            batch.artifacts.append(InventoryArtifactRecord(digest: payload.artifact, time: time))
            batch.sboms.append(InventorySBOMRecord(artifact: payload.artifact, document: payload.document, format: payload.format,
                                                   components: SBOMComponents.records(of: sbom), time: time))
        case .decisionMade:
            let (artifact, outcome, policy) = try decision(entry, index: index)
            batch.artifacts.append(InventoryArtifactRecord(digest: artifact, time: entry.time))
            batch.decisions.append(InventoryDecisionRecord(artifact: artifact, decision: outcome, policy: policy,
                                                           ledgerIndex: index, time: entry.time))
        case .exceptionGranted, .exceptionExpired:
            let (policy, id) = try exception(entry, index: index)
            batch.exceptionEvents.append(entry.kind == .exceptionGranted ? ExceptionEventKey.granted(policy: policy, id: id)
                                                                        : ExceptionEventKey.expired(policy: policy, id: id))
        case .tagObserved:
            let payload = try decode(TagObservedEntry.self, entry, TagObservedEntry.currentSchemaVersion, legacy: true)
            batch.tags.append(TagObservationRecord(repository: payload.repository, tag: payload.tag, digest: payload.digest,
                                                   time: payload.observedAt ?? entry.time))
        case .deploymentRecorded:
            let payload = try decode(DeploymentRecordedEntry.self, entry, DeploymentRecordedEntry.currentSchemaVersion, legacy: true)
            batch.deployments.append(InventoryDeploymentRecord(
                environment: payload.environment, cluster: payload.cluster, namespace: payload.namespace, service: payload.service,
                reference: payload.image, digest: payload.digest, running: payload.running, time: payload.observedAt ?? entry.time))
        case .findingsObserved:
            let payload = try decode(FindingsObservedEntry.self, entry, FindingsObservedEntry.currentSchemaVersion)
            for finding in payload.findings {
                batch.findings.append(InventoryFindingRecord(advisory: finding.advisory, purl: finding.purl,
                                                             time: finding.firstSeen ?? entry.time))
            }
        case .attestationStored, .keyAdded, .keyRotated, .keyRevoked, .note, .drillRun, .trustUpdated,
             .tokenCreated, .tokenRevoked, .policyPublished, .disclosureChanged, .reevaluationRun:
            break
        }
        return batch
    }

    /// Kinds with no inventory rows.
    static let unindexed: Set<LedgerEntryKind> = [.attestationStored, .keyAdded, .keyRotated, .keyRevoked, .note, .drillRun, .trustUpdated,
                                                  .tokenCreated, .tokenRevoked, .policyPublished, .disclosureChanged, .reevaluationRun]

    /// Whether entries of `kind` give inventory rows.
    public static func indexes(_ kind: LedgerEntryKind) -> Bool { !unindexed.contains(kind) }

    // MARK: - Payloads

    /// Decodes a versioned payload; `legacy` also accepts the unversioned shape written before.
    private func decode<T: Decodable>(_ type: T.Type, _ entry: LedgerEntry, _ schemaVersion: String,
                                      legacy: Bool = false) throws -> T {
        guard let data = entry.payload else {
            throw InventoryError(.missingDocument, "a \(entry.kind.rawValue) entry's payload \(entry.payloadDigest) is not loaded")
        }
        let value: JSONValue
        do {
            value = try JSONValue.parse(data)
        } catch {
            throw InventoryError(.invalidEntry, "a \(entry.kind.rawValue) payload is not JSON: \(error.reason)")
        }
        let version = value["schemaVersion"]?.stringValue
        guard version == schemaVersion || (legacy && version == nil) else {
            throw InventoryError(.invalidEntry, "a \(entry.kind.rawValue) payload has schemaVersion \(version.map { "'\($0)'" } ?? "none"); expected \(schemaVersion)")
        }
        do {
            return try LedgerJSON.decode(type, from: data)
        } catch {
            throw InventoryError(.invalidEntry, "a \(entry.kind.rawValue) payload is not a \(schemaVersion) document: \(ErrorText.describe(error))")
        }
    }

    /// A decision's artifact, outcome and policy, read from the decision JSON itself (the payload is
    /// the decision as `verify` prints it).
    private func decision(_ entry: LedgerEntry, index: UInt64) throws -> (Digest, String, String) {
        guard let data = entry.payload, let value = try? JSONValue.parse(data),
              let digestText = value["artifact"]?["digest"]?.stringValue, let digest = try? Digest(parsing: digestText),
              let outcome = value["decision"]?.stringValue, let policy = value["policy"]?.stringValue else {
            throw InventoryError(.invalidEntry, "entry \(index): a decision.made payload needs artifact.digest, decision and policy")
        }
        return (digest, outcome, policy)
    }

    private func exception(_ entry: LedgerEntry, index: UInt64) throws -> (String, String) {
        guard let data = entry.payload, let value = try? JSONValue.parse(data),
              let policy = value["policy"]?.stringValue, let id = value["id"]?.stringValue else {
            throw InventoryError(.invalidEntry, "entry \(index): an \(entry.kind.rawValue) payload needs policy and id")
        }
        return (policy, id)
    }
}
