import Foundation
import Testing
import TollgateModel
@testable import TollgateServer

@Suite("Metrics and logs", .serialized)
struct MetricsTests {
    /// Parses Prometheus text with `prometheus_client`'s parser (PyPI prometheus-client, installed by
    /// scripts/test.sh) and returns `[family: (type, [(sample name, labels, value)])]` as JSON.
    static let parser = """
        import json, sys
        from prometheus_client.parser import text_string_to_metric_families
        out = {}
        for family in text_string_to_metric_families(sys.stdin.read()):
            out[family.name] = {"type": family.type, "samples": [{"name": s.name, "labels": s.labels, "value": s.value} for s in family.samples]}
        print(json.dumps(out))
        """

    static func parse(_ text: String) throws -> JSONValue {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", parser]
        let input = Pipe(), output = Pipe(), error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let problem = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ServerError(.internal, "the Prometheus parser refused /metrics (or python3 -m pip install prometheus-client is missing): \(problem)")
        }
        return try JSONValue.parse(Array(data))
    }

    static func number(_ value: JSONValue?) -> Double? {
        value?.doubleValue ?? value?.intValue.map(Double.init)
    }

    static func samples(_ families: JSONValue, _ family: String) -> [JSONValue] {
        families[family]?["samples"]?.arrayValue ?? []
    }

    @Test("/metrics is Prometheus text a real parser reads: latency per route, decisions, failures, ledger, advisories, exceptions")
    func metricsParse() async throws {
        let fixture = try await DashboardFixture.start()
        _ = try await fixture.page("/dashboard", role: .reader)
        _ = try await fixture.page("/dashboard/artifacts/\(fixture.digest)", role: .reader)
        ServerMetrics.admissionDecision("allow")
        ServerMetrics.admissionDecision("deny")
        let reply = try await fixture.server.request(.GET, "/metrics")
        #expect(reply.status == 200)
        #expect(reply.headers["Content-Type"].first?.hasPrefix("text/plain; version=0.0.4") == true)
        let families = try Self.parse(reply.text)

        #expect(families["http_server_request_duration"]?["type"]?.stringValue == "histogram")
        let latency = Self.samples(families, "http_server_request_duration")
        let routes = Set(latency.compactMap { $0["labels"]?["http_route"]?.stringValue })
        #expect(routes.contains("/dashboard"), "\(routes.sorted())")
        #expect(routes.contains { $0.hasPrefix("/dashboard/artifacts/") }, "\(routes.sorted())")
        #expect(routes.contains { $0.hasPrefix("/v1/decisions") }, "\(routes.sorted())")
        #expect(latency.contains { $0["name"]?.stringValue == "http_server_request_duration_bucket" && $0["labels"]?["le"] != nil })

        let admissions = Self.samples(families, "tollgate_admission_decisions")
        #expect(admissions.contains { $0["labels"]?["result"]?.stringValue == "deny" && (Self.number($0["value"]) ?? 0) >= 1 })
        // The fixture's decision failed its signature rule (`artifact.signature`).
        let failures = Self.samples(families, "tollgate_verification_failures")
        #expect(failures.contains { $0["labels"]?["reason"]?.stringValue == "artifact.signature" && (Self.number($0["value"]) ?? 0) >= 1 },
                "\(failures)")

        let size = Self.number(Self.samples(families, "tollgate_ledger_size_entries").first?["value"]) ?? 0
        #expect(size >= 5)
        #expect((Self.number(Self.samples(families, "tollgate_ledger_checkpoint_age_seconds").first?["value"]) ?? -1) >= 0)
        #expect(Self.number(Self.samples(families, "tollgate_advisory_database_age_seconds").first?["value"]) == -1)
        #expect(Self.number(Self.samples(families, "tollgate_exceptions_expiring_14d").first?["value"]) == 1)
        try await fixture.server.stop()
    }

    @Test("the server process logs JSON lines with a request id, and never a token, session or key")
    func logsHoldNoSecrets() async throws {
        let (directory, location) = try await TestServer.initialize()
        defer { try? FileManager.default.removeItem(at: directory) }
        let token = try await ServerProcessTests.publisherToken(location)
        let process = try await ServerProcess.start(["--data", location.directory.path], logLevel: "info")
        let base = process.base
        _ = try await TestServer.send(base: base, .GET, "/v1/whoami", bearer: token)
        _ = try await TestServer.send(base: base, .GET, "/v1/whoami", bearer: "tg_not-a-real-token-000000000000")
        let form = try await DashboardFixture.send(base, .GET, "/dashboard/signin")
        let csrf = try #require(form.csrf)
        let signedIn = try await DashboardFixture.send(base, .POST, "/dashboard/signin", cookies: [DashboardSessions.signInCookie: csrf],
                                                       form: "token=\(token)&csrf=\(csrf)")
        #expect(signedIn.status == 303)
        let session = try #require(signedIn.cookieValue(DashboardSessions.cookie))
        _ = try await DashboardFixture.send(base, .GET, "/dashboard", cookies: [DashboardSessions.cookie: session])
        process.signal(SIGTERM)
        #expect(await process.wait() == 0)

        let log = process.logText
        let lines = log.split(separator: "\n")
        #expect(lines.count >= 4, "\(log)")
        for line in lines {
            let object = try JSONValue.parse(Array(line.utf8))
            #expect(object["level"]?.stringValue != nil && object["message"]?.stringValue != nil, "\(line)")
        }
        #expect(lines.contains { $0.contains("/v1/whoami") && $0.contains("\"requestId\"") }, "\(log)")
        // The ledger's private key: PRIVATE+KEY+ORIGIN+ID+KEY; its key material is everything after the
        // fourth '+' (base64 has '+' of its own: splitting on every '+' could leave a fragment of two
        // characters, which a log may contain by chance).
        let ledgerKey = try String(contentsOfFile: location.keyPath, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let secretKeyLine = ledgerKey.split(separator: "+", maxSplits: 4).last.map(String.init) ?? ledgerKey
        for secret in [token, String(token.dropFirst(3)), "tg_not-a-real-token", session, csrf, secretKeyLine] where !secret.isEmpty {
            #expect(!log.contains(secret), "the log contains a secret: \(secret.prefix(6))…")
        }
    }
}
