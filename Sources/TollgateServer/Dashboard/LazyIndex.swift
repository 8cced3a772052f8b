import Synchronization

/// The dashboard's one `DashboardIndex`, made on first use (the ledger is open only then).
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
}
