import Synchronization

/// The server's one `DashboardIndex` (the dashboard's pages and the re-evaluation read it), made on
/// first use (the ledger is open only then).
final class LazyIndex: Sendable {
    private let value = Mutex<DashboardIndex?>(nil)

    func get(_ make: () -> DashboardIndex) -> DashboardIndex {
        value.withLock { stored in
            if let stored { return stored }
            let made = make()
            stored = made
            return made
        }
    }

    private func index(_ state: LoadedState) -> DashboardIndex {
        get { DashboardIndex(ledger: state.ledger, store: state.stores.ledger, snapshotFile: state.indexSnapshot) }
    }

    /// The index over `state`'s ledger, brought up to date (however long that takes).
    func current(_ state: LoadedState) async throws -> DashboardIndex {
        let index = index(state)
        try await index.refresh()
        return index
    }

    /// The index over `state`'s ledger for a page: up to date when few entries are new, otherwise
    /// as far as it has read (`DashboardIndex.behind`) while it reads the rest in the background.
    func forPage(_ state: LoadedState) async throws -> (index: DashboardIndex, behind: (read: UInt64, of: UInt64)?) {
        let index = index(state)
        return (index, try await index.prepareForPage(head: try await state.ledger.size()))
    }
}
