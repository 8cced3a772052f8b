import Foundation
import Testing
import TollgateModel

@Suite("SLSA provenance")
struct SLSAProvenanceTests {
    static func statement(_ file: String) throws -> JSONValue {
        let bundle = try JSONValue.parse(Array(try Fixtures.data("slsa/\(file)")))
        let payload = try #require(bundle["dsseEnvelope"]?["payload"]?.stringValue)
        let bytes = try #require(Data(base64Encoded: payload))
        return try JSONValue.parse(Array(bytes))
    }

    @Test("reads a real GitHub Actions SLSA v1 predicate from the sigstore conformance suite")
    func realV1() throws {
        let statement = try Self.statement("happy-path-intoto-in-dsse-v3.sigstore.json")
        let provenance = try SLSAProvenance(predicateType: try #require(statement["predicateType"]?.stringValue),
                                            predicate: try #require(statement["predicate"]))
        let facts = provenance.facts
        #expect(facts.slsaVersion == .v1)
        #expect(facts.builderID == "https://github.com/loosebazooka/aa-test/.github/workflows/provenance.yaml@refs/heads/main")
        #expect(facts.buildType == "https://actions.github.io/buildtypes/workflow/v1")
        #expect(facts.sourceRepository == "github.com/loosebazooka/aa-test")
        #expect(facts.sourceRef == "refs/heads/main")
        #expect(facts.sourceCommit == "ebff8dfbd609b7b22237c7719ce07f2dc7934f5f")
        #expect(facts.workflowPath == ".github/workflows/provenance.yaml")
        #expect(facts.triggerEvent == "workflow_dispatch")
        #expect(facts.runnerEnvironment == "github-hosted")
        #expect(facts.unpinnedDependencies.isEmpty)
    }

    @Test("reads a minimal SLSA v1 predicate")
    func minimalV1() throws {
        let statement = try Self.statement("rekor2-dsse-happy-path.sigstore.json")
        let provenance = try SLSAProvenance(predicateType: "https://slsa.dev/provenance/v1", predicate: try #require(statement["predicate"]))
        #expect(provenance.facts.builderID == "https://github.com/sigstore-conformance/rekor2-dsse-hashedrekord-regen")
        #expect(provenance.facts.sourceRepository == nil)
    }

    @Test("reads a SLSA v0.2 predicate (slsa-github-generator shape)")
    func v02() throws {
        let predicate: JSONValue = [
            "builder": ["id": "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml@refs/tags/v1.9.0"],
            "buildType": "https://github.com/slsa-framework/slsa-github-generator/generic@v1",
            "invocation": [
                "configSource": ["uri": "git+https://github.com/acme/app@refs/tags/v1.2.0",
                                 "digest": ["sha1": "ebff8dfbd609b7b22237c7719ce07f2dc7934f5f"],
                                 "entryPoint": ".github/workflows/release.yml"],
                "environment": ["github_event_name": "push"],
            ],
            "materials": [
                ["uri": "git+https://github.com/acme/app@refs/tags/v1.2.0", "digest": ["sha1": "ebff8dfbd609b7b22237c7719ce07f2dc7934f5f"]],
                ["uri": "https://example.com/tool.tgz"],
            ],
        ]
        let facts = try SLSAProvenance(predicateType: "https://slsa.dev/provenance/v0.2", predicate: predicate).facts
        #expect(facts.slsaVersion == .v0_2)
        #expect(facts.sourceRepository == "github.com/acme/app")
        #expect(facts.sourceRef == "refs/tags/v1.2.0")
        #expect(facts.triggerEvent == "push")
        #expect(facts.workflowPath == ".github/workflows/release.yml")
        #expect(facts.unpinnedDependencies.map(\.uri) == ["https://example.com/tool.tgz"])
    }

    @Test("rejects predicates missing REQUIRED fields", arguments: [
        ("https://slsa.dev/provenance/v1", JSONValue.object(["runDetails": ["builder": ["id": "x"]]])),
        ("https://slsa.dev/provenance/v1", JSONValue.object(["buildDefinition": ["buildType": "t", "externalParameters": [:]], "runDetails": [:]])),
        ("https://slsa.dev/provenance/v0.2", JSONValue.object(["buildType": "t"])),
        ("https://slsa.dev/provenance/v0.2", JSONValue.array([])),
        ("https://example.com/other", JSONValue.object([:])),
    ])
    func invalid(_ type: String, _ predicate: JSONValue) {
        #expect(throws: ModelError.self) { _ = try SLSAProvenance(predicateType: type, predicate: predicate) }
    }

    @Test("normalises repository URIs", arguments: [
        ("git+https://github.com/Acme/App.git@refs/tags/v1", "github.com/Acme/App"),
        ("https://github.com/acme/app", "github.com/acme/app"),
        ("git@github.com:acme/app.git", "github.com/acme/app"),
        ("github.com/acme/app/", "github.com/acme/app"),
    ])
    func normalise(_ uri: String, _ expected: String) {
        #expect(ProvenanceFacts.normalise(repository: uri) == expected)
    }
}
