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

    /// The index over `state`'s ledger, brought up to date.
    func current(_ state: LoadedState) async throws -> DashboardIndex {
        let index = get { DashboardIndex(ledger: state.ledger, store: state.stores.ledger) }
        try await index.refresh()
        return index
    }
}
