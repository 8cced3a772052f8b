import Foundation

/// What every dashboard page shares across requests: the templates, the ledger-fed index (created
/// once the stores are loaded), the sessions, and whether the server runs TLS (`Secure` cookies).
final class Dashboard: Sendable {
    let renderer: DashboardRenderer
    let sessions = DashboardSessions()
    let tls: Bool
    private let indexBox: LazyIndex

    init(tls: Bool, index: LazyIndex) throws {
        renderer = try DashboardRenderer()
        self.tls = tls
        indexBox = index
    }

    /// The index over the loaded state's ledger, brought up to date.
    func index(_ state: LoadedState) async throws -> DashboardIndex {
        try await indexBox.current(state)
    }
}
