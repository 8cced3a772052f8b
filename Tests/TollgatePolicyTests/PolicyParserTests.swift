import Foundation
import Testing
import TollgateModel
import TollgatePolicy

@Suite("Policy parsing")
struct PolicyParserTests {
    @Test("parses the design document's example policy")
    func designExample() throws {
        let text = """
        apiVersion: tollgate.dev/v1
        kind: Policy
        metadata: { name: production }
        artifact:
          signature: { required: true, identities: [{ issuer: "https://token.actions.githubusercontent.com",
                       subjectRegExp: "^https://github.com/acme/.+/.github/workflows/release.yml@refs/tags/v.*$" }] }
          provenance: { required: true, builders: ["https://github.com/actions/runner/github-hosted"],
                        sourceRepositories: ["github.com/acme/*"] }
          sbom: { required: true }
          vulnerabilities: { maxSeverity: high, remediationDays: { critical: 7, high: 30 } }
          licenses: { deny: ["AGPL-3.0-only"] }
        deploy:
          byDigest: true
        exceptions:
          - id: EXC-12
            owner: alice@acme.example
            reason: "no fixed release yet; WAF rule blocks the vulnerable endpoint"
            compensatingControl: "WAF rule 4411"
            expires: 2026-12-31
            match: { advisory: GHSA-xxxx-xxxx-xxxx, component: "pkg:pypi/django" }
        """
        let policy = try Policy(yaml: Array(text.utf8), file: "production.yaml")
        #expect(policy.name == "production")
        #expect(policy.artifact.signature?.signers.identities.count == 1)
        #expect(policy.artifact.provenance?.sourceRepositories.map(\.pattern) == ["github.com/acme/*"])
        #expect(policy.artifact.vulnerabilities?.remediationDays == [.critical: 7, .high: 30])
        #expect(policy.deploy.byDigest == true)
        let exception = try #require(policy.exceptions.first)
        #expect(exception.scope == .advisory)
        #expect(exception.compensatingControl == "WAF rule 4411")
        // A date-only expiry lasts through that day (UTC).
        #expect(exception.expires == Clock.at("2027-01-01T00:00:00Z"))
        #expect(policy.enabledRules == [.artifactSignature, .artifactProvenance, .artifactProvenanceBuilders,
                                        .artifactProvenanceSourceRepositories, .artifactSBOM,
                                        .vulnerabilitiesMaxSeverity, .vulnerabilitiesRemediation,
                                        .vulnerabilitiesDatabaseAge, .artifactLicenses, .deployByDigest])
    }

    @Test("reads per-kind signers, certificate-extension pins and fail-closed defaults")
    func signersAndDefaults() throws {
        let text = """
        apiVersion: tollgate.dev/v1
        kind: Policy
        artifact:
          signature:
            identities:
              - issuer: https://token.actions.githubusercontent.com
                subjectRegExp: "^https://github.com/acme/.+$"
                sourceRepository: "github.com/acme/*"
                sourceRef: refs/heads/main
                buildSignerURIRegExp: "^https://github.com/acme/.+/release.yml@.*$"
                runnerEnvironment: github-hosted
                trigger: push
          provenance: { signers: { keys: [builder-key] } }
          sbom: { signers: { keys: [sbom-a, sbom-b], threshold: 2 } }
          vulnerabilities: {}
          algorithms: {}
        """
        let policy = try Policy(yaml: Array(text.utf8), file: "p.yaml")
        let identity = try #require(policy.artifact.signature?.signers.identities.first)
        #expect(identity.sourceRepository?.pattern == "github.com/acme/*")
        #expect(identity.runnerEnvironment == "github-hosted" && identity.trigger == "push")
        let certificate = FulcioCertificateFacts(subject: "https://github.com/acme/app/x", issuer: "https://token.actions.githubusercontent.com",
                                                 buildSignerURI: "https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main",
                                                 runnerEnvironment: "github-hosted", sourceRepositoryURI: "https://github.com/acme/app",
                                                 sourceRepositoryRef: "refs/heads/main", buildTrigger: "push")
        #expect(identity.matches(issuer: "https://token.actions.githubusercontent.com", subject: "https://github.com/acme/app/x", certificate: certificate))
        var selfHosted = certificate
        selfHosted.runnerEnvironment = "self-hosted"
        #expect(!identity.matches(issuer: "https://token.actions.githubusercontent.com", subject: "https://github.com/acme/app/x", certificate: selfHosted))
        #expect(!identity.matches(issuer: "https://token.actions.githubusercontent.com", subject: "https://github.com/acme/app/x", certificate: nil))
        #expect(policy.signers(for: .provenance).keys == ["builder-key"])
        #expect(policy.signers(for: .sbom).threshold == 2)
        // Left out: the artifact.signature signers, never "anyone".
        #expect(policy.signers(for: .vulnerabilityScan).identities == [identity])
        #expect(policy.signers(for: .vex).identities == [identity])
        #expect(Policy(name: "empty").signers(for: .provenance).isEmpty)
        // vulnerabilities: {} checks critical findings and a day-old database; algorithms: {} the built-in set.
        #expect(policy.artifact.vulnerabilities?.maxSeverity == .critical)
        #expect(policy.artifact.vulnerabilities?.maxDatabaseAge.seconds == 86_400)
        #expect(policy.enabledRules.contains(.vulnerabilitiesMaxSeverity) && policy.enabledRules.contains(.vulnerabilitiesDatabaseAge))
        #expect(policy.artifact.algorithms?.signatures == AlgorithmRule.acceptedSignatures)
        #expect(policy.artifact.algorithms?.minimumRSABits == 2048)
        #expect(policy.artifact.algorithms?.digests == ["sha256", "sha384", "sha512"])
    }

    @Test("parses the shipped example policy")
    func shippedExample() throws {
        let data = try Fixtures.data("policy/policy.yaml")
        let policy = try Policy(yaml: Array(data), file: "policy.yaml")
        #expect(Set(policy.enabledRules + policy.enabledInstallRules).count == RuleID.allCases.count)
    }

    struct Invalid: Sendable, CustomStringConvertible {
        let yaml: String
        let code: String
        let reason: String
        var description: String { code + ": " + reason }
    }

    static let header = "apiVersion: tollgate.dev/v1\nkind: Policy\n"

    static let invalid: [Invalid] = [
        Invalid(yaml: header + "artifact:\n  sbom: { required: true, atested: true }\n", code: "policy.unknown-key",
                reason: "p.yaml:4:27: unknown key 'atested' in artifact.sbom; expected one of: required, attested, signers, minComponents, matchesArtifact, action"),
        Invalid(yaml: header + "artifcat: {}\n", code: "policy.unknown-key",
                reason: "p.yaml:3:1: unknown key 'artifcat' in the document; expected one of: apiVersion, kind, metadata, source, build, artifact, deploy, exceptions, settings, install, components, remediation"),
        Invalid(yaml: "apiVersion: tollgate.dev/v2\nkind: Policy\n", code: "policy.unsupported-version",
                reason: "p.yaml:1:13: apiVersion: expected tollgate.dev/v1, found 'tollgate.dev/v2'"),
        Invalid(yaml: "kind: Policy\n", code: "policy.missing-key",
                reason: "p.yaml:1:1: document: missing required key 'apiVersion'"),
        Invalid(yaml: header + "deploy:\n  byDigest: yes please\n", code: "policy.wrong-type",
                reason: "p.yaml:4:13: deploy.byDigest: expected true or false, found 'yes please'"),
        Invalid(yaml: header + "artifact:\n  vulnerabilities: { maxSeverity: severe }\n", code: "policy.invalid-value",
                reason: "p.yaml:4:35: artifact.vulnerabilities.maxSeverity: expected one of none, low, medium, high, critical, found 'severe'"),
        Invalid(yaml: header + "artifact:\n  signature:\n    identities:\n      - { issuer: x, subjectRegExp: \"([\" }\n",
                code: "policy.invalid-pattern",
                reason: "p.yaml:6:37: artifact.signature.identities[0].subjectRegExp: expected a valid regular expression, found '(['"),
        Invalid(yaml: header + "artifact:\n  signature: { required: true }\n", code: "policy.missing-key",
                reason: "p.yaml:4:14: artifact.signature: a required signature needs 'keys' or 'identities' to say whose signature counts"),
        Invalid(yaml: header + "artifact:\n  licenses: { deny: [\"MIT AND\"] }\n", code: "policy.invalid-license-expression",
                reason: "p.yaml:4:22: artifact.licenses.deny[0]: expected an SPDX license expression: expected a license id, found the end"),
        Invalid(yaml: header + "exceptions:\n  - { id: E1, owner: bob, expires: 2026-07-01, match: { advisory: CVE-1 } }\n",
                code: "policy.missing-key", reason: "p.yaml:4:5: exceptions[0]: missing required key 'reason'"),
        Invalid(yaml: header + "exceptions:\n  - { id: E1, owner: bob, reason: r, expires: soon, match: { advisory: CVE-1 } }\n",
                code: "policy.invalid-value",
                reason: "p.yaml:4:47: exceptions[0].expires: expected a date YYYY-MM-DD or an RFC 3339 timestamp, found 'soon'"),
        Invalid(yaml: header + "exceptions:\n  - { id: E1, owner: bob, reason: r, expires: 2026-07-01, match: { rules: [artifact.signature] } }\n",
                code: "policy.invalid-exception",
                reason: "p.yaml:4:66: exceptions[0].match: an exception needs a scope: advisory, component or artifact"),
        Invalid(yaml: header + "exceptions:\n  - { id: E1, owner: bob, reason: r, expires: 2026-07-01, match: { artifact: \"sha256:00\" } }\n",
                code: "policy.invalid-exception",
                reason: "p.yaml:4:66: exceptions[0].match: an artifact-scoped exception must list the rules it covers"),
        Invalid(yaml: header + "settings: { maxExceptionDuration: 30d }\nexceptions:\n  - { id: E1, owner: bob, reason: r, granted: 2026-06-01, expires: 2026-12-31, match: { advisory: CVE-1 } }\n",
                code: "policy.exception-too-long",
                reason: "p.yaml:5:5: exceptions[0] (E1): lasts 214 days, over the policy's maximum of 30d"),
        Invalid(yaml: header + "settings: { maxExceptionDuration: 30d }\nexceptions:\n  - { id: E1, owner: bob, reason: r, expires: 2026-06-20, match: { advisory: CVE-1 } }\n",
                code: "policy.invalid-exception",
                reason: "p.yaml:5:5: exceptions[0]: 'granted' is required because settings.maxExceptionDuration is 30d"),
        Invalid(yaml: header + "source: { repositories: [a\n", code: "policy.invalid-yaml",
                reason: "p.yaml:4:1: invalid YAML: did not find expected ',' or ']' while parsing a flow sequence"),
        Invalid(yaml: header + "artifact:\n  provenance: { required: true }\n", code: "policy.missing-key",
                reason: "p.yaml:4:15: artifact.provenance: provenance is required but no signer is trusted for it; add 'artifact.provenance.signers' or keys/identities to 'artifact.signature'"),
        Invalid(yaml: header + "artifact:\n  sbom: {}\n", code: "policy.missing-key",
                reason: "p.yaml:4:9: artifact.sbom: SBOM is required but no signer is trusted for it; add 'artifact.sbom.signers' or keys/identities to 'artifact.signature'"),
        Invalid(yaml: header + "artifact:\n  sbom: { attested: false, signers: { keys: [k] } }\n", code: "policy.invalid-value",
                reason: "p.yaml:4:21: artifact.sbom.attested: an unsigned SBOM is self-asserted and never passes a rule; remove 'attested: false' and sign the SBOM (tollgate attest --predicate-type https://cyclonedx.org/bom)"),
        Invalid(yaml: header + "artifact:\n  provenance: { signers: {} }\n", code: "policy.missing-key",
                reason: "p.yaml:4:26: artifact.provenance.signers: expected 'keys' or 'identities' naming at least one trusted signer"),
        Invalid(yaml: header + "artifact:\n  vulnerabilities: { scanners: { keys: [a], threshold: 2 } }\n", code: "policy.invalid-value",
                reason: "p.yaml:4:56: threshold 2 is more than the 1 trusted signers listed"),
        Invalid(yaml: header + "artifact:\n  signature:\n    identities:\n      - { issuer: x, subject: y, runnerEnvironment: cloud }\n",
                code: "policy.invalid-value",
                reason: "p.yaml:6:53: artifact.signature.identities[0].runnerEnvironment: expected github-hosted or self-hosted, found 'cloud'"),
        Invalid(yaml: header + "deploy: {}\n", code: "policy.missing-key",
                reason: "p.yaml:3:9: deploy: the block checks nothing; give 'byDigest: true' or remove it"),
        Invalid(yaml: header + "source: { action: warn }\n", code: "policy.missing-key",
                reason: "p.yaml:3:9: source: the block checks nothing; give repositories, refs, requireCommit, continuity, branchProtection or workflowOwners, or remove it"),
        Invalid(yaml: header + "build: { triggers: { allow: [] } }\n", code: "policy.missing-key",
                reason: "p.yaml:3:20: build.triggers: expected 'allow' or 'deny' with at least one trigger event"),
        Invalid(yaml: header + "remediation: { defaultOwner: platform team }\n", code: "policy.invalid-value",
                reason: "p.yaml:3:30: remediation.defaultOwner: expected @user, @org/team or an email address, found 'platform team'"),
        Invalid(yaml: header + "remediation: { defaultOwner: \"@acme/\" }\n", code: "policy.invalid-value",
                reason: "p.yaml:3:30: remediation.defaultOwner: expected @user, @org/team or an email address, found '@acme/'"),
        Invalid(yaml: header + "remediation: {}\n", code: "policy.missing-key",
                reason: "p.yaml:3:14: remediation: the block sets nothing; give 'defaultOwner' or remove it"),
        Invalid(yaml: header + "remediation: { owner: \"@acme/platform\" }\n", code: "policy.unknown-key",
                reason: "p.yaml:3:16: unknown key 'owner' in remediation; expected one of: defaultOwner"),
        Invalid(yaml: header + "settings: { maxExceptionDuration: forever }\n", code: "policy.invalid-duration",
                reason: "p.yaml:3:35: settings.maxExceptionDuration: expected a duration like 30m, 12h, 14d or 2w, found 'forever'"),
    ]

    @Test("reads remediation.defaultOwner written as CODEOWNERS writes an owner", arguments: ["@acme/platform", "@alice", "sec-team@acme.example"])
    func remediationDefaultOwner(_ owner: String) throws {
        let policy = try Policy(yaml: Array((Self.header + "remediation:\n  defaultOwner: \"\(owner)\"\n").utf8), file: "p.yaml")
        #expect(policy.remediation.defaultOwner == owner)
        #expect(policy.enabledRules.isEmpty, "the remediation block enables no rule")
        #expect(try Policy(yaml: Array(Self.header.utf8)).remediation.defaultOwner == nil)
    }

    @Test("rejects an invalid policy with file:line:column and what was expected", arguments: invalid)
    func rejects(_ sample: Invalid) {
        #expect {
            _ = try Policy(yaml: Array(sample.yaml.utf8), file: "p.yaml")
        } throws: { error in
            guard let error = error as? PolicyError else { return false }
            #expect(error.code == sample.code)
            #expect(error.reason == sample.reason)
            return error.code == sample.code && error.reason == sample.reason
        }
    }

    @Test("rejects YAML alias bombs quickly instead of expanding them")
    func aliasBomb() {
        var lines = ["apiVersion: tollgate.dev/v1", "kind: Policy", "source:", "  repositories: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        lines.append("  refs: &a1 [" + Array(repeating: "*a0", count: 10).joined(separator: ", ") + "]")
        lines.append("build:")
        for level in 2..<12 {
            lines.append("  b\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]")
        }
        let start = Date()
        #expect(throws: PolicyError.self) { _ = try Policy(yaml: Array(lines.joined(separator: "\n").utf8)) }
        #expect(Date().timeIntervalSince(start) < 2)
    }

    @Test("refuses a policy over the size limit")
    func tooLarge() {
        let bytes = [UInt8](repeating: UInt8(ascii: "#"), count: PolicyParser.maxBytes + 1)
        #expect(throws: PolicyError.self) { _ = try Policy(yaml: bytes) }
    }
}

@Suite("Policy parsing: hostile input")
struct PolicyHostileInputTests {
    /// A tiny deterministic generator (SplitMix64), so failures reproduce.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test("never crashes on 2,000 byte-level mutations of the example policy")
    func mutations() throws {
        let original = Array(try Fixtures.data("policy/policy.yaml"))
        var random = SplitMix(state: 6)
        var accepted = 0
        for _ in 0..<2000 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...8, using: &random) {
                let index = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes[index] = UInt8.random(in: 0...255, using: &random)
                case 1: bytes.remove(at: index)
                default: bytes.insert(bytes[Int.random(in: 0..<bytes.count, using: &random)], at: index)
                }
            }
            if (try? Policy(yaml: bytes, file: "mutated.yaml")) != nil { accepted += 1 }
        }
        // Most mutations must be rejected; the point is that none crashes or hangs.
        #expect(accepted < 2000)
    }
}
