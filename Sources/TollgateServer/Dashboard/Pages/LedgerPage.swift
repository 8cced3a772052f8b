import Foundation
import Hummingbird
import TollgateModel

/// The ledger (public, as `GET /v1/ledger/checkpoint`): its size, the latest signed checkpoint, the
/// verifier key and how to verify both.
enum LedgerPage {
    @Sendable static func render(_ call: DashboardCall) async throws -> Response {
        let state = try call.state
        var context = await call.page("Ledger", current: "/dashboard/ledger")
        if let latest = try await state.ledger.latestCheckpoint() {
            context["checkpoint"] = [
                "origin": latest.checkpoint.origin, "size": try await state.ledger.size(), "checkpointSize": latest.checkpoint.size,
                "rootHash": Hex.encode(latest.checkpoint.rootHash), "note": latest.note,
            ] as [String: Any]
        }
        context["verifierKey"] = state.verifierKey
        let scheme = call.dashboard.tls ? "https" : "http"
        context["base"] = "\(scheme)://\(call.request.head.authority ?? "HOST")"
        return call.dashboard.renderer.html("ledger", context)
    }
}
