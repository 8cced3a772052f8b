import Foundation
import Hummingbird
import Logging
import TollgateModel
import TollgatePolicy
import TollgateStore

/// `GET /metrics`: the Prometheus text format (version 0.0.4). The gauges that describe stored state
/// (ledger size and checkpoint age, advisory database age, exceptions expiring within 14 days) are
/// read at each scrape; request latencies (Hummingbird's `MetricsMiddleware`) and the counters are
/// kept as they happen.
enum MetricsRoute {
    static func register(on router: Router<ServerRequestContext>, server: ServerState) {
        router.get("/metrics") { _, context in
            await refreshGauges(server, logger: context.logger)
            return APIResponse.bytes(ServerMetrics.registry.emitToBuffer(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
    }

    static func refreshGauges(_ server: ServerState, logger: Logger) async {
        guard let state = try? server.loaded() else {
            ServerMetrics.gauge("tollgate_ready", 0)
            return
        }
        ServerMetrics.gauge("tollgate_ready", 1)
        let now = Date()
        do {
            let size = try await state.ledger.size()
            ServerMetrics.gauge("tollgate_ledger_size_entries", Double(size))
            let checkpointed = try await state.ledger.latestCheckpoint()?.checkpoint.size ?? 0
            ServerMetrics.gauge("tollgate_ledger_checkpoint_lag_entries", Double(size - min(size, checkpointed)))
            // How long the oldest entry not covered by a signed checkpoint has waited (0 when covered).
            var age = 0.0
            if checkpointed < size { age = max(0, now.timeIntervalSince(try await state.ledger.entry(at: checkpointed).time)) }
            ServerMetrics.gauge("tollgate_ledger_checkpoint_age_seconds", age)
            if let advisories = state.advisories, let imported = try await advisories.lastImport() {
                ServerMetrics.gauge("tollgate_advisory_database_age_seconds", max(0, now.timeIntervalSince(imported)))
            } else {
                ServerMetrics.gauge("tollgate_advisory_database_age_seconds", -1)
            }
            var policies: [Policy] = []
            for latest in try await state.policies.latest() {
                policies.append(try await state.policyLibrary.policy(latest.name, version: latest.version, state: state).0)
            }
            let report = ExceptionReport(policies: policies, now: now, expiringWithin: PolicyDuration(parsing: "14d"))
            ServerMetrics.gauge("tollgate_exceptions_expiring_14d", Double(report.exceptions.filter { $0.status == "expiring" }.count))
            ServerMetrics.gauge("tollgate_exceptions_expired", Double(report.exceptions.filter { $0.status == "expired" }.count))
            let outbox = try await state.stores.alerts.counts()
            for status in AlertDeliveryStatus.allCases {
                ServerMetrics.gauge("tollgate_alert_outbox_deliveries", Double(outbox[status] ?? 0), [("status", status.rawValue)])
            }
        } catch {
            logger.warning("metrics: a gauge could not be read", metadata: ["reason": "\(ErrorText.describe(error))"])
        }
    }
}
