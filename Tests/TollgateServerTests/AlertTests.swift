import Foundation
import Logging
import Testing
import TollgateData
import TollgateLedger
import TollgateModel
import TollgateStore
@testable import TollgateServer

/// Alert delivery through the durable outbox, against real receivers on loopback: one that fails
/// and recovers, one that accepts connections and never answers, one that is down at first; and a
/// restart between raising and delivering; on SQLite and PostgreSQL (`postgres: true`). Every wait
/// has a deadline, and the suite a time limit.
@Suite("Alerts", .serialized, .timeLimit(.minutes(10)))
struct AlertTests {
    /// The stores and ledger of a fresh data directory.
    static func stores(postgres: Bool) async throws -> (URL, DataLocation, DataStores, Ledger) {
        let (directory, location) = try await TestServer.initialize(postgres: postgres)
        let (stores, ledger) = try await open(location)
        return (directory, location, stores, ledger)
    }

    static func open(_ location: DataLocation) async throws -> (DataStores, Ledger) {
        let config = try location.loadConfig()
        let stores = try location.openStores(config)
        try await stores.prepare()
        return (stores, try await Ledger.open(store: stores.ledger, signer: try location.signer(for: config)))
    }

    static func alert(_ subject: String = "sha256:" + String(repeating: "ab", count: 32)) -> Alert {
        Alert(kind: "decision.denied", subject: subject, summary: "app denied by policy release", details: ["signature": "no signature"])
    }

    /// Runs delivery passes until `done` holds or `seconds` pass; returns whether it held.
    static func deliver(_ dispatcher: AlertDispatcher, _ stores: DataStores, _ ledger: Ledger, logger: Logger = Logger(label: "test"),
                        within seconds: Double = 120, until done: () async throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            await dispatcher.deliverDue(outbox: stores.alerts, ledger: ledger, logger: logger)
            if try await done() { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    /// The ledger's `note` payloads, as text.
    static func notes(_ ledger: Ledger) async throws -> [String] {
        var out: [String] = []
        for index in 0..<(try await ledger.size()) {
            let entry = try await ledger.entry(at: index)
            if entry.kind == .note { out.append(String(decoding: entry.payload ?? Data(), as: UTF8.self)) }
        }
        return out
    }

    @Test("backoff is exponential with full jitter, capped")
    func backoff() async {
        let dispatcher = AlertDispatcher(sinks: [], baseDelay: .milliseconds(100), maxDelay: .milliseconds(350))
        var seen: Set<Duration> = []
        for _ in 0..<50 {
            let second = await dispatcher.delay(before: 2), third = await dispatcher.delay(before: 3), sixth = await dispatcher.delay(before: 6)
            #expect(second <= .milliseconds(100) && third <= .milliseconds(200) && sixth <= .milliseconds(350))
            seen.insert(sixth)
        }
        #expect(seen.count > 10, "no jitter")
    }

    @Test("a receiver that answers 500 twice gets the alert on the third attempt; duplicates are dropped; the ledger keeps the alert", arguments: [false, true])
    func failingThenRecovering(postgres: Bool) async throws {
        let (directory, _, stores, ledger) = try await Self.stores(postgres: postgres)
        defer { try? FileManager.default.removeItem(at: directory) }
        let receiver = try await AlertReceiver.start(failures: 2)
        let sink = AlertSink(format: .webhook, url: receiver.url)
        let dispatcher = AlertDispatcher(sinks: [sink], maxAttempts: 5, baseDelay: .milliseconds(20), attemptTimeout: .seconds(2))
        #expect(try await dispatcher.raise(Self.alert(), outbox: stores.alerts))
        #expect(try await !dispatcher.raise(Self.alert(), outbox: stores.alerts), "a second alert of the same kind and subject within the hour")
        #expect(try await dispatcher.raise(Self.alert("sha256:" + String(repeating: "cd", count: 32)), outbox: stores.alerts),
                "another subject is another alert")
        let delivered = try await Self.deliver(dispatcher, stores, ledger) {
            try await stores.alerts.counts()[.delivered] == 4
        }
        try await receiver.stop()
        let counted = try await stores.alerts.counts()
        #expect(delivered, "\(counted)")
        // Two 500s, then each of the two alerts once.
        #expect(receiver.bodies.count == 4, "\(receiver.bodies)")
        let received = try receiver.bodies.map { try JSONValue.parse(Array($0.utf8)) }
        #expect(received.allSatisfy { $0["schemaVersion"]?.stringValue == Alert.schemaVersion && $0["kind"]?.stringValue == "decision.denied" })
        let webhook = try await stores.alerts.deliveries(status: .delivered, limit: 10).filter { $0.sink == sink.key }
        #expect(webhook.map(\.attempts).sorted() == [1, 3] || webhook.map(\.attempts).sorted() == [2, 2] || webhook.map(\.attempts).sorted() == [1, 2],
                "\(webhook.map(\.attempts))")
        #expect(webhook.map(\.attempts).reduce(0, +) == 4)
        let counts = try await stores.alerts.counts()
        #expect(counts[.pending] == nil && counts[.dead] == nil)
        // The ledger fallback holds both alerts; the sink's key names its host, never its path.
        let notes = try await Self.notes(ledger)
        #expect(notes.filter { $0.contains(Alert.schemaVersion) && $0.contains("decision.denied") }.count == 2, "\(notes)")
        #expect(!sink.key.contains("secret-path-token") && sink.key.hasPrefix("webhook:127.0.0.1#"))
    }

    @Test("a receiver that accepts the connection and never answers is cut off by the attempt timeout, then dead-lettered; no secret is logged", arguments: [false, true])
    func silentReceiverIsDeadLettered(postgres: Bool) async throws {
        let (directory, _, stores, ledger) = try await Self.stores(postgres: postgres)
        defer { try? FileManager.default.removeItem(at: directory) }
        let listener = try SilentListener()
        defer { listener.close() }
        let secret = "https://127.0.0.1:\(listener.port)/services/T000/B000/xoxb-silent-secret"
        let slack = AlertSink(format: .slack, url: "http://127.0.0.1:\(listener.port)/services/T000/B000/xoxb-silent-secret")
        let dispatcher = AlertDispatcher(sinks: [slack], maxAttempts: 3, baseDelay: .milliseconds(10), attemptTimeout: .milliseconds(300))
        let log = CapturedLog()
        #expect(try await dispatcher.raise(Self.alert(), outbox: stores.alerts))
        let started = Date()
        var slowest = 0.0
        let dead = try await Self.deliver(dispatcher, stores, ledger, logger: log.logger) {
            slowest = max(slowest, Date().timeIntervalSince(started))
            return try await stores.alerts.counts()[.dead] == 1
        }
        let counted = try await stores.alerts.counts()
        #expect(dead, "\(counted)")
        // Three attempts of 0.3 s each and short backoffs: far below what a hang would take.
        #expect(Date().timeIntervalSince(started) < 8)
        let letter = try #require(try await stores.alerts.deliveries(status: .dead, limit: 5).first)
        #expect(letter.attempts == 3 && letter.sink == slack.key)
        #expect(letter.problem?.contains("no answer within 0.3 s") == true || letter.problem?.contains("deadline") == true, "\(letter.problem ?? "")")
        // The ledger fallback was delivered; the dead letter is noted in the ledger.
        #expect(try await stores.alerts.counts()[.delivered] == 1)
        let notes = try await Self.notes(ledger)
        #expect(notes.contains { $0.contains("tollgate.dev/alert-dead-letter/v1") && $0.contains("slack:127.0.0.1") })
        // Nothing the outbox, ledger or logs hold names the webhook's path.
        let logged = log.all
        #expect(logged.contains("dead-lettered"), "\(logged)")
        for text in [logged, notes.joined(), letter.sink, letter.problem ?? ""] {
            #expect(!text.contains("xoxb-silent-secret") && !text.contains(secret))
        }
    }

    @Test("a receiver that is down at first gets the alert when it comes up, after a restart of the dispatcher and stores", arguments: [false, true])
    func downReceiverAndRestart(postgres: Bool) async throws {
        let (directory, location, stores, ledger) = try await Self.stores(postgres: postgres)
        defer { try? FileManager.default.removeItem(at: directory) }
        let port = try SilentListener.freePort()
        let sink = AlertSink(format: .webhook, url: "http://127.0.0.1:\(port)/hooks/down-at-first")
        let first = AlertDispatcher(sinks: [sink], maxAttempts: 10, baseDelay: .milliseconds(50), attemptTimeout: .seconds(2))
        #expect(try await first.raise(Self.alert(), outbox: stores.alerts))
        // One pass: the ledger takes it, the webhook's connection is refused.
        #expect(try await Self.deliver(first, stores, ledger) {
            let pending = try await stores.alerts.deliveries(status: .pending, limit: 5)
            return pending.first?.attempts ?? 0 >= 1
        })
        let pending = try #require(try await stores.alerts.deliveries(status: .pending, limit: 5).first)
        #expect(pending.sink == sink.key && pending.problem != nil)

        // A restart: new stores on the same data directory, a new dispatcher with the same sinks.
        let (reopened, reopenedLedger) = try await Self.open(location)
        let receiver = try await AlertReceiver.start(port: port)
        let second = AlertDispatcher(sinks: [sink], maxAttempts: 10, baseDelay: .milliseconds(50), attemptTimeout: .seconds(2))
        let delivered = try await Self.deliver(second, reopened, reopenedLedger) {
            try await reopened.alerts.counts()[.delivered] == 2
        }
        try await receiver.stop()
        let counted = try await reopened.alerts.counts()
        #expect(delivered, "\(counted)")
        #expect(receiver.bodies.count == 1)
        #expect(receiver.bodies.first?.contains("decision.denied") == true)
    }

    @Test("a denial recorded by the server alerts the webhook; a dead letter shows on the dashboard and in /metrics")
    func serverDenialAlerts() async throws {
        let receiver = try await AlertReceiver.start(failures: 1)
        let listener = try SilentListener()
        defer { listener.close() }
        let server = try await TestServer.start { configuration in
            configuration.alertSinks = [AlertSink(format: .webhook, url: receiver.url),
                                        AlertSink(format: .slack, url: "http://127.0.0.1:\(listener.port)/services/xoxb-dead-secret")]
            configuration.alertAttempts = 2
            configuration.alertAttemptTimeout = .milliseconds(300)
            configuration.alertBaseDelay = .milliseconds(10)
            configuration.alertPollInterval = .milliseconds(50)
        }
        let policy = TestServer.policyYAML.replacingOccurrences(of: "required: false", with: "required: true")
        #expect(try await server.request(.PUT, "/v1/policies/release", role: .admin, body: Array(policy.utf8),
                                         contentType: "application/yaml").status == 201)
        let digest = TestServer.digest("denied-app")
        try await server.register(digest)
        let decision = try await server.json(.POST, "/v1/decisions", role: .publisher, #"{"digest":"\#(digest)","policy":"release"}"#)
        #expect(decision.json["decision"]?.stringValue == "deny", "\(decision.text)")
        let deadline = Date().addingTimeInterval(120)
        var overview = ""
        while Date() < deadline {
            overview = try await server.request(.GET, "/dashboard", role: .reader).text
            if receiver.bodies.count >= 2, overview.contains("Dead-lettered alert deliveries") { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        try await receiver.stop()
        #expect(receiver.bodies.count == 2, "one 500, then delivered")
        #expect(receiver.bodies.last?.contains(digest.description) == true)
        #expect(overview.contains("Dead-lettered alert deliveries") && overview.contains("slack:127.0.0.1"), "\(overview)")
        #expect(!overview.contains("xoxb-dead-secret"))
        let metrics = try await server.request(.GET, "/metrics").text
        #expect(metrics.contains(#"tollgate_alert_outbox_deliveries{status="dead"} 1"#), "\(metrics)")
        #expect(!metrics.contains("xoxb-dead-secret"))
        try await server.stop()
    }
}
