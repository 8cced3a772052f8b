import Foundation
import Testing
import TollgateInventory
import TollgateLedger
import TollgateModel
import TollgateStore

/// `tollgate inventory rebuild`: the inventory is derived from the ledger, so replaying it into an
/// empty store gives identical answers.
@Suite("Rebuilding the inventory from the ledger")
struct RebuildTests {
    static let queries: [IncidentQuery] = [
        IncidentQuery(.component, "pkg:pypi/urllib3", versions: "vers:pypi/<1.26.5"),
        IncidentQuery(.component, "pkg:pypi/requests"),
        IncidentQuery(.component, "pkg:pypi/django"),
        IncidentQuery(.builder, IncidentScenario.untrustedBuilder),
        IncidentQuery(.workflow, IncidentScenario.workflow),
        IncidentQuery(.repository, "github.com/acme/shop"),
        IncidentQuery(.artifact, IncidentScenario.rogue.description),
    ]

    @Test("every incident answer is byte-identical before and after a rebuild", arguments: Backend.allCases)
    func equivalence(_ backend: Backend) async throws {
        let scenario = try await IncidentScenario.make(backend)
        var before: [Data] = []
        for query in Self.queries { before.append(try LedgerJSON.encode(try await scenario.answer(query))) }
        let coverage = try await scenario.world.store.coverage()
        let report = try await InventoryRebuilder(ledger: scenario.world.ledger, store: scenario.world.store).rebuild()
        #expect(report.skipped == 0)
        #expect(report.entries == (try await scenario.world.ledger.size()))
        #expect(report.coverage == coverage)
        for (query, expected) in zip(Self.queries, before) {
            let answer = try LedgerJSON.encode(try await scenario.answer(query))
            #expect(answer == expected, "\(query.description)")
        }
        // A second rebuild, and one into a store opened afresh, agree too.
        _ = try await InventoryRebuilder(ledger: scenario.world.ledger, store: scenario.world.store).rebuild()
        #expect(try LedgerJSON.encode(try await scenario.answer(Self.queries[0])) == before[0])
    }

    @Test("after reset the inventory is empty, and the rebuild restores it", arguments: Backend.allCases)
    func resetThenRebuild(_ backend: Backend) async throws {
        let scenario = try await IncidentScenario.make(backend)
        let coverage = try await scenario.world.store.coverage()
        try await scenario.world.store.reset()
        #expect(try await scenario.world.store.coverage().artifacts == 0)
        let empty = try await scenario.answer(Self.queries[0])
        #expect(empty.status == .incomplete && empty.completeness.gaps == ["the inventory holds no artifacts"])
        _ = try await InventoryRebuilder(ledger: scenario.world.ledger, store: scenario.world.store).rebuild()
        #expect(try await scenario.world.store.coverage() == coverage)
    }
}
