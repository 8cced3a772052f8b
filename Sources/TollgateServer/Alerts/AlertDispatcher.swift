import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import TollgateLedger
import TollgateModel
import TollgateVerify

/// Delivers alerts to the configured sinks: each delivery is retried with exponential backoff and
/// full jitter (attempt n waits a random time up to `baseDelay` × 2ⁿ⁻¹, at most `maxDelay`) until
/// `maxAttempts`; an alert whose (kind, subject) was already sent within `dedupeWindow` is dropped.
/// Each alert and its delivery outcomes are recorded in the ledger as a `note` entry
/// (`tollgate.dev/alert/v1`), and counted in `tollgate_alert_deliveries_total{sink, result}`.
public actor AlertDispatcher {
    public struct Outcome: Sendable, Codable, Equatable {
        public let sink: String
        /// `delivered` or `failed`.
        public let result: String
        public let attempts: Int
        /// The last HTTP status or error, when it failed.
        public let problem: String?
    }

    struct Record: Encodable {
        let alert: Alert
        let deliveries: [Outcome]
    }

    let sinks: [AlertSink]
    let maxAttempts: Int
    let baseDelay: Duration
    let maxDelay: Duration
    let dedupeWindow: TimeInterval
    let client: HTTPClient
    private var lastSent: [String: Date] = [:]

    public init(sinks: [AlertSink], maxAttempts: Int = 5, baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(30),
                dedupeWindow: TimeInterval = 3600, client: HTTPClient = .shared) {
        self.sinks = sinks
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.dedupeWindow = dedupeWindow
        self.client = client
    }

    /// Sends `alert` unless it is a duplicate; records it in `ledger` when given. Returns the
    /// outcomes, or nil for a duplicate.
    @discardableResult
    public func send(_ alert: Alert, ledger: Ledger?, logger: Logger) async -> [Outcome]? {
        let key = "\(alert.kind)\u{0}\(alert.subject)"
        if let last = lastSent[key], alert.time.timeIntervalSince(last) < dedupeWindow { return nil }
        lastSent[key] = alert.time
        var outcomes: [Outcome] = []
        for sink in sinks {
            let outcome = await deliver(alert, to: sink)
            ServerMetrics.alertDelivery(sink: sink.format.rawValue, result: outcome.result)
            if outcome.result != "delivered" {
                logger.warning("alert delivery failed", metadata: ["sink": "\(sink.label)", "kind": "\(alert.kind)",
                                                                   "attempts": "\(outcome.attempts)", "problem": "\(outcome.problem ?? "")"])
            }
            outcomes.append(outcome)
        }
        if let ledger {
            do {
                _ = try await ledger.append(kind: .note, actor: "tollgate-server:alerts",
                                            payload: try LedgerJSON.encode(Record(alert: alert, deliveries: outcomes)))
                ServerMetrics.alertDelivery(sink: "ledger", result: "delivered")
            } catch {
                ServerMetrics.alertDelivery(sink: "ledger", result: "failed")
                logger.error("the alert could not be recorded in the ledger", metadata: ["kind": "\(alert.kind)",
                                                                                          "reason": "\(ErrorText.describe(error))"])
            }
        }
        return outcomes
    }

    private func deliver(_ alert: Alert, to sink: AlertSink) async -> Outcome {
        let body: [UInt8]
        do { body = try sink.body(alert) } catch {
            return Outcome(sink: sink.label, result: "failed", attempts: 0, problem: "the alert does not encode")
        }
        var problem = "not attempted"
        for attempt in 1...maxAttempts {
            if attempt > 1 {
                do { try await Task.sleep(for: delay(before: attempt)) } catch { break }
            }
            var request = HTTPClientRequest(url: sink.url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "User-Agent", value: "tollgate-server")
            request.body = .bytes(ByteBuffer(bytes: body))
            do {
                let response = try await client.execute(request, timeout: .seconds(10))
                _ = try? await response.body.collect(upTo: 64 * 1024)
                if (200..<300).contains(response.status.code) {
                    return Outcome(sink: sink.label, result: "delivered", attempts: attempt, problem: nil)
                }
                problem = "HTTP \(response.status.code)"
            } catch {
                problem = "\(type(of: error))"
            }
        }
        return Outcome(sink: sink.label, result: "failed", attempts: maxAttempts, problem: problem)
    }

    /// Full jitter: a random wait up to the exponential bound of this attempt.
    func delay(before attempt: Int) -> Duration {
        let bound = min(maxDelay, baseDelay * (1 << min(attempt - 2, 20)))
        let nanoseconds = bound.components.seconds * 1_000_000_000 + bound.components.attoseconds / 1_000_000_000
        return .nanoseconds(Int64.random(in: 0...max(0, nanoseconds)))
    }
}

extension AlertDispatcher {
    /// A `decision.denied` alert for a recorded denial, sent in the background (the response does
    /// not wait for the sinks).
    static func denied(_ decision: Decision, ledger: Ledger, server: ServerState, logger: Logger) {
        guard !server.configuration.alertSinks.isEmpty else { return }
        let failed = decision.rules.filter { $0.result == .fail }
        let alert = Alert(kind: "decision.denied", subject: decision.artifact.digest.description,
                          summary: "\(decision.artifact.name ?? decision.artifact.digest.description) denied by policy \(decision.policy)",
                          details: Dictionary(failed.map { ($0.rule.rawValue, $0.reason) }, uniquingKeysWith: { first, _ in first }))
        Task { await server.alerts.send(alert, ledger: ledger, logger: logger) }
    }
}
