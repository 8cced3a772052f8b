import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// A Hummingbird application on 127.0.0.1 for a test's fake endpoint (an ID-token endpoint, an
/// alert receiver): started in its own service group, stopped by `stop()`.
struct LoopbackApp: Sendable {
    let port: Int
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    /// Serves `router` on `port` (0: any free port) and returns once it listens.
    static func start(_ router: Router<BasicRequestContext>, port: Int = 0, label: String) async throws -> LoopbackApp {
        var logger = Logger(label: label)
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
        guard let listening = await ports.next() else { throw CancellationError() }
        return LoopbackApp(port: listening, group: group, task: task)
    }

    func stop() async throws {
        await group.triggerGracefulShutdown()
        try await task.value
    }
}
