import Foundation
import Logging
import Testing
import TollgateInventory
import TollgateLedger
import TollgateModel
@testable import TollgateServer

/// The dashboard's remediation queue is given again only while what it is computed from stands:
/// a new finding (the index moves) or a time past an exception's expiry computes it again.
@Suite("Remediation cache", .serialized)
struct RemediationCacheTests {
    @Test("the queue is computed again when the index moves or the time passes an exception's expiry")
    func invalidation() async throws {
        let fixture = try await DashboardFixture.start()
        // The server's state as `tollgate serve` loads it, over the fixture's data directory.
        let location = fixture.server.location
        let config = try location.loadConfig()
        let state = try await StateLoader(server: ServerState(configuration: ServerConfiguration(location: location)), config: config,
                                          signer: try location.signer(for: config), logger: Logger(label: "test")).load()
        let index = try await LazyIndex().current(state)
        let cache = RemediationCache()
        let now = Date()
        let first = try await cache.items(state: state, index: index, now: now)
        // The fixture's finding in a production artifact, covered by EXC-SOON (expires in 5 days).
        #expect(first.map(\.status) == [.excepted])
        #expect(try await cache.items(state: state, index: index, now: now.addingTimeInterval(60)).map(\.status) == [.excepted])
        // Six days on, the exception has expired: not the cached answer.
        #expect(try await cache.items(state: state, index: index, now: now.addingTimeInterval(6 * 86_400)).map(\.status) == [.open])

        // A later scan finds a second advisory: the index moves and the queue has two items.
        let recorder = InventoryRecorder(ledger: state.ledger, store: state.stores.inventory, actor: "test")
        _ = try await recorder.record([try recorder.draft(.findingsObserved, FindingsObservedEntry(
            artifact: fixture.digest, findings: [ObservedFinding(advisory: DashboardFixture.advisory, purl: "pkg:npm/left-pad@1.0.0"),
                                                 ObservedFinding(advisory: "GHSA-dash-0002-test", purl: "pkg:npm/lodash@4.17.21")]))])
        try await index.refresh()
        let second = try await cache.items(state: state, index: index, now: now.addingTimeInterval(120))
        #expect(second.map(\.advisory).sorted() == [DashboardFixture.advisory, "GHSA-dash-0002-test"])
        try await fixture.server.stop()
    }
}
