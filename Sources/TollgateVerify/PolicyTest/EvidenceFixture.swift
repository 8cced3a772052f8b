import Foundation
import TollgateModel
import TollgateAudit
import TollgatePolicy

/// Evidence written by hand in a `tollgate policy test` fixture (YAML), already "verified": the
/// fixture states what cryptographic verification would have produced, as `opa test` inputs do.
/// Trust is still weighed as the collector weighs it: provenance and SBOMs count only when their
/// signer (`signer`, default the first signature's signer) is trusted by the policy for that kind,
/// and a fixture scan stands for the gate's own scan against a database imported at
/// `scan.databaseImportedAt` (default `scannedAt`).
public struct EvidenceFixture: Sendable, Codable, Hashable {
    public struct Artifact: Sendable, Codable, Hashable {
        public var digest: String?
        public var name: String?
        public var purl: String?
        public var reference: String?
    }
    public struct Signature: Sendable, Codable, Hashable {
        public var key: String?
        public var issuer: String?
        public var subject: String?
        public var algorithm: String?
        public var keyBits: Int?
    }
    public struct Dependency: Sendable, Codable, Hashable {
        public var uri: String?
        public var digest: [String: String]?
    }
    public struct Provenance: Sendable, Codable, Hashable {
        public var slsaVersion: String?
        public var builder: String
        public var buildType: String?
        public var repository: String?
        public var ref: String?
        public var commit: String?
        public var workflow: String?
        public var trigger: String?
        public var runnerEnvironment: String?
        public var dependencies: [Dependency]?
        /// Recorded inputs (`build.recordedInputs`): tool → version, lockfile path → digest.
        public var toolchains: [String: String]?
        public var lockfiles: [String: String]?
        public var signed: Bool?
        public var signer: Signature?
    }
    /// A rebuild attestation (`artifact.reproducible`), signed by `signer`.
    public struct Rebuild: Sendable, Codable, Hashable {
        public var signer: Signature
        public var match: Bool
        /// The rebuilt digest; the artifact's own when `match` and left out.
        public var rebuilt: String?
        public var differences: [String]?
    }
    public struct Component: Sendable, Codable, Hashable {
        public var name: String
        public var version: String?
        public var purl: String?
        public var license: String?
    }
    public struct SBOM: Sendable, Codable, Hashable {
        public var format: String?
        public var attested: Bool?
        public var signer: Signature?
        public var components: [Component]
    }
    public struct Vulnerability: Sendable, Codable, Hashable {
        public var id: String
        public var aliases: [String]?
        public var purl: String
        public var severity: String?
        public var suppressed: Bool?
        public var firstSeen: String?
    }
    public struct Scan: Sendable, Codable, Hashable {
        public var scannedAt: String
        public var databaseImportedAt: String?
        public var findings: [Vulnerability]
    }
    /// A source-audit attestation (`tollgate audit --attest`) as its verified predicate would read.
    public struct SourceAudit: Sendable, Codable, Hashable {
        public struct Settings: Sendable, Codable, Hashable {
            public var defaultBranch: String?
            public var branchProtected: Bool?
            public var requiredApprovals: Int?
            public var codeOwnerReview: Bool?
            public var dismissStaleApprovals: Bool?
            public var releaseTagsProtected: Bool?
        }
        public var commit: String
        public var signer: Signature?
        public var facts: SourceAuditPredicate.Facts
        public var settings: Settings?
    }
    public struct Previous: Sendable, Codable, Hashable {
        public var version: String?
        public var repository: String?
        public var builder: String?
    }

    public var artifact: Artifact?
    public var signatures: [Signature]?
    public var provenance: Provenance?
    public var sbom: SBOM?
    public var scan: Scan?
    /// Previous versions' provenance; absent means "no inventory" (continuity cannot run).
    public var previous: [Previous]?
    public var sourceAudits: [SourceAudit]?
    public var rebuilds: [Rebuild]?
    /// The package URLs the gate reads inside the artifact (`artifact.sbom.matchesArtifact`), standing
    /// in for ``ArtifactContentsReader``; absent means the contents were not read (the rule cannot run).
    public var contents: [String]?

    /// Builds the `Evidence` the fixture describes; every malformed value is an error naming it.
    public func evidence(policy: Policy) throws(VerifyError) -> Evidence {
        let digest: Digest
        if let text = artifact?.digest {
            do { digest = try Digest(parsing: text) } catch {
                throw VerifyError(.invalidFixture, "artifact.digest: \(error.reason)")
            }
        } else {
            digest = DigestAlgorithm.sha256.hash(Array((artifact?.name ?? "artifact").utf8))
        }
        var evidence = Evidence(artifact: ArtifactSubject(digest: digest, name: artifact?.name, purl: artifact?.purl,
                                                          reference: artifact?.reference))
        for (index, signature) in (signatures ?? []).enumerated() {
            evidence.signatures.append(VerifiedSignature(signer: try Self.signer(signature, "signatures[\(index)]"),
                                                         algorithm: signature.algorithm ?? "ecdsa-p256",
                                                         keyBits: signature.keyBits, source: "fixture signatures[\(index)]"))
        }
        func vouched(_ given: Signature?, _ path: String, kind: EvidenceKind) throws(VerifyError) -> VerifiedSignature? {
            let signature: VerifiedSignature
            if let given {
                signature = VerifiedSignature(signer: try Self.signer(given, path), algorithm: given.algorithm ?? "ecdsa-p256",
                                              source: "fixture \(path)")
            } else if let first = evidence.signatures.first {
                signature = first
            } else {
                evidence.problems.append(EvidenceProblem(.unsigned, "fixture \(path)", "unsigned \(kind.rawValue) is self-asserted", kind: kind))
                return nil
            }
            guard policy.signers(for: kind).trusts(signature) else {
                evidence.problems.append(EvidenceProblem(.untrustedSigner, "fixture \(path)",
                    "\(kind.rawValue) signed by \(signature.signer), who is not a trusted \(kind.rawValue) signer", kind: kind))
                return nil
            }
            return signature
        }
        if let provenance {
            let version: ProvenanceFacts.SLSAVersion = provenance.slsaVersion == "v0.2" ? .v0_2 : .v1
            let facts = ProvenanceFacts(
                slsaVersion: version, builderID: provenance.builder,
                buildType: provenance.buildType ?? "https://actions.github.io/buildtypes/workflow/v1",
                sourceRepository: provenance.repository.map(ProvenanceFacts.normalise(repository:)),
                sourceRef: provenance.ref, sourceCommit: provenance.commit, workflowPath: provenance.workflow,
                triggerEvent: provenance.trigger, runnerEnvironment: provenance.runnerEnvironment,
                dependencies: (provenance.dependencies ?? []).map { SLSAResourceDescriptor(uri: $0.uri, digest: $0.digest ?? [:]) })
            if provenance.signed == false {
                evidence.problems.append(EvidenceProblem(.unsigned, "fixture provenance", "unsigned provenance is self-asserted", kind: .provenance))
            } else if let signature = try vouched(provenance.signer, "provenance.signer", kind: .provenance) {
                let trusted = ProvenanceEvidence(facts: facts, signature: signature, subjects: [], source: "fixture provenance")
                evidence.provenance = trusted
                if provenance.toolchains != nil || provenance.lockfiles != nil {
                    var recorded = RecordedInputs(toolchains: provenance.toolchains ?? [:])
                    for (path, text) in provenance.lockfiles ?? [:] {
                        do { recorded.lockfiles[path] = try Digest(parsing: text) } catch {
                            throw VerifyError(.invalidFixture, "provenance.lockfiles.\(path): \(error.reason)")
                        }
                    }
                    evidence.provenance?.recordedInputs = recorded
                }
                var build = BuildFacts(source: trusted.source)
                build.claim(facts, by: .signedStatement(signature.signer))
                evidence.build = build
            }
        }
        if let sbom {
            if sbom.attested == false {
                evidence.problems.append(EvidenceProblem(.unsigned, "fixture sbom", "an unsigned SBOM is self-asserted", kind: .sbom))
            } else if let signature = try vouched(sbom.signer, "sbom.signer", kind: .sbom) {
                let components = sbom.components.map {
                    ComponentEvidence(name: $0.name, version: $0.version, purl: $0.purl, license: $0.license)
                }
                evidence.sbom = SBOMEvidence(format: sbom.format ?? "CycloneDX 1.5", components: components,
                                             origin: .signedStatement(signature.signer),
                                             digest: DigestAlgorithm.sha256.hash(Array("fixture sbom".utf8)), source: "fixture sbom")
            }
        }
        for (index, audit) in (sourceAudits ?? []).enumerated() {
            guard SourceAuditPredicate.isCommit(audit.commit) else {
                throw VerifyError(.invalidFixture, "sourceAudits[\(index)].commit: expected a full commit id, found '\(audit.commit)'")
            }
            guard let signature = try vouched(audit.signer, "sourceAudits[\(index)].signer", kind: .sourceAudit) else { continue }
            var settings: SourceSettings?
            if let given = audit.settings {
                var derived = SourceSettings()
                derived.defaultBranch = given.defaultBranch
                derived.branchProtected = given.branchProtected
                derived.requiredApprovals = given.requiredApprovals
                derived.codeOwnerReview = given.codeOwnerReview
                derived.dismissStaleApprovals = given.dismissStaleApprovals
                derived.releaseTagsProtected = given.releaseTagsProtected
                derived.sources = ["fixture sourceAudits[\(index)].settings"]
                settings = derived
            }
            let predicate = SourceAuditPredicate(commit: audit.commit.lowercased(), repository: nil, facts: audit.facts, settings: settings)
            evidence.sourceAudits.append(SourceAuditEvidence(commit: audit.commit.lowercased(), predicate: predicate,
                                                             signedBy: [signature.signer], source: "fixture sourceAudits[\(index)]"))
        }
        for (index, rebuild) in (rebuilds ?? []).enumerated() {
            guard let signature = try vouched(rebuild.signer, "rebuilds[\(index)].signer", kind: .rebuild) else { continue }
            var rebuilt = digest
            if let text = rebuild.rebuilt {
                do { rebuilt = try Digest(parsing: text) } catch {
                    throw VerifyError(.invalidFixture, "rebuilds[\(index)].rebuilt: \(error.reason)")
                }
            }
            guard rebuild.match == (rebuilt == digest) else {
                throw VerifyError(.invalidFixture, "rebuilds[\(index)]: match \(rebuild.match) contradicts the rebuilt digest")
            }
            evidence.rebuilds.append(RebuildEvidence(
                rebuilder: signature.signer, rebuilderID: signature.signer.description, match: rebuild.match, rebuilt: rebuilt,
                summary: rebuild.match ? "match" : "differ", differences: rebuild.differences ?? [], sourceCommit: nil,
                source: "fixture rebuilds[\(index)]", statement: []))
        }
        var firstSeen: [FindingKey: Date] = [:]
        if let scan {
            guard let scannedAt = Self.instant(scan.scannedAt) else {
                throw VerifyError(.invalidFixture, "scan.scannedAt: expected an RFC 3339 timestamp, found '\(scan.scannedAt)'")
            }
            var findings: [VulnerabilityEvidence] = []
            for (index, finding) in scan.findings.enumerated() {
                var severity: Severity?
                if let name = finding.severity, name != "unknown" {
                    guard let parsed = Severity(label: name) else {
                        throw VerifyError(.invalidFixture, "scan.findings[\(index)].severity: expected none, low, medium, high, critical or unknown, found '\(name)'")
                    }
                    severity = parsed
                }
                let item = VulnerabilityEvidence(id: finding.id, aliases: finding.aliases ?? [], purl: finding.purl,
                                                 severity: severity, suppressedByVEX: finding.suppressed ?? false)
                if let text = finding.firstSeen {
                    guard let date = Self.instant(text) else {
                        throw VerifyError(.invalidFixture, "scan.findings[\(index)].firstSeen: expected an RFC 3339 timestamp, found '\(text)'")
                    }
                    firstSeen[item.key] = date
                }
                findings.append(item)
            }
            var importedAt = scannedAt
            if let text = scan.databaseImportedAt {
                guard let date = Self.instant(text) else {
                    throw VerifyError(.invalidFixture, "scan.databaseImportedAt: expected an RFC 3339 timestamp, found '\(text)'")
                }
                importedAt = date
            }
            evidence.scan = ScanEvidence(scannedAt: scannedAt, findings: findings, origin: .gate,
                                         database: AdvisoryDatabaseState(revision: 0, importedAt: importedAt, advisories: 0),
                                         source: "fixture scan")
        }
        if previous != nil || !firstSeen.isEmpty {
            evidence.history = HistoryEvidence(
                previousBuilds: (previous ?? []).map { PreviousBuild(version: $0.version, sourceRepository: $0.repository.map(ProvenanceFacts.normalise(repository:)), builderID: $0.builder) },
                firstSeen: firstSeen)
        }
        if let contents {
            var packages: [String: String] = [:]
            for (index, text) in contents.enumerated() {
                guard let key = ArtifactContents.key(purl: text) else {
                    throw VerifyError(.invalidFixture, "contents[\(index)]: '\(text.prefix(100))' is not a package URL")
                }
                packages[key] = "fixture contents"
            }
            evidence.contents = ArtifactContents(packages: packages, lockfiles: ["fixture contents"])
        }
        return evidence
    }

    static func signer(_ signature: Signature, _ path: String) throws(VerifyError) -> Signer {
        if let key = signature.key { return .key(id: key) }
        if let issuer = signature.issuer, let subject = signature.subject { return .identity(issuer: issuer, subject: subject) }
        throw VerifyError(.invalidFixture, "\(path): give 'key', or 'issuer' and 'subject'")
    }

    static func instant(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withFullDate]
        return formatter.date(from: text)
    }
}
