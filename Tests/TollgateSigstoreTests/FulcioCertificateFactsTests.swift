import Foundation
import Testing
import TollgateModel
@testable import TollgateSigstore

/// The Fulcio CI extensions (1.3.6.1.4.1.57264.1.8–.22) read from real sigstore-conformance certificates.
@Suite("Fulcio certificate extensions")
struct FulcioCertificateFactsTests {
    static let beacon = "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon"
    static let workflow = beacon + "/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main"

    func facts(_ name: String) throws -> FulcioCertificateFacts {
        let data = try Data(contentsOf: VerifierBehaviourTests.conformance.appendingPathComponent("cases/\(name)/bundle.sigstore.json"))
        let bundle = try UnverifiedBundle(json: [UInt8](data))
        let leaf = try #require(bundle.material.leafCertificate)
        return FulcioIdentity(certificate: leaf).facts
    }

    @Test("an identity's facts are read on first use and kept; its JSON form and equality include them, as before")
    func lazyFacts() throws {
        let data = try Data(contentsOf: VerifierBehaviourTests.conformance.appendingPathComponent("cases/happy-path-v0.3/bundle.sigstore.json"))
        let leaf = try #require(try UnverifiedBundle(json: [UInt8](data)).material.leafCertificate)
        let identity = FulcioIdentity(certificate: leaf)
        #expect(identity.facts == identity.facts)
        #expect(identity.facts.sourceRepositoryRef == "refs/heads/main")
        let encoded = try JSONEncoder().encode(identity)
        let object = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
        #expect(Set(object.keys) == ["subjectAlternativeNames", "issuer", "facts"])
        let decoded = try JSONDecoder().decode(FulcioIdentity.self, from: encoded)
        #expect(decoded == identity)
        #expect(decoded.facts == identity.facts)
        // The same certificate read twice is the same identity; facts take part in equality.
        #expect(FulcioIdentity(certificate: leaf) == identity)
        var changed = object
        var facts = try #require(changed["facts"] as? [String: Any])
        facts["sourceRepositoryRef"] = "refs/heads/other"
        changed["facts"] = facts
        let other = try JSONDecoder().decode(FulcioIdentity.self, from: try JSONSerialization.data(withJSONObject: changed))
        #expect(other != identity)
    }

    @Test("every CI extension of a GitHub Actions certificate is read, as Fulcio's oid-info.md names them")
    func githubActionsCertificate() throws {
        let facts = try facts("happy-path-v0.3")
        #expect(facts.subject == Self.workflow)
        #expect(facts.issuer == "https://token.actions.githubusercontent.com")
        #expect(facts.buildSignerURI == Self.workflow)
        #expect(facts.buildSignerDigest == "c7b3dfb335f051e1c86bda4c716fac97df62ad81")
        #expect(facts.runnerEnvironment == "github-hosted")
        #expect(facts.sourceRepositoryURI == Self.beacon)
        #expect(facts.sourceRepository == "github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon")
        #expect(facts.sourceRepositoryDigest == "c7b3dfb335f051e1c86bda4c716fac97df62ad81")
        #expect(facts.sourceRepositoryRef == "refs/heads/main")
        #expect(facts.sourceRepositoryIdentifier == "632596897")
        #expect(facts.sourceRepositoryOwnerURI == "https://github.com/sigstore-conformance")
        #expect(facts.sourceRepositoryOwnerIdentifier == "131804563")
        #expect(facts.buildConfigURI == Self.workflow)
        #expect(facts.buildConfigDigest == "c7b3dfb335f051e1c86bda4c716fac97df62ad81")
        #expect(facts.buildTrigger == "workflow_dispatch")
        #expect(facts.runInvocationURI == Self.beacon + "/actions/runs/8347481628/attempts/1")
        #expect(facts.sourceRepositoryVisibility == "public")
        #expect(facts.workflowPath == ".github/workflows/extremely-dangerous-oidc-beacon.yml")
        #expect(facts.describesBuild)
    }

    @Test("the DSSE bundle's certificate names the beacon, not the repository its provenance claims")
    func dsseCertificate() throws {
        let facts = try facts("happy-path-intoto-in-dsse-v3")
        #expect(facts.sourceRepository == "github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon")
        #expect(facts.sourceRepositoryDigest == "82a3bfe6dd50fe9c71d6315eae66da15307856cf")
    }
}
