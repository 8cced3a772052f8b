import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import TollgateSigstoreTesting

/// A test Sigstore deployment's Fulcio and Rekor on loopback HTTP (Hummingbird), answering from
/// ``TestSigstoreServices``: `POST /api/v2/signingCert` and `POST /api/v1/log/entries`, both on one
/// port, so `--fulcio-url` and `--rekor-url` both name ``url``; and the GitHub Actions ID-token
/// endpoint (`GET /actions-token?audience=AUD` with `Authorization: Bearer` ``actionsRequestToken``),
/// answering `{"value": actionsToken}` for the audience `sigstore` only.
final class SigstoreLoopbackServer: Sendable {
    let url: String
    let services: TestSigstoreServices
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    private init(url: String, services: TestSigstoreServices, group: ServiceGroup, task: Task<Void, any Error>) {
        self.url = url
        self.services = services
        self.group = group
        self.task = task
    }

    static let actionsRequestToken = "actions-request-token"

    static func start(services: TestSigstoreServices, actionsToken: String = "") async throws -> SigstoreLoopbackServer {
        let router = Router()
        router.get("/actions-token") { request, _ -> Response in
            guard request.headers[.authorization] == "Bearer \(actionsRequestToken)" else { return Response(status: .unauthorized) }
            guard request.uri.queryParameters.get("audience") == "sigstore" else { return Response(status: .badRequest) }
            return Response(status: .ok, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(string: #"{"count":1,"value":"\#(actionsToken)"}"#)))
        }
        router.post("/api/v2/signingCert") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            return Self.respond(await services.signingCertificate(Array(buffer: body), authorization: request.headers[.authorization]))
        }
        router.post("/api/v1/log/entries") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            return Self.respond(await services.createEntry(Array(buffer: body)))
        }
        var logger = Logger(label: "tollgate.test.sigstore")
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
        return SigstoreLoopbackServer(url: "http://127.0.0.1:\(port)", services: services, group: group, task: task)
    }

    static func respond(_ answer: TestSigstoreServices.Answer) -> Response {
        Response(status: HTTPResponse.Status(code: answer.status), headers: [.contentType: "application/json"],
                 body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    func stop() async throws {
        await group.triggerGracefulShutdown()
        try await task.value
    }
}
