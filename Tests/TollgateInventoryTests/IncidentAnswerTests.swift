import Foundation
import Testing
import TollgateInventory
import TollgateLedger
import TollgateModel
import TollgateStore
import TollgateStoreSQLite
import TollgateVulnerabilities

/// `tollgate incident`'s answer, part by part, for each kind of query, on SQLite and PostgreSQL.
@Suite("Incident answers")
struct IncidentAnswerTests {
    typealias S = IncidentScenario
    static let urllib3Range = IncidentQuery(.component, "pkg:pypi/urllib3", versions: "vers:pypi/<1.26.5")

    @Test("a component range finds every artifact containing it, with how it got in", arguments: Backend.allCases)
    func componentSearch(_ backend: Backend) async throws {
        let answer = try await S.make(backend).answer(Self.urllib3Range)
        #expect(answer.schemaVersion == "tollgate.dev/incident/v1")
        #expect(answer.status == .affected)
        let package = try #require(answer.affectedComponent.packages.first)
        #expect(package.package == "pkg:pypi/urllib3")
        #expect(package.affectedVersions == ["1.26.4"] && package.otherVersions == ["1.26.18"])
        #expect(answer.affectedComponent.versions == "vers:pypi/<1.26.5")
        let found = Dictionary(uniqueKeysWithValues: answer.artifactSearch.artifacts.map { ($0.digest, $0) })
        #expect(Set(found.keys) == [S.lib, S.shop, S.rogue])
        #expect(found[S.shop]?.matches.map(\.relationship) == [.transitive])
        #expect(found[S.lib]?.matches.map(\.relationship) == [.direct])
        #expect(found[S.rogue]?.matches.first?.purl == S.urllib3)
        #expect(found[S.shop]?.purl == "pkg:pypi/shop@1.0.0")
    }

    @Test("runtime search: where each affected artifact ran, first and last seen, and whether it still runs", arguments: Backend.allCases)
    func runtimeSearch(_ backend: Backend) async throws {
        let scenario = try await S.make(backend)
        let answer = try await scenario.answer(Self.urllib3Range)
        let runtime = answer.runtimeSearch
        let checkout = try #require(runtime.deployments.first { $0.environment == "production" && $0.service == "checkout" })
        // The tag moved to the fixed build and production followed it: the affected shop stopped running there.
        #expect(checkout.digest == S.shop && !checkout.running)
        #expect(checkout.firstSeen == checkout.lastSeen)
        #expect(runtime.deployments.contains { $0.environment == "staging" && $0.digest == S.shop && $0.running })
        #expect(runtime.deployments.contains { $0.service == "rogue-worker" && $0.digest == S.rogue && $0.running })
        #expect(runtime.runningEnvironments == ["production", "staging"])
        #expect(runtime.running == 2)
        // A tag-only deployment in the affected image repository may run it: listed, never guessed.
        #expect(runtime.unresolved.map(\.service) == ["canary"])
    }

    @Test("provenance check: trusted builders and workflows per artifact, and what runs outside the pipeline", arguments: Backend.allCases)
    func provenanceCheck(_ backend: Backend) async throws {
        let scenario = try await S.make(backend)
        let answer = try await scenario.answer(Self.urllib3Range)
        let check = answer.provenanceCheck
        #expect(check.judged && check.policy == "prod")
        let verdicts = Dictionary(uniqueKeysWithValues: check.artifacts.map { ($0.digest, $0) })
        #expect(verdicts[S.shop]?.verdict == .trusted)
        #expect(verdicts[S.shop]?.repository == "github.com/acme/shop")
        #expect(verdicts[S.shop]?.decision == "allow")
        #expect(verdicts[S.lib]?.verdict == .untrusted)
        #expect(verdicts[S.lib]?.builderTrusted == false)
        #expect(verdicts[S.lib]?.reasons.contains { $0.contains(S.untrustedBuilder) } == true)
        #expect(verdicts[S.rogue]?.verdict == .noTrustedProvenance)
        #expect(verdicts[S.rogue]?.builder == nil)
        #expect(verdicts[S.rogue]?.selfAsserted.contains { $0.contains("self-asserted") } == true)
        // The running rogue digest never passed the gate and nobody trusted vouches for its build.
        let outside = try #require(check.outsidePipeline.first)
        #expect(check.outsidePipeline.count == 1)
        #expect(outside.digest == S.rogue && outside.slot == "production/eu-1/tools rogue-worker")
        #expect(outside.reasons.count == 2)
        #expect(outside.reasons[0].contains("no allow decision") && outside.reasons[1].contains("no provenance from a trusted source"))

        let unjudged = try await scenario.answer(Self.urllib3Range, policy: nil).provenanceCheck
        #expect(!unjudged.judged)
        #expect(unjudged.statement.contains("could not be judged"))
        #expect(unjudged.artifacts.first { $0.digest == S.shop }?.verdict == .notJudged)
        #expect(unjudged.outsidePipeline.map(\.digest) == [S.rogue])
    }

    @Test("containment: digests to block, the moved tag to freeze, credentials to rotate", arguments: Backend.allCases)
    func containment(_ backend: Backend) async throws {
        let answer = try await S.make(backend).answer(Self.urllib3Range)
        let containment = answer.containment
        #expect(Set(containment.blockDigests.map(\.digest)) == [S.lib, S.shop, S.rogue])
        let tag = try #require(containment.freezeTags.first)
        #expect(containment.freezeTags.count == 1)
        #expect(tag.repository == "registry.example/shop" && tag.tag == "1.0")
        #expect(tag.moved && tag.current == S.shopFixed && !tag.pointsAtAffected)
        #expect(tag.history.map(\.digest) == [S.shop, S.shopFixed])
        let rotated = Set(containment.rotateCredentials.map { "\($0.kind) \($0.value)" })
        #expect(rotated.contains("builder \(S.builder)") && rotated.contains("builder \(S.untrustedBuilder)"))
        #expect(rotated.contains("workflow \(S.workflow)"))
    }

    @Test("recovery: rebuild the library before the app that contains it, re-sign, then redeploy per environment", arguments: Backend.allCases)
    func recovery(_ backend: Backend) async throws {
        let steps = try await S.make(backend).answer(Self.urllib3Range).recovery.steps
        let rebuilds = steps.filter { $0.action == .rebuild }
        #expect(rebuilds.count == 3)
        let lib = try #require(rebuilds.first { $0.digest == S.lib })
        let shop = try #require(rebuilds.first { $0.digest == S.shop })
        #expect(lib.order < shop.order)
        #expect(shop.after == [lib.order])
        #expect(shop.reason.contains("outside vers:pypi/<1.26.5"))
        let resigns = steps.filter { $0.action == .resign }
        #expect(resigns.count == 3)
        #expect(resigns.allSatisfy { step in step.after.count == 1 && rebuilds.contains { $0.order == step.after[0] && $0.digest == step.digest } })
        let redeploys = steps.filter { $0.action == .redeploy }
        #expect(redeploys.map(\.environment) == ["production", "staging"])
        #expect(redeploys[0].targets == ["production/eu-1/tools rogue-worker"])
        #expect(redeploys[1].targets == ["staging/eu-2/shop checkout"])
        let resignShop = try #require(resigns.first { $0.digest == S.shop })
        #expect(redeploys[1].after == [resignShop.order])
        #expect(steps.map(\.order) == Array(1...steps.count))
        #expect(steps.allSatisfy { step in step.after.allSatisfy { $0 < step.order } })
    }

    @Test("completeness: the answer states what data is missing", arguments: Backend.allCases)
    func completeness(_ backend: Backend) async throws {
        let answer = try await S.make(backend).answer(Self.urllib3Range)
        let completeness = answer.completeness
        #expect(!completeness.complete)
        #expect(completeness.gaps == ["1 artifact has no SBOM", "2 deployments have no recorded digest"])
        #expect(completeness.artifacts == 5 && completeness.artifactsWithoutSBOM == 1)
        #expect(answer.summary.contains("the data is incomplete: 1 artifact has no SBOM; 2 deployments have no recorded digest"))
    }

    @Test("'no affected artifacts' is never said when the inventory lacks the data", arguments: Backend.allCases)
    func notEnoughData(_ backend: Backend) async throws {
        let scenario = try await S.make(backend)
        let answer = try await scenario.answer(IncidentQuery(.component, "pkg:pypi/django"))
        #expect(answer.status == .incomplete)
        #expect(answer.artifactSearch.artifacts.isEmpty)
        #expect(answer.summary == "no affected artifacts among the 4 artifacts with an SBOM, but that is not the whole inventory: 1 artifact has no SBOM; 2 deployments have no recorded digest")
        #expect(answer.artifactSearch.statement.hasPrefix("no affected artifacts among the 4 artifacts with an SBOM; 1 artifact has no SBOM"))
        #expect(answer.affectedComponent.statement == "the inventory records no version of pkg:pypi/django in any SBOM")

        let complete = try await S.make(backend, complete: true)
        let clean = try await complete.answer(IncidentQuery(.component, "pkg:pypi/django"))
        #expect(clean.status == .notAffected)
        #expect(clean.completeness.complete)
        #expect(clean.summary.contains("every one of the 4 artifacts has an SBOM"))
        #expect(try await complete.answer(Self.urllib3Range).status == .affected)
    }

    @Test("a purl with a version selects exactly that version; bare constraints take the purl's scheme", arguments: Backend.allCases)
    func exactVersion(_ backend: Backend) async throws {
        let scenario = try await S.make(backend)
        let fixed = try await scenario.answer(IncidentQuery(.component, S.urllib3Fixed))
        #expect(fixed.artifactSearch.artifacts.map(\.digest) == [S.shopFixed])
        let bare = try await scenario.answer(IncidentQuery(.component, "pkg:pypi/urllib3", versions: "=1.26.4"))
        #expect(Set(bare.artifactSearch.artifacts.map(\.digest)) == [S.lib, S.shop, S.rogue])
        let all = try await scenario.answer(IncidentQuery(.component, "pkg:PyPI/URLLib3"))
        #expect(all.artifactSearch.artifacts.count == 4)
    }

    @Test("an advisory selects every recorded version the local database marks affected", arguments: Backend.allCases)
    func advisory(_ backend: Backend) async throws {
        let scenario = try await S.make(backend)
        let advisories = try AdvisoryStoreSQLite(path: scenario.world.directory.appendingPathComponent("advisories.sqlite").path)
        try await advisories.prepare()
        let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("examples/osv").path
        _ = try await AdvisoryImporter(store: advisories).importPath(examples)
        let answer = try await scenario.answer(IncidentQuery(.advisory, "PYSEC-2021-108"), advisories: advisories)
        #expect(answer.affectedComponent.advisory?.aliases.contains("CVE-2021-33503") == true)
        #expect(answer.affectedComponent.packages.map(\.package) == ["pkg:pypi/urllib3"])
        #expect(answer.affectedComponent.packages.first?.affectedVersions == ["1.26.4"])
        #expect(Set(answer.artifactSearch.artifacts.map(\.digest)) == [S.lib, S.shop, S.rogue])
        #expect(answer.containment.rotateCredentials.isEmpty)
        #expect(answer.containment.statement.contains("advisory does not by itself expose"))
        // Responders search by CVE: the alias finds the advisory that lists it, with the same answer.
        let byCVE = try await scenario.answer(IncidentQuery(.advisory, "cve-2021-33503"), advisories: advisories)
        #expect(byCVE.affectedComponent.advisory?.id == "PYSEC-2021-108")
        #expect(byCVE.affectedComponent.advisory?.aliases.contains("GHSA-q2q7-5pp4-w6pg") == true)
        #expect(Set(byCVE.artifactSearch.artifacts.map(\.digest)) == [S.lib, S.shop, S.rogue])
        await #expect {
            try await scenario.answer(IncidentQuery(.advisory, "GHSA-0000-0000-0000"), advisories: advisories)
        } throws: { ($0 as? InventoryError)?.kind == .unknownAdvisory }
        await #expect {
            try await scenario.answer(IncidentQuery(.advisory, "PYSEC-2021-108"))
        } throws: { ($0 as? VulnerabilityError)?.kind == .noDatabase }
    }

    @Test("a compromised builder, workflow or repository selects what was built through it, of any trust source", arguments: Backend.allCases)
    func ciPath(_ backend: Backend) async throws {
        let scenario = try await S.make(backend)
        let builder = try await scenario.answer(IncidentQuery(.builder, S.untrustedBuilder))
        #expect(Set(builder.artifactSearch.artifacts.map(\.digest)) == [S.lib, S.rogue])
        #expect(builder.artifactSearch.artifacts.first { $0.digest == S.rogue }?.reason.contains("self-asserted") == true)
        #expect(builder.containment.rotateCredentials.contains { $0.kind == "builder" && $0.value == S.untrustedBuilder })
        #expect(builder.containment.rotateCredentials.contains { $0.kind == "signing-key" && $0.value == "key:abc123" })
        #expect(builder.recovery.steps.first?.reason.contains("after the credentials are rotated") == true)
        // Completeness for a CI path is about trusted provenance, not SBOMs.
        #expect(builder.completeness.gaps.first == "2 artifacts have no provenance from a trusted source")

        let workflow = try await scenario.answer(IncidentQuery(.workflow, S.workflow))
        #expect(Set(workflow.artifactSearch.artifacts.map(\.digest)) == [S.shop, S.shopFixed])
        let repository = try await scenario.answer(IncidentQuery(.repository, "https://github.com/acme/shop.git"))
        #expect(repository.affectedComponent.value == "github.com/acme/shop")
        #expect(Set(repository.artifactSearch.artifacts.map(\.digest)) == [S.shop, S.shopFixed])
        #expect(repository.runtimeSearch.running == 2)
    }

    @Test("a compromised artifact: where it runs, how to contain and replace it", arguments: Backend.allCases)
    func artifact(_ backend: Backend) async throws {
        let scenario = try await S.make(backend)
        let answer = try await scenario.answer(IncidentQuery(.artifact, S.rogue.description))
        #expect(answer.status == .affected)
        #expect(answer.artifactSearch.artifacts.map(\.reason) == ["the compromised artifact itself"])
        #expect(answer.runtimeSearch.deployments.map(\.slot) == ["production/eu-1/tools rogue-worker"])
        #expect(answer.provenanceCheck.outsidePipeline.count == 1)
        #expect(answer.recovery.steps.map(\.action) == [.rebuild, .resign, .redeploy])
        let unknown = try await scenario.answer(IncidentQuery(.artifact, Digest.of("never seen").description))
        #expect(unknown.artifactSearch.artifacts.isEmpty)
        #expect(unknown.status == .incomplete)
    }

    @Test("malformed queries are refused with a reason", arguments: [
        IncidentQuery(.component, "not-a-purl"),
        IncidentQuery(.component, "pkg:pypi/urllib3", versions: "vers:pypi/>=1.0|>=2.0"),
        IncidentQuery(.component, "pkg:pypi/urllib3@1.0", versions: "vers:pypi/<2"),
        IncidentQuery(.component, "pkg:pypi/urllib3", versions: "vers:npm/<2"),
        IncidentQuery(.artifact, "sha256:abc"),
        IncidentQuery(.builder, ""),
    ])
    func malformed(_ query: IncidentQuery) async throws {
        let world = try await TestInventory.make(.sqlite)
        await #expect {
            try await IncidentResponder(inventory: world.store).answer(query)
        } throws: { ($0 as? InventoryError)?.kind == .invalidQuery }
    }

    @Test("the Markdown rendering has the six parts and the completeness statement")
    func markdown() async throws {
        let answer = try await S.make(.sqlite).answer(Self.urllib3Range)
        let text = IncidentMarkdown.render(answer)
        for heading in ["## 1. Affected component", "## 2. Artifact search", "## 3. Runtime search", "## 4. Provenance check",
                        "## 5. Containment", "## 6. Recovery", "> Data: incomplete: 1 artifact has no SBOM"] {
            #expect(text.contains(heading), "\(heading)")
        }
        #expect(text.contains("| `pkg:pypi/urllib3` | `1.26.4` | `1.26.18` |"))
        #expect(IncidentMarkdown.text(answer).first == "incident --component pkg:pypi/urllib3 --versions vers:pypi/<1.26.5: affected")
    }

    @Test("the JSON answer names its six parts as the issue does")
    func jsonShape() async throws {
        let answer = try await S.make(.sqlite).answer(Self.urllib3Range)
        let object = try #require(try JSONSerialization.jsonObject(with: LedgerJSON.encode(answer)) as? [String: Any])
        for key in ["affected_component", "artifact_search", "runtime_search", "provenance_check", "containment", "recovery", "completeness"] {
            #expect(object[key] != nil, "\(key)")
        }
    }
}
