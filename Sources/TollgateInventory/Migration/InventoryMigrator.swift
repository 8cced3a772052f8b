import Foundation
import TollgateLedger
import TollgateModel
import TollgateSBOM
import TollgateStore

/// `tollgate inventory migrate`: moves an old `DIR/inventory.json` into the ledger-derived inventory.
///
/// First the inventory is rebuilt from the ledger (decisions, exception events, and the tag and
/// deployment entries `verify --record` already appended). Then what only the file held is appended
/// as ledger entries and indexed like any other write: each artifact (`artifact.registered`, with its
/// first-seen time as `observedAt`, and its provenance facts as vouched for by a trusted signer when
/// the gate recorded them), its component list as an `sbom.imported` CycloneDX document, the
/// first-seen findings, and any deployment or tag observation the ledger lacks. Last, the file is
/// renamed to `inventory.json.migrated`.
public struct InventoryMigrator: Sendable {
    public let recorder: InventoryRecorder

    public init(recorder: InventoryRecorder) {
        self.recorder = recorder
    }

    /// What the migration did.
    public struct Report: Sendable, Hashable, Codable {
        public var schemaVersion = "tollgate.dev/inventory-migrate/v1"
        public var file: String
        public var movedTo: String?
        public var rebuild: InventoryRebuilder.Report?
        public var artifacts = 0
        public var sboms = 0
        public var findings = 0
        public var deployments = 0
        public var deploymentsAlreadyInLedger = 0
        public var tags = 0
        public var tagsAlreadyInLedger = 0
        public var entriesAppended = 0
    }

    /// Who vouches for migrated provenance: the gate recorded it from trusted provenance.
    public static let migratedVoucher = "inventory.json (migrated; recorded by the gate from trusted provenance)"
    /// Drafts per ledger request while migrating.
    static let chunk = 256

    /// Migrates `path`; a missing file migrates nothing (`movedTo` nil).
    public func migrate(path: String) async throws -> Report {
        var report = Report(file: path)
        guard FileManager.default.fileExists(atPath: path) else { return report }
        let legacy = try LegacyInventory.load(path: path)
        let store = recorder.store
        report.rebuild = try await InventoryRebuilder(ledger: recorder.ledger, store: store).rebuild()

        var drafts: [LedgerEntryDraft] = []
        var documents: [Digest: Data] = [:]
        func flush() async throws {
            report.entriesAppended += try await recorder.record(drafts, documents: documents).count
            drafts = []
            documents = [:]
        }
        for artifact in legacy.artifacts {
            var provenance: [RecordedProvenance] = []
            if let facts = artifact.provenance {
                provenance.append(RecordedProvenance(source: .signedStatement, vouchedBy: Self.migratedVoucher,
                                                     repository: facts.sourceRepository, commit: facts.sourceCommit,
                                                     ref: facts.sourceRef, workflow: facts.workflowPath, builder: facts.builderID,
                                                     trigger: facts.triggerEvent))
            }
            drafts.append(try recorder.draft(.artifactRegistered, ArtifactRegisteredEntry(
                digest: artifact.digest, name: artifact.name, version: artifact.version, purl: artifact.purl,
                provenance: provenance, recordedBy: "migrate", observedAt: artifact.firstSeen)))
            report.artifacts += 1
            if !artifact.components.isEmpty {
                let document = try Self.document(for: artifact)
                let digest = DigestAlgorithm.sha256.hash(document)
                documents[digest] = document
                drafts.append(try recorder.draft(.sbomImported, SBOMImportedEntry(
                    artifact: artifact.digest, document: digest, format: "cyclonedx", via: "migrate", observedAt: artifact.firstSeen)))
                report.sboms += 1
            }
            if drafts.count >= Self.chunk { try await flush() }
        }
        if !legacy.findings.isEmpty {
            drafts.append(try recorder.draft(.findingsObserved, FindingsObservedEntry(artifact: nil, findings: legacy.findings.map {
                ObservedFinding(advisory: $0.advisory, purl: $0.purl, firstSeen: $0.firstSeen)
            })))
            report.findings = legacy.findings.count
        }
        for deployment in legacy.deployments {
            let rows = try await store.deployments(of: [deployment.digest])
            let recorded = rows.contains {
                $0.environment == deployment.environment && $0.cluster == deployment.cluster && $0.namespace == deployment.namespace
                    && $0.service == deployment.service && $0.firstSeen <= deployment.time && deployment.time <= $0.lastSeen
            }
            if recorded {
                report.deploymentsAlreadyInLedger += 1
                continue
            }
            drafts.append(try recorder.draft(.deploymentRecorded, DeploymentRecordedEntry(
                environment: deployment.environment, cluster: deployment.cluster, namespace: deployment.namespace,
                service: deployment.service, image: deployment.reference, digest: deployment.digest, observedAt: deployment.time)))
            report.deployments += 1
            if drafts.count >= Self.chunk { try await flush() }
        }
        for tag in legacy.tags {
            let observations = try await store.tagObservations(repository: tag.repository, tag: tag.tag)
            if observations.contains(where: { $0.digest == tag.digest && $0.time == tag.time }) {
                report.tagsAlreadyInLedger += 1
                continue
            }
            drafts.append(try recorder.draft(.tagObserved, TagObservedEntry(repository: tag.repository, tag: tag.tag,
                                                                            digest: tag.digest, observedAt: tag.time)))
            report.tags += 1
            if drafts.count >= Self.chunk { try await flush() }
        }
        if !drafts.isEmpty { try await flush() }

        let target = path + ".migrated"
        guard !FileManager.default.fileExists(atPath: target) else {
            throw InventoryError(.unwritable, "cannot rename '\(path)': '\(target)' already exists (the entries were appended; move it away and rerun, which appends nothing new for what is already indexed)")
        }
        do {
            try FileManager.default.moveItem(atPath: path, toPath: target)
        } catch {
            throw InventoryError(.unwritable, "cannot rename '\(path)' to '\(target)': \(ErrorText.describe(error))")
        }
        report.movedTo = target
        return report
    }

    /// The artifact's component list as a CycloneDX document, stored by digest like any SBOM. The
    /// document is the compact sorted-key JSON (`SBOMDigest`), so equal lists give one document.
    static func document(for artifact: LegacyInventory.Artifact) throws -> Data {
        var subject = SBOMComponent(bomRef: "subject", type: "application", name: artifact.name ?? artifact.digest.description,
                                    version: artifact.version,
                                    hashes: artifact.digest.algorithm == .sha256 ? [SBOMHash(algorithm: "SHA-256", value: artifact.digest.hex)] : [])
        subject.purl = artifact.purl.flatMap { try? PackageURL(parsing: $0) }
        var components: [SBOMComponent] = []
        for text in artifact.components.sorted() {
            guard let purl = try? PackageURL(parsing: text) else { continue }
            components.append(SBOMComponent(bomRef: purl.description, name: purl.name, version: purl.version, purl: purl))
        }
        let sbom = SBOM(format: .cycloneDXJSON, subject: subject, components: components)
        let written = try CycloneDXJSONWriter.write(sbom, options: SBOMWriterOptions(timestamp: artifact.firstSeen))
        return Data(try JSONValue.parse(written, maxBytes: SBOMReader.maximumBytes).encodedBytes())
    }
}
