import Foundation
import Testing
import TollgateInventory
import TollgateLedger
import TollgateModel
import TollgateSBOM
import TollgateStore

/// `tollgate inventory migrate`: an old `inventory.json` (`tollgate.dev/inventory/v1`) becomes ledger
/// entries and inventory rows; what the ledger already held is not appended twice.
@Suite("Migrating the old inventory file")
struct MigrationTests {
    static let app = Digest.of("app 1.2.0")
    static let previous = Digest.of("app 1.1.0")

    /// An inventory.json as the old `verify --record` wrote it, and the tag and deployment entries
    /// the same runs appended to the ledger.
    static func legacy(in world: TestInventory) async throws -> String {
        let path = world.directory.appendingPathComponent("inventory.json").path
        let text = """
        {"artifacts":[
          {"components":["pkg:pypi/urllib3@1.26.4","pkg:pypi/requests@2.25.0"],"digest":"\(app)","firstSeen":"2026-05-01T00:00:00Z",
           "name":"app.tar","purl":"pkg:generic/app@1.2.0","version":"1.2.0",
           "provenance":{"builderID":"https://github.com/actions/runner/github-hosted","buildType":"https://actions.github.io/buildtypes/workflow/v1",
                         "dependencies":[],"slsaVersion":"v1","sourceRepository":"github.com/acme/app","sourceCommit":"\(String(repeating: "b", count: 40))",
                         "workflowPath":".github/workflows/release.yml"}},
          {"components":[],"digest":"\(previous)","firstSeen":"2026-04-01T00:00:00Z","name":"app.tar","purl":"pkg:generic/app@1.1.0","version":"1.1.0"}],
         "deployments":[
          {"digest":"\(app)","environment":"production","cluster":"eu-1","service":"app.tar","reference":"registry.example/app:1.2.0","time":"2026-05-02T00:00:00Z"},
          {"digest":"\(previous)","environment":"staging","time":"2026-04-02T00:00:00Z"}],
         "exceptionEvents":["granted:prod:EXC-1"],
         "findings":[{"advisory":"PYSEC-2021-108","firstSeen":"2026-05-01T00:00:00Z","purl":"pkg:pypi/urllib3@1.26.4"}],
         "schemaVersion":"tollgate.dev/inventory/v1",
         "tags":[{"digest":"\(previous)","repository":"registry.example/app","tag":"stable","time":"2026-04-01T00:00:00Z"},
                 {"digest":"\(app)","repository":"registry.example/app","tag":"stable","time":"2026-05-01T00:00:00Z"}]}
        """
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        // What the old verify --record appended: one deployment and one tag observation (legacy payloads), and the exception grant.
        _ = try await world.ledger.append(kind: .deploymentRecorded, actor: "old", payload: Data(#"{"cluster":"eu-1","digest":"\#(app)","environment":"production","reference":"registry.example/app:1.2.0","service":"app.tar","time":"2026-05-02T00:00:00Z"}"#.utf8))
        _ = try await world.ledger.append(kind: .tagObserved, actor: "old", payload: Data(#"{"digest":"\#(app)","repository":"registry.example/app","tag":"stable","time":"2026-05-01T00:00:00Z"}"#.utf8))
        _ = try await world.ledger.append(kind: .exceptionGranted, actor: "old", payload: Data(#"{"id":"EXC-1","policy":"prod"}"#.utf8))
        return path
    }

    @Test("migrate appends what only the file held, indexes it, skips what the ledger had, and renames the file", arguments: Backend.allCases)
    func migrate(_ backend: Backend) async throws {
        let world = try await TestInventory.make(backend)
        let path = try await Self.legacy(in: world)
        let report = try await InventoryMigrator(recorder: world.recorder).migrate(path: path)
        #expect(report.movedTo == path + ".migrated")
        #expect(!FileManager.default.fileExists(atPath: path) && FileManager.default.fileExists(atPath: path + ".migrated"))
        #expect(report.artifacts == 2 && report.sboms == 1 && report.findings == 1)
        #expect(report.deployments == 1 && report.deploymentsAlreadyInLedger == 1)
        #expect(report.tags == 1 && report.tagsAlreadyInLedger == 1)
        #expect(report.rebuild?.entries == 3)

        let store = world.store
        let app = try #require(try await store.artifacts([Self.app]).first)
        #expect(app.firstSeen == ISO8601.parse("2026-05-01T00:00:00Z") && app.purl == "pkg:generic/app@1.2.0" && app.sbomCount == 1)
        #expect(Set(try await store.components(of: Self.app).map(\.purl)) == ["pkg:pypi/urllib3@1.26.4", "pkg:pypi/requests@2.25.0"])
        let provenance = try await store.provenance(of: [Self.app])
        #expect(provenance.map(\.source) == [.signedStatement])
        #expect(provenance.first?.workflow == ".github/workflows/release.yml" && provenance.first?.repository == "github.com/acme/app")
        #expect(try await store.firstSeen(advisory: "PYSEC-2021-108", purl: "pkg:pypi/urllib3@1.26.4") == ISO8601.parse("2026-05-01T00:00:00Z"))
        #expect(try await store.exceptionEvents() == ["granted:prod:EXC-1"])
        #expect(try await store.tagObservations(repository: "registry.example/app", tag: "stable").map(\.digest) == [Self.previous, Self.app])
        let deployments = try await store.deployments(of: [Self.app, Self.previous])
        #expect(deployments.count == 2)
        #expect(deployments.first { $0.digest == Self.app }?.firstSeen == ISO8601.parse("2026-05-02T00:00:00Z"))

        // The incident questions now answer from the migrated data, and a rebuild from the ledger alone agrees.
        let before = try await IncidentResponder(inventory: store).answer(IncidentQuery(.component, "pkg:pypi/urllib3@1.26.4"))
        #expect(before.artifactSearch.artifacts.map(\.digest) == [Self.app])
        #expect(before.runtimeSearch.deployments.map(\.environment) == ["production"])
        _ = try await InventoryRebuilder(ledger: world.ledger, store: store).rebuild()
        let after = try await IncidentResponder(inventory: store).answer(IncidentQuery(.component, "pkg:pypi/urllib3@1.26.4"))
        #expect(try LedgerJSON.encode(after) == (try LedgerJSON.encode(before)))

        // Nothing left to migrate.
        let again = try await InventoryMigrator(recorder: world.recorder).migrate(path: path)
        #expect(again.movedTo == nil && again.entriesAppended == 0)
    }

    @Test("an inventory file that is not tollgate.dev/inventory/v1 is refused before anything is appended")
    func invalidFile() async throws {
        let world = try await TestInventory.make(.sqlite)
        let path = world.directory.appendingPathComponent("inventory.json").path
        for text in [#"{"schemaVersion":"tollgate.dev/inventory/v9","artifacts":[],"deployments":[],"tags":[],"findings":[]}"#, "{\"trunc"] {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            await #expect {
                try await InventoryMigrator(recorder: world.recorder).migrate(path: path)
            } throws: { ($0 as? InventoryError)?.kind == .invalid }
        }
        #expect(try await world.ledger.size() == 0)
        #expect(FileManager.default.fileExists(atPath: path))
    }
}
