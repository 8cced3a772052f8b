import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Hummingbird
import Synchronization
import Testing
import TollgateModel
@testable import TollgateServer

@Suite("Limits, errors and headers", .serialized)
struct LimitsTests {
    @Test("bad input is a JSON error with the right status, never a 500")
    func badInputStatuses() async throws {
        let server = try await TestServer.start { $0.limits.maxBodyBytes = 64 * 1024 }
        let cases: [(String, HTTPMethod, String, String?, [UInt8]?, Int, String)] = [
            ("not JSON", .POST, "/v1/artifacts", "application/json", Array("{nope".utf8), 400, "server.bad-request"),
            ("too deep", .POST, "/v1/artifacts", "application/json", Array((String(repeating: "[", count: 100) + String(repeating: "]", count: 100)).utf8), 400, "server.bad-request"),
            ("unknown field", .POST, "/v1/artifacts", "application/json", Array(#"{"digest":"sha256:00","colour":1}"#.utf8), 400, "server.bad-request"),
            ("bad digest", .POST, "/v1/artifacts", "application/json", Array(#"{"digest":"md5:00"}"#.utf8), 400, "server.bad-request"),
            ("wrong type", .POST, "/v1/artifacts", "application/json", Array(#"{"digest":7}"#.utf8), 400, "server.bad-request"),
            ("wrong media type", .POST, "/v1/artifacts", "text/html", Array("<p>".utf8), 415, "server.unsupported-media-type"),
            ("too large", .POST, "/v1/artifacts", "application/json", Array(repeating: UInt8(ascii: " "), count: 100 * 1024), 413, "server.too-large"),
            ("no such route", .GET, "/v1/nothing", nil, nil, 404, "server.not-found"),
            ("wrong method", .DELETE, "/v1/artifacts", nil, nil, 405, "server.method-not-allowed"),
            ("bad path digest", .GET, "/v1/artifacts/sha256:zz", nil, nil, 400, "server.bad-request"),
            ("bad query", .GET, "/v1/artifacts?limit=-4", nil, nil, 400, "server.bad-request"),
            ("bad tile", .GET, "/v1/ledger/tile/0/1", nil, nil, 404, "server.not-found"),
            ("missing kind", .POST, "/v1/artifacts/\(TestServer.digest("a"))/evidence", "application/json", Array("{}".utf8), 400, "server.bad-request"),
            ("unknown entry", .GET, "/v1/ledger/entries/999999", nil, nil, 404, "server.not-found"),
            ("bad token", .GET, "/v1/whoami", nil, nil, 401, "server.unauthenticated"),
        ]
        for (name, method, path, contentType, body, status, code) in cases {
            let reply = try await server.request(method, path, role: name == "bad token" ? nil : .admin,
                                                 bearer: name == "bad token" ? "tg_0000000000000000_" + String(repeating: "A", count: 43) : nil,
                                                 body: body, contentType: contentType)
            #expect(reply.status == status, "\(name): \(reply.status) \(reply.text)")
            #expect(reply.code == code, "\(name): \(reply.text)")
            #expect(reply.json["message"]?.stringValue?.isEmpty == false, "\(name)")
            #expect(reply.headers.first(name: "content-type") == "application/json", "\(name)")
            #expect(!reply.text.contains("Swift") && !reply.text.contains("Error("), "\(name): \(reply.text)")
        }
        try await server.stop()
    }

    @Test("every response carries the security headers and no CORS header unless configured")
    func securityHeaders() async throws {
        let server = try await TestServer.start()
        for path in ["/healthz", "/v1/artifacts", "/v1/nothing", "/v1/ledger/checkpoint"] {
            var request = try await server.request(.GET, path, role: .reader)
            #expect(request.headers.first(name: "x-content-type-options") == "nosniff", "\(path)")
            #expect(request.headers.first(name: "x-frame-options") == "DENY", "\(path)")
            #expect(request.headers.first(name: "content-security-policy")?.contains("default-src 'none'") == true, "\(path)")
            #expect(request.headers.first(name: "cache-control") != nil, "\(path)")
            request = try await TestServer.send(base: server.base, .OPTIONS, path)
            #expect(request.headers.first(name: "access-control-allow-origin") == nil, "\(path)")
        }
        let tile = try await server.request(.GET, "/v1/ledger/tile/0/000.p/1")
        #expect(tile.headers.first(name: "cache-control") == "public, max-age=31536000, immutable")
        try await server.stop()
    }

    @Test("a principal over its rate gets 429 with Retry-After; another principal is not affected")
    func rateLimit() async throws {
        let server = try await TestServer.start { $0.limits.requestsPerSecond = 0.01; $0.limits.burst = 5 }
        var statuses: [Int] = []
        for _ in 0..<8 { statuses.append(try await server.request(.GET, "/v1/whoami", role: .reader).status) }
        #expect(statuses.prefix(5).allSatisfy { $0 == 200 }, "\(statuses)")
        #expect(statuses.suffix(3).allSatisfy { $0 == 429 }, "\(statuses)")
        let limited = try await server.request(.GET, "/v1/whoami", role: .reader)
        #expect(limited.code == "server.rate-limited")
        #expect(limited.headers.first(name: "retry-after") != nil)
        #expect(try await server.request(.GET, "/v1/whoami", role: .auditor).status == 200)
        try await server.stop()
    }

    @Test("a request over the time limit is answered 503: a body trickled slower than the limit is cut off")
    func requestTimeout() async throws {
        let server = try await TestServer.start { $0.limits.requestTimeout = .milliseconds(300) }
        var request = HTTPClientRequest(url: server.base + "/v1/artifacts")
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(server.tokens[.publisher]!)")
        request.headers.add(name: "Content-Type", value: "application/json")
        let chunks = AsyncStream<ByteBuffer> { continuation in
            Task {
                continuation.yield(ByteBuffer(string: "{\"digest\":"))
                try? await Task.sleep(for: .seconds(2))
                continuation.yield(ByteBuffer(string: "\"\(TestServer.digest("slow"))\"}"))
                continuation.finish()
            }
        }
        request.body = .stream(chunks, length: .unknown)
        let started = ContinuousClock.now
        let response = try await TestServer.client.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 20)
        #expect(response.status.code == 503, "\(String(buffer: body))")
        #expect(String(buffer: body).contains("server.unavailable"))
        #expect(ContinuousClock.now - started < .seconds(2))
        try await server.stop()
    }

    @Test("the time limit answers on time even when the work does not notice its cancellation (an incident over a huge inventory)")
    func requestTimeoutDoesNotWaitForTheWork() async throws {
        let finished = Mutex(false)
        let started = ContinuousClock.now
        await #expect(throws: ServerError.self) {
            _ = try await RouteDispatcher.withTimeout(.milliseconds(200)) {
                // Work that never checks for cancellation: a continuation resumed by a timer 3 s later.
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    DispatchQueue.global().asyncAfter(deadline: .now() + 3) { continuation.resume() }
                }
                finished.withLock { $0 = true }
                return Response(status: .ok)
            }
        }
        let waited = ContinuousClock.now - started
        #expect(waited < .seconds(2), "answered after \(waited): the limit waited for the work")
        #expect(finished.withLock { $0 } == false)
        // A quick answer is passed through.
        let quick = try await RouteDispatcher.withTimeout(.seconds(5)) { Response(status: .noContent) }
        #expect(quick.status == .noContent)
    }
}
