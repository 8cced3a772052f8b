import Foundation
import Hummingbird
import Synchronization

/// A webhook receiver on loopback for the alert tests: it answers 500 to its first `failures`
/// POSTs and 204 afterwards, and keeps every body it received.
final class AlertReceiver: Sendable {
    private let app: LoopbackApp
    private let shared: Shared
    var port: Int { app.port }

    var url: String { "http://127.0.0.1:\(port)/hooks/T000/B000/secret-path-token" }
    /// Every POST body received, accepted or not.
    var bodies: [String] { shared.state.withLock { $0.bodies } }

    private init(app: LoopbackApp, shared: Shared) {
        self.app = app
        self.shared = shared
    }

    /// Starts on `port` (0: any free port), failing the first `failures` POSTs with 500.
    static func start(port: Int = 0, failures: Int = 0) async throws -> AlertReceiver {
        let shared = Shared(failures: failures)
        let router = Router()
        router.post("/hooks/**") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            let fail = shared.received(String(buffer: body))
            return Response(status: fail ? .internalServerError : .noContent)
        }
        let app = try await LoopbackApp.start(router, port: port, label: "tollgate.test.alerts")
        return AlertReceiver(app: app, shared: shared)
    }

    func stop() async throws {
        try await app.stop()
    }

    /// The mutable state the route closure shares with the receiver.
    private final class Shared: Sendable {
        let state: Mutex<(failuresLeft: Int, bodies: [String])>
        init(failures: Int) { state = Mutex((failures, [])) }

        /// Records a body; true when this POST must fail.
        func received(_ body: String) -> Bool {
            state.withLock { value in
                value.bodies.append(body)
                guard value.failuresLeft > 0 else { return false }
                value.failuresLeft -= 1
                return true
            }
        }
    }
}
