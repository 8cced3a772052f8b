import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import TollgateLedger
import TollgateModel
import TollgateStore
import TollgateVerify

/// Delivers alerts through the durable outbox (`AlertOutbox`, docs/dashboard.md#alerts).
///
/// `raise` stores the alert once per configured sink and once for the ledger fallback before
/// anything is tried, so a restart loses nothing pending; an alert whose (kind, subject) was raised
/// within `dedupeWindow` is dropped. The worker (`run`) claims due deliveries with a lease and tries
/// each once per pass, concurrently, every attempt bounded by `attemptTimeout`; a failed attempt is
/// tried again after a random wait up to `baseDelay` × 2ⁿ⁻¹ (at most `maxDelay`, full jitter), and
/// after `maxAttempts` the delivery is dead-lettered: counted, shown on the dashboard, and noted in
/// the ledger. Sinks are named by their format and host, never their URL (which may hold a secret).
public actor AlertDispatcher {
    let sinks: [AlertSink]
    let maxAttempts: Int
    let baseDelay: Duration
    let maxDelay: Duration
    let attemptTimeout: Duration
    let dedupeWindow: TimeInterval
    let pollInterval: Duration
    let client: HTTPClient

    public init(sinks: [AlertSink], maxAttempts: Int = 5, baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(30),
                attemptTimeout: Duration = .seconds(10), dedupeWindow: TimeInterval = 3600, pollInterval: Duration = .seconds(1),
                client: HTTPClient = .shared) {
        self.sinks = sinks
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.attemptTimeout = attemptTimeout
        self.dedupeWindow = dedupeWindow
        self.pollInterval = pollInterval
        self.client = client
    }

    /// Stores `alert` in the outbox for every sink and the ledger; false when it is a duplicate
    /// (`dedupeWindow` overrides the dispatcher's for this alert).
    /// Returns once the alert is durable; delivery happens in the worker.
    @discardableResult
    public func raise(_ alert: Alert, outbox: any AlertOutbox, dedupeWindow window: TimeInterval? = nil) async throws -> Bool {
        let body = try JSONOutput.encode(alert)
        let keys = sinks.map(\.key) + [AlertSink.ledgerKey]
        let stored = try await outbox.enqueue(kind: alert.kind, subject: alert.subject, alert: Data(body), sinks: keys, at: Date(),
                                              dedupeSince: Date().addingTimeInterval(-(window ?? dedupeWindow)))
        return !stored.isEmpty
    }

    /// Delivers until cancelled: a pass every `pollInterval` (and sooner when `kick` is called).
    public func run(outbox: any AlertOutbox, ledger: Ledger, logger: Logger) async {
        while !Task.isCancelled {
            _ = await deliverDue(outbox: outbox, ledger: ledger, logger: logger)
            try? await Task.sleep(for: pollInterval)
        }
    }

    /// One pass: claims the deliveries due now and tries each once, concurrently. Returns how many
    /// were tried.
    @discardableResult
    public func deliverDue(outbox: any AlertOutbox, ledger: Ledger, logger: Logger) async -> Int {
        let now = Date()
        let lease = now.addingTimeInterval(Self.seconds(attemptTimeout) + 30)
        let due: [AlertDelivery]
        do {
            due = try await outbox.claim(at: now, leaseUntil: lease, limit: 64)
        } catch {
            logger.warning("the alert outbox cannot be read", metadata: ["reason": "\(ErrorText.describe(error))"])
            return 0
        }
        await withTaskGroup(of: Void.self) { group in
            for delivery in due {
                group.addTask { await self.attempt(delivery, outbox: outbox, ledger: ledger, logger: logger) }
            }
        }
        return due.count
    }

    private func attempt(_ delivery: AlertDelivery, outbox: any AlertOutbox, ledger: Ledger, logger: Logger) async {
        let attempts = delivery.attempts + 1
        let problem: String?
        let sinkName: String
        if delivery.sink == AlertSink.ledgerKey {
            sinkName = "ledger"
            problem = await appendToLedger(delivery, ledger: ledger)
        } else if let sink = sinks.first(where: { $0.key == delivery.sink }) {
            sinkName = sink.format.rawValue
            problem = await post(delivery.alert, to: sink)
        } else {
            sinkName = "removed"
            problem = "the sink is no longer configured"
        }
        let now = Date()
        let status: AlertDeliveryStatus
        var next = now
        if problem == nil {
            status = .delivered
        } else if attempts >= maxAttempts || sinkName == "removed" {
            status = .dead
        } else {
            status = .pending
            next = now.addingTimeInterval(Self.seconds(delay(before: attempts + 1)))
        }
        ServerMetrics.alertDelivery(sink: sinkName, result: status == .delivered ? "delivered" : status == .dead ? "dead" : "retry")
        if let problem {
            logger.warning(status == .dead ? "alert delivery dead-lettered" : "alert delivery failed; retrying",
                           metadata: ["sink": "\(Self.label(of: delivery.sink))", "kind": "\(delivery.kind)", "attempts": "\(attempts)",
                                      "problem": "\(problem)"])
        }
        do {
            try await outbox.record(id: delivery.id, status: status, attempts: attempts, nextAttempt: next, problem: problem, at: now)
        } catch {
            logger.error("the alert outbox cannot be updated", metadata: ["reason": "\(ErrorText.describe(error))"])
        }
        if status == .dead, delivery.sink != AlertSink.ledgerKey {
            let note = JSONValue.object([
                "schemaVersion": .string("tollgate.dev/alert-dead-letter/v1"), "kind": .string(delivery.kind),
                "subject": .string(delivery.subject), "sink": .string(Self.label(of: delivery.sink)),
                "attempts": .number(Double(attempts)), "problem": .string(problem ?? ""),
            ])
            _ = try? await ledger.append(kind: .note, actor: "tollgate-server:alerts", payload: Data(note.encodedBytes()))
        }
    }

    /// Appends the alert to the ledger (the fallback sink); nil on success, else the problem.
    private func appendToLedger(_ delivery: AlertDelivery, ledger: Ledger) async -> String? {
        do {
            _ = try await ledger.append(kind: .note, actor: "tollgate-server:alerts", payload: delivery.alert)
            return nil
        } catch {
            return "the ledger refused it: \(ErrorText.describe(error))"
        }
    }

    /// One POST of `alert` to `sink`, bounded by `attemptTimeout` however the receiver behaves (a
    /// receiver that accepts and never answers is cut off); nil on a 2xx answer, else the problem.
    private func post(_ alert: Data, to sink: AlertSink) async -> String? {
        let body: [UInt8]
        do {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            body = try sink.body(try decoder.decode(Alert.self, from: alert))
        } catch {
            return "the stored alert does not decode"
        }
        let client = self.client, timeout = attemptTimeout, url = sink.url
        let seconds = Self.seconds(timeout)
        return await withTaskGroup(of: String?.self) { group in
            group.addTask {
                var request = HTTPClientRequest(url: url)
                request.method = .POST
                request.headers.add(name: "Content-Type", value: "application/json")
                request.headers.add(name: "User-Agent", value: "tollgate-server")
                request.body = .bytes(ByteBuffer(bytes: body))
                do {
                    let response = try await client.execute(request, timeout: .nanoseconds(Int64(seconds * 1e9)))
                    _ = try? await response.body.collect(upTo: 64 * 1024)
                    return (200..<300).contains(response.status.code) ? nil : "HTTP \(response.status.code)"
                } catch let error as HTTPClientError {
                    return "\(error)"
                } catch {
                    return "\(type(of: error))"
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return "no answer within \(seconds) s"
            }
            let first = await group.next() ?? "not attempted"
            group.cancelAll()
            return first
        }
    }

    /// Full jitter: a random wait up to the exponential bound of this attempt.
    func delay(before attempt: Int) -> Duration {
        let bound = min(maxDelay, baseDelay * (1 << min(max(0, attempt - 2), 20)))
        let nanoseconds = bound.components.seconds * 1_000_000_000 + bound.components.attoseconds / 1_000_000_000
        return .nanoseconds(Int64.random(in: 0...max(0, nanoseconds)))
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// A sink key without its URL hash, as logs and the ledger show it.
    static func label(of key: String) -> String {
        String(key.prefix { $0 != "#" })
    }
}

extension AlertDispatcher {
    /// Raises `alert` in the background: the request that caused it does not wait for the outbox.
    static func raise(_ alert: Alert, state: LoadedState, server: ServerState, logger: Logger) {
        Task {
            do {
                if try await server.alerts.raise(alert, outbox: state.stores.alerts) {
                    await server.alerts.deliverDue(outbox: state.stores.alerts, ledger: state.ledger, logger: logger)
                }
            } catch {
                logger.error("the alert could not be stored", metadata: ["kind": "\(alert.kind)", "reason": "\(ErrorText.describe(error))"])
            }
        }
    }

    /// A `decision.denied` alert for a recorded denial.
    static func denied(_ decision: Decision, state: LoadedState, server: ServerState, logger: Logger) {
        let failed = decision.rules.filter { $0.result == .fail }
        let alert = Alert(kind: "decision.denied", subject: decision.artifact.digest.description,
                          summary: "\(decision.artifact.name ?? decision.artifact.digest.description) denied by policy \(decision.policy)",
                          details: Dictionary(failed.map { ($0.rule.rawValue, $0.reason) }, uniquingKeysWith: { first, _ in first }))
        raise(alert, state: state, server: server, logger: logger)
    }
}
