import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// The GitHub Actions ID-token endpoint as a job sees it (`$ACTIONS_ID_TOKEN_REQUEST_URL`), on
/// loopback: `GET ?audience=AUD` with `Authorization: Bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN`
/// answers `{"count": 1, "value": TOKEN}` for the one audience it was given, 401 or 400 otherwise.
final class ActionsTokenEndpoint: Sendable {
    let url: String
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    private init(url: String, group: ServiceGroup, task: Task<Void, any Error>) {
        self.url = url
        self.group = group
        self.task = task
    }

    static func start(requestToken: String, audience: String, token: String) async throws -> ActionsTokenEndpoint {
        let router = Router()
        router.get("/_apis/distributedtask/token") { request, _ -> Response in
            guard request.headers[.authorization] == "Bearer \(requestToken)" else { return Response(status: .unauthorized) }
            guard request.uri.queryParameters.get("audience") == audience else {
                return Response(status: .badRequest, body: .init(byteBuffer: ByteBuffer(string: #"{"message":"wrong audience"}"#)))
            }
            return Response(status: .ok, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(string: #"{"count":1,"value":"\#(token)"}"#)))
        }
        var logger = Logger(label: "tollgate.test.actions")
        logger.logLevel = .error
        let bound = AsyncStream<Int>.makeStream()
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in
                                  bound.continuation.yield(channel.localAddress?.port ?? 0)
                                  bound.continuation.finish()
                              }, logger: logger)
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        let task = Task { try await group.run() }
        var ports = bound.stream.makeAsyncIterator()
        guard let port = await ports.next() else { throw CancellationError() }
        // The real URL carries its own query (api-version); the client adds `audience`.
        return ActionsTokenEndpoint(url: "http://127.0.0.1:\(port)/_apis/distributedtask/token?api-version=2.0",
                                    group: group, task: task)
    }

    func stop() async throws {
        await group.triggerGracefulShutdown()
        try await task.value
    }
}
