import Foundation
import TollgateInventory
import TollgateLedger
import TollgateModel
import TollgatePolicy
import TollgateStore

/// A small estate recorded the way the commands record it (SBOM imports, registrations, decisions,
/// tag observations, deployments, all through `InventoryRecorder`):
///
/// - `acme-lib` 2.0.0 depends directly on urllib3 1.26.4; built by an untrusted builder (trusted signer).
/// - `shop` 1.0.0 depends on requests and acme-lib, so on urllib3 1.26.4 transitively; built by the
///   trusted GitHub-hosted release workflow; allowed; its tag `registry.example/shop:1.0` later moved
///   to `shop` 1.1.0 (urllib3 1.26.18), which replaced it in production; staging still runs 1.0.0.
/// - `rogue` has urllib3 1.26.4, only self-asserted provenance, no decision, and runs in production:
///   a deployment outside the pipeline.
/// - `legacy` has no SBOM; two deployments have no digest (one in `registry.example/shop`).
struct IncidentScenario: Sendable {
    let world: TestInventory

    static let urllib3 = "pkg:pypi/urllib3@1.26.4"
    static let urllib3Fixed = "pkg:pypi/urllib3@1.26.18"
    static let requests = "pkg:pypi/requests@2.25.0"
    static let libPurl = "pkg:pypi/acme-lib@2.0.0"

    static let lib = Digest.of("acme-lib 2.0.0")
    static let shop = Digest.of("shop 1.0.0")
    static let shopFixed = Digest.of("shop 1.1.0")
    static let rogue = Digest.of("rogue")
    static let legacy = Digest.of("legacy")

    static let builder = "https://github.com/actions/runner/github-hosted"
    static let workflow = ".github/workflows/release.yml"
    static let untrustedBuilder = "https://ci.evil.example/builder"

    static let policy = try! Policy(yaml: Array("""
    apiVersion: tollgate.dev/v1
    kind: Policy
    metadata: { name: prod }
    source: { repositories: ["github.com/acme/*"] }
    build:
      builders: ["\(builder)"]
      workflows: ["\(workflow)"]
    """.utf8))

    /// `complete`: no artifact without an SBOM and no deployment without a digest.
    static func make(_ backend: Backend, complete: Bool = false) async throws -> IncidentScenario {
        let world = try await TestInventory.make(backend)
        let recorder = world.recorder
        let sboms = [
            ScenarioSBOM(name: "acme-lib", purl: libPurl, digest: lib, direct: [urllib3]),
            ScenarioSBOM(name: "shop", purl: "pkg:pypi/shop@1.0.0", digest: shop, direct: [requests, libPurl],
                         edges: [requests: [urllib3], libPurl: [urllib3]]),
            ScenarioSBOM(name: "shop", purl: "pkg:pypi/shop@1.1.0", digest: shopFixed, direct: [requests],
                         edges: [requests: [urllib3Fixed]]),
            ScenarioSBOM(name: "rogue", purl: nil, digest: rogue, direct: [urllib3]),
        ]
        for sbom in sboms {
            let item = try SBOMImport(data: sbom.json(), file: "\(sbom.name).cdx.json", artifact: nil)
            try await recorder.record(try item.drafts(recorder), documents: [item.document: item.bytes])
        }
        let certificate = RecordedProvenance(source: .certificate,
                                             vouchedBy: "https://github.com/acme/shop/\(workflow)@refs/tags/v1.0.0 (issuer https://token.actions.githubusercontent.com)",
                                             repository: "https://github.com/acme/shop", commit: String(repeating: "a", count: 40),
                                             ref: "refs/tags/v1.0.0", workflow: workflow, builder: builder, trigger: "push")
        var drafts: [LedgerEntryDraft] = []
        for digest in [shop, shopFixed] {
            drafts.append(try recorder.draft(.artifactRegistered, ArtifactRegisteredEntry(
                digest: digest, provenance: [certificate],
                signatures: [RecordedSignature(evidence: "artifact", signer: "https://github.com/acme/shop/\(workflow)@refs/tags/v1.0.0",
                                               issuer: "https://token.actions.githubusercontent.com", trusted: true)],
                recordedBy: "verify")))
        }
        drafts.append(try recorder.draft(.artifactRegistered, ArtifactRegisteredEntry(
            digest: lib, provenance: [RecordedProvenance(source: .signedStatement, vouchedBy: "key abc123",
                                                         repository: "github.com/acme/lib", workflow: ".github/workflows/build.yml",
                                                         builder: untrustedBuilder)],
            signatures: [RecordedSignature(evidence: "provenance", signer: "key:abc123", trusted: true)], recordedBy: "verify")))
        drafts.append(try recorder.draft(.artifactRegistered, ArtifactRegisteredEntry(
            digest: rogue, name: "rogue", provenance: [RecordedProvenance(source: .selfAsserted, vouchedBy: "rogue.intoto.json, signed by key ffff",
                                                                          builder: untrustedBuilder)],
            recordedBy: "verify")))
        if !complete {
            drafts.append(try recorder.draft(.artifactRegistered, ArtifactRegisteredEntry(digest: legacy, name: "legacy", recordedBy: "verify")))
        }
        for digest in [shop, shopFixed, lib] {
            drafts.append(try LedgerEntryDraft(kind: .decisionMade, actor: "test", payload: Self.decision(digest, "allow")))
        }
        try await recorder.record(drafts)

        let resolver = DeploymentResolver(store: world.store)
        func deploy(_ requests: [DeploymentResolver.Request]) async throws {
            var drafts: [LedgerEntryDraft] = []
            for request in requests {
                let resolved = try await resolver.resolve(request, now: world.clock.now())
                if let observation = resolved.observation { drafts.append(try recorder.draft(.tagObserved, observation)) }
                drafts.append(try recorder.draft(.deploymentRecorded, resolved.deployment))
            }
            try await recorder.record(drafts)
        }
        world.clock.advance(days: 1)
        try await recorder.record([try recorder.draft(.tagObserved, TagObservedEntry(repository: "registry.example/shop", tag: "1.0", digest: shop))])
        world.clock.advance(days: 1)
        var first = [
            DeploymentResolver.Request(environment: "production", cluster: "eu-1", namespace: "shop", service: "checkout",
                                       image: "registry.example/shop:1.0"),
            DeploymentResolver.Request(environment: "staging", cluster: "eu-2", namespace: "shop", service: "checkout",
                                       image: "registry.example/shop@\(shop)"),
            DeploymentResolver.Request(environment: "production", cluster: "eu-1", namespace: "tools", service: "rogue-worker",
                                       image: "registry.example/rogue@\(rogue)"),
        ]
        if !complete {
            first.append(DeploymentResolver.Request(environment: "staging", cluster: "eu-2", namespace: "web", service: "frontend",
                                                    image: "registry.example/unknown:latest"))
            first.append(DeploymentResolver.Request(environment: "staging", cluster: "eu-2", namespace: "shop", service: "canary",
                                                    image: "registry.example/shop:canary"))
        }
        try await deploy(first)
        world.clock.advance(days: 1)
        // The tag moves to the fixed build, and production follows it.
        try await deploy([DeploymentResolver.Request(environment: "production", cluster: "eu-1", namespace: "shop", service: "checkout",
                                                     image: "registry.example/shop:1.0", digest: shopFixed.description)])
        return IncidentScenario(world: world)
    }

    /// A decision payload as `verify --record` writes it (the fields the indexer reads).
    static func decision(_ digest: Digest, _ outcome: String) -> Data {
        Data(#"{"artifact":{"digest":"\#(digest)"},"decision":"\#(outcome)","evaluatedAt":"2026-06-01T00:00:00Z","policy":"prod","rules":[],"schemaVersion":"tollgate.dev/decision/v2"}"#.utf8)
    }

    func answer(_ query: IncidentQuery, policy: Policy? = IncidentScenario.policy, advisories: (any AdvisoryStore)? = nil) async throws -> IncidentAnswer {
        try await IncidentResponder(inventory: world.store, advisories: advisories, policy: policy).answer(query)
    }
}
