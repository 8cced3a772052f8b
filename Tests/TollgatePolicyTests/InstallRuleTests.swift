import Foundation
import Testing
import TollgateModel
import TollgatePolicy
@testable import TollgateVerify
import TollgateVerifyTesting

/// The install boundary's rules (`install`, `components`), evaluated by the same gate as artifacts.
@Suite("Install rules")
struct InstallRuleTests {
    static let publisher = "https://github.com/acme/widget/.github/workflows/release.yml@refs/tags/v1.0.0"
    static let issuer = "https://token.actions.githubusercontent.com"

    static func parse(_ body: String) throws -> Policy {
        try Policy(yaml: Array("apiVersion: tollgate.dev/v1\nkind: Policy\nmetadata: { name: install }\n\(body)".utf8))
    }

    static let strict = """
    install:
      requireAttestations: true
      trustedPublishers:
        - packages: ["pkg:pypi/widget", "pkg:npm/@acme/*"]
          identities:
            - issuer: https://token.actions.githubusercontent.com
              subjectRegExp: "^https://github.com/acme/widget/.+$"
              sourceRepository: github.com/acme/widget
      internalNamespaces: ["acme-*"]
      internalIndex: https://pypi.acme.example/simple/
      vulnerabilities: { maxSeverity: high }
    components:
      allow: ["pkg:pypi/widget", "pkg:pypi/acme-*", "pkg:pypi/vendored@1.*", "pkg:pypi/0requests"]
      deny: ["pkg:pypi/left-pad"]
    """

    /// A package's evidence: verified hash, scanned, optionally attested or malicious.
    static func evidence(_ name: String, version: String = "1.0.0", attestedBy subject: String? = nil, repository: String = "github.com/acme/widget",
                         index: String = "https://pypi.org/simple/", malicious: [String] = [], sdist: Bool = false,
                         hashPinned: Bool = true, scanned: Bool = true) -> Evidence {
        let purl = "pkg:pypi/\(name)@\(version)"
        var facts = InstallFacts(ecosystem: .pypi, name: name, version: version, purl: purl,
                                 file: sdist ? "\(name)-\(version).tar.gz" : "\(name)-\(version)-py3-none-any.whl",
                                 isSourceDistribution: sdist, index: index, integrity: .verified("sha256 matches the pinned hash"),
                                 hashPinned: hashPinned, registrySignature: .notApplicable("PyPI has no registry signatures"),
                                 malicious: malicious)
        if let subject {
            let certificate = FulcioCertificateFacts(sourceRepositoryURI: "https://\(repository)")
            facts.attestations = [PublisherAttestation(issuer: issuer, subject: subject, certificate: certificate,
                                                       predicateType: "https://docs.pypi.org/attestations/publish/v1", source: "provenance")]
        }
        var evidence = Evidence(artifact: ArtifactSubject(digest: DigestAlgorithm.sha256.hash(Array(purl.utf8)), name: name, purl: purl))
        evidence.install = facts
        if scanned {
            evidence.scan = ScanEvidence(scannedAt: Date(timeIntervalSince1970: 1_800_000_000), findings: [], origin: .gate, database: nil,
                                         source: "gate scan")
        }
        return evidence
    }

    static func finding(_ decision: Decision, _ rule: RuleID) -> Finding? {
        decision.rules.first { $0.rule == rule }
    }

    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("the install block parses into trusted publishers, namespaces, budget and components")
    func parses() throws {
        let policy = try Self.parse(Self.strict)
        let install = try #require(policy.install)
        #expect(install.requireAttestations)
        #expect(!install.allowSdist)
        #expect(install.publishers(for: ["pkg:pypi/widget"]).count == 1)
        #expect(install.publishers(for: ["pkg:pypi/other"]).isEmpty)
        #expect(install.isInternal("acme-tools"))
        #expect(install.vulnerabilities?.maxSeverity == .high)
        #expect(policy.components?.isAllowlist == true)
        #expect(policy.enabledInstallRules.contains(.installAttestations))
        #expect(policy.enabledInstallRules.contains(.componentsDeny))
    }

    @Test("policies the install block cannot honour are refused when read", arguments: [
        ("install:\n  requireAttestations: true\n", "attestations count only from trusted publishers"),
        ("install:\n  internalNamespaces: [\"acme-*\"]\n", "add 'internalIndex: URL'"),
        ("install:\n  internalIndex: pypi.acme.example\n  internalNamespaces: [\"acme-*\"]\n", "expected an http(s):// or file:// URL"),
        ("components:\n  deny: [\"left-pad\"]\n", "expected package URL patterns"),
        ("exceptions:\n  - { id: E1, owner: a@b, reason: r, expires: 2099-01-01, match: { component: \"pkg:npm/x\", rules: [install.malicious] } }\n",
         "cannot be excepted"),
    ])
    func refusesBadPolicies(_ body: String, _ message: String) throws {
        #expect { try Self.parse(body) } throws: { error in
            (error as? PolicyError)?.message.contains(message) == true
        }
    }

    @Test("a package from its trusted publisher, on the allowlist, is allowed")
    func allowsTrustedPublisher() throws {
        let gate = Gate(policy: try Self.parse(Self.strict))
        let decision = gate.evaluateInstall(Self.evidence("widget", attestedBy: Self.publisher), now: Self.now)
        #expect(decision.decision == .allow, "\(decision.rules.map(\.reason))")
        #expect(Self.finding(decision, .installAttestations)?.result == .pass)
    }

    @Test("an attestation from another repository does not count")
    func refusesWrongRepository() throws {
        let gate = Gate(policy: try Self.parse(Self.strict))
        let decision = gate.evaluateInstall(Self.evidence("widget", attestedBy: Self.publisher, repository: "github.com/evil/widget"),
                                            now: Self.now)
        #expect(decision.decision == .deny)
        #expect(Self.finding(decision, .installAttestations)?.reason.contains("not a trusted publisher") == true)
    }

    @Test("an allowlisted package with a pinned hash may skip the attestation requirement, never the MAL- check")
    func allowlistExcusesAttestationNotMalice() throws {
        let gate = Gate(policy: try Self.parse(Self.strict))
        let vendored = gate.evaluateInstall(Self.evidence("vendored", version: "1.2.0"), now: Self.now)
        #expect(vendored.decision == .allow, "\(vendored.rules.map(\.reason))")
        let unpinned = gate.evaluateInstall(Self.evidence("vendored", version: "1.2.0", hashPinned: false), now: Self.now)
        #expect(unpinned.decision == .deny)
        let malicious = gate.evaluateInstall(Self.evidence("0requests", version: "0.0.1", malicious: ["MAL-2026-15859"]), now: Self.now)
        #expect(malicious.decision == .deny)
        #expect(Self.finding(malicious, .installMalicious)?.result == .fail)
    }

    @Test("denied components always deny; in allowlist mode unlisted ones deny")
    func components() throws {
        let gate = Gate(policy: try Self.parse(Self.strict))
        let denied = gate.evaluateInstall(Self.evidence("left-pad"), now: Self.now)
        #expect(Self.finding(denied, .componentsDeny)?.result == .fail)
        let unlisted = gate.evaluateInstall(Self.evidence("requests", attestedBy: Self.publisher), now: Self.now)
        #expect(Self.finding(unlisted, .componentsAllow)?.result == .fail)
    }

    @Test("an internal name from any index but the internal one is dependency confusion")
    func internalNamespace() throws {
        let gate = Gate(policy: try Self.parse(Self.strict))
        let confused = gate.evaluateInstall(Self.evidence("acme-tools", index: "https://pypi.org/simple/"), now: Self.now)
        #expect(Self.finding(confused, .installInternalNamespaces)?.result == .fail)
        let internalOK = gate.evaluateInstall(Self.evidence("acme-tools", index: "https://pypi.acme.example/simple"), now: Self.now)
        #expect(Self.finding(internalOK, .installInternalNamespaces)?.result == .pass)
        var down = Self.evidence("acme-tools", index: "https://pypi.acme.example/simple/")
        down.install?.internalIndex = .unavailable("HTTP 401")
        let refused = gate.evaluateInstall(down, now: Self.now)
        #expect(Self.finding(refused, .installInternalNamespaces)?.reason.contains("never fall back") == true)
    }

    @Test("no exception covers a MAL- record, and without an advisory scan the check denies")
    func maliciousIsNeverExcepted() throws {
        let body = Self.strict + """

        exceptions:
          - { id: EXC-1, owner: a@acme.example, reason: "we know", expires: 2099-01-01, match: { component: "pkg:pypi/0requests" } }
        """
        let gate = Gate(policy: try Self.parse(body))
        let decision = gate.evaluateInstall(Self.evidence("0requests", version: "0.0.1", malicious: ["MAL-2026-15859"]), now: Self.now)
        #expect(Self.finding(decision, .installMalicious)?.result == .fail)
        let unscanned = gate.evaluateInstall(Self.evidence("widget", attestedBy: Self.publisher, scanned: false), now: Self.now)
        #expect(Self.finding(unscanned, .installMalicious)?.result == .fail)
    }

    @Test("source distributions are refused unless the policy allows them")
    func sdist() throws {
        let refused = Gate(policy: try Self.parse("install: { allowSdist: false }")).evaluateInstall(Self.evidence("widget", sdist: true), now: Self.now)
        #expect(Self.finding(refused, .installSdist)?.result == .fail)
        let allowed = Gate(policy: try Self.parse("install: { allowSdist: true }")).evaluateInstall(Self.evidence("widget", sdist: true), now: Self.now)
        #expect(Self.finding(allowed, .installSdist)?.result == .pass)
    }

    @Test("at the artifact boundary, components covers the artifact's purl and its trusted SBOM's components")
    func artifactBoundary() throws {
        let policy = try Self.parse("components:\n  deny: [\"pkg:npm/event-stream@3.3.6\"]\n  allow: [\"pkg:generic/app\", \"pkg:npm/**\"]\n")
        let signer = Signer.identity(issuer: Self.issuer, subject: Self.publisher)
        func decide(_ components: [String]) -> Decision {
            let sbom = EvidenceBuilder.sbom(components.map { ComponentEvidence(name: $0, purl: $0) }, signedBy: signer)
            let evidence = EvidenceBuilder.evidence(artifact: ArtifactSubject(digest: DigestAlgorithm.sha256.hash([1]), name: "app",
                                                                              purl: "pkg:generic/app@1.2.0"), sbom: sbom)
            return Gate(policy: policy).evaluate(evidence, now: Self.now)
        }
        #expect(decide(["pkg:npm/left-pad@1.3.0"]).decision == .allow)
        let denied = decide(["pkg:npm/event-stream@3.3.6"])
        #expect(Self.finding(denied, .componentsDeny)?.result == .fail)
        let unlisted = decide(["pkg:pypi/requests@2.31.0"])
        #expect(Self.finding(unlisted, .componentsAllow)?.result == .fail)
    }
}
