import CoreMetrics
import Foundation
import Metrics
import Prometheus
import TollgateVerify

/// The server's metrics through swift-metrics, exported by swift-prometheus at `/metrics`.
///
/// The process bootstraps `MetricsSystem` once, with a Prometheus factory whose sanitizer turns
/// swift-metrics labels into Prometheus names (`http.server.request.duration` →
/// `http_server_request_duration`). Any code may count with swift-metrics directly, or with the
/// helpers here, whose names docs/dashboard.md lists.
enum ServerMetrics {
    /// The registry `/metrics` emits; bootstrapping happens on first use.
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.nameAndLabelSanitizer = { name, labels in
            (sanitize(name), labels.map { (sanitize($0.0), $0.1) })
        }
        MetricsSystem.bootstrap(factory)
        return registry
    }()

    /// Prometheus metric and label names: `[a-zA-Z_][a-zA-Z0-9_]*`.
    static func sanitize(_ name: String) -> String {
        var out = String(name.unicodeScalars.map { scalar -> Character in
            let c = Character(scalar)
            return (c.isASCII && (c.isLetter || c.isNumber)) || c == "_" ? c : "_"
        })
        if out.first?.isNumber ?? true { out = "_" + out }
        return out
    }

    static let admissionDecisions = "tollgate_admission_decisions_total"
    static let verificationFailures = "tollgate_verification_failures_total"

    /// One admission decision (`allow`, `deny`, `warn`, `error`).
    static func admissionDecision(_ result: String) {
        Counter(label: admissionDecisions, dimensions: [("result", result)]).increment()
    }

    /// One failed verification, by the reason code (a rule id such as `signature`, or an error code).
    static func verificationFailure(_ reason: String) {
        Counter(label: verificationFailures, dimensions: [("reason", reason)]).increment()
    }

    /// Each failed rule of a decision, by its rule id.
    static func verificationFailures(of decision: Decision) {
        for finding in decision.rules where finding.result == .fail { verificationFailure(finding.rule.rawValue) }
    }

    /// One alert delivery (`sink`: webhook, slack or ledger; `result`: delivered or failed).
    static func alertDelivery(sink: String, result: String) {
        Counter(label: "tollgate_alert_deliveries_total", dimensions: [("sink", sink), ("result", result)]).increment()
    }

    /// A gauge set to `value` now (the scrape-time gauges of `MetricsRoute`).
    static func gauge(_ name: String, _ value: Double, _ dimensions: [(String, String)] = []) {
        Gauge(label: name, dimensions: dimensions).record(value)
    }
}
