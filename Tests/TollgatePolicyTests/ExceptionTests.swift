import Foundation
import Testing
import TollgateModel
import TollgatePolicy
import TollgateVerify
import TollgateVerifyTesting

@Suite("Time-bound exceptions")
struct ExceptionTests {
    static let body = """
    artifact:
      vulnerabilities: { maxSeverity: medium, maxDatabaseAge: 365d }
      licenses: { deny: [AGPL-3.0-only] }
    deploy: { byDigest: true }
    exceptions:
      - id: EXC-12
        owner: alice@acme.example
        reason: "no fixed release yet; WAF rule blocks the vulnerable endpoint"
        compensatingControl: "WAF rule 4411"
        expires: 2026-06-30
        match: { advisory: CVE-2026-0001, component: "pkg:pypi/django" }
      - id: EXC-13
        owner: bob@acme.example
        reason: "legal approved this AGPL use until the rewrite ships"
        expires: 2026-06-30T00:00:00Z
        match: { component: "pkg:npm/agpl-thing" }
      - id: EXC-14
        owner: carol@acme.example
        reason: "legacy deploy tooling pins by tag until migration"
        expires: 2026-06-30
        match: { artifact: "\(artifactDigest)", rules: [deploy.byDigest] }
    """

    static let django = EvidenceBuilder.vulnerability(id: "GHSA-aaaa-bbbb-cccc", aliases: ["CVE-2026-0001"],
                                              purl: "pkg:pypi/django@4.2.0", severity: .high)
    static let subject = evidence(sbom: sbom([ComponentEvidence(name: "agpl-thing", version: "2.0", purl: "pkg:npm/agpl-thing@2.0", license: "AGPL-3.0-only")]),
                                  scan: scan([django]), reference: "app:1.2.0")

    @Test("before expiry an exception excuses exactly what it matches, and the decision names it")
    func beforeExpiry() throws {
        let now = Clock.at("2026-06-29T23:00:00Z")
        let decision = Gate(policy: try policy(Self.body)).evaluate(Self.subject, now: now)
        #expect(decision.decision == .allow)
        #expect(decision.rules.map(\.result) == [.excepted, .pass, .excepted, .excepted])
        let vuln = decision.rules[0]
        #expect(vuln.reason == "expected no findings above medium; found 1 excepted: GHSA-aaaa-bbbb-cccc in pkg:pypi/django@4.2.0 by EXC-12")
        #expect(vuln.exceptions.map(\.id) == ["EXC-12"])
        #expect(vuln.exceptions.first?.compensatingControl == "WAF rule 4411")
        #expect(decision.rules[3].reason == "expected a reference by digest (name@\(artifactDigest)); found reference by tag app:1.2.0; excepted by EXC-14 (owner carol@acme.example, expires 2026-07-01T00:00:00Z)")
        #expect(decision.expiredExceptions.isEmpty)
    }

    @Test("after expiry an exception has no effect and the decision names it")
    func afterExpiry() throws {
        let now = Clock.at("2026-07-01T00:00:00Z")
        let decision = Gate(policy: try policy(Self.body)).evaluate(Self.subject, now: now)
        #expect(decision.decision == .deny)
        #expect(decision.rules.map(\.result) == [.fail, .pass, .fail, .fail])
        #expect(decision.rules[0].reason == "expected no findings above medium; found 1 violation: GHSA-aaaa-bbbb-cccc (high) in pkg:pypi/django@4.2.0; exception EXC-12 expired 2026-07-01T00:00:00Z and has no effect")
        #expect(decision.rules[2].reason == "expected component licenses none of [AGPL-3.0-only]; found 1 violation: pkg:npm/agpl-thing@2.0 is AGPL-3.0-only; exception EXC-13 expired 2026-06-30T00:00:00Z and has no effect")
        #expect(decision.expiredExceptions == ["EXC-12", "EXC-13", "EXC-14"])
        #expect(decision.rules[0].exceptions.map(\.status) == [.expired])
    }

    @Test("an exception for one advisory does not excuse another")
    func scopeIsExact() throws {
        let other = EvidenceBuilder.vulnerability(id: "GHSA-zzzz-zzzz-zzzz", purl: "pkg:pypi/django@4.2.0", severity: .high)
        let decision = Gate(policy: try policy(Self.body)).evaluate(evidence(scan: scan([Self.django, other])), now: Clock.now)
        let vuln = try #require(decision.rules.first)
        #expect(vuln.result == .fail)
        #expect(vuln.reason == "expected no findings above medium; found 1 violation: GHSA-zzzz-zzzz-zzzz (high) in pkg:pypi/django@4.2.0")
        #expect(vuln.exceptions.map(\.covers) == [["GHSA-aaaa-bbbb-cccc in pkg:pypi/django@4.2.0"]])
    }

    @Test("an artifact-scoped exception matches the digest or a verified provenance subject, never a file name or --purl")
    func artifactScope() throws {
        let byName = """
        deploy: { byDigest: true }
        exceptions:
          - { id: EXC-1, owner: a@acme.example, reason: "r", expires: 2026-12-31, match: { artifact: "app", rules: [deploy.byDigest] } }
          - { id: EXC-2, owner: a@acme.example, reason: "r", expires: 2026-12-31, match: { artifact: "pkg:generic/other", rules: [deploy.byDigest] } }
        """
        // The file is named "app" and --purl says pkg:generic/other: neither is vouched for by anyone.
        let renamed = EvidenceBuilder.evidence(artifact: ArtifactSubject(digest: artifactDigest, name: "app", purl: "pkg:generic/other@1.0",
                                                                         reference: "app:1.2.0"))
        let found = try #require(finding(try policy(byName), renamed, rule: .deployByDigest))
        #expect(found.result == .fail)
        #expect(found.exceptions.isEmpty)
        // The same purl from trusted provenance's subject does match.
        let subject = EvidenceBuilder.evidence(
            artifact: ArtifactSubject(digest: artifactDigest, name: "renamed.bin", reference: "app:1.2.0"),
            provenance: EvidenceBuilder.provenance(facts(), signedBy: keylessSignature(), subjects: ["pkg:generic/other@1.0"]))
        #expect(try #require(finding(try policy(byName), subject, rule: .deployByDigest)).exceptions.map(\.id) == ["EXC-2"])
    }

    @Test("the JSON report carries decision, rules, result, reason, evidence and exception")
    func jsonShape() throws {
        let decision = Gate(policy: try policy(Self.body)).evaluate(Self.subject, now: Clock.now)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let object = try #require(try JSONSerialization.jsonObject(with: encoder.encode(decision)) as? [String: Any])
        #expect(object["schemaVersion"] as? String == "tollgate.dev/decision/v2")
        #expect(object["decision"] as? String == "allow")
        let rules = try #require(object["rules"] as? [[String: Any]])
        #expect(rules.first?["rule"] as? String == "artifact.vulnerabilities.maxSeverity")
        #expect(rules.first?["result"] as? String == "excepted")
        #expect(rules.first?["exception"] as? String == "EXC-12")
        #expect(rules.first?["evidence"] is [String])
        let decoded = try { let d = JSONDecoder(); d.dateDecodingStrategy = .iso8601; return try d.decode(Decision.self, from: encoder.encode(decision)) }()
        #expect(decoded.rules.map(\.result) == decision.rules.map(\.result))
    }
}
