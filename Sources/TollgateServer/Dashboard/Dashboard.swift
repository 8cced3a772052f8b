import Foundation

/// What every dashboard page shares across requests: the templates, the ledger-fed index (created
/// once the stores are loaded), the sessions, and whether the server runs TLS (`Secure` cookies).
final class Dashboard: Sendable {
    let renderer: DashboardRenderer
    let sessions = DashboardSessions()
    /// The remediation queue, computed again only when what it reads changed.
    let remediation = RemediationCache()
    let tls: Bool
    private let indexBox: LazyIndex

    init(tls: Bool, index: LazyIndex) throws {
        renderer = try DashboardRenderer()
        self.tls = tls
        indexBox = index
    }

    /// The index over the loaded state's ledger for a page: up to date, or still catching up in the
    /// background after a start or a large import (`DashboardIndex.behind`; pages say so).
    func index(_ state: LoadedState) async throws -> (index: DashboardIndex, behind: (read: UInt64, of: UInt64)?) {
        try await indexBox.forPage(state)
    }
}
