import Foundation
import Hummingbird
import Logging
import Synchronization
import ServiceLifecycle

/// A webhook receiver on loopback for the alert tests: it answers 500 to its first `failures`
/// POSTs and 204 afterwards, and keeps every body it received.
final class AlertReceiver: Sendable {
    let port: Int
    private let group: ServiceGroup
    private let task: Task<Void, any Error>
    private let shared: Shared

    var url: String { "http://127.0.0.1:\(port)/hooks/T000/B000/secret-path-token" }
    /// Every POST body received, accepted or not.
    var bodies: [String] { shared.state.withLock { $0.bodies } }

    private init(port: Int, group: ServiceGroup, task: Task<Void, any Error>, shared: Shared) {
        self.port = port
        self.group = group
        self.task = task
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
        var logger = Logger(label: "tollgate.test.alerts")
        logger.logLevel = .error
        let bound = AsyncStream<Int>.makeStream()
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)),
                              onServerRunning: { channel in
                                  bound.continuation.yield(channel.localAddress?.port ?? 0)
                                  bound.continuation.finish()
                              }, logger: logger)
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        let task = Task { try await group.run() }
        var ports = bound.stream.makeAsyncIterator()
        guard let bound = await ports.next() else { throw CancellationError() }
        return AlertReceiver(port: bound, group: group, task: task, shared: shared)
    }

    func stop() async throws {
        await group.triggerGracefulShutdown()
        try await task.value
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
