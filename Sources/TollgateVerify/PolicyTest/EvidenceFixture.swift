import Foundation
import TollgateModel
import TollgatePolicy

/// Evidence written by hand in a `tollgate policy test` fixture (YAML), already "verified": the
/// fixture states what verification would have produced, as `opa test` inputs do.
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
        public var signed: Bool?
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
        public var findings: [Vulnerability]
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

    /// Builds the `Evidence` the fixture describes; every malformed value is an error naming it.
    public func evidence() throws(VerifyError) -> Evidence {
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
            let signer: Signer
            if let key = signature.key {
                signer = .key(id: key)
            } else if let issuer = signature.issuer, let subject = signature.subject {
                signer = .identity(issuer: issuer, subject: subject)
            } else {
                throw VerifyError(.invalidFixture, "signatures[\(index)]: give 'key', or 'issuer' and 'subject'")
            }
            evidence.signatures.append(VerifiedSignature(signer: signer, algorithm: signature.algorithm ?? "ecdsa-p256",
                                                         keyBits: signature.keyBits, source: "fixture signatures[\(index)]"))
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
            let signer: Signer? = provenance.signed == false ? nil : evidence.signatures.first?.signer ?? .key(id: "fixture")
            evidence.provenance = ProvenanceEvidence(facts: facts, signedBy: signer, source: "fixture provenance")
        }
        if let sbom {
            evidence.sbom = SBOMEvidence(format: sbom.format ?? "CycloneDX 1.5",
                                         components: sbom.components.map {
                                             ComponentEvidence(name: $0.name, version: $0.version, purl: $0.purl, license: $0.license)
                                         },
                                         attested: sbom.attested ?? false, source: "fixture sbom")
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
                    guard let parsed = Severity(name: name) else {
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
            evidence.scan = ScanEvidence(scannedAt: scannedAt, findings: findings, source: "fixture scan")
        }
        if previous != nil || !firstSeen.isEmpty {
            evidence.history = HistoryEvidence(
                previousBuilds: (previous ?? []).map { PreviousBuild(version: $0.version, sourceRepository: $0.repository.map(ProvenanceFacts.normalise(repository:)), builderID: $0.builder) },
                firstSeen: firstSeen)
        }
        return evidence
    }

    static func instant(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withFullDate]
        return formatter.date(from: text)
    }
}
