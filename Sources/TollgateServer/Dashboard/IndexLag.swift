import Synchronization

/// How far behind the ledger the dashboard index was when a page took it (one per request): the
/// page's context then says the index is catching up, so no page shows partial numbers silently.
final class IndexLag: Sendable {
    private let value = Mutex<(read: UInt64, of: UInt64)?>(nil)

    var behind: (read: UInt64, of: UInt64)? { value.withLock { $0 } }

    func note(_ behind: (read: UInt64, of: UInt64)?) {
        guard let behind else { return }
        value.withLock { current in
            // The page shows the least complete read it used.
            if current == nil || behind.read < current!.read { current = behind }
        }
    }

    /// The notice a page shows while the index catches up.
    static func notice(_ behind: (read: UInt64, of: UInt64)) -> String {
        "The index is catching up with the ledger: \(behind.read) of \(behind.of) entries read. Counts, lists and plots on this page "
            + "cover only those entries; reload to see more."
    }
}
